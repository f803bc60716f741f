using Ledger.Application.Purchasing;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Persistence;

/// <summary>The one way stores write records with optimistic version checks: all in one transaction, or nothing.</summary>
internal static class VersionedWrites
{
    /// <summary>
    /// Adds <paramref name="added"/> and applies <paramref name="changed"/> (each refused if its stored
    /// <c>Version</c> is not the one it was read with) in one SaveChanges, which is one transaction.
    /// </summary>
    public static async Task<StoreWrite> SaveAsync(this IDbContextFactory<LedgerDbContext> contexts, IEnumerable<object> added, IEnumerable<VersionedChange> changed,
        CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.AddRange(added);
            foreach (var change in changed)
            {
                var entry = db.Attach(change.Record);
                entry.State = EntityState.Modified;
                entry.Property("Version").OriginalValue = change.ReadVersion;
            }

            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return StoreWrite.Saved;
            }
            catch (DbUpdateConcurrencyException)
            {
                return StoreWrite.Conflict;
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsWriterConflict(e))
            {
                return StoreWrite.Conflict;
            }
            catch (DbUpdateException)
            {
                // Nothing was written: SaveChanges runs in one transaction. The cause is a unique key already taken.
                return StoreWrite.Duplicate;
            }
        }
    }
}
