namespace Ledger.Infrastructure.Identity;

/// <summary>The claims Ledger adds to a signed-in user's principal, read by pages and authorisation.</summary>
public static class LedgerClaimTypes
{
    /// <summary>The user's area code.</summary>
    public const string Area = "ledger:area";

    /// <summary>The practitioner code the user acts as.</summary>
    public const string Practitioner = "ledger:practitioner";

    /// <summary>The provider code the user acts for.</summary>
    public const string Provider = "ledger:provider";

    /// <summary>The user's display name.</summary>
    public const string DisplayName = "ledger:name";
}
