using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
using NodaTime;

namespace Ledger.Application.Access;

/// <summary>A budget on a caseload, with what each stream may still spend.</summary>
/// <param name="Budget">The budget's code.</param>
/// <param name="Subject">The child's or family's reference.</param>
/// <param name="Kind">Child or family.</param>
/// <param name="Year">The financial year.</param>
/// <param name="Streams">Each stream's code and available money (posted less held).</param>
public sealed record CaseloadBudget(string Budget, string Subject, SubjectKind Kind, string Year, IReadOnlyList<(string Stream, Money Available)> Streams)
{
    /// <summary>Available over every stream.</summary>
    public Money Available => Streams.Aggregate(Money.Zero, (sum, s) => sum + s.Available);
}

/// <summary>
/// What a signed-in user's pages and API read, each answer filtered by <see cref="AccessRules"/> inside
/// the application, so no page or endpoint can show more than the rules allow. Everything is read within
/// the actor's own area; something not visible is reported as unknown.
/// </summary>
public sealed class WorkspaceQueries(PurchasingService purchasing, IBudgetStore budgets, IPoolQueries pools, IClock clock)
{
    /// <summary>The orders the actor may see, newest first, a page at a time.</summary>
    public async Task<Result<Page<OrderView>>> OrdersAsync(Actor actor, PageRequest page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(page);
        if (!page.IsValid)
        {
            return Result<Page<OrderView>>.Fail(BudgetErrorCode.InvalidRequest, $"A page is numbered from 1 and holds 1 to {PageRequest.MaxSize} items.");
        }

        var all = await purchasing.OrdersAsync(actor.Area, null, ct).ConfigureAwait(false);
        if (!all.Succeeded)
        {
            return Result<Page<OrderView>>.Fail(all.Error!);
        }

        var caseload = await CaseloadReferencesAsync(actor, ct).ConfigureAwait(false);
        var visible = all.Value!.Where(o => AccessRules.MaySeeOrder(actor, o, caseload))
            .OrderByDescending(o => o.Order.OrderedOn).ThenByDescending(o => o.Order.Reference, StringComparer.Ordinal).ToList();
        return Page<OrderView>.Of(visible, page);
    }

    /// <summary>The orders of one budget that the actor may see, newest first (the budget's own visibility is the caller's check).</summary>
    public async Task<IReadOnlyList<OrderView>> OrdersForBudgetAsync(Actor actor, string budgetCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var all = await purchasing.OrdersAsync(actor.Area, budgetCode, ct).ConfigureAwait(false);
        if (!all.Succeeded)
        {
            return [];
        }

        var caseload = await CaseloadReferencesAsync(actor, ct).ConfigureAwait(false);
        return all.Value!.Where(o => AccessRules.MaySeeOrder(actor, o, caseload))
            .OrderByDescending(o => o.Order.OrderedOn).ThenByDescending(o => o.Order.Reference, StringComparer.Ordinal).ToList();
    }

    /// <summary>One order the actor may see; <see cref="BudgetErrorCode.UnknownOrder"/> for one they may not, as for one that does not exist.</summary>
    public async Task<Result<OrderView>> OrderAsync(Actor actor, string reference, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var all = await purchasing.OrdersAsync(actor.Area, null, ct).ConfigureAwait(false);
        if (!all.Succeeded)
        {
            return Result<OrderView>.Fail(all.Error!);
        }

        var caseload = await CaseloadReferencesAsync(actor, ct).ConfigureAwait(false);
        return all.Value!.SingleOrDefault(o => o.Order.Reference == reference) is { } order && AccessRules.MaySeeOrder(actor, order, caseload)
            ? order
            : Result<OrderView>.Fail(BudgetErrorCode.UnknownOrder, $"There is no order '{reference}' that you can see.");
    }

    /// <summary>
    /// The actor's caseload: the budgets of the children and families on it (and any the actor holds as a
    /// broker) for <paramref name="year"/> (this financial year when null), with each stream's available
    /// money. Refused for roles without a caseload.
    /// </summary>
    public async Task<Result<IReadOnlyList<CaseloadBudget>>> CaseloadAsync(Actor actor, FinancialYear? year = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.HasCaseload(actor))
        {
            return Result<IReadOnlyList<CaseloadBudget>>.Fail(BudgetErrorCode.NotPermitted, "Only lead professionals and brokers hold a caseload.");
        }

        if (await budgets.AreaAsync(actor.Area, ct).ConfigureAwait(false) is not { } area
            || await budgets.PractitionerAsync(area.Id, actor.Practitioner!, ct).ConfigureAwait(false) is not { } practitioner)
        {
            return Result<IReadOnlyList<CaseloadBudget>>.Fail(BudgetErrorCode.UnknownPractitioner, $"There is no practitioner '{actor.Practitioner}' in {actor.Area}.");
        }

        var subjects = (await budgets.CaseloadAsync(practitioner.Id, ct).ConfigureAwait(false)).ToDictionary(s => s.Id);
        var financialYear = year ?? FinancialYear.Containing(London.Today(clock));
        var mine = (await budgets.BudgetsAsync(area.Id, financialYear, ct).ConfigureAwait(false))
            .Where(b => (b.Subject is { } s && subjects.ContainsKey(s)) || b.Holder == practitioner.Id)
            .OrderBy(b => b.Code, StringComparer.Ordinal).ToList();
        var result = new List<CaseloadBudget>();
        foreach (var budget in mine)
        {
            var funds = await pools.BudgetFundsAsync(budget, ct).ConfigureAwait(false);
            var streams = (await budgets.StreamsAsync(funds.Select(f => f.Stream), ct).ConfigureAwait(false)).ToDictionary(s => s.Id, s => s.Code);
            var subject = budget.Subject is { } id ? subjects.GetValueOrDefault(id) ?? await budgets.SubjectAsync(id, ct).ConfigureAwait(false) : null;
            result.Add(new CaseloadBudget(budget.Code, subject?.Reference ?? "-", subject?.Kind ?? SubjectKind.Child, financialYear.ToString(),
                funds.Select(f => (streams[f.Stream], f.Available)).OrderBy(f => f.Item1, StringComparer.Ordinal).ToList()));
        }

        return result;
    }

    /// <summary>The references of the children and families on the actor's caseload; empty for roles without one.</summary>
    public async Task<IReadOnlySet<string>> CaseloadReferencesAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AccessRules.HasCaseload(actor)
            || await budgets.AreaAsync(actor.Area, ct).ConfigureAwait(false) is not { } area
            || await budgets.PractitionerAsync(area.Id, actor.Practitioner!, ct).ConfigureAwait(false) is not { } practitioner)
        {
            return new HashSet<string>();
        }

        return (await budgets.CaseloadAsync(practitioner.Id, ct).ConfigureAwait(false)).Select(s => s.Reference).ToHashSet(StringComparer.Ordinal);
    }
}
