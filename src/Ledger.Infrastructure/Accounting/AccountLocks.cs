using System.Globalization;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ledger.Infrastructure.Accounting;

/// <summary>
/// Takes row locks on accounts for the rest of the transaction, always in id order so two
/// transactions can never wait on each other in a cycle. SQLite needs none: its write transaction
/// (BEGIN IMMEDIATE) already excludes every other writer, in any process.
/// </summary>
internal static class AccountLocks
{
    /// <summary>
    /// Takes shared locks on areas for the rest of the transaction. Closing a period takes the
    /// exclusive lock (<see cref="LockAreaForCloseAsync"/>), so a posting and the closing of its
    /// period are serialised: the posting either commits before the close or sees it (R27).
    /// </summary>
    public static async Task ShareAreasAsync(Persistence.LedgerDbContext db, IReadOnlyCollection<AreaId> areas, CancellationToken ct)
    {
        if (areas.Count == 0 || db.Database.IsSqlite())
        {
            return;
        }

        var ids = areas.Select(a => a.Value).Distinct().Order().ToArray();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                "SELECT 1 FROM \"Areas\" WHERE \"Id\" = ANY(@ids) ORDER BY \"Id\" FOR SHARE",
                [new NpgsqlParameter("ids", ids)], ct).ConfigureAwait(false);
        }
        else if (db.Database.IsSqlServer())
        {
            var names = ids.Select((_, i) => "@a" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var parameters = ids.Select((id, i) => (object)new SqlParameter(names[i], id)).ToArray();
            var sql = "SELECT 1 FROM [Areas] WITH (HOLDLOCK, ROWLOCK) WHERE [Id] IN (" + string.Join(", ", names) + ")";
            await db.Database.ExecuteSqlRawAsync(sql, parameters, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the exclusive lock on an area, waiting for postings in flight to finish.</summary>
    public static async Task LockAreaForCloseAsync(Persistence.LedgerDbContext db, AreaId area, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"Areas\" WHERE \"Id\" = @id FOR UPDATE",
                [new NpgsqlParameter("id", area.Value)], ct).ConfigureAwait(false);
        }
        else if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM [Areas] WITH (UPDLOCK, HOLDLOCK, ROWLOCK) WHERE [Id] = @id",
                [new SqlParameter("@id", area.Value)], ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the accounts and takes their row locks for the rest of the transaction, in one statement and
    /// in id order. SQLite needs no lock (its write transaction already excludes every other writer).
    /// </summary>
    public static async Task<List<Account>> LoadLockedAsync(Persistence.LedgerDbContext db, IReadOnlyCollection<AccountId> accounts, CancellationToken ct)
    {
        if (accounts.Count == 0)
        {
            return [];
        }

        var ids = accounts.Select(a => a.Value).Distinct().Order().ToArray();
        if (db.Database.IsSqlite())
        {
            var wanted = accounts.ToList();
            return await db.Accounts.Where(a => wanted.Contains(a.Id)).ToListAsync(ct).ConfigureAwait(false);
        }

        if (db.Database.IsNpgsql())
        {
            return await db.Accounts.FromSqlRaw("SELECT * FROM \"Accounts\" WHERE \"Id\" = ANY(@ids) ORDER BY \"Id\" FOR UPDATE",
                new NpgsqlParameter("ids", ids)).ToListAsync(ct).ConfigureAwait(false);
        }

        if (db.Database.IsSqlServer())
        {
            var names = ids.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var parameters = ids.Select((id, i) => (object)new SqlParameter(names[i], id)).ToArray();
            // Only generated parameter names are joined into the text; the ids travel as parameters.
            var sql = "SELECT * FROM [Accounts] WITH (UPDLOCK, ROWLOCK, HOLDLOCK) WHERE [Id] IN (" + string.Join(", ", names) + ") ORDER BY [Id]";
            return await db.Accounts.FromSqlRaw(sql, parameters).ToListAsync(ct).ConfigureAwait(false);
        }

        throw new NotSupportedException($"No row locking for provider {db.Database.ProviderName}.");
    }
}
