using Ledger.Infrastructure.Identity;

namespace Ledger.Web;

/// <summary>A page a role goes to from its home page.</summary>
/// <param name="Slug">A short stable name for the step.</param>
/// <param name="Title">The link's text.</param>
/// <param name="Description">What the page does, or will do.</param>
/// <param name="Roles">Who it is for.</param>
/// <param name="Href">Where the link goes; a path with a #fragment is a step taken on another page (kept out of the menu).</param>
public sealed record NextStep(string Slug, string Title, string Description, IReadOnlyList<string> Roles, string Href)
{
    /// <summary>Whether the step has a page of its own, for the menu.</summary>
    public bool InMenu => !Href.Contains('#', StringComparison.Ordinal);
}

/// <summary>The pages of the web application, per role (DOMAIN.md §2): the home page and the menu list them.</summary>
internal static class NextSteps
{
    private static readonly string[] Practitioners = [LedgerRoles.LeadProfessional, LedgerRoles.Broker];

    public static IReadOnlyList<NextStep> All { get; } =
    [
        new("balances", "Account balances", "Posted, held and available balances of every account in your area, per funding stream.",
            [LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor], Href: "/overview"),
        new("jobs", "Background jobs", "Your area's background jobs: hold expiry, payment runs, statements, the pilot report, year end; when each last ran and how it went.",
            [LedgerRoles.BudgetHolder, LedgerRoles.Administrator], Href: "/background-jobs"),
        new("caseload", "Your caseload", "The children and families on your caseload and each one's budget, with what each funding stream may still spend.",
            Practitioners, Href: "/caseload"),
        new("orders", "Orders", "The purchase orders you can see, newest first, with each one's status and dates.",
            [LedgerRoles.LeadProfessional, LedgerRoles.Broker, LedgerRoles.Provider, LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor], Href: "/orders"),
        new("child-budget", "A child's budget", "A child's or family's budget with its balance per funding stream: open it from your caseload.", Practitioners, Href: "/caseload#budgets"),
        new("buy-a-service", "Buy a service", "Search the catalogue, see your delegated limit, and follow the approval of a purchase: choose a budget on your caseload.", Practitioners, Href: "/caseload#buy"),
        new("confirm-delivery", "Confirm delivery", "Confirm that a service you bought was delivered, on the order's page.", Practitioners, Href: "/orders#confirm"),
        new("invoices", "Invoices", "Invoice the services you delivered, on each order's page.", [LedgerRoles.Provider], Href: "/orders#invoice"),
        new("outcome-claims", "Outcome claims", "Claim for outcomes achieved, upload the evidence and follow each claim's status.", [LedgerRoles.Provider], Href: "/claims"),
        new("remittances", "Remittances", "What each payment run paid you, line by line.", [LedgerRoles.Provider], Href: "/remittances"),
        new("payment-runs", "Payment runs", "Pay providers what they are owed, and see each run's remittances.", [LedgerRoles.BudgetHolder], Href: "/payment-runs"),
        new("streams-and-pools", "Funding streams and pools", "Your area's funding streams, pools and partners' contributions.", [LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor], Href: "/funds"),
        new("allocations", "Allocations", "Budgets allocated from the pools, with the resource-allocation working.", [LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor], Href: "/allocations"),
        new("approvals", "Approvals", "Purchases above delegated limits waiting for your decision.", [LedgerRoles.BudgetHolder], Href: "/approvals"),
        new("claims-queue", "Claims and samples", "Outcome claims to validate and approve, and assurance samples.", [LedgerRoles.BudgetHolder], Href: "/claims/queue"),
        new("statements", "Statements and reports", "Download budget, provider, pool and partner statements and the pilot report.", [LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor], Href: "/statements"),
        new("claims-to-sign-off", "Claims to sign off", "Outcome claims waiting for internal audit's sign-off, with their evidence.", [LedgerRoles.InternalAuditor],
            Href: "/claims/sign-off"),
        new("assurance-samples", "Assurance samples", "Draw samples of approved claims and record spot-check findings.", [LedgerRoles.InternalAuditor],
            Href: "/samples"),
        new("audit-trail", "Audit trail", "Search who changed what and who read a child's personal details.", [LedgerRoles.InternalAuditor, LedgerRoles.BudgetHolder], Href: "/audit"),
        new("users", "Users and roles", "Add people, give them a role and an area, unlock accounts.", [LedgerRoles.Administrator], Href: "/admin/users"),
        new("api-tokens", "API tokens", "Create and revoke tokens for providers' systems.", [LedgerRoles.Administrator], Href: "/admin/tokens"),
    ];

    /// <summary>The steps for <paramref name="role"/>.</summary>
    public static IReadOnlyList<NextStep> For(string role) => All.Where(s => s.Roles.Contains(role)).ToList();
}
