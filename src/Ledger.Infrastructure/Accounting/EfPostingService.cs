using System.Data;
using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Audit;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Accounting;

/// <summary>
/// The storage side of the posting engine. For a batch it opens one transaction, locks every
/// account the batch touches (in id order), loads what the rules need into a
/// <see cref="LedgerWorkingSet"/>, lets <see cref="PostingEngine"/> decide each request, and writes
/// the result in one commit. A conflict with another writer (a stale row, a key written
/// concurrently, a deadlock, a busy SQLite file) rolls the whole batch back and runs it again, so
/// callers only ever see decided outcomes.
/// </summary>
public sealed class EfPostingService(IDbContextFactory<LedgerDbContext> contexts, IClock clock) : IPostingService
{
    private const int MaxAttempts = 8;

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerOutcome>> ExecuteAsync(IReadOnlyList<LedgerCommand> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ExecuteOnceAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < MaxAttempts && IsRetryable(e))
            {
                // Back off a little, with jitter, so colliding writers do not collide again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<LedgerOutcome>> ExecuteOnceAsync(IReadOnlyList<LedgerCommand> batch, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            // Changes are found once, after the batch is decided (see WriteAsync); new entries and holds are written by BulkWrite, never tracked.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var set = await LoadAsync(db, batch, ct).ConfigureAwait(false);
                var now = RecordedTime.Truncate(clock.GetCurrentInstant());
                var outcomes = batch.Select(command => PostingEngine.Execute(command, set, now)).ToArray();
                await WriteAsync(db, set, now, ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return outcomes;
            }
        }
    }

    /// <summary>
    /// Writes what the batch decided, in the open transaction, in a few multi-row statements sent together
    /// (one round trip) whatever the batch's size: the accounts' new balances in one UPDATE; the new entries and holds, their postings and
    /// legs, the idempotency records, and one audit record per entry and hold (who, where, from where) in
    /// multi-row INSERTs. One statement per row, as SaveChanges sends, would cost more than the rest of the
    /// batch together. Holds the batch settled, voided or expired (and their legs) go through SaveChanges,
    /// whose interceptor records them in the audit trail.
    /// </summary>
    private static async Task WriteAsync(LedgerDbContext db, LedgerWorkingSet set, Instant now, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var accounts = db.ChangeTracker.Entries<Account>().Where(e => e.State == EntityState.Modified)
            .Cast<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry>().ToList();
        var write = new BulkWrite(db).Update(accounts).Insert(set.NewEntries);
        if (db.ChangeTracker.HasChanges())
        {
            // Settled, voided or expired holds: a settled hold names its settlement entry, so the entries go first.
            await write.ExecuteAsync(ct).ConfigureAwait(false);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }

        var audit = set.NewEntries.Select(e => AuditInterceptor.Added(db.Entry(e), e.Area, now))
            .Concat(set.NewHolds.Select(h => AuditInterceptor.Added(db.Entry(h), h.Area, now))).ToList();
        await write.Insert(set.NewHolds)
            .Insert(set.NewEntries.SelectMany(e => e.Postings).ToList())
            .Insert(set.NewHolds.SelectMany(h => h.Legs).ToList())
            .Insert(set.NewIdempotencyRecords)
            .Insert(audit)
            .ExecuteAsync(ct).ConfigureAwait(false);
    }

    private static async Task<LedgerWorkingSet> LoadAsync(LedgerDbContext db, IReadOnlyList<LedgerCommand> batch, CancellationToken ct)
    {
        var accountIds = new HashSet<AccountId>();
        var holdIds = new HashSet<HoldId>();
        var entryIds = new HashSet<JournalEntryId>();
        foreach (var command in batch)
        {
            switch (command)
            {
                case PostEntry c:
                    accountIds.UnionWith((c.Lines ?? []).Where(l => l is not null).Select(l => l.Account));
                    break;
                case ReserveHold c:
                    foreach (var leg in (c.Legs ?? []).Where(l => l is not null))
                    {
                        accountIds.Add(leg.From);
                        accountIds.Add(leg.To);
                    }

                    break;
                case ReserveSplitHold c:
                    foreach (var candidate in (c.Candidates ?? []).Where(x => x is not null))
                    {
                        accountIds.Add(candidate.From);
                        accountIds.Add(candidate.To);
                    }

                    break;
                case PostHold c:
                    holdIds.Add(c.Hold);
                    break;
                case VoidHold c:
                    holdIds.Add(c.Hold);
                    break;
                case ExpireHold c:
                    holdIds.Add(c.Hold);
                    break;
                case ReverseEntry c:
                    entryIds.Add(c.Entry);
                    break;
            }
        }

        // The accounts of holds and entries never change, so they can be read before locking.
        if (holdIds.Count > 0)
        {
            var legs = await db.HoldLegs.AsNoTracking().Where(l => holdIds.Contains(l.Hold))
                .Select(l => new { l.From, l.To }).ToListAsync(ct).ConfigureAwait(false);
            foreach (var leg in legs)
            {
                accountIds.Add(leg.From);
                accountIds.Add(leg.To);
            }
        }

        if (entryIds.Count > 0)
        {
            accountIds.UnionWith(await db.Postings.AsNoTracking().Where(p => entryIds.Contains(p.Entry))
                .Select(p => p.Account).ToListAsync(ct).ConfigureAwait(false));
        }

        // Read with their locks taken, so this and everything below is the latest committed state.
        var set = new LedgerWorkingSet();
        var accounts = await AccountLocks.LoadLockedAsync(db, accountIds, ct).ConfigureAwait(false);
        accounts.ForEach(set.AddAccount);

        if (holdIds.Count > 0)
        {
            var holds = await db.Holds.Include(h => h.Legs).Where(h => holdIds.Contains(h.Id)).ToListAsync(ct).ConfigureAwait(false);
            holds.ForEach(set.AddHold);
        }

        if (entryIds.Count > 0)
        {
            var entries = await db.JournalEntries.AsNoTracking().Include(e => e.Postings)
                .Where(e => entryIds.Contains(e.Id)).ToListAsync(ct).ConfigureAwait(false);
            var reversed = await db.JournalEntries.AsNoTracking()
                .Where(e => e.Reverses != null && entryIds.Contains(e.Reverses.Value))
                .Select(e => e.Reverses!.Value).ToListAsync(ct).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                set.AddEntry(entry, reversed.Contains(entry.Id));
            }
        }

        var keys = batch.Select(c => c.IdempotencyKey).Where(k => !string.IsNullOrEmpty(k)).Distinct().ToList();
        var records = await db.IdempotencyRecords.AsNoTracking().Where(r => keys.Contains(r.Key)).ToListAsync(ct).ConfigureAwait(false);
        records.ForEach(set.AddIdempotencyRecord);

        var areas = accounts.Select(a => a.Area).Distinct().ToList();
        await AccountLocks.ShareAreasAsync(db, areas, ct).ConfigureAwait(false);
        var closures = await db.PeriodClosures.AsNoTracking().Where(c => areas.Contains(c.Area)).ToListAsync(ct).ConfigureAwait(false);
        closures.ForEach(set.AddClosure);
        return set;
    }

    // Only conflicts with another writer are retried: a stale row, a key or account version written
    // concurrently (unique violation), a deadlock or serialisation failure, a busy SQLite file. Any
    // other error is a bug and surfaces at once.
    private static bool IsRetryable(Exception e) =>
        e is DbUpdateConcurrencyException || DatabaseErrors.IsWriterConflict(e) || DatabaseErrors.IsUniqueViolation(e);
}
