using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Calendar;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Accounting;

/// <summary>Creates areas, streams and accounts (get-or-create, safe across processes) and closes periods.</summary>
public sealed class EfLedgerSetup(IDbContextFactory<LedgerDbContext> contexts, IClock clock) : ILedgerSetup
{
    /// <inheritdoc />
    public Task<Area> EnsureAreaAsync(string code, string name, CancellationToken cancellationToken = default) =>
        GetOrCreateAsync(
            db => db.Areas.SingleOrDefaultAsync(a => a.Code == code, cancellationToken),
            () => Area.Create(AreaId.New(), code, name),
            cancellationToken);

    /// <inheritdoc />
    public Task<FundingStream> EnsureStreamAsync(AreaId area, string code, string name, FinancialYear year, CancellationToken cancellationToken = default) =>
        GetOrCreateAsync(
            db => db.FundingStreams.SingleOrDefaultAsync(s => s.Area == area && s.Code == code, cancellationToken),
            () => FundingStream.Create(FundingStreamId.New(), area, code, name, year),
            cancellationToken);

    /// <inheritdoc />
    public Task<Account> EnsureAccountAsync(AccountKind kind, AreaId area, string owner, FundingStreamId stream, CancellationToken cancellationToken = default) =>
        GetOrCreateAsync(
            db => db.Accounts.SingleOrDefaultAsync(a => a.Kind == kind && a.Area == area && a.Owner == owner && a.Stream == stream, cancellationToken),
            () => Account.Open(AccountId.New(), kind, area, owner, stream, RecordedTime.Truncate(clock.GetCurrentInstant())),
            cancellationToken);

    /// <inheritdoc />
    public Task<PeriodClosure> ClosePeriodAsync(AreaId area, YearMonth month, CancellationToken cancellationToken = default) =>
        GetOrCreateAsync(
            db => db.PeriodClosures.SingleOrDefaultAsync(c => c.Area == area && c.Year == month.Year && c.Month == month.Month, cancellationToken),
            () => new PeriodClosure(area, month, RecordedTime.Truncate(clock.GetCurrentInstant())),
            cancellationToken);

    // The unique index decides races: if another process inserted first, our insert fails and we
    // read theirs. Exactly one row results however many callers race.
    private async Task<T> GetOrCreateAsync<T>(Func<LedgerDbContext, Task<T?>> find, Func<T> create, CancellationToken ct)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                if (await find(db).ConfigureAwait(false) is { } existing)
                {
                    return existing;
                }

                var created = create();
                db.Add(created);
                try
                {
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    return created;
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), ct).ConfigureAwait(false);
                }
            }
        }
    }
}
