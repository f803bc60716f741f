using Ledger.Application.Budgets;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Application.Access;

/// <summary>A pool with each funding stream's position in it (R3): contributed, allocated, spent, held and available.</summary>
/// <param name="Code">The pool's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Year">Its financial year.</param>
/// <param name="AllocationRule">How indicative budgets are worked out from an assessment (the resource-allocation rule, R5).</param>
/// <param name="SplitPolicy">How a purchase is split across the streams that may pay (R10).</param>
/// <param name="Streams">Each stream's position.</param>
public sealed record PoolOverview(string Code, string Name, string Year, string AllocationRule, string SplitPolicy, IReadOnlyList<PoolStreamPosition> Streams)
{
    /// <summary>A total over the streams.</summary>
    public Money Total(Func<PoolStreamPosition, Money> figure) => Streams.Aggregate(Money.Zero, (sum, s) => sum + figure(s));
}

/// <summary>
/// The money side of an area for its budget holders and internal auditors: the funding streams in each
/// pool, and every allocation from the pools to budgets with its resource-allocation working (R3, R5).
/// Other roles are refused; everything is read within the actor's area.
/// </summary>
public sealed class FundsWorkspace(IBudgetStore budgets, IPoolQueries pools, IClock clock)
{
    /// <summary>The area's pools of <paramref name="year"/> (this financial year when null), each with its streams' positions.</summary>
    public async Task<Result<IReadOnlyList<PoolOverview>>> PoolsAsync(Actor actor, FinancialYear? year = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayReadAreaStatements(actor))
        {
            return Result<IReadOnlyList<PoolOverview>>.Fail(BudgetErrorCode.NotPermitted, "Only budget holders and internal auditors read the area's pools.");
        }

        if (await budgets.AreaAsync(actor.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<IReadOnlyList<PoolOverview>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{actor.Area}'.");
        }

        var result = new List<PoolOverview>();
        foreach (var pool in await budgets.PoolsAsync(area.Id, year ?? FinancialYear.Containing(London.Today(clock)), ct).ConfigureAwait(false))
        {
            result.Add(new PoolOverview(pool.Code, pool.Name, pool.Year.ToString(), pool.AllocationRule, pool.SplitPolicy.ToString(),
                await pools.PositionAsync(pool, ct).ConfigureAwait(false)));
        }

        return result;
    }

    /// <summary>
    /// The allocations of <paramref name="year"/> (this financial year when null), newest first, optionally of
    /// one pool, a page at a time: each with its indicative amount and working, the final amount and why.
    /// </summary>
    public async Task<Result<Page<AllocationLine>>> AllocationsAsync(Actor actor, string? pool, PageRequest page, FinancialYear? year = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(page);
        if (!AccessRules.MayReadAreaStatements(actor))
        {
            return Result<Page<AllocationLine>>.Fail(BudgetErrorCode.NotPermitted, "Only budget holders and internal auditors read the area's allocations.");
        }

        if (!page.IsValid)
        {
            return Result<Page<AllocationLine>>.Fail(BudgetErrorCode.InvalidRequest, $"A page is numbered from 1 and holds 1 to {PageRequest.MaxSize} items.");
        }

        if (await budgets.AreaAsync(actor.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Page<AllocationLine>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{actor.Area}'.");
        }

        var all = await budgets.AllocationsAsync(area.Id, year ?? FinancialYear.Containing(London.Today(clock)), ct).ConfigureAwait(false);
        return Page<AllocationLine>.Of(string.IsNullOrWhiteSpace(pool) ? all : all.Where(a => a.Pool == pool).ToList(), page);
    }
}
