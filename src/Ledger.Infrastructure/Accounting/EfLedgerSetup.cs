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
            async db =>
            {
                // An account may only hold its own area's streams: money never crosses areas (R1).
                var streamArea = await db.FundingStreams.Where(s => s.Id == stream).Select(s => (AreaId?)s.Area)
                    .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (streamArea != area)
                {
                    throw new InvalidOperationException(streamArea is null
                        ? $"Funding stream {stream} does not exist."
                        : $"Funding stream {stream} belongs to another area than {area}.");
                }

                return await db.Accounts.SingleOrDefaultAsync(a => a.Kind == kind && a.Area == area && a.Owner == owner && a.Stream == stream, cancellationToken)
                    .ConfigureAwait(false);
            },
            () => Account.Open(AccountId.New(), kind, area, owner, stream, RecordedTime.Truncate(clock.GetCurrentInstant())),
            cancellationToken);

    /// <inheritdoc />
    public async Task<PeriodClosure> ClosePeriodAsync(AreaId area, YearMonth month, CancellationToken cancellationToken = default)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            // The area's exclusive lock waits for postings in flight (they hold it shared), and the
            // closing time is stamped only once we hold it: no posting into the month can commit
            // after ClosedAt (R27). On SQLite the write transaction itself excludes every writer.
            var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                await AccountLocks.LockAreaForCloseAsync(db, area, cancellationToken).ConfigureAwait(false);
                var existing = await db.PeriodClosures
                    .SingleOrDefaultAsync(c => c.Area == area && c.Year == month.Year && c.Month == month.Month, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    return existing;
                }

                var closure = new PeriodClosure(area, month, RecordedTime.Truncate(clock.GetCurrentInstant()));
                db.PeriodClosures.Add(closure);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return closure;
            }
        }
    }

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
