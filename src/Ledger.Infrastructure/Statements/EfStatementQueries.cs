using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Purchasing;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Statements;

/// <summary>
/// Statements read from one database snapshot, so every figure on a statement comes from the same state
/// of the ledger. Balances are the resulting balances stored on the postings (a range scan, R24).
/// </summary>
public sealed class EfStatementQueries(IDbContextFactory<LedgerDbContext> contexts) : IStatementQueries
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> BudgetCodesAsync(string areaCode, LocalDate firstDay, LocalDate lastDay, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var area = await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == areaCode, ct).ConfigureAwait(false);
            if (area is null)
            {
                return [];
            }

            var year = FinancialYear.Containing(lastDay);
            return await db.Budgets.AsNoTracking().Where(b => b.Area == area.Id && b.Year == year).OrderBy(b => b.Code).Select(b => b.Code).ToListAsync(ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<BudgetStatement?> BudgetStatementAsync(string areaCode, string budgetCode, LocalDate firstDay, LocalDate lastDay, CancellationToken ct)
    {
        var (from, to) = (firstDay, lastDay);
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await using var snapshot = await Snapshot.BeginAsync(db, ct).ConfigureAwait(false);
            var area = await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == areaCode, ct).ConfigureAwait(false);
            if (area is null)
            {
                return null;
            }

            var budget = await db.Budgets.AsNoTracking().SingleOrDefaultAsync(b => b.Area == area.Id && b.Code == budgetCode, ct).ConfigureAwait(false);
            if (budget is null)
            {
                return null;
            }

            var kind = budget.Kind == BudgetKind.Individual ? AccountKind.IndividualBudget : AccountKind.LeadProfessionalBudget;
            var accounts = await db.Accounts.AsNoTracking().Where(a => a.Area == area.Id && a.Kind == kind && a.Owner == budget.Code).ToListAsync(ct).ConfigureAwait(false);
            var accountIds = accounts.Select(a => a.Id).ToList();
            var streams = await db.FundingStreams.AsNoTracking().Where(s => accounts.Select(a => a.Stream).Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct).ConfigureAwait(false);
            var subject = budget.Subject is { } sid ? await db.Subjects.AsNoTracking().Where(s => s.Id == sid).Select(s => s.Reference).SingleOrDefaultAsync(ct).ConfigureAwait(false) : null;
            var holder = await db.Practitioners.AsNoTracking().Where(p => p.Id == budget.Holder).Select(p => p.Code + " " + p.Name).SingleAsync(ct).ConfigureAwait(false);

            // Every posting to the budget's accounts up to the end of the period, with its entry.
            var postings = await (from p in db.Postings.AsNoTracking()
                                  where accountIds.Contains(p.Account) && p.EffectiveDate <= to
                                  join e in db.JournalEntries.AsNoTracking() on p.Entry equals e.Id
                                  select new { p.Account, p.Stream, p.Amount, p.EffectiveDate, p.RecordedAt, e.Description, e.Kind })
                .ToListAsync(ct).ConfigureAwait(false);

            // Balances from the postings themselves (credit-normal accounts: a credit, stored negative, adds to the balance).
            long Delta(long amount) => AccountKindRules.BalanceDelta(kind, amount);
            var positions = new List<StreamPosition>();
            var held = await AsAt.HeldAsync(db, accountIds, to, ct).ConfigureAwait(false);
            foreach (var account in accounts.OrderBy(a => streams[a.Stream].Code, StringComparer.Ordinal))
            {
                var mine = postings.Where(p => p.Account == account.Id).ToList();
                var opening = mine.Where(p => p.EffectiveDate < from).Sum(p => Delta(p.Amount));
                var during = mine.Where(p => p.EffectiveDate >= from).Select(p => Delta(p.Amount)).ToList();
                var stream = streams[account.Stream];
                positions.Add(new StreamPosition(stream.Code, stream.Name, new StreamRestrictions(stream.Categories, stream.ClientGroups).Describe(),
                    Money.FromPence(opening), Money.FromPence(during.Where(d => d > 0).Sum()), Money.FromPence(-during.Where(d => d < 0).Sum()),
                    Money.FromPence(opening + during.Sum()), Money.FromPence(held.Where(h => h.Stream == account.Stream).Sum(h => h.Amount))));
            }

            var lines = postings.Where(p => p.EffectiveDate >= from)
                .OrderBy(p => p.EffectiveDate).ThenBy(p => p.RecordedAt).ThenBy(p => streams[p.Stream].Code, StringComparer.Ordinal)
                .Select(p => new StatementLine(p.EffectiveDate, p.Description, p.Kind, streams[p.Stream].Code, Money.FromPence(Delta(p.Amount))))
                .ToList();

            var allocations = await db.Allocations.AsNoTracking().Where(a => a.Budget == budget.Id && a.DecidedOn <= to).OrderBy(a => a.DecidedOn)
                .Select(a => new { a.FinalAmount, a.DecidedOn, a.DecidedBy, a.Working }).ToListAsync(ct).ConfigureAwait(false);

            var orders = await db.PurchaseOrders.AsNoTracking().Where(o => o.Budget == budget.Id).ToListAsync(ct).ConfigureAwait(false);
            var providers = await db.Providers.AsNoTracking().Where(p => orders.Select(o => o.Provider).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct)
                .ConfigureAwait(false);
            var outstanding = orders.Where(o => held.Any(h => h.Hold == o.Hold))
                .OrderBy(o => o.OrderedOn).ThenBy(o => o.Reference, StringComparer.Ordinal)
                .Select(o => new OutstandingOrder(o.Reference, o.Description, providers[o.Provider], o.OrderedOn,
                    held.Where(h => h.Hold == o.Hold).Select(h => (streams[h.Stream].Code, Money.FromPence(h.Amount))).ToList()))
                .ToList();
            var orderIds = orders.Select(o => o.Id).ToList();
            var invoiced = await db.Invoices.AsNoTracking().Where(i => orderIds.Contains(i.Order) && i.InvoicedOn >= from && i.InvoicedOn <= to)
                .Select(i => new { i.Order, i.Amount }).ToListAsync(ct).ConfigureAwait(false);
            var byCategory = invoiced.GroupBy(i => orders.Single(o => o.Id == i.Order).Category)
                .Select(g => (Category: Vocabulary(g.Key), Amount: Money.FromPence(g.Sum(i => i.Amount))))
                .OrderByDescending(c => c.Amount.Pence).ThenBy(c => c.Category, StringComparer.Ordinal).ToList();

            return new BudgetStatement(area.Code, area.Name, budget.Code, budget.Kind == BudgetKind.Individual ? "Individual budget" : "Lead professional's budget",
                subject, holder, HolderText(budget.HolderMode), budget.Year.ToString(), from, to,
                allocations.Select(a => (Money.FromPence(a.FinalAmount), a.DecidedOn, a.DecidedBy, a.Working)).ToList(), positions, lines, outstanding, byCategory);
        }
    }

    private static string HolderText(HolderMode mode) => mode switch
    {
        HolderMode.LeadProfessional => "held by the lead professional",
        HolderMode.Broker => "held by a broker on the family's behalf",
        HolderMode.DirectPayment => "paid to the family as a direct payment",
        _ => mode.ToString(),
    };

    private static string Vocabulary(ServiceCategory category) => System.Text.RegularExpressions.Regex.Replace(category.ToString(), "(?<=[a-z])([A-Z])", " $1").ToLowerInvariant();
}
