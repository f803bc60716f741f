using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ledger.Integration.Tests;

/// <summary>
/// No SQL Server runs here, so the SQL Server migrations are proved by generating their script and
/// parsing it with Microsoft's own T-SQL parser. (With LEDGER_TEST_SQLSERVER set, the whole
/// integration suite also runs against a real server.)
/// </summary>
public sealed class SqlServerScriptTests
{
    private static string GenerateScript(MigrationsSqlGenerationOptions options)
    {
        using var db = new LedgerDbContext(LedgerDatabase.Options(DatabaseProvider.SqlServer,
            "Server=localhost;Database=ledger_script;Trusted_Connection=True;TrustServerCertificate=True"));
        return db.GetService<IMigrator>().GenerateScript(options: options);
    }

    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void SqlServerMigrationScript_ParsesWithoutErrors(MigrationsSqlGenerationOptions options)
    {
        var script = GenerateScript(options);

        var fragment = new TSql170Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);

        errors.Should().BeEmpty(string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        fragment.Should().NotBeNull();
        script.Should().Contain("CREATE TABLE [Postings]").And.Contain("CREATE UNIQUE INDEX [IX_JournalEntries_Reverses]");
    }

    [Fact]
    public void ScriptParser_ReportsErrorsInABrokenScript()
    {
        var broken = GenerateScript(MigrationsSqlGenerationOptions.Default).Replace("CREATE TABLE [Postings] (", "CREATE TABLE [Postings] ((", StringComparison.Ordinal);

        new TSql170Parser(true).Parse(new StringReader(broken), out var errors);

        errors.Should().NotBeEmpty("the check must be able to fail");
    }

    [Fact]
    public void SqlServerModel_HasNoPendingModelChanges()
    {
        using var db = new LedgerDbContext(LedgerDatabase.Options(DatabaseProvider.SqlServer,
            "Server=localhost;Database=ledger_script;Trusted_Connection=True;TrustServerCertificate=True"));
        db.Database.HasPendingModelChanges().Should().BeFalse();
    }
}
