using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Integration.Tests.Outcomes;
using NodaTime;
using UglyToad.PdfPig;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;

namespace Ledger.Integration.Tests;

/// <summary>
/// <c>ledger statements</c> and <c>ledger report pilot</c> as a user runs them: progress per document, whole
/// files only, and bad input (a month or quarter not yet ended, an unknown area, a malformed period, an
/// output path that cannot be written) refused with a clear message, exit 2, and nothing written.
/// </summary>
public sealed class StatementCliTests
{
    [Fact]
    public async Task StatementsCli_WritesEveryKindWithProgress_AndBadInputWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(OutcomesWorld.Tf, OutcomesWorld.Family, new LocalDate(2012, 6, 1)));
        var work = NewFolder();
        try
        {
            var env = db.ChildEnvironment();
            var ok = await CliProcess.RunInAsync(work, env, "statements", "--area", AreaCode, "--period", "2012-06", "--out", "june");
            ok.ExitCode.Should().Be(0, ok.Error);
            ok.Output.Should().Contain("provider [1/1] " + OutcomesWorld.Provider).And.Contain("pool     [").And.Contain("partner  [1/4] CHARITY")
                .And.MatchRegex(@"wrote \d+ statement\(s\)");
            var files = Directory.GetFiles(Path.Combine(work, "june"));
            files.Should().Contain(f => f.EndsWith($"{AreaCode}-pool-{OutcomesWorld.PbrPool}-2012-06.pdf", StringComparison.Ordinal))
                .And.Contain(f => f.EndsWith($"{AreaCode}-partner-COUNCIL-2012-06.pdf", StringComparison.Ordinal))
                .And.OnlyContain(f => f.EndsWith(".pdf", StringComparison.Ordinal), "no temporary file is left behind");
            foreach (var file in files)
            {
                using var pdf = PdfDocument.Open(file);
                pdf.NumberOfPages.Should().BeGreaterThan(0);
            }

            var only = await CliProcess.RunInAsync(work, env, "statements", "--area", AreaCode, "--period", "2012-06", "--out", "pools", "--only", "pools,partners");
            only.ExitCode.Should().Be(0, only.Error);
            Directory.GetFiles(Path.Combine(work, "pools")).Should().OnlyContain(f => f.Contains("-pool-", StringComparison.Ordinal) || f.Contains("-partner-", StringComparison.Ordinal));

            var every = await CliProcess.RunInAsync(work, env, "statements", "--period", "2012-06", "--out", "every", "--only", "pools");
            every.ExitCode.Should().Be(0, every.Error);
            Directory.GetFiles(Path.Combine(work, "every", AreaCode)).Select(Path.GetFileName).Should().Equal([$"{AreaCode}-pool-{OutcomesWorld.PbrPool}-2012-06.pdf"],
                "without --area every area is written into its own folder");

            File.WriteAllText(Path.Combine(work, "a-file"), "not a folder");
            var thisMonth = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (args, message) in new (string[] Args, string Message)[]
            {
                (["--area", AreaCode, "--period", thisMonth, "--out", "bad"], "has not ended yet"),
                (["--area", AreaCode, "--period", "2012-13", "--out", "bad"], "is not a month"),
                (["--area", "NOWHERE", "--period", "2012-06", "--out", "bad"], "there is no area 'NOWHERE'"),
                (["--area", AreaCode, "--period", "2012-06", "--out", "bad", "--only", "families"], "--only 'families'"),
                (["--area", AreaCode, "--period", "2012-06", "--out", Path.Combine("a-file", "bad")], "cannot write to"),
            })
            {
                var refused = await CliProcess.RunInAsync(work, env, ["statements", .. args]);
                refused.ExitCode.Should().Be(2, $"`statements {string.Join(' ', args)}`: {refused.Output}{refused.Error}");
                refused.Error.Should().Contain(message);
                Directory.Exists(Path.Combine(work, "bad")).Should().BeFalse("a refused run writes nothing");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task PilotReportCli_WritesTheQuarter_AndBadInputWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(OutcomesWorld.Tf, OutcomesWorld.Family, new LocalDate(2012, 6, 1)));
        var work = NewFolder();
        try
        {
            var env = db.ChildEnvironment();
            var ok = await CliProcess.RunInAsync(work, env, "report", "pilot", "--area", AreaCode, "--quarter", "2012-Q2", "--out", "q2.pdf");
            ok.ExitCode.Should().Be(0, ok.Error);
            ok.Output.Should().Contain("pilot report for DEVON, 2012-Q2").And.Contain("compared 1 area(s)").And.Contain("wrote ");
            using (var pdf = PdfDocument.Open(Path.Combine(work, "q2.pdf")))
            {
                pdf.Information.Title.Should().Be($"Pilot report {AreaCode}, 2012-Q2");
            }

            var all = await CliProcess.RunInAsync(work, env, "report", "pilot", "--quarter", "2012-Q2", "--out", "all.pdf");
            all.ExitCode.Should().Be(0, all.Error);
            all.Output.Should().Contain("pilot report for every area, 2012-Q2");
            using (var pdf = PdfDocument.Open(Path.Combine(work, "all.pdf")))
            {
                pdf.Information.Title.Should().Be("Pilot report, all areas, 2012-Q2");
            }

            var empty = await CliProcess.RunInAsync(work, env, "report", "pilot", "--area", AreaCode, "--quarter", "2011-Q1", "--out", "empty.pdf");
            empty.ExitCode.Should().Be(0, empty.Error);
            empty.Output.Should().Contain("no data for this quarter");

            File.WriteAllText(Path.Combine(work, "a-file"), "not a folder");
            var now = DateTime.UtcNow;
            var thisQuarter = $"{now.Year}-Q{((now.Month - 1) / 3) + 1}";
            foreach (var (args, message) in new (string[] Args, string Message)[]
            {
                (["--area", AreaCode, "--quarter", thisQuarter, "--out", "bad.pdf"], "has not ended yet"),
                (["--area", AreaCode, "--quarter", "2012-Q5", "--out", "bad.pdf"], "is not a quarter"),
                (["--area", "NOWHERE", "--quarter", "2012-Q2", "--out", "bad.pdf"], "there is no area 'NOWHERE'"),
                (["--area", AreaCode, "--quarter", "2012-Q2", "--out", Path.Combine("a-file", "bad.pdf")], "cannot write"),
            })
            {
                var refused = await CliProcess.RunInAsync(work, env, ["report", "pilot", .. args]);
                refused.ExitCode.Should().Be(2, $"`report pilot {string.Join(' ', args)}`: {refused.Output}{refused.Error}");
                refused.Error.Should().Contain(message);
            }

            Directory.GetFiles(work).Select(Path.GetFileName).Should().BeEquivalentTo(["q2.pdf", "all.pdf", "empty.pdf", "a-file"], "refusals write nothing, not even a temporary file");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ledger-tests", "statement-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
