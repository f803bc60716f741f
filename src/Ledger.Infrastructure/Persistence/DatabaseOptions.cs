using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Persistence;

/// <summary>The database engines Ledger runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded SQLite: the default, a file under <c>data/</c>.</summary>
    Sqlite,

    /// <summary>PostgreSQL.</summary>
    PostgreSql,

    /// <summary>Microsoft SQL Server.</summary>
    SqlServer,
}

/// <summary>
/// Configuration section <c>Ledger:Database</c> (environment: <c>Ledger__Database__Provider</c>,
/// <c>Ledger__Database__ConnectionString</c>).
/// </summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ledger:Database";

    /// <summary>The SQLite file used when nothing is configured.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/ledger.db";

    /// <summary>Which engine to use; SQLite when not set.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string; for SQLite defaults to <see cref="DefaultSqliteConnectionString"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The connection string to use, applying the SQLite default.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL or SQL Server without a connection string.</exception>
    public string ResolveConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == DatabaseProvider.Sqlite ? DefaultSqliteConnectionString
        : throw new InvalidOperationException(
            $"{Section}:ConnectionString (or Ledger__Database__ConnectionString) must be set for {Provider}.");
}

/// <summary>Builds <see cref="LedgerDbContext"/> options for the configured provider.</summary>
public static class LedgerDatabase
{
    /// <summary>The migrations assembly of each provider.</summary>
    public static string MigrationsAssembly(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Ledger.Migrations.Sqlite",
        DatabaseProvider.PostgreSql => "Ledger.Migrations.PostgreSql",
        DatabaseProvider.SqlServer => "Ledger.Migrations.SqlServer",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>Configures <paramref name="builder"/> for the provider and connection string.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var assembly = MigrationsAssembly(provider);
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(PrepareSqlite(connectionString), o => o.MigrationsAssembly(assembly)),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(assembly)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(assembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    /// <summary>Options for a context on the given provider.</summary>
    public static DbContextOptions<LedgerDbContext> Options(DatabaseProvider provider, string connectionString) =>
        (DbContextOptions<LedgerDbContext>)Configure(new DbContextOptionsBuilder<LedgerDbContext>(), provider, connectionString).Options;

    /// <summary>Options from configuration values.</summary>
    public static DbContextOptions<LedgerDbContext> Options(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Options(options.Provider, options.ResolveConnectionString());
    }

    /// <summary>
    /// Where a relative SQLite path is resolved: the nearest folder at or above the current one that
    /// holds Ledger.sln (so the web host and the CLI share <c>data/ledger.db</c> in a checkout, whichever
    /// folder <c>dotnet run</c> starts them in), or else the current folder.
    /// </summary>
    public static string DataRoot() => DataRoot(Directory.GetCurrentDirectory());

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds Ledger.sln, or else the current folder.</summary>
    public static string DataRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    // SQLite creates the file but not its folder; writers in several processes wait for each other
    // (the busy timeout comes from the command timeout) rather than failing at once.
    private static string PrepareSqlite(string connectionString)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:" && csb.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(csb.DataSource))
            {
                csb.DataSource = Path.Combine(DataRoot(), csb.DataSource);
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        if (csb.DefaultTimeout < 60)
        {
            csb.DefaultTimeout = 60;
        }

        return csb.ToString();
    }
}
