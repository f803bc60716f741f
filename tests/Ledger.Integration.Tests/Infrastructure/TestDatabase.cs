using Ledger.Application.Accounting;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Integration.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database on one real provider, dropped when disposed. PostgreSQL comes from
/// LEDGER_TEST_POSTGRES (default: the local server with user ledger/ledger); SQL Server only from
/// LEDGER_TEST_SQLSERVER. When a server is missing the test is skipped — except PostgreSQL under
/// CI=true, where a missing server fails the run.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string DefaultPostgres = "Host=localhost;Port=5432;Username=ledger;Password=ledger;Database=postgres;Timeout=5";

    private readonly Func<Task> _drop;

    private TestDatabase(DatabaseProvider provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
        // Evidence files go to a temporary folder, not the checkout's data folder.
        Services = new ServiceCollection()
            .AddSingleton(new Application.Outcomes.OutcomeOptions { EvidenceFolder = Path.Combine(Path.GetTempPath(), "ledger-test-evidence") })
            .AddLedgerInfrastructure(new DatabaseOptions { Provider = provider, ConnectionString = connectionString })
            .BuildServiceProvider();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public ServiceProvider Services { get; }

    public IPostingService Engine => Services.GetRequiredService<IPostingService>();

    public ILedgerSetup Setup => Services.GetRequiredService<ILedgerSetup>();

    public IBalanceQueries Balances => Services.GetRequiredService<IBalanceQueries>();

    public ILedgerVerifier Verifier => Services.GetRequiredService<ILedgerVerifier>();

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public LedgerDbContext CreateContext() => Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContext();

    /// <summary>Environment variables that point a child process (the CLI) at this database.</summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment() => new Dictionary<string, string>
    {
        ["Ledger__Database__Provider"] = Provider.ToString(),
        ["Ledger__Database__ConnectionString"] = ConnectionString,
    };

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var db = provider switch
        {
            DatabaseProvider.Sqlite => CreateSqlite(),
            DatabaseProvider.PostgreSql => await CreatePostgresAsync(),
            DatabaseProvider.SqlServer => await CreateSqlServerAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
        await using var context = db.CreateContext();
        await Migrator.MigrateAsync(context);
        return db;
    }

    /// <summary>A second database holding a copy of this one as it is now (SQLite: the file; PostgreSQL: CREATE DATABASE … TEMPLATE), for a control run.</summary>
    public async Task<TestDatabase> CopyAsync()
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
                var copy = CreateSqlite();
                File.Copy(source, new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(copy.ConnectionString).DataSource);
                return copy;
            case DatabaseProvider.PostgreSql:
                NpgsqlConnection.ClearAllPools();
                var admin = System.Environment.GetEnvironmentVariable("LEDGER_TEST_POSTGRES") ?? DefaultPostgres;
                var original = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
                var name = $"ledger_test_{Guid.NewGuid():N}";
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{original}\"", connection);
                    await command.ExecuteNonQueryAsync();
                }

                var csb = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 200 };
                return new TestDatabase(DatabaseProvider.PostgreSql, csb.ConnectionString, () => DropPostgresAsync(admin, name));
            default:
                throw new NotSupportedException($"No copy for {Provider}.");
        }
    }

    private static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ledger-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var cs = $"Data Source={Path.Combine(folder, "ledger.db")}";
        return new TestDatabase(DatabaseProvider.Sqlite, cs, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = System.Environment.GetEnvironmentVariable("LEDGER_TEST_POSTGRES") ?? DefaultPostgres;
        var name = $"ledger_test_{Guid.NewGuid():N}";
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var message = $"PostgreSQL is not reachable ({e.Message}); set LEDGER_TEST_POSTGRES or start the server.";
            if (IsCi)
            {
                throw new InvalidOperationException("CI=true: the PostgreSQL tests must run. " + message, e);
            }

            Assert.Skip(message);
        }

        var csb = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 200 };
        return new TestDatabase(DatabaseProvider.PostgreSql, csb.ConnectionString, () => DropPostgresAsync(admin, name));
    }

    private static async Task DropPostgresAsync(string admin, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<TestDatabase> CreateSqlServerAsync()
    {
        var admin = System.Environment.GetEnvironmentVariable("LEDGER_TEST_SQLSERVER");
        if (string.IsNullOrWhiteSpace(admin))
        {
            Assert.Skip("SQL Server tests run only when LEDGER_TEST_SQLSERVER holds a connection string.");
        }

        var name = $"ledger_test_{Guid.NewGuid():N}";
        await using (var connection = new SqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new SqlCommand($"CREATE DATABASE [{name}]", connection);
            await command.ExecuteNonQueryAsync();
        }

        var csb = new SqlConnectionStringBuilder(admin) { InitialCatalog = name };
        return new TestDatabase(DatabaseProvider.SqlServer, csb.ConnectionString, async () =>
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new SqlCommand($"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]", connection);
            await command.ExecuteNonQueryAsync();
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _drop();
    }
}
