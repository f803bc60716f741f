using Ledger.Application.Budgets;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Budgets;

/// <summary>Pool positions read from the ledger: sums of postings by entry kind over the pool's and its budgets' accounts.</summary>
public sealed class EfPoolQueries(IDbContextFactory<LedgerDbContext> contexts) : IPoolQueries
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<PoolStreamPosition>> PositionAsync(Pool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            var poolAccounts = await db.Accounts.Where(a => a.Kind == AccountKind.Pool && a.Area == pool.Area && a.Owner == pool.Code).ToListAsync(ct).ConfigureAwait(false);
            var budgetCodes = await db.Budgets.Where(b => b.Pool == pool.Id && b.Year == pool.Year).Select(b => b.Code).ToListAsync(ct).ConfigureAwait(false);
            var budgetAccounts = await db.Accounts
                .Where(a => (a.Kind == AccountKind.IndividualBudget || a.Kind == AccountKind.LeadProfessionalBudget) && a.Area == pool.Area && budgetCodes.Contains(a.Owner))
                .ToListAsync(ct).ConfigureAwait(false);
            var poolIds = poolAccounts.Select(a => a.Id).ToList();
            var budgetIds = budgetAccounts.Select(a => a.Id).ToList();

            // Signed sums (debits positive) per stream and entry kind, over the pool's and the budgets' accounts.
            var poolSums = await SumsAsync(db, poolIds, ct).ConfigureAwait(false);
            var budgetSums = await SumsAsync(db, budgetIds, ct).ConfigureAwait(false);
            long Sum(Dictionary<(FundingStreamId, EntryKind), long> sums, FundingStreamId s, params EntryKind[] kinds) =>
                kinds.Sum(k => sums.GetValueOrDefault((s, k)));

            var streams = await db.FundingStreams.Where(s => poolAccounts.Select(a => a.Stream).Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct).ConfigureAwait(false);
            var agencies = await db.Agencies.Where(a => a.Area == pool.Area).ToDictionaryAsync(a => a.Id, a => a.Code, ct).ConfigureAwait(false);
            var contributed = poolAccounts.ToDictionary(a => a.Stream, a => -Sum(poolSums, a.Stream, EntryKind.Contribution));
            var total = contributed.Values.Sum();
            return poolAccounts.OrderBy(a => streams[a.Stream].Code, StringComparer.Ordinal).Select(a =>
            {
                var s = streams[a.Stream];
                var held = budgetAccounts.Where(b => b.Stream == a.Stream).Sum(b => b.Held);
                return new PoolStreamPosition(
                    s.Code,
                    s.Name,
                    s.Agency is { } agency ? agencies.GetValueOrDefault(agency, "?") : "-",
                    Money.FromPence(contributed[a.Stream]),
                    total == 0 ? 0m : Math.Round(contributed[a.Stream] * 100m / total, 2, MidpointRounding.ToEven),
                    Money.FromPence(Sum(poolSums, a.Stream, EntryKind.Allocation)), // out of this pool, whichever budget it went to
                    Money.FromPence(held),
                    Money.FromPence(Sum(budgetSums, a.Stream, EntryKind.Settlement, EntryKind.Purchase)),
                    Money.FromPence(Sum(poolSums, a.Stream, EntryKind.YearEndReturn) + Sum(budgetSums, a.Stream, EntryKind.YearEndReturn)),
                    a.Available,
                    Money.FromPence(s.ExpectedSpend),
                    s.ExpectedOutcome,
                    Money.FromPence(Sum(poolSums, a.Stream, EntryKind.YearEndReturn)),
                    Money.FromPence(Sum(budgetSums, a.Stream, EntryKind.CarryForward)));
            }).ToList();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(FundingStreamId Stream, Money Available, Money Contributed)>> StreamFundsAsync(Pool pool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var accounts = await db.Accounts.AsNoTracking().Where(a => a.Kind == AccountKind.Pool && a.Area == pool.Area && a.Owner == pool.Code)
                .ToListAsync(ct).ConfigureAwait(false);
            var sums = await SumsAsync(db, accounts.Select(a => a.Id).ToList(), ct).ConfigureAwait(false);
            return accounts.OrderBy(a => a.Stream.Value)
                .Select(a => (a.Stream, a.Available, Money.FromPence(-sums.GetValueOrDefault((a.Stream, EntryKind.Contribution)))))
                .ToList();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(FundingStreamId Stream, Money Available)>> BudgetFundsAsync(Budget budget, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var kind = budget.AccountKind;
            var accounts = await db.Accounts.AsNoTracking().Where(a => a.Kind == kind && a.Area == budget.Area && a.Owner == budget.Code)
                .ToListAsync(ct).ConfigureAwait(false);
            return accounts.OrderBy(a => a.Stream.Value).Select(a => (a.Stream, a.Available)).ToList();
        }
    }

    private static async Task<Dictionary<(FundingStreamId, EntryKind), long>> SumsAsync(LedgerDbContext db, List<AccountId> accounts, CancellationToken ct)
    {
        if (accounts.Count == 0)
        {
            return [];
        }

        var rows = await db.Postings.Where(p => accounts.Contains(p.Account))
            .Join(db.JournalEntries, p => p.Entry, e => e.Id, (p, e) => new { p.Stream, e.Kind, p.Amount })
            .GroupBy(x => new { x.Stream, x.Kind })
            .Select(g => new { g.Key.Stream, g.Key.Kind, Sum = g.Sum(x => x.Amount) })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.ToDictionary(r => (r.Stream, r.Kind), r => r.Sum);
    }
}
