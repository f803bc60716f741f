using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Ledger.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the context for Sqlite; the connection is never opened to add a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LedgerDbContext>
{
    /// <inheritdoc />
    public LedgerDbContext CreateDbContext(string[] args) =>
        new(LedgerDatabase.Options(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}
