using Ledger.Application.Accounting;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Accounting;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>
/// A migrated database for one scenario, on PostgreSQL (a new database on the server named by
/// <c>LEDGER_BENCH_POSTGRES</c>, else <c>LEDGER_TEST_POSTGRES</c>, else the local server) or SQLite (a new
/// file). Dropped when disposed unless <see cref="Keep"/> is set.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string DefaultPostgres = "Host=localhost;Port=5432;Username=ledger;Password=ledger;Database=postgres;Timeout=10";

    private readonly Func<Task> _drop;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string name, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
        _drop = drop;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The database's name (PostgreSQL) or file (SQLite).</summary>
    public string Name { get; }

    /// <summary>Leave the database in place when disposed (to look at it, or reuse a generated data set).</summary>
    public bool Keep { get; set; }

    public static string AdminPostgres =>
        Environment.GetEnvironmentVariable("LEDGER_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("LEDGER_TEST_POSTGRES") ?? DefaultPostgres;

    public DatabaseOptions Options => new() { Provider = Provider, ConnectionString = ConnectionString };

    /// <summary>Ledger's services on this database; <paramref name="configure"/> may add or replace registrations.</summary>
    public ServiceProvider Services(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(new PostingOptions
            {
                MaxInFlight = int.TryParse(Environment.GetEnvironmentVariable("LEDGER_BENCH_INFLIGHT"), out var inFlight) ? inFlight : 0,
                GroupCommit = Environment.GetEnvironmentVariable("LEDGER_BENCH_GROUP_COMMIT") != "0",
            })
            .AddSingleton(new Application.Outcomes.OutcomeOptions { EvidenceFolder = Path.Combine(Path.GetTempPath(), "ledger-bench-evidence") })
            .AddLedgerInfrastructure(Options);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Creates and migrates a new PostgreSQL database, or opens <paramref name="name"/> when it exists and <paramref name="reuse"/> is set.</summary>
    public static async Task<BenchDatabase> PostgresAsync(string name, bool reuse = false, CancellationToken ct = default)
    {
        var admin = AdminPostgres;
        bool exists;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var check = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", connection);
            check.Parameters.AddWithValue("n", name);
            exists = (long)(await check.ExecuteScalarAsync(ct))! > 0;
            if (exists && !reuse)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync(ct);
                exists = false;
            }

            if (!exists)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }

        // Loopback: no TLS, as a server on the same machine would be reached (set LEDGER_BENCH_POSTGRES to measure another setup).
        var csb = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 200, Timeout = 30, CommandTimeout = 600 };
        if (csb.Host is "localhost" or "127.0.0.1" && Environment.GetEnvironmentVariable("LEDGER_BENCH_POSTGRES") is null)
        {
            csb.SslMode = SslMode.Disable;
        }

        var db = new BenchDatabase(DatabaseProvider.PostgreSql, csb.ConnectionString, name, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        });
        await db.MigrateAsync(ct);
        return db;
    }

    /// <summary>Creates and migrates a new SQLite file under <paramref name="folder"/>, or opens it when it exists and <paramref name="reuse"/> is set.</summary>
    public static async Task<BenchDatabase> SqliteAsync(string folder, string name, bool reuse = false, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".db");
        if (!reuse)
        {
            DeleteSqlite(file);
        }

        var db = new BenchDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", file, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            DeleteSqlite(file);
            return Task.CompletedTask;
        });
        await db.MigrateAsync(ct);
        return db;
    }

    /// <summary>Runs <c>verify</c> (every invariant) and returns "verify ok" or what failed.</summary>
    public async Task<(bool Passed, string Summary)> VerifyAsync(CancellationToken ct = default)
    {
        await using var services = Services();
        var report = await services.GetRequiredService<ILedgerVerifier>().VerifyAsync(ct);
        return report.AllPassed
            ? (true, "verify ok")
            : (false, "verify FAILED: " + string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => c.Name + ": " + c.Detail)));
    }

    /// <summary>PostgreSQL: how far the write-ahead log has come, in bytes (the difference across a run is what it wrote to disk).</summary>
    public async Task<decimal> WalPositionAsync(CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn", connection);
        return (decimal)(await command.ExecuteScalarAsync(ct))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Keep)
        {
            await _drop();
        }
    }

    private async Task MigrateAsync(CancellationToken ct)
    {
        await using var services = Services();
        await using var context = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct);
        await Migrator.MigrateAsync(context, ct);
    }

    private static void DeleteSqlite(string file)
    {
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
