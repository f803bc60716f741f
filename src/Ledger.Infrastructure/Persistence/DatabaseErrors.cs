using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Persistence;

/// <summary>
/// What a database error means, the same way for every provider and every store: another writer got
/// there first (try again), or a unique key was already taken.
/// </summary>
internal static class DatabaseErrors
{
    /// <summary>A deadlock, serialisation failure, lock timeout or busy SQLite file: another writer, not a bug.</summary>
    public static bool IsWriterConflict(Exception e) => e switch
    {
        Npgsql.PostgresException pg => pg.SqlState is "40001" or "40P01" or "55P03",
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 1205,
        Microsoft.Data.Sqlite.SqliteException lite => lite.SqliteErrorCode is 5 or 6,
        _ => e.InnerException is { } inner && IsWriterConflict(inner),
    };

    /// <summary>A unique key or index already taken.</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        Npgsql.PostgresException pg => pg.SqlState is "23505",
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2601 or 2627,
        Microsoft.Data.Sqlite.SqliteException lite => lite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => e.InnerException is { } inner && IsUniqueViolation(inner),
    };

    /// <summary>Runs a query on a fresh context without tracking: the stores' reads.</summary>
    public static async Task<T> ReadAsync<T>(this IDbContextFactory<LedgerDbContext> contexts, Func<LedgerDbContext, Task<T>> query)
    {
        var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            return await query(db).ConfigureAwait(false);
        }
    }
}
