using Microsoft.AspNetCore.Identity;

namespace Ledger.Infrastructure.Identity;

/// <summary>
/// A person who signs in to Ledger. Besides the Identity account (user name, password hash, lockout)
/// it records what the person may see: their area, and the practitioner or provider they act as.
/// Their role is an Identity role (<see cref="LedgerRoles"/>).
/// </summary>
public sealed class LedgerUser : IdentityUser
{
    /// <summary>The name shown on pages, e.g. "Harriet Quillfeather".</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The code of the area (local authority) the user works in, e.g. "WESTMOOR".</summary>
    public string AreaCode { get; set; } = string.Empty;

    /// <summary>For a lead professional, broker or budget holder: the practitioner code they act as, e.g. "LP-WM-01".</summary>
    public string? PractitionerCode { get; set; }

    /// <summary>For a provider's user: the provider code they act for, e.g. "PRV-YOUNG-MINDS".</summary>
    public string? ProviderCode { get; set; }
}
