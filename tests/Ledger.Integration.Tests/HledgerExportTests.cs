using System.Diagnostics;
using System.Globalization;
using Ledger.Application.Simulation;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Integration.Tests;

/// <summary>The hledger export is checked by hledger itself, and its balances by the ledger's.</summary>
public sealed class HledgerExportTests
{
    [Fact]
    public async Task ExportJournal_PassesHledgerCheck_AndItsBalancesMatchTheLedger()
    {
        if (!File.Exists("/usr/bin/hledger"))
        {
            if (TestDatabase.IsCi)
            {
                throw new InvalidOperationException("CI=true: hledger must be installed (.ci/run installs it).");
            }

            Assert.Skip("hledger is not installed (apt-get install hledger).");
        }

        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await new RandomWorkload(db.Setup, db.Engine, SystemClock.Instance)
            .RunAsync(new WorkloadOptions(2_000, Seed: 4, BatchSize: 20, Budgets: 10));
        var file = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.journal");
        try
        {
            var export = await CliProcess.RunAsync(db.ChildEnvironment(), "export", "journal", "--format", "hledger", "--out", file);
            export.ExitCode.Should().Be(0, export.Error);

            var check = await RunHledgerAsync("-f", file, "check", "--strict");
            check.ExitCode.Should().Be(0, check.Error);

            var bal = await RunHledgerAsync("-f", file, "bal", "--flat", "--no-total", "--layout=bare", "-O", "csv");
            bal.ExitCode.Should().Be(0, bal.Error);
            var hledger = bal.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(line => line.Split(',').Select(c => c.Trim('"')).ToArray())
                .ToDictionary(c => c[0], c => decimal.Parse(c[2], CultureInfo.InvariantCulture));

            await using var context = db.CreateContext();
            var streams = await context.FundingStreams.ToDictionaryAsync(s => s.Id, s => s.Code);
            var ledger = (await context.Accounts.ToListAsync())
                .Where(a => a.Version > 0)
                .ToDictionary(
                    a => $"{a.Kind}:WORKLOAD:{a.Owner}:{streams[a.Stream]}",
                    a => AccountKindRules.BalanceDelta(a.Kind, a.Balance) / 100m); // back to debit-positive

            hledger.Where(h => h.Value != 0).Should().BeEquivalentTo(ledger.Where(l => l.Value != 0));
            ledger.Should().NotBeEmpty();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunHledgerAsync(params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/hledger") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        return await CliProcess.WaitAsync(process);
    }
}
