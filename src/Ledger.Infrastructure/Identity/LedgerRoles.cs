namespace Ledger.Infrastructure.Identity;

/// <summary>
/// The roles of DOMAIN.md §2 that sign in to Ledger, as Identity role names. The Hangfire dashboard
/// and the pages authorise on these exact strings.
/// </summary>
public static class LedgerRoles
{
    /// <summary>Manages users, roles, areas and configuration; never posts ledger entries by hand.</summary>
    public const string Administrator = "Administrator";

    /// <summary>A budget holder or commissioner: streams, pools, allocations, approvals, claims, statements.</summary>
    public const string BudgetHolder = "BudgetHolder";

    /// <summary>A lead professional: holds a caseload and buys services within a delegated limit.</summary>
    public const string LeadProfessional = "LeadProfessional";

    /// <summary>A broker: holds budgets on behalf of people unable to hold them.</summary>
    public const string Broker = "Broker";

    /// <summary>A provider's user: its orders, invoices, outcome claims and remittances.</summary>
    public const string Provider = "Provider";

    /// <summary>An internal auditor: signs off claims, samples and spot-checks, reads evidence.</summary>
    public const string InternalAuditor = "InternalAuditor";

    /// <summary>Every role, in the order pages list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Administrator, BudgetHolder, LeadProfessional, Broker, Provider, InternalAuditor];

    /// <summary>The role's name for people, e.g. "Lead professional".</summary>
    public static string Describe(string role) => role switch
    {
        Administrator => "Administrator",
        BudgetHolder => "Budget holder",
        LeadProfessional => "Lead professional",
        Broker => "Broker",
        Provider => "Provider",
        InternalAuditor => "Internal auditor",
        _ => role,
    };

    /// <summary>Whether the role acts as a practitioner (and so needs a practitioner code).</summary>
    public static bool IsPractitioner(string role) => role is LeadProfessional or Broker or BudgetHolder;
}
