using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Application.Budgets;

/// <summary>What year-end processing did.</summary>
/// <param name="Year">The year closed.</param>
/// <param name="Returned">Money returned to streams whose rule is to return unspent money.</param>
/// <param name="CarriedForward">Money carried into next year's budgets.</param>
/// <param name="Entries">Ledger entries this run wrote (zero when run again).</param>
/// <param name="AlreadyClosed">True when the year had been closed before this run.</param>
public sealed record YearEndSummary(FinancialYear Year, Money Returned, Money CarriedForward, int Entries, bool AlreadyClosed);

/// <summary>
/// Year end for an area (example 10): unspent money on streams that cannot be carried forward returns
/// to the stream (from budgets and from pools); carry-forward money in budgets rolls into the same
/// child's or lead professional's budget for the new year, still in its own stream. Each movement
/// carries an idempotency key made of the account and its version, so running it twice — or again
/// after a crash — moves money once, while money that comes back into a budget later (a cancelled
/// order) is moved by a later run.
/// Money held by open commitments stays where it is: only what is available moves.
/// </summary>
public sealed class YearEndService(IBudgetStore store, ILedgerSetup setup, IPostingService engine, IPoolQueries pools, FundingService funding, IClock clock)
{
    /// <summary>Runs year end for <paramref name="year"/> in the area; reports progress as (done, total) budgets.</summary>
    public async Task<Result<YearEndSummary>> RunAsync(string areaCode, FinancialYear year, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        if (await store.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<YearEndSummary>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        // Close the year first, so no allocation or contribution slips into a budget after it has been
        // processed; a later run still moves anything that did (keys follow account versions).
        var alreadyClosed = await store.IsYearClosedAsync(area.Id, year, ct).ConfigureAwait(false);
        if (!alreadyClosed && await store.AddAsync(new FinancialYearClosure(area.Id, year, clock.GetCurrentInstant()), ct).ConfigureAwait(false) is { }
            && !await store.IsYearClosedAsync(area.Id, year, ct).ConfigureAwait(false))
        {
            return Result<YearEndSummary>.Fail(BudgetErrorCode.InvalidRequest, $"Could not close {year} in {area.Code}.");
        }

        var streams = new Dictionary<FundingStreamId, FundingStream>();
        async Task<FundingStream> StreamAsync(FundingStreamId id)
        {
            if (!streams.TryGetValue(id, out var s))
            {
                s = (await store.StreamsAsync([id], ct).ConfigureAwait(false))[0];
                streams[id] = s;
            }

            return s;
        }

        var date = year.End;
        var returned = Money.Zero;
        var carried = Money.Zero;
        var entries = 0;
        var budgets = await store.BudgetsAsync(area.Id, year, ct).ConfigureAwait(false);
        var done = 0;
        foreach (var budget in budgets)
        {
            foreach (var (streamId, available) in await pools.BudgetFundsAsync(budget, ct).ConfigureAwait(false))
            {
                if (!available.IsPositive)
                {
                    continue;
                }

                var stream = await StreamAsync(streamId).ConfigureAwait(false);
                var from = await setup.EnsureAccountAsync(budget.AccountKind, area.Id, budget.Code, streamId, ct).ConfigureAwait(false);
                LedgerOutcome outcome;
                if (stream.YearEndRule == YearEndRule.ReturnUnspent)
                {
                    var to = await funding.StreamFundsAccountAsync(area.Id, stream, ct).ConfigureAwait(false);
                    outcome = await engine.ExecuteAsync(new PostEntry($"year-end:{area.Code}:{year.StartYear}:return:{from.Id}:v{from.Version}", date,
                        $"Year end {year}: unspent {stream.Code} money returned from budget {budget.Code}",
                        [JournalLine.Debit(from.Id, available), JournalLine.Credit(to.Id, available)], EntryKind.YearEndReturn), ct).ConfigureAwait(false);
                    returned += outcome.Succeeded ? available : Money.Zero;
                }
                else
                {
                    var next = await NextYearBudgetAsync(budget, ct).ConfigureAwait(false);
                    var to = await setup.EnsureAccountAsync(next.AccountKind, area.Id, next.Code, streamId, ct).ConfigureAwait(false);
                    outcome = await engine.ExecuteAsync(new PostEntry($"year-end:{area.Code}:{year.StartYear}:carry:{from.Id}:v{from.Version}", date,
                        $"Year end {year}: unspent {stream.Code} money carried forward to budget {next.Code}",
                        [JournalLine.Debit(from.Id, available), JournalLine.Credit(to.Id, available)], EntryKind.CarryForward), ct).ConfigureAwait(false);
                    carried += outcome.Succeeded ? available : Money.Zero;
                }

                if (!outcome.Succeeded)
                {
                    return Result<YearEndSummary>.Fail(BudgetErrorCode.LedgerRefused, $"Year end stopped at budget {budget.Code}: {outcome.Error!.Code}: {outcome.Error.Message}");
                }

                entries += outcome.Replayed ? 0 : 1;
            }

            progress?.Report((++done, budgets.Count));
        }

        // Unallocated pool money on return-unspent streams goes back to the stream; carry-forward money stays in the pool.
        foreach (var pool in await store.PoolsAsync(area.Id, year, ct).ConfigureAwait(false))
        {
            foreach (var (streamId, available, _) in await pools.StreamFundsAsync(pool, ct).ConfigureAwait(false))
            {
                var stream = await StreamAsync(streamId).ConfigureAwait(false);
                if (!available.IsPositive || stream.YearEndRule != YearEndRule.ReturnUnspent)
                {
                    continue;
                }

                var from = await setup.EnsureAccountAsync(AccountKind.Pool, area.Id, pool.Code, streamId, ct).ConfigureAwait(false);
                var to = await funding.StreamFundsAccountAsync(area.Id, stream, ct).ConfigureAwait(false);
                var outcome = await engine.ExecuteAsync(new PostEntry($"year-end:{area.Code}:{year.StartYear}:return:{from.Id}:v{from.Version}", date,
                    $"Year end {year}: unallocated {stream.Code} money returned from pool {pool.Code}",
                    [JournalLine.Debit(from.Id, available), JournalLine.Credit(to.Id, available)], EntryKind.YearEndReturn), ct).ConfigureAwait(false);
                if (!outcome.Succeeded)
                {
                    return Result<YearEndSummary>.Fail(BudgetErrorCode.LedgerRefused, $"Year end stopped at pool {pool.Code}: {outcome.Error!.Code}: {outcome.Error.Message}");
                }

                returned += available;
                entries += outcome.Replayed ? 0 : 1;
            }
        }

        return new YearEndSummary(year, returned, carried, entries, alreadyClosed && entries == 0);
    }

    private async Task<Budget> NextYearBudgetAsync(Budget budget, CancellationToken ct)
    {
        var year = budget.Year.Next;
        var reference = budget.Kind == BudgetKind.Individual
            ? (await store.SubjectAsync(budget.Subject!.Value, ct).ConfigureAwait(false))!.Reference
            : budget.Code.Split('-', 2)[1][..^5];
        var code = Budget.CodeFor(budget.Kind, reference, year);
        if (await store.BudgetAsync(budget.Area, code, ct).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var next = budget.Kind == BudgetKind.Individual
            ? Budget.Individual(BudgetId.New(), budget.Area, reference, budget.Subject!.Value, budget.Pool, year, budget.Holder, budget.HolderMode, budget.Mode,
                budget.ClientGroup, clock.GetCurrentInstant(), budget.Id)
            : Budget.LeadProfessional(BudgetId.New(), budget.Area, reference, budget.Holder, budget.Pool, year, budget.ClientGroup, clock.GetCurrentInstant(), budget.Id);
        var error = await store.AddAsync(next, ct).ConfigureAwait(false);
        return error is null ? next : (await store.BudgetAsync(budget.Area, code, ct).ConfigureAwait(false))!;
    }
}
