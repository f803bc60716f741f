using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Persistence;

/// <summary>Applies the configured provider's migrations: the migrations are the only source of the schema.</summary>
public static class Migrator
{
    /// <summary>Applies every pending migration; returns the names applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(LedgerDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer commits, across processes; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        return pending;
    }
}
