using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
using Ledger.Domain.Purchasing;
using NodaTime;

namespace Ledger.Application.Access;

/// <summary>A budget as its lead professional or budget holder reads it: each stream's balances to date and its orders.</summary>
/// <param name="Budget">The budget's code.</param>
/// <param name="Subject">The child's or family's reference, or "-" for a lead professional's budget.</param>
/// <param name="Kind">Child or family.</param>
/// <param name="Year">The financial year.</param>
/// <param name="Holder">Who holds it and how (e.g. "LP-WM-01 (lead professional)").</param>
/// <param name="AsAt">The day the balances are taken at (today, within the budget's year).</param>
/// <param name="Streams">Each stream: allocated and spent to date, closing balance, held and available.</param>
/// <param name="Orders">The budget's orders the actor may see, newest first.</param>
public sealed record BudgetOverview(string Budget, string Subject, SubjectKind Kind, string Year, string Holder, LocalDate AsAt,
    IReadOnlyList<StreamPosition> Streams, IReadOnlyList<OrderView> Orders)
{
    /// <summary>Available over every stream: what the budget may still spend.</summary>
    public Money Available => Streams.Aggregate(Money.Zero, (sum, s) => sum + s.Available);

    /// <summary>Held over every stream.</summary>
    public Money Held => Streams.Aggregate(Money.Zero, (sum, s) => sum + s.Held);
}

/// <summary>A catalogue entry a practitioner may buy.</summary>
/// <param name="Code">The service's code.</param>
/// <param name="Name">What it is.</param>
/// <param name="Provider">The provider's code.</param>
/// <param name="ProviderName">The provider's name.</param>
/// <param name="Category">The service category (which streams may pay for it, R10).</param>
/// <param name="Unit">The unit it is bought in.</param>
/// <param name="UnitPrice">The price per unit.</param>
public sealed record CatalogueEntry(string Code, string Name, string Provider, string ProviderName, ServiceCategory Category, string Unit, Money UnitPrice);

/// <summary>A practitioner's delegated limits (R11) and what they have committed under them this month.</summary>
/// <param name="PerPurchase">The largest single purchase they may make without approval.</param>
/// <param name="Monthly">The most they may commit in a calendar month without approval.</param>
/// <param name="PanelThreshold">Above this a panel decides.</param>
/// <param name="CommittedThisMonth">Committed under delegation this month.</param>
public sealed record PurchasingLimit(Money PerPurchase, Money Monthly, Money PanelThreshold, Money CommittedThisMonth)
{
    /// <summary>What may still be committed this month without approval.</summary>
    public Money RemainingThisMonth => Monthly - CommittedThisMonth > Money.Zero ? Monthly - CommittedThisMonth : Money.Zero;

    /// <summary>The largest purchase that goes through at once today: the smaller of the per-purchase limit and what remains this month.</summary>
    public Money LargestWithoutApproval => PerPurchase < RemainingThisMonth ? PerPurchase : RemainingThisMonth;
}

/// <summary>
/// The purchasing journey for signed-in users (R9–R13): a lead professional reads a budget, searches the
/// catalogue and buys; a budget holder decides on purchases above delegated limits; the lead professional
/// or provider confirms delivery; the provider invoices; a budget holder runs the payment run. Every call
/// checks <see cref="AccessRules"/> first and acts as the actor (their practitioner or provider code, their
/// area), so no page or endpoint can act for someone else; something the actor may not see is unknown.
/// </summary>
public sealed class PurchaseWorkspace(PurchasingService purchasing, PaymentRunService payments, WorkspaceQueries queries, IBudgetStore budgets,
    IPurchasingStore store, IStatementQueries statements, IClock clock)
{
    /// <summary>A budget the actor may see, with its balances per stream to date and its orders.</summary>
    public async Task<Result<BudgetOverview>> BudgetAsync(Actor actor, string budgetCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var found = await VisibleBudgetAsync(actor, budgetCode, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return Result<BudgetOverview>.Fail(found.Error!);
        }

        var (budget, subject) = found.Value!;
        var today = London.Today(clock);
        var asAt = today < budget.Year.Start ? budget.Year.Start : today > budget.Year.End ? budget.Year.End : today;
        var statement = await statements.BudgetStatementAsync(actor.Area, budget.Code, budget.Year.Start, asAt, ct).ConfigureAwait(false);
        var orders = await queries.OrdersForBudgetAsync(actor, budget.Code, ct).ConfigureAwait(false);
        return new BudgetOverview(budget.Code, subject?.Reference ?? "-", subject?.Kind ?? SubjectKind.Child, budget.Year.ToString(),
            statement is null ? "-" : $"{statement.Holder} ({statement.HolderMode})", asAt, statement?.Streams ?? [], orders);
    }

    /// <summary>
    /// The area's catalogue for a practitioner who may buy: services of providers that can take orders,
    /// whose name, code, category or provider matches <paramref name="search"/> (every one when empty), by name.
    /// </summary>
    public async Task<Result<IReadOnlyList<CatalogueEntry>>> CatalogueAsync(Actor actor, string? search, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayBuy(actor))
        {
            return Result<IReadOnlyList<CatalogueEntry>>.Fail(BudgetErrorCode.NotPermitted, "Only lead professionals and brokers buy services.");
        }

        if (await budgets.AreaAsync(actor.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<IReadOnlyList<CatalogueEntry>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{actor.Area}'.");
        }

        var providers = (await store.ProvidersAsync(area.Id, ct).ConfigureAwait(false)).Where(p => p.CanReceiveOrders).ToDictionary(p => p.Id);
        var words = (search ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (await store.CatalogueAsync(area.Id, ct).ConfigureAwait(false))
            .Where(s => providers.ContainsKey(s.Provider))
            .Select(s => new CatalogueEntry(s.Code, s.Name, providers[s.Provider].Code, providers[s.Provider].Name, s.Category, s.Unit, Money.FromPence(s.UnitPrice)))
            .Where(e => words.All(w => Matches(e, w)))
            .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();

        static bool Matches(CatalogueEntry e, string word) =>
            e.Name.Contains(word, StringComparison.OrdinalIgnoreCase) || e.Code.Contains(word, StringComparison.OrdinalIgnoreCase)
            || e.ProviderName.Contains(word, StringComparison.OrdinalIgnoreCase) || e.Provider.Contains(word, StringComparison.OrdinalIgnoreCase)
            || e.Category.ToString().Contains(word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One catalogue entry the actor may buy, or <see cref="BudgetErrorCode.UnknownService"/>.</summary>
    public async Task<Result<CatalogueEntry>> ServiceAsync(Actor actor, string code, CancellationToken ct = default)
    {
        var all = await CatalogueAsync(actor, null, ct).ConfigureAwait(false);
        return !all.Succeeded ? Result<CatalogueEntry>.Fail(all.Error!)
            : all.Value!.FirstOrDefault(e => e.Code == code) is { } entry ? entry
            : Result<CatalogueEntry>.Fail(BudgetErrorCode.UnknownService, $"There is no service '{code}' you can buy.");
    }

    /// <summary>The actor's delegated limits and this month's committed total (R11).</summary>
    public async Task<Result<PurchasingLimit>> LimitAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayBuy(actor))
        {
            return Result<PurchasingLimit>.Fail(BudgetErrorCode.NotPermitted, "Only lead professionals and brokers have delegated limits.");
        }

        if (await budgets.AreaAsync(actor.Area, ct).ConfigureAwait(false) is not { } area
            || await budgets.PractitionerAsync(area.Id, actor.Practitioner!, ct).ConfigureAwait(false) is not { } practitioner)
        {
            return Result<PurchasingLimit>.Fail(BudgetErrorCode.UnknownPractitioner, $"There is no practitioner '{actor.Practitioner}' in {actor.Area}.");
        }

        var limit = await store.LimitAsync(practitioner.Id, ct).ConfigureAwait(false) ?? DelegatedLimit.None(practitioner.Id);
        var month = await store.MonthAsync(practitioner.Id, DelegatedMonth.MonthOf(London.Today(clock)), ct).ConfigureAwait(false);
        return new PurchasingLimit(Money.FromPence(limit.PerPurchase), Money.FromPence(limit.Monthly), Money.FromPence(limit.PanelThreshold),
            Money.FromPence(month?.Committed ?? 0));
    }

    /// <summary>
    /// Buys a service as the actor (R9–R12): the request's area and requester are the actor's, whatever the
    /// caller put there; the purchasing service checks the caseload, the terms and the money, and routes the
    /// order by the actor's delegated limits. A replay of the idempotency key returns the first order.
    /// </summary>
    public async Task<Result<OrderView>> BuyAsync(Actor actor, OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        if (!AccessRules.MayBuy(actor))
        {
            return Result<OrderView>.Fail(BudgetErrorCode.NotPermitted, "Only lead professionals and brokers buy services.");
        }

        // The budget must be one the actor may see: another's budget is unknown, not "not on caseload", so its existence does not leak.
        var visible = await VisibleBudgetAsync(actor, request.Budget, ct).ConfigureAwait(false);
        if (!visible.Succeeded)
        {
            return Result<OrderView>.Fail(visible.Error!);
        }

        var placed = await purchasing.PlaceOrderAsync(request with { Area = actor.Area, RequestedBy = actor.Practitioner! }, ct).ConfigureAwait(false);
        return placed.Succeeded ? await queries.OrderAsync(actor, placed.Value!.Reference, ct).ConfigureAwait(false) : Result<OrderView>.Fail(placed.Error!);
    }

    /// <summary>The area's orders waiting for a budget holder's or panel's decision, oldest first (budget holders only).</summary>
    public async Task<Result<Page<OrderView>>> ApprovalsAsync(Actor actor, PageRequest page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(page);
        if (!AccessRules.MayDecide(actor))
        {
            return Result<Page<OrderView>>.Fail(BudgetErrorCode.NotPermitted, "Only budget holders decide on purchases above delegated limits.");
        }

        if (!page.IsValid)
        {
            return Result<Page<OrderView>>.Fail(BudgetErrorCode.InvalidRequest, $"A page is numbered from 1 and holds 1 to {PageRequest.MaxSize} items.");
        }

        var all = await purchasing.OrdersAsync(actor.Area, null, ct).ConfigureAwait(false);
        return all.Succeeded
            ? Page<OrderView>.Of(all.Value!.Where(o => o.Order.Status == OrderStatus.AwaitingApproval)
                .OrderBy(o => o.Order.PlacedAt).ThenBy(o => o.Order.Reference, StringComparer.Ordinal).ToList(), page)
            : Result<Page<OrderView>>.Fail(all.Error!);
    }

    /// <summary>
    /// A budget holder approves or rejects a waiting order (R11), as themselves and dated today. A rejection
    /// needs a reason; a panel's decision needs the panel's reference; the requester cannot decide.
    /// </summary>
    public async Task<Result<OrderView>> DecideAsync(Actor actor, string reference, bool approve, string? note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var order = await queries.OrderAsync(actor, reference, ct).ConfigureAwait(false);
        if (!order.Succeeded)
        {
            return order;
        }

        if (!AccessRules.MayDecide(actor))
        {
            return Result<OrderView>.Fail(BudgetErrorCode.NotPermitted, "Only a budget holder decides on purchases above delegated limits (R11).");
        }

        var decided = await purchasing.DecideAsync(new DecisionRequest(actor.Area, reference, actor.Practitioner!, approve, London.Today(clock),
            string.IsNullOrWhiteSpace(note) ? null : note.Trim()), ct).ConfigureAwait(false);
        return decided.Succeeded ? await queries.OrderAsync(actor, reference, ct).ConfigureAwait(false) : Result<OrderView>.Fail(decided.Error!);
    }

    /// <summary>
    /// Confirms that an order's service was delivered: the day it started (R12, the end of time to service).
    /// By a lead professional or broker who may see the order, or by its provider.
    /// </summary>
    public async Task<Result<OrderView>> ConfirmDeliveryAsync(Actor actor, string reference, LocalDate startedOn, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var order = await queries.OrderAsync(actor, reference, ct).ConfigureAwait(false);
        if (!order.Succeeded)
        {
            return order;
        }

        var caseload = await queries.CaseloadReferencesAsync(actor, ct).ConfigureAwait(false);
        if (!AccessRules.MayConfirmDelivery(actor, order.Value!, caseload))
        {
            return Result<OrderView>.Fail(BudgetErrorCode.NotPermitted, "Delivery is confirmed by the lead professional or the provider.");
        }

        if (startedOn > London.Today(clock))
        {
            return Result<OrderView>.Fail(BudgetErrorCode.InvalidDates, "A service cannot be confirmed as started on a day still to come.");
        }

        var confirmed = await purchasing.ConfirmStartAsync(actor.Area, reference, startedOn, ct).ConfigureAwait(false);
        return confirmed.Succeeded ? await queries.OrderAsync(actor, reference, ct).ConfigureAwait(false) : Result<OrderView>.Fail(confirmed.Error!);
    }

    /// <summary>The provider invoices the units it delivered on its own order (R13); another provider's order is unknown.</summary>
    public async Task<Result<OrderView>> InvoiceAsync(Actor actor, string reference, string number, int units, LocalDate invoicedOn, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var order = await queries.OrderAsync(actor, reference, ct).ConfigureAwait(false);
        if (!order.Succeeded)
        {
            return order;
        }

        if (!AccessRules.MayInvoice(actor, order.Value!))
        {
            return Result<OrderView>.Fail(BudgetErrorCode.NotPermitted, "Only the provider an order was placed with invoices it.");
        }

        if (invoicedOn > London.Today(clock))
        {
            return Result<OrderView>.Fail(BudgetErrorCode.InvalidDates, "An invoice cannot be dated in the future.");
        }

        var invoiced = await purchasing.InvoiceAsync(new InvoiceRequest(actor.Area, reference, number, units, invoicedOn, actor.Provider), ct).ConfigureAwait(false);
        return invoiced.Succeeded ? await queries.OrderAsync(actor, reference, ct).ConfigureAwait(false) : Result<OrderView>.Fail(invoiced.Error!);
    }

    /// <summary>The area's payment runs, newest first (budget holders).</summary>
    public async Task<Result<IReadOnlyList<PaymentRun>>> PaymentRunsAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayRunPayments(actor))
        {
            return Result<IReadOnlyList<PaymentRun>>.Fail(BudgetErrorCode.NotPermitted, "Only budget holders run and read payment runs.");
        }

        var runs = await payments.RunsAsync(actor.Area, ct).ConfigureAwait(false);
        return runs.Succeeded
            ? runs.Value!.OrderByDescending(r => r.RunOn).ThenByDescending(r => r.Reference, StringComparer.Ordinal).ToList()
            : runs;
    }

    /// <summary>One of the area's payment runs with its remittances (budget holders).</summary>
    public async Task<Result<PaymentRunResult>> PaymentRunAsync(Actor actor, string reference, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return AccessRules.MayRunPayments(actor)
            ? await payments.ShowAsync(actor.Area, reference, ct).ConfigureAwait(false)
            : Result<PaymentRunResult>.Fail(BudgetErrorCode.NotPermitted, "Only budget holders run and read payment runs.");
    }

    /// <summary>
    /// Runs the area's payment run for <paramref name="runOn"/> (today when null): pays every settled invoice
    /// and approved claim dated on or before it (R13). Running it again for the same day returns that run.
    /// </summary>
    public async Task<Result<PaymentRunResult>> RunPaymentsAsync(Actor actor, LocalDate? runOn, IProgress<PaymentRunProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayRunPayments(actor))
        {
            return Result<PaymentRunResult>.Fail(BudgetErrorCode.NotPermitted, "Only budget holders run payment runs.");
        }

        var today = London.Today(clock);
        if (runOn is { } day && day > today)
        {
            return Result<PaymentRunResult>.Fail(BudgetErrorCode.InvalidDates, "A payment run cannot be dated in the future.");
        }

        return await payments.RunAsync(actor.Area, runOn ?? today, progress, ct).ConfigureAwait(false);
    }

    /// <summary>The budget <paramref name="budgetCode"/> and its child or family, when the actor may see it; otherwise unknown.</summary>
    internal async Task<Result<(Budget Budget, Subject? Subject)>> VisibleBudgetAsync(Actor actor, string budgetCode, CancellationToken ct)
    {
        var unknown = Result<(Budget, Subject?)>.Fail(BudgetErrorCode.UnknownBudget, $"There is no budget '{budgetCode}' that you can see.");
        if (string.IsNullOrWhiteSpace(budgetCode) || await budgets.AreaAsync(actor.Area, ct).ConfigureAwait(false) is not { } area
            || await budgets.BudgetAsync(area.Id, budgetCode, ct).ConfigureAwait(false) is not { } budget)
        {
            return unknown;
        }

        var subject = budget.Subject is { } id ? await budgets.SubjectAsync(id, ct).ConfigureAwait(false) : null;
        var holder = await budgets.PractitionerAsync(area.Id, actor.Practitioner ?? string.Empty, ct).ConfigureAwait(false);
        var caseload = await queries.CaseloadReferencesAsync(actor, ct).ConfigureAwait(false);
        var holderCode = holder is not null && holder.Id == budget.Holder ? holder.Code : string.Empty;
        return AccessRules.MaySeeBudget(actor, holderCode, subject?.Reference, caseload) ? (budget, subject) : unknown;
    }
}
