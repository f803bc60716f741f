using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Statements;

/// <summary>
/// Pool and funding-partner statements, read from one database snapshot. Every figure is a sum of postings
/// by entry kind over the pool's accounts and its budgets' accounts up to the statement's last day, so a
/// statement for a past month shows the ledger as it stood then (reversals carry their entry's kind, so
/// clawbacks and corrections net out where they belong).
/// </summary>
public sealed class EfFundsStatementQueries(IDbContextFactory<LedgerDbContext> contexts) : IFundsStatementQueries
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> PoolCodesAsync(string areaCode, LocalDate lastDay, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var year = FinancialYear.Containing(lastDay);
            return await db.Pools.AsNoTracking().Where(p => p.Year == year && db.Areas.Any(a => a.Id == p.Area && a.Code == areaCode))
                .OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> AgencyCodesAsync(string areaCode, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Agencies.AsNoTracking().Where(g => db.Areas.Any(a => a.Id == g.Area && a.Code == areaCode))
                .OrderBy(g => g.Code).Select(g => g.Code).ToListAsync(ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<PoolStatement?> PoolStatementAsync(string areaCode, string poolCode, LocalDate firstDay, LocalDate lastDay, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await using var snapshot = await Snapshot.BeginAsync(db, ct).ConfigureAwait(false);
            var area = await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == areaCode, ct).ConfigureAwait(false);
            var pool = area is null ? null : await db.Pools.AsNoTracking().SingleOrDefaultAsync(p => p.Area == area.Id && p.Code == poolCode, ct).ConfigureAwait(false);
            if (area is null || pool is null)
            {
                return null;
            }

            var budgets = await db.Budgets.AsNoTracking().CountAsync(b => b.Pool == pool.Id, ct).ConfigureAwait(false);
            var flows = await FlowsAsync(db, pool, null, firstDay, lastDay, ct).ConfigureAwait(false);
            return new PoolStatement(area.Code, area.Name, pool.Code, pool.Name, pool.Year.ToString(),
                pool.SplitPolicy == SplitPolicy.RestrictedFirst ? "restricted streams first, then the others" : "pro rata to each stream's contribution",
                firstDay, lastDay, flows, budgets);
        }
    }

    /// <inheritdoc />
    public async Task<PartnerStatement?> PartnerStatementAsync(string areaCode, string agencyCode, LocalDate firstDay, LocalDate lastDay, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await using var snapshot = await Snapshot.BeginAsync(db, ct).ConfigureAwait(false);
            var area = await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == areaCode, ct).ConfigureAwait(false);
            var agency = area is null ? null : await db.Agencies.AsNoTracking().SingleOrDefaultAsync(g => g.Area == area.Id && g.Code == agencyCode, ct).ConfigureAwait(false);
            if (area is null || agency is null)
            {
                return null;
            }

            var year = FinancialYear.Containing(lastDay);
            var streams = await db.FundingStreams.AsNoTracking().Where(s => s.Area == area.Id && s.Agency == agency.Id).Select(s => s.Id).ToListAsync(ct).ConfigureAwait(false);
            var pools = await db.Pools.AsNoTracking().Where(p => p.Area == area.Id && p.Year == year).OrderBy(p => p.Code).ToListAsync(ct).ConfigureAwait(false);
            var flows = new List<StreamFlows>();
            foreach (var pool in pools)
            {
                flows.AddRange(await FlowsAsync(db, pool, streams.ToHashSet(), firstDay, lastDay, ct).ConfigureAwait(false));
            }

            return new PartnerStatement(area.Code, area.Name, agency.Code, agency.Name, KindText(agency.Kind), firstDay, lastDay, flows);
        }
    }

    // Each stream's flows in the pool (only the given streams when a set is passed): the pool's own account and the accounts of every budget it funds.
    private static async Task<List<StreamFlows>> FlowsAsync(LedgerDbContext db, Pool pool, HashSet<FundingStreamId>? only, LocalDate first, LocalDate last, CancellationToken ct)
    {
        var poolAccounts = (await db.Accounts.AsNoTracking().Where(a => a.Kind == AccountKind.Pool && a.Area == pool.Area && a.Owner == pool.Code).ToListAsync(ct).ConfigureAwait(false))
            .Where(a => only is null || only.Contains(a.Stream)).ToList();
        if (poolAccounts.Count == 0)
        {
            return [];
        }

        var budgetCodes = await db.Budgets.AsNoTracking().Where(b => b.Pool == pool.Id).Select(b => b.Code).ToListAsync(ct).ConfigureAwait(false);
        var poolStreams = poolAccounts.Select(a => a.Stream).ToList();
        var budgetAccounts = await db.Accounts.AsNoTracking()
            .Where(a => (a.Kind == AccountKind.IndividualBudget || a.Kind == AccountKind.LeadProfessionalBudget) && a.Area == pool.Area && budgetCodes.Contains(a.Owner)
                && poolStreams.Contains(a.Stream))
            .ToListAsync(ct).ConfigureAwait(false);
        var kinds = poolAccounts.Concat(budgetAccounts).ToDictionary(a => a.Id, a => a.Kind);
        var ids = kinds.Keys.ToList();

        // Per account, stream, entry kind and whether before the period: the signed sum of postings up to the last day.
        var sums = await (from p in db.Postings.AsNoTracking()
                          where ids.Contains(p.Account) && p.EffectiveDate <= last
                          join e in db.JournalEntries.AsNoTracking() on p.Entry equals e.Id
                          group p.Amount by new { p.Account, p.Stream, e.Kind, Before = p.EffectiveDate < first } into g
                          select new { g.Key.Account, g.Key.Stream, g.Key.Kind, g.Key.Before, Sum = g.Sum() })
            .ToListAsync(ct).ConfigureAwait(false);
        var rows = sums.Select(r => (Pool: kinds[r.Account] == AccountKind.Pool, r.Stream, r.Kind, r.Before, Delta: AccountKindRules.BalanceDelta(kinds[r.Account], r.Sum))).ToList();
        var held = await AsAt.HeldAsync(db, budgetAccounts.Select(a => a.Id).ToList(), last, ct).ConfigureAwait(false);
        var streams = await db.FundingStreams.AsNoTracking().Where(s => poolStreams.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct).ConfigureAwait(false);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.Area == pool.Area).ToDictionaryAsync(a => a.Id, a => a.Code, ct).ConfigureAwait(false);

        return poolAccounts.OrderBy(a => streams[a.Stream].Code, StringComparer.Ordinal).Select(account =>
        {
            var stream = streams[account.Stream];
            var mine = rows.Where(r => r.Stream == account.Stream).ToList();
            long Opening(bool poolSide) => mine.Where(r => r.Pool == poolSide && r.Before).Sum(r => r.Delta);
            long Closing(bool poolSide) => mine.Where(r => r.Pool == poolSide).Sum(r => r.Delta);
            long During(bool poolSide, params EntryKind[] of) => mine.Where(r => r.Pool == poolSide && !r.Before && of.Contains(r.Kind)).Sum(r => r.Delta);
            long Other(bool poolSide, params EntryKind[] named) => mine.Where(r => r.Pool == poolSide && !r.Before && !named.Contains(r.Kind)).Sum(r => r.Delta);
            long ToDate(bool poolSide, params EntryKind[] of) => mine.Where(r => r.Pool == poolSide && of.Contains(r.Kind)).Sum(r => r.Delta);
            EntryKind[] poolKinds = [EntryKind.Contribution, EntryKind.Allocation, EntryKind.OutcomePayment, EntryKind.YearEndReturn];
            EntryKind[] budgetKinds = [EntryKind.Allocation, EntryKind.Settlement, EntryKind.Purchase, EntryKind.YearEndReturn, EntryKind.CarryForward];
            return new StreamFlows(pool.Code, pool.Name, stream.Code, stream.Name, stream.Agency is { } agency ? agencies.GetValueOrDefault(agency, "?") : "-",
                Money.FromPence(Opening(true)),
                Money.FromPence(During(true, EntryKind.Contribution)),
                Money.FromPence(-During(true, EntryKind.Allocation)),
                Money.FromPence(-During(true, EntryKind.OutcomePayment)),
                Money.FromPence(-During(true, EntryKind.YearEndReturn)),
                Money.FromPence(Other(true, poolKinds)),
                Money.FromPence(Closing(true)),
                Money.FromPence(Opening(false)),
                Money.FromPence(During(false, EntryKind.Allocation)),
                Money.FromPence(-During(false, EntryKind.Settlement, EntryKind.Purchase)),
                Money.FromPence(-During(false, EntryKind.YearEndReturn)),
                Money.FromPence(-During(false, EntryKind.CarryForward)),
                Money.FromPence(Other(false, budgetKinds)),
                Money.FromPence(Closing(false)),
                Money.FromPence(held.Where(h => h.Stream == account.Stream).Sum(h => h.Amount)),
                Money.FromPence(ToDate(true, EntryKind.Contribution)),
                Money.FromPence(-ToDate(false, EntryKind.Settlement, EntryKind.Purchase) - ToDate(true, EntryKind.OutcomePayment)),
                Money.FromPence(stream.ExpectedSpend),
                stream.ExpectedOutcome);
        }).ToList();
    }

    private static string KindText(AgencyKind kind) => kind switch
    {
        AgencyKind.Nhs => "NHS",
        AgencyKind.YouthJustice => "Youth justice",
        AgencyKind.CentralGovernment => "Central government",
        _ => kind.ToString(),
    };
}
