using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Calendar;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Statements;

/// <summary>Figures "as at" a past day that the accounts' current balances cannot give: what was held then.</summary>
internal static class AsAt
{
    // What open orders held at the end of the period: legs of holds reserved by then and not yet resolved on that day. A hold settled by an
    // invoice is resolved on the invoice's effective date; one voided or expired, on the day (London) it was recorded as resolved.
    internal static async Task<List<(HoldId Hold, FundingStreamId Stream, long Amount)>> HeldAsync(LedgerDbContext db, List<AccountId> accounts, LocalDate to, CancellationToken ct)
    {
        var rows = await (from l in db.HoldLegs.AsNoTracking()
                          where accounts.Contains(l.From)
                          join h in db.Holds.AsNoTracking() on l.Hold equals h.Id
                          where h.EffectiveDate <= to
                          join e in db.JournalEntries.AsNoTracking() on h.SettlementEntry equals e.Id into settlements
                          from e in settlements.DefaultIfEmpty()
                          select new { l.Hold, l.Stream, l.Amount, h.Status, h.ResolvedAt, Settled = e == null ? (LocalDate?)null : e.EffectiveDate })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.Where(r => r.Status == HoldStatus.Open || (r.Settled ?? (r.ResolvedAt is { } at ? London.DateOf(at) : (LocalDate?)null)) > to).Select(r => (r.Hold, r.Stream, r.Amount)).ToList();
    }
}
