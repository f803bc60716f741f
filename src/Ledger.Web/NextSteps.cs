using Ledger.Infrastructure.Identity;

namespace Ledger.Web;

/// <summary>A page a role goes to from its home page: built (with its path) or not built yet (a placeholder that says so).</summary>
/// <param name="Slug">The placeholder's address under /not-built-yet/.</param>
/// <param name="Title">The link's text.</param>
/// <param name="Description">What the page does, or will do.</param>
/// <param name="Roles">Who it is for.</param>
/// <param name="BuiltPath">The page's path once built; null while it is a placeholder.</param>
public sealed record NextStep(string Slug, string Title, string Description, IReadOnlyList<string> Roles, string? BuiltPath = null)
{
    /// <summary>Where the link goes.</summary>
    public string Href => BuiltPath ?? $"/not-built-yet/{Slug}";

    /// <summary>Whether the page exists.</summary>
    public bool IsBuilt => BuiltPath is not null;
}

/// <summary>The pages of the web application issue, per role (DOMAIN.md §2), and which of them exist so far.</summary>
internal static class NextSteps
{
    private static readonly string[] Practitioners = [LedgerRoles.LeadProfessional, LedgerRoles.Broker];

    public static IReadOnlyList<NextStep> All { get; } =
    [
        new("balances", "Account balances", "Posted, held and available balances of every account in your area, per funding stream.",
            [LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor], BuiltPath: "/overview"),
        new("jobs", "Jobs dashboard", "The background jobs: hold expiry, month-end payment runs, statements.",
            [LedgerRoles.BudgetHolder, LedgerRoles.Administrator], BuiltPath: Jobs.DashboardPath),
        new("caseload", "Your caseload", "The children and families on your caseload and each one's budget, with what each funding stream may still spend.",
            Practitioners, BuiltPath: "/caseload"),
        new("orders", "Orders", "The purchase orders you can see, newest first, with each one's status and dates.",
            [LedgerRoles.LeadProfessional, LedgerRoles.Broker, LedgerRoles.Provider, LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor], BuiltPath: "/orders"),
        new("child-budget", "A child's budget", "A child's or family's budget with its balance per funding stream: open it from your caseload.", Practitioners, BuiltPath: "/caseload#budgets"),
        new("buy-a-service", "Buy a service", "Search the catalogue, see your delegated limit, and follow the approval of a purchase: choose a budget on your caseload.", Practitioners, BuiltPath: "/caseload#buy"),
        new("confirm-delivery", "Confirm delivery", "Confirm that a service you bought was delivered, on the order's page.", Practitioners, BuiltPath: "/orders#confirm"),
        new("invoices", "Invoices", "Invoice the services you delivered, on each order's page.", [LedgerRoles.Provider], BuiltPath: "/orders#invoice"),
        new("outcome-claims", "Outcome claims", "Claim for outcomes achieved, upload the evidence and follow each claim's status.", [LedgerRoles.Provider], BuiltPath: "/claims"),
        new("remittances", "Remittances", "What each payment run paid you, line by line.", [LedgerRoles.Provider], BuiltPath: "/remittances"),
        new("payment-runs", "Payment runs", "Pay providers what they are owed, and see each run's remittances.", [LedgerRoles.BudgetHolder], BuiltPath: "/payment-runs"),
        new("streams-and-pools", "Funding streams and pools", "Your area's funding streams, pools and partners' contributions.", [LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor], BuiltPath: "/funds"),
        new("allocations", "Allocations", "Budgets allocated from the pools, with the resource-allocation working.", [LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor], BuiltPath: "/allocations"),
        new("approvals", "Approvals", "Purchases above delegated limits waiting for your decision.", [LedgerRoles.BudgetHolder], BuiltPath: "/approvals"),
        new("claims-queue", "Claims and samples", "Outcome claims to validate and approve, and assurance samples.", [LedgerRoles.BudgetHolder], BuiltPath: "/claims/queue"),
        new("statements", "Statements and reports", "Download budget, provider, pool and partner statements and the pilot report.", [LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor], BuiltPath: "/statements"),
        new("claims-to-sign-off", "Claims to sign off", "Outcome claims waiting for internal audit's sign-off, with their evidence.", [LedgerRoles.InternalAuditor],
            BuiltPath: "/claims/sign-off"),
        new("assurance-samples", "Assurance samples", "Draw samples of approved claims and record spot-check findings.", [LedgerRoles.InternalAuditor],
            BuiltPath: "/samples"),
        new("audit-trail", "Audit trail", "Search who changed what and who read a child's personal details.", [LedgerRoles.InternalAuditor, LedgerRoles.BudgetHolder], BuiltPath: "/audit"),
        new("users", "Users and roles", "Add people, give them a role and an area, unlock accounts.", [LedgerRoles.Administrator], BuiltPath: "/admin/users"),
        new("api-tokens", "API tokens", "Create and revoke tokens for providers' systems.", [LedgerRoles.Administrator], BuiltPath: "/admin/tokens"),
    ];

    /// <summary>The steps for <paramref name="role"/>, built ones first.</summary>
    public static IReadOnlyList<NextStep> For(string role) => All.Where(s => s.Roles.Contains(role)).OrderBy(s => s.IsBuilt ? 0 : 1).ToList();

    /// <summary>The placeholder named <paramref name="slug"/>, or null.</summary>
    public static NextStep? Placeholder(string slug) => All.FirstOrDefault(s => !s.IsBuilt && s.Slug == slug);
}
