using Npgsql;
using NpgsqlTypes;

namespace Ledger.Benchmarks.Baselines;

/// <summary>
/// P1's baseline: the simplest honest way to hold money on PostgreSQL by hand — one transaction per
/// purchase with plain Npgsql SQL: lock the budget's stream rows, split pro rata, add to what each holds,
/// write the hold (its key unique, so a retry cannot hold twice) and its legs, commit.
/// </summary>
internal sealed class NpgsqlHolds(NpgsqlDataSource source) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => source.DisposeAsync();

    public static async Task<NpgsqlHolds> CreateAsync(string connectionString, IEnumerable<(Guid Id, long Balance)> accounts)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        await using var connection = await source.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("""
            DROP TABLE IF EXISTS bench_hold_legs, bench_holds, bench_accounts;
            CREATE TABLE bench_accounts (id uuid PRIMARY KEY, balance bigint NOT NULL, held bigint NOT NULL, version bigint NOT NULL);
            CREATE TABLE bench_holds (id uuid PRIMARY KEY, idempotency_key text NOT NULL UNIQUE, amount bigint NOT NULL, created_at timestamptz NOT NULL);
            CREATE TABLE bench_hold_legs (hold_id uuid NOT NULL REFERENCES bench_holds(id), from_account uuid NOT NULL, amount bigint NOT NULL,
                PRIMARY KEY (hold_id, from_account));
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var import = await connection.BeginBinaryImportAsync("COPY bench_accounts (id, balance, held, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, balance) in accounts)
            {
                await import.StartRowAsync();
                await import.WriteAsync(id, NpgsqlDbType.Uuid);
                await import.WriteAsync(balance, NpgsqlDbType.Bigint);
                await import.WriteAsync(0L, NpgsqlDbType.Bigint);
                await import.WriteAsync(0L, NpgsqlDbType.Bigint);
            }

            await import.CompleteAsync();
        }

        return new NpgsqlHolds(source);
    }

    /// <summary>Holds <paramref name="amount"/> pence across <paramref name="accounts"/>; false when they have too little.</summary>
    public async Task<bool> HoldAsync(string key, Guid[] accounts, long amount)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var available = new Dictionary<Guid, long>();
        await using (var select = new NpgsqlCommand("SELECT id, balance - held FROM bench_accounts WHERE id = ANY(@ids) ORDER BY id FOR UPDATE", connection, tx))
        {
            select.Parameters.AddWithValue("ids", accounts);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                available[reader.GetGuid(0)] = reader.GetInt64(1);
            }
        }

        var shares = HoldSplit.ProRata(amount, accounts.Select(a => available[a]).ToArray());
        if (shares is null)
        {
            await tx.RollbackAsync();
            return false;
        }

        await using (var update = new NpgsqlCommand(
            "UPDATE bench_accounts AS a SET held = a.held + v.amount FROM unnest(@ids, @amounts) AS v(id, amount) WHERE a.id = v.id", connection, tx))
        {
            update.Parameters.AddWithValue("ids", accounts);
            update.Parameters.AddWithValue("amounts", shares);
            await update.ExecuteNonQueryAsync();
        }

        var hold = Guid.NewGuid();
        await using (var insert = new NpgsqlCommand("INSERT INTO bench_holds (id, idempotency_key, amount, created_at) VALUES (@id, @key, @amount, now())", connection, tx))
        {
            insert.Parameters.AddWithValue("id", hold);
            insert.Parameters.AddWithValue("key", key);
            insert.Parameters.AddWithValue("amount", amount);
            await insert.ExecuteNonQueryAsync();
        }

        await using (var legs = new NpgsqlCommand(
            "INSERT INTO bench_hold_legs (hold_id, from_account, amount) SELECT @hold, v.id, v.amount FROM unnest(@ids, @amounts) AS v(id, amount) WHERE v.amount > 0",
            connection, tx))
        {
            legs.Parameters.AddWithValue("hold", hold);
            legs.Parameters.AddWithValue("ids", accounts);
            legs.Parameters.AddWithValue("amounts", shares);
            await legs.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
        return true;
    }

    /// <summary>The server's synchronous_commit setting (the benchmark needs it on: every commit waits for its flush).</summary>
    public async Task<string> SynchronousCommitAsync()
    {
        await using var command = source.CreateCommand("SHOW synchronous_commit");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
