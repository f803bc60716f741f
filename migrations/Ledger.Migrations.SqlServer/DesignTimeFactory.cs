using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Ledger.Migrations.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the context for SqlServer; the connection is never opened to add a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LedgerDbContext>
{
    /// <inheritdoc />
    public LedgerDbContext CreateDbContext(string[] args) =>
        new(LedgerDatabase.Options(DatabaseProvider.SqlServer, "Server=localhost;Database=ledger_design;Trusted_Connection=True;TrustServerCertificate=True"));
}
