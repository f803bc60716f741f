using System.Data;
using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
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
            // Changes are found once, after the batch is decided (see WriteAsync), so new entries' postings are not picked up with them.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var set = await LoadAsync(db, batch, ct).ConfigureAwait(false);
                var now = RecordedTime.Truncate(clock.GetCurrentInstant());
                var outcomes = batch.Select(command => PostingEngine.Execute(command, set, now)).ToArray();
                await WriteAsync(db, set, ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return outcomes;
            }
        }
    }

    /// <summary>
    /// Writes what the batch decided, in the open transaction. Entries and holds go through SaveChanges, so
    /// the audit trail records each one (with who and where); their postings and legs, the idempotency
    /// records and the accounts' new balances — many rows per request, each derived from its entry or hold
    /// and checked by verify — go in a few multi-row statements. Per request that is two statements instead
    /// of fifteen, which is most of what group commit gains.
    /// </summary>
    private static async Task WriteAsync(LedgerDbContext db, LedgerWorkingSet set, CancellationToken ct)
    {
        // Loaded accounts and holds the engine changed: the accounts are written in one statement below;
        // changed holds and their legs (settled, voided, expired) through SaveChanges.
        db.ChangeTracker.DetectChanges();
        var accounts = db.ChangeTracker.Entries<Account>().Where(e => e.State == EntityState.Modified).Cast<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry>().ToList();
        await BulkWrites.UpdateAsync(db, accounts, ct).ConfigureAwait(false);

        // Only the new entries and holds themselves are attached (not their postings and legs).
        foreach (var entry in set.NewEntries)
        {
            db.Entry(entry).State = EntityState.Added;
        }

        foreach (var hold in set.NewHolds)
        {
            db.Entry(hold).State = EntityState.Added;
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await BulkWrites.InsertAsync(db, set.NewEntries.SelectMany(e => e.Postings).ToList(), ct).ConfigureAwait(false);
        await BulkWrites.InsertAsync(db, set.NewHolds.SelectMany(h => h.Legs).ToList(), ct).ConfigureAwait(false);
        await BulkWrites.InsertAsync(db, set.NewIdempotencyRecords, ct).ConfigureAwait(false);
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

        await AccountLocks.LockAsync(db, accountIds, ct).ConfigureAwait(false);

        // Everything below is read under the locks, so it is the latest committed state.
        var set = new LedgerWorkingSet();
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id)).ToListAsync(ct).ConfigureAwait(false);
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
