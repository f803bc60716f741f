using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ledger.Infrastructure.Persistence;

/// <summary>
/// A read-only transaction that sees one consistent state of the database, so a reader running
/// many queries (the verifier, the export) never mixes states while writers carry on. PostgreSQL:
/// REPEATABLE READ (a snapshot); SQL Server: SNAPSHOT when the database allows it, otherwise
/// REPEATABLE READ; SQLite: a deferred transaction, which in WAL mode reads one snapshot without
/// blocking writers.
/// </summary>
internal static class Snapshot
{
    public static async Task<IDbContextTransaction> BeginAsync(LedgerDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var transaction = connection.BeginTransaction(deferred: true);
            return await db.Database.UseTransactionAsync(transaction, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Could not use the SQLite read transaction.");
        }

        if (db.Database.IsSqlServer())
        {
            var allowed = await db.Database.SqlQueryRaw<int>(
                "SELECT CAST(snapshot_isolation_state AS int) AS [Value] FROM sys.databases WHERE name = DB_NAME()").SingleAsync(ct).ConfigureAwait(false);
            return await db.Database.BeginTransactionAsync(allowed == 1 ? IsolationLevel.Snapshot : IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        }

        return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
    }
}
