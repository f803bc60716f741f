using System.Diagnostics;
using System.Globalization;
using Ledger.Application.Reliability;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Integration.Tests;

/// <summary>
/// Crash safety of the payment run and of statement generation (issue 9), on the demo data loaded by the real CLI.
/// The payment run is killed (SIGKILL) at each of its crash points — after the run is started, after a provider's
/// ledger entry and before its record, after the record, after every provider is paid — and run again each time;
/// then it finishes, pays each provider exactly what an uninterrupted run on a copy of the database pays, once, and <c>ledger verify</c> exits 0. Statements are
/// killed part way through three times, then written whole: every PDF is complete and the same bytes as an
/// uninterrupted run's, and no temporary file is left.
/// </summary>
public abstract class CrashRecoveryTests(ITestOutputHelper output)
{
    private static readonly string[] PaymentRunCrashPoints =
        ["payment-run:started", "payment-run:posted#1", "payment-run:recorded#1", "payment-run:posted#2", "payment-run:paid-all"];

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task PaymentRunAndStatements_KilledAtEachCrashPoint_FinishOnRestart_PayingEachPayableOnce()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var demo = await CliProcess.RunAsync(db.ChildEnvironment(), "demo");
        demo.ExitCode.Should().Be(0, demo.Error);
        // The control: the same payment runs on a copy of the database, never interrupted.
        await using var control = await db.CopyAsync();
        // Today in London: the demo's invoices are dated up to today.
        var today = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/London").ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] run = ["payment-run", "--area", "WESTMOOR", "--date", today];
        var kills = 0;
        foreach (var point in PaymentRunCrashPoints)
        {
            if (await KillAtAsync(db, point, run))
            {
                kills++;
                output.WriteLine($"payment run killed at {point}");
            }
            else
            {
                output.WriteLine($"payment run finished before reaching {point}");
            }
        }

        kills.Should().BeGreaterThanOrEqualTo(4, "the run is killed at every crash point it reaches (the demo pays at least two providers)");
        var finished = await CliProcess.RunAsync(db.ChildEnvironment(), run);
        finished.ExitCode.Should().Be(0, finished.Output + finished.Error);
        var other = await CliProcess.RunAsync(db.ChildEnvironment(), "payment-run", "--area", "CARROWVALE", "--date", today);
        other.ExitCode.Should().Be(0, other.Error);
        var again = await CliProcess.RunAsync(db.ChildEnvironment(), run);
        again.ExitCode.Should().Be(0, again.Error);
        foreach (var area in new[] { "WESTMOOR", "CARROWVALE" })
        {
            var uninterrupted = await CliProcess.RunAsync(control.ChildEnvironment(), "payment-run", "--area", area, "--date", today);
            uninterrupted.ExitCode.Should().Be(0, uninterrupted.Error);
        }

        var expected = await PaymentsAsync(control, today);

        var paid = await PaymentsAsync(db, today);
        paid.Should().NotBeEmpty("the demo leaves invoices to pay");
        paid.Should().Equal(expected, "the runs killed at every crash point pay each provider what an uninterrupted run pays, once");
        var owed = paid.Sum(p => p.Amount) / 100m;
        var verify = await CliProcess.RunAsync(db.ChildEnvironment(), "verify");
        verify.ExitCode.Should().Be(0, verify.Output);

        // Statements for the month just ended: killed part way three times, then written whole.
        var month = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("ledger-crash-statements-").FullName;
        var clean = Directory.CreateTempSubdirectory("ledger-clean-statements-").FullName;
        try
        {
            string[] statements = ["statements", "--area", "WESTMOOR", "--period", month, "--out", folder];
            var statementKills = 0;
            foreach (var after in new[] { 3, 20, 45 })
            {
                using var process = CliProcess.Start(db.ChildEnvironment(), statements);
                var lines = new List<string>();
                var reached = await CliProcess.ReadUntilAsync(process, _ => lines.Count(l => l.Contains('[', StringComparison.Ordinal)) >= after, TimeSpan.FromMinutes(2), lines);
                await CliProcess.KillAsync(process);
                statementKills += reached ? 1 : 0;
                output.WriteLine($"statements killed after {after} written: {(reached ? "mid-run" : "had finished")}");
            }

            statementKills.Should().BeGreaterThanOrEqualTo(2, "the kills land while statements are being written");
            var whole = await CliProcess.RunAsync(db.ChildEnvironment(), statements);
            whole.ExitCode.Should().Be(0, whole.Error);
            var reference = await CliProcess.RunAsync(db.ChildEnvironment(), "statements", "--area", "WESTMOOR", "--period", month, "--out", clean);
            reference.ExitCode.Should().Be(0, reference.Error);

            Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty("no temporary file is left after the run is finished");
            var written = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            written.Should().Equal(Directory.GetFiles(clean).Select(Path.GetFileName).Order(StringComparer.Ordinal), "the same statements as a run never killed");
            foreach (var name in written)
            {
                var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, name!));
                bytes.Should().Equal(await File.ReadAllBytesAsync(Path.Combine(clean, name!)), $"{name} is whole: the same bytes as a run never killed");
            }

            output.WriteLine($"crash: {Provider}: payment run killed {kills} times, statements {statementKills} times; {written.Count} statements whole; £{owed} paid, the same as the uninterrupted run; verify exit 0");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            Directory.Delete(clean, recursive: true);
        }
    }

    // Each area's run for the day, completed, and what it paid each provider: one line per provider, a second payment would show.
    private static async Task<List<(string Area, string Provider, long Amount)>> PaymentsAsync(TestDatabase db, string day)
    {
        await using var context = db.CreateContext();
        var date = NodaTime.Text.LocalDatePattern.Iso.Parse(day).Value;
        var runs = await context.PaymentRuns.Where(r => r.RunOn == date).ToListAsync();
        runs.Should().HaveCount(2, "one run per area for the day, however many times it was started");
        runs.Should().AllSatisfy(r => r.Status.Should().Be(Domain.Purchasing.PaymentRunStatus.Completed));
        var ids = runs.Select(r => r.Id).ToList();
        var providers = await context.Providers.ToDictionaryAsync(p => p.Id, p => p.Code);
        var payments = await context.ProviderPayments.Where(p => ids.Contains(p.Run)).ToListAsync();
        return payments.Select(p => (runs.Single(r => r.Id == p.Run).Reference, providers[p.Provider], p.Amount))
            .OrderBy(p => p.Reference, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal).ToList();
    }

    // Runs the command with one crash point armed: true when the process reached it and was killed there, false when it finished first.
    private static async Task<bool> KillAtAsync(TestDatabase db, string point, string[] args)
    {
        var environment = new Dictionary<string, string>(db.ChildEnvironment()) { [CrashPoint.Variable] = point };
        using var process = CliProcess.Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("crash-point ", StringComparison.Ordinal))
            {
                await CliProcess.KillAsync(process);
                return true;
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.Should().Be(0, await stdout);
        return false;
    }

}

public sealed class SqliteCrashRecoveryTests(ITestOutputHelper output) : CrashRecoveryTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlCrashRecoveryTests(ITestOutputHelper output) : CrashRecoveryTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
