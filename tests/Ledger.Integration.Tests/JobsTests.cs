using Hangfire;
using Ledger.Infrastructure.Jobs;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Integration.Tests.Outcomes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;

namespace Ledger.Integration.Tests;

/// <summary>
/// Background jobs: Hangfire's storage follows the database (PostgreSQL and SQL Server keep jobs beside
/// the ledger; SQLite keeps them in memory), the recurring jobs have stable ids in Europe/London, and every
/// job is safe to run twice. Each database runs the same tests (subclasses at the end).
/// </summary>
public abstract class JobsTests
{
    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task RecurringJobs_HaveStableIdsInEuropeLondon_AndRegisteringAgainChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await using var services = new ServiceCollection().AddLedgerJobs(new DatabaseOptions { Provider = Provider, ConnectionString = db.ConnectionString })
            .BuildServiceProvider();
        var storage = services.GetRequiredService<JobStorage>();
        var manager = new RecurringJobManager(storage);

        JobsSetup.RegisterRecurringJobs(manager, ["WESTMOOR", "CARROWVALE"]);
        JobsSetup.RegisterRecurringJobs(manager, ["CARROWVALE", "WESTMOOR"]);

        var jobs = JobsSetup.StoredRecurringJobs(storage).OrderBy(j => j.Id, StringComparer.Ordinal).ToList();
        jobs.Select(j => (j.Id, j.Cron)).Should().Equal(
            ("expire-holds", "30 1 * * *"),
            ("payment-run:CARROWVALE", "0 10 * * 5"),
            ("payment-run:WESTMOOR", "0 10 * * 5"),
            ("pilot-report:CARROWVALE", "0 7 1 1,4,7,10 *"),
            ("pilot-report:WESTMOOR", "0 7 1 1,4,7,10 *"),
            ("seal-journal", "*/15 * * * *"),
            ("statements:CARROWVALE", "0 6 1 * *"),
            ("statements:WESTMOOR", "0 6 1 * *"),
            ("year-end:CARROWVALE", "0 2 1 4 *"),
            ("year-end:WESTMOOR", "0 2 1 4 *"));
        jobs.Should().OnlyContain(j => j.TimeZoneId == "Europe/London");
        jobs.Single(j => j.Id == "payment-run:WESTMOOR").Job.Args.Should().Equal(new object?[] { "WESTMOOR", null });
        JobsSetup.SharesJobs(Provider).Should().Be(Provider != DatabaseProvider.Sqlite);
    }

    [Fact]
    public async Task PaymentRunJob_RunTwice_PaysEachProviderOnce()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(OutcomesWorld.Tf, OutcomesWorld.Family, new LocalDate(2012, 6, 1)));
        var jobs = Jobs(db);

        await jobs.PaymentRunAsync(AreaCode, "2012-06-29");
        await jobs.PaymentRunAsync(AreaCode, "2012-06-29");

        await using var context = db.CreateContext();
        (await context.ProviderPayments.Select(p => p.Amount).ToListAsync()).Should().Equal(320_000L);
        (await w.OwedAsync()).Should().BeEmpty();
        (await db.Verifier.VerifyAsync()).Checks.Where(c => !c.Passed).Should().BeEmpty();
    }

    [Fact]
    public async Task Jobs_RefusedByARule_FailLoudlyWithTheCode_SoHangfireRetries()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await OutcomesWorld.CreateAsync(db);
        var jobs = Jobs(db);
        var act = () => jobs.PaymentRunAsync("NOWHERE", "2012-06-29");
        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*UnknownArea*");
        var bad = () => jobs.PaymentRunAsync(AreaCode, "29/06/2012");
        await bad.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task HoldExpiryAndYearEndJobs_RunTwice_AreSafe()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await OutcomesWorld.CreateAsync(db);
        var jobs = Jobs(db);

        await jobs.ExpireHoldsAsync();
        await jobs.ExpireHoldsAsync();
        await jobs.YearEndAsync(AreaCode, 2012);
        var after = await EntriesAsync(db);
        await jobs.YearEndAsync(AreaCode, 2012);

        (await EntriesAsync(db)).Should().Be(after, "year end run again moves nothing more");
        (await db.Verifier.VerifyAsync()).Checks.Where(c => !c.Passed).Should().BeEmpty();
    }

    [Fact]
    public async Task StatementsJob_WritesEveryBudgetProviderPoolAndPartnerStatement_SameBytesWhenRunAgain_RefusesAMonthNotEnded()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(OutcomesWorld.Tf, OutcomesWorld.Family, new LocalDate(2012, 6, 1)));
        var folder = Path.Combine(Path.GetTempPath(), $"ledger-jobs-{Guid.NewGuid():N}");
        try
        {
            var jobs = Jobs(db, folder);
            await jobs.MonthlyStatementsAsync(AreaCode, "2012-06");
            var files = Directory.GetFiles(Path.Combine(folder, AreaCode, "2012-06")).Order(StringComparer.Ordinal).ToList();
            files.Should().Contain(f => f.EndsWith($"{AreaCode}-{OutcomesWorld.Provider}-2012-06.pdf", StringComparison.Ordinal))
                .And.Contain(f => f.EndsWith($"{AreaCode}-pool-{OutcomesWorld.PbrPool}-2012-06.pdf", StringComparison.Ordinal))
                .And.Contain(f => f.EndsWith($"{AreaCode}-partner-COUNCIL-2012-06.pdf", StringComparison.Ordinal));
            var bytes = files.Select(File.ReadAllBytes).ToList();
            await jobs.MonthlyStatementsAsync(AreaCode, "2012-06");
            files.Select(File.ReadAllBytes).Should().BeEquivalentTo(bytes, o => o.WithStrictOrdering());

            var future = () => jobs.MonthlyStatementsAsync(AreaCode, jobs.Today().ToYearMonth().ToString("uuuu-MM", null));
            (await future.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*has not ended yet*");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task PilotReportJob_WritesTheQuarter_SameBytesWhenRunAgain_RefusesAQuarterNotEnded()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(OutcomesWorld.Tf, OutcomesWorld.Family, new LocalDate(2012, 6, 1)));
        var folder = Path.Combine(Path.GetTempPath(), $"ledger-jobs-{Guid.NewGuid():N}");
        try
        {
            var jobs = Jobs(db, folder);
            await jobs.PilotReportAsync(AreaCode, "2012-Q2");
            var file = Path.Combine(folder, AreaCode, $"pilot-{AreaCode}-2012-Q2.pdf");
            var bytes = await File.ReadAllBytesAsync(file);
            using (var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes))
            {
                pdf.Information.Title.Should().Contain("2012-Q2");
            }

            await jobs.PilotReportAsync(AreaCode, "2012-Q2");
            (await File.ReadAllBytesAsync(file)).Should().Equal(bytes, "the same ledger gives the same report");
            Directory.GetFiles(Path.GetDirectoryName(file)!).Should().ContainSingle("nothing else is left behind");

            var current = Application.Statements.PilotQuarter.Containing(jobs.Today()).Label;
            var future = () => jobs.PilotReportAsync(AreaCode, current);
            (await future.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*has not ended yet*");
            var bad = () => jobs.PilotReportAsync(AreaCode, "2012-Q5");
            await bad.Should().ThrowAsync<ArgumentException>();
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static LedgerJobs Jobs(TestDatabase db, string? folder = null) =>
        ActivatorUtilities.CreateInstance<LedgerJobs>(db.Services, NullLogger<LedgerJobs>.Instance,
            new JobOptions { StatementsFolder = folder ?? Path.Combine(Path.GetTempPath(), "ledger-jobs-statements"), ReportsFolder = folder ?? Path.Combine(Path.GetTempPath(), "ledger-jobs-reports") });

    private static async Task<int> EntriesAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        return await context.JournalEntries.CountAsync();
    }
}

public sealed class SqliteJobsTests : JobsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlJobsTests : JobsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
