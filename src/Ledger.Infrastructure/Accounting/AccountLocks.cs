using System.Globalization;
using Ledger.Domain;
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
    public static async Task LockAsync(Persistence.LedgerDbContext db, IReadOnlyCollection<AccountId> accounts, CancellationToken ct)
    {
        if (accounts.Count == 0 || db.Database.IsSqlite())
        {
            return;
        }

        var ids = accounts.Select(a => a.Value).Distinct().ToArray();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                "SELECT 1 FROM \"Accounts\" WHERE \"Id\" = ANY(@ids) ORDER BY \"Id\" FOR UPDATE",
                [new NpgsqlParameter("ids", ids)], ct).ConfigureAwait(false);
        }
        else if (db.Database.IsSqlServer())
        {
            var names = ids.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var parameters = ids.Select((id, i) => (object)new SqlParameter(names[i], id)).ToArray();
            // Only generated parameter names are joined into the text; the ids travel as parameters.
            var sql = "SELECT 1 FROM [Accounts] WITH (UPDLOCK, ROWLOCK, HOLDLOCK) WHERE [Id] IN (" + string.Join(", ", names) + ") ORDER BY [Id]";
            await db.Database.ExecuteSqlRawAsync(sql, parameters, ct).ConfigureAwait(false);
        }
        else
        {
            throw new NotSupportedException($"No row locking for provider {db.Database.ProviderName}.");
        }
    }
}
