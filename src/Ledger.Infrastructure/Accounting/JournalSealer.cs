using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Accounting;

/// <summary>What one area's sealing did.</summary>
/// <param name="AreaCode">The area.</param>
/// <param name="Sealed">Entries sealed by this run.</param>
/// <param name="HeadSequence">The chain's length afterwards (0 when nothing is sealed yet).</param>
/// <param name="HeadHash">The chain hash of the last link afterwards; write it down outside the database to anchor the chain.</param>
/// <param name="Contended">True when another sealer was writing the same chain, so this run stopped early; the next run carries on.</param>
public sealed record AreaSealResult(string AreaCode, int Sealed, long HeadSequence, string HeadHash, bool Contended);

/// <summary>
/// Seals committed journal entries into one SHA-256 hash chain per area (issue 9), off the posting path: a job
/// (<c>seal-journal</c>) or <c>ledger seal</c> runs it, never the engine. Each run appends, per area and in
/// order of recorded-at then id, the entries not yet sealed and recorded at least <see cref="SealOptions.GracePeriod"/>
/// ago, in batches of <see cref="SealOptions.BatchSize"/>, each batch in its own transaction. Running it
/// again seals nothing twice; two sealers at once cannot both write a link (the key is area and sequence),
/// the loser stops and the next run carries on.
/// </summary>
/// <remarks>
/// <para>
/// An entry recorded before the chain's head but not sealed was not committed when the head was sealed:
/// it was inserted directly, or its transaction took longer than the grace period to commit. The sealer
/// never appends such an entry (that would launder an insertion into the chain); it stays unsealed and
/// <c>verify</c> names it. A false alarm therefore needs a posting transaction slower than the grace period.
/// </para>
/// <para>
/// Residual risk: what is inserted or changed before it is first sealed is sealed as it then is; an
/// entry inserted directly with a recorded-at after the head is sealed by the next run; and someone
/// who can write the database and knows this algorithm can rewrite a chain's tail (or delete its last
/// links) consistently. The chain proves nothing was changed after sealing only against a head hash kept
/// outside the database: <c>ledger seal</c> and <c>verify</c> print each area's head for that.
/// </para>
/// </remarks>
public sealed class JournalSealer(IDbContextFactory<LedgerDbContext> contexts, SealOptions options, IClock clock)
{
    /// <summary>Seals every area's entries that are old enough; returns what each area's chain is now.</summary>
    public async Task<IReadOnlyList<AreaSealResult>> SealAsync(CancellationToken cancellationToken = default)
    {
        List<(AreaId Id, string Code)> areas;
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            areas = (await db.Areas.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Id, a.Code }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(a => (a.Id, a.Code)).ToList();
        }

        // One cut-off for the whole run: an entry recorded after it waits for the next run.
        var cutoff = clock.GetCurrentInstant() - Duration.FromTimeSpan(options.GracePeriod);
        var results = new List<AreaSealResult>(areas.Count);
        foreach (var (id, code) in areas)
        {
            var total = 0;
            while (true)
            {
                var (count, head, contended) = await SealBatchAsync(id, cutoff, cancellationToken).ConfigureAwait(false);
                total += count;
                if (contended || count < Math.Max(1, options.BatchSize))
                {
                    results.Add(new AreaSealResult(code, total, head?.Sequence ?? 0, head?.ChainHash ?? JournalHashes.Genesis, contended));
                    break;
                }
            }
        }

        return results;
    }

    private async Task<(int Count, JournalSeal? Head, bool Contended)> SealBatchAsync(AreaId area, Instant cutoff, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var head = await db.JournalSeals.Where(s => s.Area == area).OrderByDescending(s => s.Sequence).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            var query = db.JournalEntries.Where(e => e.Area == area && e.RecordedAt <= cutoff && !db.JournalSeals.Any(s => s.Entry == e.Id));
            if (head is not null)
            {
                // Entries at exactly the head's instant are still candidates: a batch may have stopped among them.
                var from = head.RecordedAt;
                query = query.Where(e => e.RecordedAt >= from);
            }

            var candidates = await query
                .OrderBy(e => e.RecordedAt).ThenBy(e => e.Id)
                .Select(e => e.Id).Take(Math.Max(1, options.BatchSize)).ToListAsync(ct).ConfigureAwait(false);
            if (candidates.Count == 0)
            {
                return (0, head, false);
            }

            var hashes = await JournalHashes.LoadAsync(db, candidates, ct).ConfigureAwait(false);
            var now = clock.GetCurrentInstant();
            var sequence = head?.Sequence ?? 0;
            var chain = head?.ChainHash ?? JournalHashes.Genesis;
            var seals = new List<JournalSeal>(candidates.Count);
            foreach (var id in candidates)
            {
                var (recordedAt, hash) = hashes[id];
                chain = JournalHashes.ChainHash(chain, hash);
                seals.Add(new JournalSeal(area, ++sequence, id, recordedAt, hash, chain, now));
            }

            try
            {
                // Multi-row inserts, not the change tracker: seals are the ledger's own evidence, not business
                // changes, so they carry no audit rows, and a thousand of them go in one round trip.
                await new BulkWrite(db).Insert(seals).ExecuteAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e) || DatabaseErrors.IsWriterConflict(e))
            {
                return (0, head, true);
            }

            return (seals.Count, seals[^1], false);
        }
    }
}
