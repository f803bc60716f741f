using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Statements;

/// <summary>Provider statements from one database snapshot: invoices, outcome payments with their working, clawbacks, payments and what is owed.</summary>
public sealed class EfProviderStatementQueries(IDbContextFactory<LedgerDbContext> contexts) : IProviderStatementQueries
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ProviderCodesAsync(string areaCode, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await (from p in db.Providers.AsNoTracking()
                          join a in db.Areas.AsNoTracking() on p.Area equals a.Id
                          where a.Code == areaCode
                          orderby p.Code
                          select p.Code).ToListAsync(ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<ProviderStatement?> ProviderStatementAsync(string areaCode, string providerCode, LocalDate firstDay, LocalDate lastDay, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await using var snapshot = await Snapshot.BeginAsync(db, ct).ConfigureAwait(false);
            var area = await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == areaCode, ct).ConfigureAwait(false);
            var provider = area is null ? null : await db.Providers.AsNoTracking().SingleOrDefaultAsync(p => p.Area == area.Id && p.Code == providerCode, ct).ConfigureAwait(false);
            if (area is null || provider is null)
            {
                return null;
            }

            // What it is owed, from the payable accounts' postings (credit-normal: a credit, stored negative, adds to what is owed).
            var payables = await db.Accounts.AsNoTracking().Where(a => a.Area == area.Id && a.Kind == AccountKind.ProviderPayable && a.Owner == provider.Code)
                .Select(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
            var postings = await db.Postings.AsNoTracking().Where(p => payables.Contains(p.Account) && p.EffectiveDate <= lastDay)
                .Select(p => new { p.Amount, p.EffectiveDate }).ToListAsync(ct).ConfigureAwait(false);
            var owedAtStart = -postings.Where(p => p.EffectiveDate < firstDay).Sum(p => p.Amount);
            var owedAtEnd = -postings.Sum(p => p.Amount);

            var runs = await db.PaymentRuns.AsNoTracking().Where(r => r.Area == area.Id).ToDictionaryAsync(r => r.Id, ct).ConfigureAwait(false);
            var invoices = await (from i in db.Invoices.AsNoTracking()
                                  where i.Provider == provider.Id && i.InvoicedOn >= firstDay && i.InvoicedOn <= lastDay
                                  join o in db.PurchaseOrders.AsNoTracking() on i.Order equals o.Id
                                  orderby i.InvoicedOn, i.Number
                                  select new { i.Number, i.InvoicedOn, i.Amount, i.Units, i.PaymentRun, o.Reference, o.Description, o.Unit })
                .ToListAsync(ct).ConfigureAwait(false);

            var claims = await db.OutcomeClaims.AsNoTracking().Where(c => c.Provider == provider.Id && c.PayableEntry != null).ToListAsync(ct).ConfigureAwait(false);
            var subjectIds = claims.Select(c => c.Subject).Distinct().ToList();
            var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Reference, ct)
                .ConfigureAwait(false);
            var clawbackEntries = claims.Where(c => c.ClawbackEntry is not null).Select(c => c.ClawbackEntry!.Value).ToList();
            var reversals = await db.JournalEntries.AsNoTracking().Where(e => clawbackEntries.Contains(e.Id))
                .ToDictionaryAsync(e => e.Id, e => e.EffectiveDate, ct).ConfigureAwait(false);
            var outcomes = new List<StatementOutcome>();
            foreach (var c in claims.OrderBy(c => c.ApprovedOn).ThenBy(c => c.Reference, StringComparer.Ordinal))
            {
                var what = c.Kind switch
                {
                    PaymentKind.Attachment => "Attachment fee",
                    PaymentKind.Sustainment => $"Sustainment {c.Sustainment} of {c.Outcome}",
                    _ => $"Outcome {c.Outcome}",
                };
                if (c.ApprovedOn >= firstDay && c.ApprovedOn <= lastDay)
                {
                    outcomes.Add(new StatementOutcome(c.Reference, what, subjects.GetValueOrDefault(c.Subject, "?"), c.ApprovedOn!.Value, Money.FromPence(c.Amount),
                        c.Working.Split('\n'), c.PaymentRun is { } run ? runs[run].Reference : null));
                }

                if (c.ClawbackEntry is { } back && reversals.TryGetValue(back, out var recoveredOn) && recoveredOn >= firstDay && recoveredOn <= lastDay)
                {
                    outcomes.Add(new StatementOutcome(c.Reference, $"Clawback of {what.ToLowerInvariant()}", subjects.GetValueOrDefault(c.Subject, "?"), recoveredOn,
                        Money.FromPence(-c.Amount), [$"Found invalid at a spot check: {c.Reason}"], c.ClawbackRun is { } run ? runs[run].Reference : "recovered before payment"));
                }
            }

            var payments = await (from p in db.ProviderPayments.AsNoTracking()
                                  where p.Provider == provider.Id
                                  join e in db.JournalEntries.AsNoTracking() on p.Entry equals e.Id
                                  where e.EffectiveDate >= firstDay && e.EffectiveDate <= lastDay
                                  select new { p.Run, e.EffectiveDate, p.Amount }).ToListAsync(ct).ConfigureAwait(false);

            return new ProviderStatement(area.Code, area.Name, provider.Code, provider.Name, firstDay, lastDay, Money.FromPence(owedAtStart),
                invoices.Select(i => new StatementInvoice(i.Reference, i.Number, i.InvoicedOn, $"{i.Description} ({i.Units} {i.Unit})", Money.FromPence(i.Amount),
                    i.PaymentRun is { } run ? runs[run].Reference : null)).ToList(),
                outcomes.OrderBy(o => o.On).ThenBy(o => o.Claim, StringComparer.Ordinal).ToList(),
                payments.OrderBy(p => p.EffectiveDate).Select(p => (runs[p.Run].Reference, p.EffectiveDate, Money.FromPence(p.Amount))).ToList(),
                Money.FromPence(owedAtEnd));
        }
    }
}
