using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Ledger.Application.Budgets;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Integration.Tests;

/// <summary>
/// The budgets flow through the real CLI, in its own process, on SQLite: the README walkthrough runs
/// as written; bad arguments and refusals exit 2 with one line and write nothing.
/// </summary>
public sealed partial class DemoAndBudgetCliTests
{
    private const string Cli = "dotnet run --project src/Ledger.Cli -- ";

    [Fact]
    public async Task ReadmeWalkthrough_RunsAsWritten_AndRunningAWriteAgainWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var commands = ReadmeWalkthrough();
        commands.Should().HaveCountGreaterThan(15);
        commands.Select(c => c[0]).Should().Contain(["area", "agency", "stream", "pool", "practitioner", "child", "family", "caseload", "assess", "allocate",
            "allocate-lp", "verify", "year-end"]);

        string? assessment = null;
        var outputs = new List<string>();
        foreach (var command in commands)
        {
            var args = command.Select(a => a.Replace("$ASSESSMENT", assessment ?? "(no assessment yet)", StringComparison.Ordinal)).ToArray();
            var result = await CliProcess.RunAsync(db.ChildEnvironment(), args);
            result.ExitCode.Should().Be(0, $"`ledger {string.Join(' ', args)}` failed: {result.Output}{result.Error}");
            outputs.Add(result.Output);
            if (args[0] == "assess")
            {
                assessment = AssessmentLine().Match(result.Output).Groups[1].Value;
            }
        }

        outputs.Should().Contain(o => o.Contains("14 points × £150.00 per point = £2,100.00", StringComparison.Ordinal));
        outputs.Should().Contain(o => o.Contains("split per stream:", StringComparison.Ordinal));
        outputs.Should().Contain(o => o.Contains("carried forward", StringComparison.Ordinal));

        // Default idempotency keys come from the arguments: the same allocation or year end again moves nothing.
        var before = await CountsAsync(db);
        var again = await CliProcess.RunAsync(db.ChildEnvironment(), [.. commands.First(c => c[0] == "allocate-lp")]);
        again.ExitCode.Should().Be(0, again.Error);
        again.Output.Should().Contain("nothing written");
        var yearEnd = await CliProcess.RunAsync(db.ChildEnvironment(), [.. commands.Last(c => c[0] == "year-end")]);
        yearEnd.Output.Should().Contain("nothing moved");
        (await CountsAsync(db)).Should().Equal(before);

        // After year end the year is closed: a new contribution into it is refused with its stable code.
        var contribute = commands.First(c => c[0] == "pool" && c[1] == "contribute");
        var closed = await CliProcess.RunAsync(db.ChildEnvironment(), [.. contribute.Select(a => a == "2026-04-01" ? "2026-05-01" : a)]);
        closed.ExitCode.Should().Be(2);
        closed.Error.Should().StartWith("error: FinancialYearClosed:");
        (await CountsAsync(db)).Should().Equal(before);
    }

    private static readonly string[][] BadInputs =
    [
        ["--year must", "stream", "add", "--area", "NORTHFORD", "--agency", "NBC", "--code", "X-2026", "--name", "X", "--year", "2026/28", "--form", "cash",
            "--categories", "any", "--client-groups", "any", "--year-end", "return", "--expected-spend", "1.00", "--expected-outcome", "x"],
        ["--categories must", "stream", "add", "--area", "NORTHFORD", "--agency", "NBC", "--code", "X-2026", "--name", "X", "--year", "2026/27", "--form", "cash",
            "--categories", "Therapy", "--client-groups", "any", "--year-end", "return", "--expected-spend", "1.00", "--expected-outcome", "x"],
        ["usage: stream add", "stream", "add", "--area", "NORTHFORD", "--agency", "NBC", "--code", "X-2026", "--name", "X", "--year", "2026/27", "--form", "cash",
            "--categories", "any", "--client-groups", "any", "--ring-fenced", "yes", "--year-end", "return", "--expected-spend", "1.00", "--expected-outcome", "x"],
        ["--kind must", "agency", "add", "--area", "NORTHFORD", "--code", "BANK", "--name", "A bank", "--kind", "Bank"],
        ["UnknownArea: ", "agency", "add", "--area", "NOWHERE", "--code", "NBC", "--name", "Council", "--kind", "Council"],
        ["--rule: ", "pool", "add", "--area", "NORTHFORD", "--code", "P2", "--name", "Pool", "--year", "2026/27", "--rule", "bands:5=100.00"],
        ["--amount must", "pool", "contribute", "--area", "NORTHFORD", "--pool", "EARLY-HELP-2026", "--stream", "EH-2026", "--amount", "12.345", "--date", "2026-04-01"],
        ["OutsideFinancialYear: ", "pool", "contribute", "--area", "NORTHFORD", "--pool", "EARLY-HELP-2026", "--stream", "EH-2026", "--amount", "100.00", "--date", "2027-04-01"],
        ["--ref must", "child", "add", "--area", "NORTHFORD", "--ref", "CHILD 1", "--name", "Someone"],
        ["NegativePoints: ", "assess", "--area", "NORTHFORD", "--subject", "CHILD-7F3A", "--pool", "EARLY-HELP-2026", "--date", "2026-04-20", "--by", "LP-01",
            "--client-group", "EarlyHelp", "--needs", "BeHealthy=-3,StaySafe=5"],
        ["--assessment must", "allocate", "--area", "NORTHFORD", "--assessment", "not-an-id", "--amount", "100.00", "--reason", "x", "--by", "BH-01", "--date", "2026-04-27",
            "--holder-mode", "LeadProfessional", "--holder", "LP-01"],
        ["InsufficientPoolFunds: ", "allocate", "--area", "NORTHFORD", "--assessment", "{assessment}", "--amount", "999999.00", "--reason", "Too much", "--by", "BH-01",
            "--date", "2026-04-27", "--holder-mode", "LeadProfessional", "--holder", "LP-01"],
        ["option --reason is required", "allocate", "--area", "NORTHFORD", "--assessment", "{assessment}", "--amount", "100.00", "--by", "BH-01", "--date", "2026-04-27",
            "--holder-mode", "LeadProfessional", "--holder", "LP-01"],
        ["HolderRequired: ", "allocate", "--area", "NORTHFORD", "--assessment", "{assessment}", "--amount", "100.00", "--reason", "Broker needed", "--by", "BH-01",
            "--date", "2026-04-27", "--holder-mode", "Broker", "--holder", "LP-01"],
        ["UnknownPractitioner: ", "allocate-lp", "--area", "NORTHFORD", "--pool", "EARLY-HELP-2026", "--lp", "LP-01", "--amount", "15000.00", "--reason", "Own approval",
            "--by", "LP-01", "--date", "2026-04-01"],
        ["--year must", "year-end", "--area", "NORTHFORD", "--year", "2026"],
    ];

    /// <summary>
    /// Each case's first word is the start of the expected one-line error (a stable code for a
    /// refusal); the cases run at once, as separate processes, against one database that must not change.
    /// </summary>
    [Fact]
    public async Task BadArgumentsAndRefusals_ExitWith2_InOneLine_WithTheStableCode_AndWriteNothing()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var assessment = (await SmallAreaAsync(db)).ToString();
        var before = await CountsAsync(db);

        var results = await Task.WhenAll(BadInputs.Select(async c =>
        {
            var args = c.Skip(1).Select(a => a == "{assessment}" ? assessment : a).ToArray();
            return (Expected: c[0], Args: string.Join(' ', args), Result: await CliProcess.RunAsync(db.ChildEnvironment(), args));
        }));

        foreach (var (expected, args, result) in results)
        {
            result.ExitCode.Should().Be(2, $"`ledger {args}`: {result.Output}{result.Error}");
            result.Error.Should().StartWith($"error: {expected}", $"`ledger {args}`");
            result.Error.TrimEnd().Should().NotContain("\n", $"`ledger {args}`");
        }

        (await CountsAsync(db)).Should().Equal(before);
    }

    /// <summary>An area with a council stream, a pool holding £5,000, a lead professional, a budget holder, a child and an assessment.</summary>
    private static async Task<AssessmentId> SmallAreaAsync(TestDatabase db)
    {
        var year = FinancialYear.StartingIn(2026);
        var funding = db.Services.GetRequiredService<FundingService>();
        var people = db.Services.GetRequiredService<PeopleService>();
        await db.Setup.EnsureAreaAsync("NORTHFORD", "Northford Borough Council");
        (await funding.CreateAgencyAsync(new AgencyRequest("NORTHFORD", "NBC", "Northford Borough Council", AgencyKind.Council))).Succeeded.Should().BeTrue();
        (await funding.CreateStreamAsync(new StreamRequest("NORTHFORD", "NBC", "EH-2026", "Council early help 2026/27", year, FundingForm.CashTransfer,
            StreamRestrictions.None, false, YearEndRule.ReturnUnspent, Money.FromPounds(5_000m), "Families helped early"))).Succeeded.Should().BeTrue();
        (await funding.CreatePoolAsync(new PoolRequest("NORTHFORD", "EARLY-HELP-2026", "Early help 2026/27", year,
            ResourceAllocationRule.Points(Money.FromPounds(150m)).Value!))).Succeeded.Should().BeTrue();
        (await funding.ContributeAsync(new ContributionRequest("setup:contribution", "NORTHFORD", "EARLY-HELP-2026", "EH-2026", Money.FromPounds(5_000m),
            new LocalDate(2026, 4, 1)))).Succeeded.Should().BeTrue();
        (await people.AddPractitionerAsync("NORTHFORD", "LP-01", "Alex Lead", PractitionerRole.LeadProfessional)).Succeeded.Should().BeTrue();
        (await people.AddPractitionerAsync("NORTHFORD", "BH-01", "Sam Holder", PractitionerRole.BudgetHolder)).Succeeded.Should().BeTrue();
        (await people.AddChildAsync("NORTHFORD", "CHILD-7F3A", "Example Child", new LocalDate(2015, 6, 1))).Succeeded.Should().BeTrue();
        (await people.AssignCaseloadAsync("NORTHFORD", "LP-01", "CHILD-7F3A", new LocalDate(2026, 4, 1))).Succeeded.Should().BeTrue();
        var assessment = await db.Services.GetRequiredService<AllocationService>().AssessAsync(new AssessmentRequest("NORTHFORD", "CHILD-7F3A", "EARLY-HELP-2026",
            new LocalDate(2026, 4, 20), "LP-01", ClientGroup.EarlyHelp, new Dictionary<EveryChildMattersArea, int> { [EveryChildMattersArea.StaySafe] = 4 },
            DifficultyFactors.None));
        return assessment.Value!.Id;
    }

    /// <summary>The CLI commands of the README's walkthrough, in order, as argument lists (the shell's quoting undone).</summary>
    private static List<string[]> ReadmeWalkthrough()
    {
        var readme = File.ReadAllText(Path.Combine(CliProcess.RepositoryRoot, "README.md"));
        var section = readme.IndexOf("## Creating a stream, a pool and a budget", StringComparison.Ordinal);
        section.Should().BeGreaterThan(0, "the README has the walkthrough section");
        var start = readme.IndexOf("```bash\n", section, StringComparison.Ordinal) + "```bash\n".Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        return block.Split('\n')
            .Where(line => line.Contains(Cli, StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(Cli, StringComparison.Ordinal) + Cli.Length)..].Split(" | ")[0])
            .Select(ShellWords)
            .ToList();
    }

    /// <summary>Splits a command line as the shell would for the simple quoting the README uses.</summary>
    private static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in line.Trim())
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }

    internal static async Task<long[]> CountsAsync(TestDatabase db)
    {
        await using var c = db.CreateContext();
        return
        [
            await c.Areas.LongCountAsync(), await c.Agencies.LongCountAsync(), await c.FundingStreams.LongCountAsync(), await c.Pools.LongCountAsync(),
            await c.Practitioners.LongCountAsync(), await c.Subjects.LongCountAsync(), await c.PersonalDetails.LongCountAsync(), await c.Caseloads.LongCountAsync(),
            await c.Assessments.LongCountAsync(), await c.Budgets.LongCountAsync(), await c.Allocations.LongCountAsync(), await c.Accounts.LongCountAsync(),
            await c.JournalEntries.LongCountAsync(), await c.Postings.LongCountAsync(), await c.Holds.LongCountAsync(), await c.IdempotencyRecords.LongCountAsync(),
            await c.FinancialYearClosures.LongCountAsync(),
        ];
    }

    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        return await CliProcess.WaitAsync(process);
    }

    [GeneratedRegex(@"^(CHILD|FAM)-[0-9A-F]{4}$")]
    internal static partial Regex PseudonymousReference();

    [GeneratedRegex(@"^assessment ([0-9a-f-]{36})$", RegexOptions.Multiline)]
    private static partial Regex AssessmentLine();
}

/// <summary>
/// `ledger demo` through the real CLI on SQLite: idempotent, and it leaves a ledger that verifies and
/// balances in hledger. A class of its own so that it runs in parallel with the walkthrough.
/// </summary>
public sealed class DemoCommandCliTests
{
    [Fact]
    public async Task Demo_RunTwice_WritesOnce_ThenVerifyPasses_AndTheJournalBalancesInHledger()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var first = await CliProcess.RunAsync(db.ChildEnvironment(), "demo");
        first.ExitCode.Should().Be(0, first.Output + first.Error);
        first.Output.Should().Contain("WESTMOOR: assessments and individual budgets 30 / 30").And.Contain("CARROWVALE:");
        var loaded = await DemoAndBudgetCliTests.CountsAsync(db);

        var second = await CliProcess.RunAsync(db.ChildEnvironment(), "demo");
        second.ExitCode.Should().Be(0, second.Output + second.Error);
        second.Output.Should().Contain("nothing written");
        (await DemoAndBudgetCliTests.CountsAsync(db)).Should().Equal(loaded);

        await using (var context = db.CreateContext())
        {
            (await context.Areas.CountAsync()).Should().Be(2);
            (await context.FundingStreams.GroupBy(s => s.Area).Select(g => g.Count()).ToListAsync()).Should().OnlyContain(n => n >= 5);
            (await context.FundingStreams.CountAsync(s => s.YearEndRule == YearEndRule.CarryForward)).Should().BeGreaterThanOrEqualTo(2);
            (await context.Pools.CountAsync()).Should().Be(2);
            (await context.Practitioners.CountAsync(p => p.Role == PractitionerRole.LeadProfessional)).Should().Be(6);
            (await context.Subjects.CountAsync()).Should().Be(60);
            (await context.Subjects.CountAsync(s => s.Kind == SubjectKind.Family)).Should().BeGreaterThan(0);
            (await context.Assessments.CountAsync()).Should().Be(60);
            (await context.Budgets.CountAsync(b => b.Kind == BudgetKind.Individual)).Should().Be(60);
            (await context.Budgets.CountAsync(b => b.Kind == BudgetKind.LeadProfessional)).Should().Be(6);
            (await context.Budgets.Select(b => b.HolderMode).Distinct().CountAsync()).Should().Be(3);
            (await context.Budgets.CountAsync(b => b.Mode == BudgetMode.Notional)).Should().BeGreaterThanOrEqualTo(2);
            (await context.Holds.CountAsync()).Should().BeGreaterThan(0);
            (await context.Subjects.Select(s => s.Reference).ToListAsync()).Should().OnlyContain(r => DemoAndBudgetCliTests.PseudonymousReference().IsMatch(r));
        }

        var verify = await CliProcess.RunAsync(db.ChildEnvironment(), "verify");
        verify.ExitCode.Should().Be(0, verify.Output);

        if (!File.Exists("/usr/bin/hledger"))
        {
            if (TestDatabase.IsCi)
            {
                throw new InvalidOperationException("CI=true: hledger must be installed (.ci/run installs it).");
            }

            return;
        }

        var file = Path.Combine(Path.GetTempPath(), $"ledger-demo-{Guid.NewGuid():N}.journal");
        try
        {
            var export = await CliProcess.RunAsync(db.ChildEnvironment(), "export", "journal", "--format", "hledger", "--out", file);
            export.ExitCode.Should().Be(0, export.Error);
            var check = await DemoAndBudgetCliTests.RunAsync("/usr/bin/hledger", "-f", file, "check", "--strict");
            check.ExitCode.Should().Be(0, check.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
