using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Integration.Tests;

/// <summary>The operations CLI as an operator uses it, in its own process, on SQLite.</summary>
public sealed class CliTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("export", "journal", "--format", "csv", "--out", "/tmp/x.journal")]
    [InlineData("export", "ledger", "--format", "hledger", "--out", "/tmp/x.journal")]
    [InlineData("export", "journal", "--format", "hledger", "--out", "/no/such/folder/x.journal")]
    [InlineData("close-period", "--area", "DEVON", "--month", "2026-13")]
    [InlineData("close-period", "--area", "NO-SUCH-AREA", "--month", "2026-04")]
    [InlineData("close-period", "--area", "DEVON")]
    [InlineData("workload", "--postings", "-5")]
    [InlineData("workload", "--postings", "99999999999999999999")]
    [InlineData("load-holds", "--from", "not-a-guid", "--to", "x", "--amount", "50")]
    [InlineData("verify", "--unknown", "1")]
    [InlineData("verify", "--dangling")]
    public async Task BadArguments_ExitWith2_SayWhy_AndWriteNothing(params string[] args)
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await LedgerFixture.CreateAsync(db);
        var before = await CountsAsync(db);

        var result = await CliProcess.RunAsync(db.ChildEnvironment(), args);

        result.ExitCode.Should().Be(2, result.Output + result.Error);
        result.Error.Should().StartWith("error: ");
        (await CountsAsync(db)).Should().Be(before);
    }

    [Fact]
    public async Task Verify_OnADatabaseNeverMigrated_SaysToMigrate_WithoutAStackTrace()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-unmigrated-").FullName;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["Ledger__Database__Provider"] = "Sqlite",
                ["Ledger__Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "empty.db")}",
            };

            var result = await CliProcess.RunAsync(environment, "verify");

            result.ExitCode.Should().Be(1, result.Output + result.Error);
            result.Error.Should().StartWith("error: the database refused the command").And.Contain("ledger migrate").And.NotContain("   at ");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ClosePeriod_ThenPostingIntoIt_IsRefused_R27()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var f = await LedgerFixture.CreateAsync(db);
        var budget = await f.AccountAsync(AccountKind.IndividualBudget, "CHILD-1", f.Csc);

        var closed = await CliProcess.RunAsync(db.ChildEnvironment(), "close-period", "--area", "DEVON", "--month", "2026-04");
        closed.ExitCode.Should().Be(0, closed.Error);
        var funds = await f.AccountAsync(AccountKind.StreamFunds, "FUNDS", f.Csc);
        var outcome = await db.Engine.ExecuteAsync(new PostEntry("late", new LocalDate(2026, 4, 30), "Late",
            [JournalLine.Debit(funds.Id, Money.FromPounds(5)), JournalLine.Credit(budget.Id, Money.FromPounds(5))]));

        outcome.Error!.Code.Should().Be(LedgerErrorCode.PeriodClosed);
        (await db.Engine.ExecuteAsync(new PostEntry("in-may", new LocalDate(2026, 5, 1), "Correction in an open period",
            [JournalLine.Debit(funds.Id, Money.FromPounds(5)), JournalLine.Credit(budget.Id, Money.FromPounds(5))]))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task ExpireHolds_ReleasesHoldsPastTheirExpiry_ExactlyOnce_R9()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(100));
        var soon = SystemClock.Instance.GetCurrentInstant() + Duration.FromMilliseconds(300);
        await db.Engine.ExecuteAsync(new ReserveHold("short", new LocalDate(2026, 4, 1), "Order", [new HoldLegRequest(budget.Id, payable.Id, Money.FromPounds(30))], soon));
        await db.Engine.ExecuteAsync(new ReserveHold("long", new LocalDate(2026, 4, 1), "Order", [new HoldLegRequest(budget.Id, payable.Id, Money.FromPounds(20))], null));
        await Task.Delay(400);

        var first = await CliProcess.RunAsync(db.ChildEnvironment(), "expire-holds");
        var again = await db.Services.GetRequiredService<IHoldExpiry>().ExpireDueAsync();

        first.Output.Should().Contain("expired 1 hold(s)");
        again.Should().Be(0);
        (await db.Balances.GetAsync(budget.Id))!.Available.Should().Be(Money.FromPounds(80));
    }

    private static async Task<(int, int, int, int)> CountsAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        return (await context.Accounts.CountAsync(), await context.JournalEntries.CountAsync(), await context.Holds.CountAsync(), await context.PeriodClosures.CountAsync());
    }
}
