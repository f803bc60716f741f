using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Ledger.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the context for PostgreSql; the connection is never opened to add a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LedgerDbContext>
{
    /// <inheritdoc />
    public LedgerDbContext CreateDbContext(string[] args) =>
        new(LedgerDatabase.Options(DatabaseProvider.PostgreSql, "Host=localhost;Database=ledger_design;Username=ledger;Password=ledger"));
}
