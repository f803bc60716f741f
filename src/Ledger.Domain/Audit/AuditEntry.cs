using NodaTime;

namespace Ledger.Domain.Audit;

/// <summary>What an audit entry records being done to a record.</summary>
public enum AuditAction
{
    /// <summary>A record was created.</summary>
    Added,

    /// <summary>A record was changed.</summary>
    Modified,

    /// <summary>A record was removed.</summary>
    Deleted,

    /// <summary>Someone's personal details were read.</summary>
    Read,

    /// <summary>A request was refused: not signed in, a role that may not, or a record that is not theirs (or not there).</summary>
    Denied,
}

/// <summary>
/// One line of the audit trail: who did what to which record, when, from where. Append-only: nothing
/// changes or removes an entry. It names records (their type and key or reference) and the properties
/// that changed, never their values, so it carries no personal details, password hashes or security stamps.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The longest user name kept.</summary>
    public const int MaxUserName = 256;

    /// <summary>The longest description of the record.</summary>
    public const int MaxWhat = 300;

    /// <summary>The longest detail kept; longer details are cut short.</summary>
    public const int MaxDetail = 1000;

    private AuditEntry()
    {
        UserName = string.Empty;
        Role = string.Empty;
        What = string.Empty;
    }

    /// <summary>The entry's id (time-ordered).</summary>
    public Guid Id { get; private set; }

    /// <summary>When it happened (the recorded instant).</summary>
    public Instant At { get; private set; }

    /// <summary>Who did it: a user name, or <c>system</c>, <c>cli:…</c>, <c>job:…</c> for work nobody signed in for.</summary>
    public string UserName { get; private set; }

    /// <summary>The role they acted in.</summary>
    public string Role { get; private set; }

    /// <summary>The area the record belongs to, when known.</summary>
    public AreaId? Area { get; private set; }

    /// <summary>What was done.</summary>
    public AuditAction Action { get; private set; }

    /// <summary>Which record: its type and its reference, code or key, e.g. "PurchaseOrder PO-WM-0001".</summary>
    public string What { get; private set; }

    /// <summary>The changed properties' names, or the purpose of a read; never values of personal details or secrets.</summary>
    public string? Detail { get; private set; }

    /// <summary>The client's network address, when the change came over HTTP.</summary>
    public string? ClientAddress { get; private set; }

    /// <summary>Records an entry; long texts are cut to their column's size so recording never fails a write.</summary>
    public static AuditEntry Record(Instant at, string userName, string role, AreaId? area, AuditAction action, string what, string? detail, string? clientAddress) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            At = at,
            UserName = Cut(string.IsNullOrWhiteSpace(userName) ? "system" : userName, MaxUserName),
            Role = Cut(role ?? string.Empty, 50),
            Area = area,
            Action = action,
            What = Cut(what ?? string.Empty, MaxWhat),
            Detail = string.IsNullOrEmpty(detail) ? null : Cut(detail, MaxDetail),
            ClientAddress = clientAddress is null ? null : Cut(clientAddress, 64),
        };

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
