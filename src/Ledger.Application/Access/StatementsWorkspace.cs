using Ledger.Application.Statements;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Application.Access;

/// <summary>What a budget holder may download for the area: the codes of its budgets, pools, partners and providers.</summary>
/// <param name="Budgets">Budget codes of the financial year containing the period.</param>
/// <param name="Pools">Pool codes.</param>
/// <param name="Partners">Funding partners' (agencies') codes.</param>
/// <param name="Providers">Provider codes.</param>
public sealed record StatementChoices(IReadOnlyList<string> Budgets, IReadOnlyList<string> Pools, IReadOnlyList<string> Partners, IReadOnlyList<string> Providers);

/// <summary>A statement's period: a calendar month, up to today when the month has not ended (a statement "to date").</summary>
/// <param name="First">The month's first day.</param>
/// <param name="Last">Its last day, or today for the current month.</param>
/// <param name="ToDate">True when the month has not ended: the figures are to date, not final.</param>
public sealed record StatementPeriod(LocalDate First, LocalDate Last, bool ToDate);

/// <summary>
/// Statements and the pilot report for signed-in users (DOMAIN.md §3.5): a lead professional reads the
/// statements of the budgets they may see; a provider its own statement; budget holders and internal
/// auditors every statement of their area and the pilot report. A month not yet ended is given to date.
/// </summary>
public sealed class StatementsWorkspace(PurchaseWorkspace purchases, IStatementQueries budgets, IProviderStatementQueries providers,
    IFundsStatementQueries funds, IPilotReportQueries pilot, IClock clock)
{
    /// <summary>The period of <paramref name="month"/> as far as today; refused for a month still to come.</summary>
    public Result<StatementPeriod> Period(YearMonth month)
    {
        var today = London.Today(clock);
        var first = month.OnDayOfMonth(1);
        var last = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        return first > today
            ? Result<StatementPeriod>.Fail(BudgetErrorCode.InvalidDates, $"{month:MMMM uuuu} has not started; choose this month or an earlier one.")
            : new StatementPeriod(first, last > today ? today : last, last > today);
    }

    /// <summary>What the actor may choose from for <paramref name="month"/> (budget holders and auditors).</summary>
    public async Task<Result<StatementChoices>> ChoicesAsync(Actor actor, YearMonth month, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayReadAreaStatements(actor))
        {
            return Result<StatementChoices>.Fail(BudgetErrorCode.NotPermitted, "Only budget holders and internal auditors read the area's statements.");
        }

        var period = Period(month);
        if (!period.Succeeded)
        {
            return Result<StatementChoices>.Fail(period.Error!);
        }

        var (first, last, _) = period.Value!;
        return new StatementChoices(await budgets.BudgetCodesAsync(actor.Area, first, last, ct).ConfigureAwait(false),
            await funds.PoolCodesAsync(actor.Area, last, ct).ConfigureAwait(false), await funds.AgencyCodesAsync(actor.Area, ct).ConfigureAwait(false),
            await providers.ProviderCodesAsync(actor.Area, ct).ConfigureAwait(false));
    }

    /// <summary>A budget's statement for the month, when the actor may see the budget; otherwise unknown.</summary>
    public async Task<Result<BudgetStatement>> BudgetStatementAsync(Actor actor, string budgetCode, YearMonth month, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var visible = await purchases.VisibleBudgetAsync(actor, budgetCode, ct).ConfigureAwait(false);
        if (!visible.Succeeded)
        {
            return Result<BudgetStatement>.Fail(visible.Error!);
        }

        var period = Period(month);
        return !period.Succeeded ? Result<BudgetStatement>.Fail(period.Error!)
            : await budgets.BudgetStatementAsync(actor.Area, budgetCode, period.Value!.First, period.Value.Last, ct).ConfigureAwait(false) is { } statement ? statement
            : Result<BudgetStatement>.Fail(BudgetErrorCode.UnknownBudget, $"There is no budget '{budgetCode}' that you can see.");
    }

    /// <summary>A provider's remittance and outcome statement for the month: the provider's own, or any of the area's for budget holders and auditors.</summary>
    public async Task<Result<ProviderStatement>> ProviderStatementAsync(Actor actor, string providerCode, YearMonth month, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var unknown = Result<ProviderStatement>.Fail(BudgetErrorCode.UnknownProvider, $"There is no provider '{providerCode}' whose statement you can read.");
        if (!AccessRules.MayReadProviderStatement(actor, providerCode))
        {
            return unknown;
        }

        var period = Period(month);
        return !period.Succeeded ? Result<ProviderStatement>.Fail(period.Error!)
            : await providers.ProviderStatementAsync(actor.Area, providerCode, period.Value!.First, period.Value.Last, ct).ConfigureAwait(false) is { } statement
                ? statement
                : unknown;
    }

    /// <summary>A pool's statement for the month (budget holders and auditors).</summary>
    public Task<Result<PoolStatement>> PoolStatementAsync(Actor actor, string poolCode, YearMonth month, CancellationToken ct = default) =>
        AreaStatementAsync(actor, month, BudgetErrorCode.UnknownPool, $"There is no pool '{poolCode}' in your area.",
            period => funds.PoolStatementAsync(actor.Area, poolCode, period.First, period.Last, ct));

    /// <summary>A funding partner's statement for the month (budget holders and auditors).</summary>
    public Task<Result<PartnerStatement>> PartnerStatementAsync(Actor actor, string agencyCode, YearMonth month, CancellationToken ct = default) =>
        AreaStatementAsync(actor, month, BudgetErrorCode.UnknownAgency, $"There is no funding partner '{agencyCode}' in your area.",
            period => funds.PartnerStatementAsync(actor.Area, agencyCode, period.First, period.Last, ct));

    /// <summary>
    /// The area's pilot report for a quarter that has ended (budget holders and auditors), with the other
    /// areas' headline figures alongside for comparison as the quarterly job writes it.
    /// </summary>
    public async Task<Result<(PilotReport Report, IReadOnlyList<PilotReport> Comparison)>> PilotReportAsync(Actor actor, PilotQuarter quarter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(quarter);
        if (!AccessRules.MayReadAreaStatements(actor))
        {
            return Result<(PilotReport, IReadOnlyList<PilotReport>)>.Fail(BudgetErrorCode.NotPermitted, "Only budget holders and internal auditors read the pilot report.");
        }

        if (quarter.To >= London.Today(clock))
        {
            return Result<(PilotReport, IReadOnlyList<PilotReport>)>.Fail(BudgetErrorCode.InvalidDates,
                $"{quarter.Label} has not ended; the pilot report is for a whole quarter. The latest is {PilotQuarter.Containing(London.Today(clock)).Before().Label}.");
        }

        var report = await pilot.PilotReportAsync(actor.Area, quarter.Year, quarter.Number, ct).ConfigureAwait(false);
        if (report is null)
        {
            return Result<(PilotReport, IReadOnlyList<PilotReport>)>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{actor.Area}'.");
        }

        return (report, await pilot.CompareAreasAsync(quarter.Year, quarter.Number, ct).ConfigureAwait(false));
    }

    private async Task<Result<T>> AreaStatementAsync<T>(Actor actor, YearMonth month, BudgetErrorCode unknownCode, string unknownMessage,
        Func<StatementPeriod, Task<T?>> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayReadAreaStatements(actor))
        {
            return Result<T>.Fail(BudgetErrorCode.NotPermitted, "Only budget holders and internal auditors read the area's statements.");
        }

        var period = Period(month);
        return !period.Succeeded ? Result<T>.Fail(period.Error!)
            : await read(period.Value!).ConfigureAwait(false) is { } statement ? statement
            : Result<T>.Fail(unknownCode, unknownMessage);
    }
}
