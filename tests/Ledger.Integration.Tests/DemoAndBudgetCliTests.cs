using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Ledger.Application.Budgets;
using Ledger.Application.Demo;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Outcomes;
using Ledger.Domain.People;
using Ledger.Domain.Purchasing;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Integration.Tests.Outcomes;
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
            await c.FinancialYearClosures.LongCountAsync(), await c.Providers.LongCountAsync(), await c.ServiceItems.LongCountAsync(),
            await c.DelegatedLimits.LongCountAsync(), await c.DelegatedMonths.LongCountAsync(), await c.PurchaseOrders.LongCountAsync(),
            await c.Invoices.LongCountAsync(), await c.PaymentRuns.LongCountAsync(), await c.ProviderPayments.LongCountAsync(),
            await c.Outcomes.LongCountAsync(), await c.RateCards.LongCountAsync(), await c.OutcomeContracts.LongCountAsync(), await c.Enrolments.LongCountAsync(),
            await c.OutcomeClaims.LongCountAsync(), await c.OutcomeClaims.SumAsync(o => (long)o.Version), await c.OutcomeClaimShares.LongCountAsync(),
            await c.EvidenceFiles.LongCountAsync(), await c.ProblemRecurrences.LongCountAsync(), await c.AssuranceSamples.LongCountAsync(),
            await c.SpotChecks.LongCountAsync(),
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
/// `ledger demo` run twice through the real CLI on one SQLite database, shared by the tests of
/// <see cref="DemoCommandCliTests"/> so the demo is loaded once for all of them.
/// </summary>
public sealed class DemoCliFixture : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = null!;

    public (int ExitCode, string Output, string Error) First { get; private set; }

    public (int ExitCode, string Output, string Error) Second { get; private set; }

    public long[] AfterFirst { get; private set; } = [];

    public long[] AfterSecond { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        First = await CliProcess.RunAsync(Db.ChildEnvironment(), "demo");
        AfterFirst = await DemoAndBudgetCliTests.CountsAsync(Db);
        Second = await CliProcess.RunAsync(Db.ChildEnvironment(), "demo");
        AfterSecond = await DemoAndBudgetCliTests.CountsAsync(Db);
    }

    public async ValueTask DisposeAsync()
    {
        if (Db is not null)
        {
            await Db.DisposeAsync();
        }
    }
}

/// <summary>
/// `ledger demo` through the real CLI on SQLite: idempotent, it leaves a ledger that verifies and
/// balances in hledger, and its purchasing holds together (R9–R13). A class of its own so that it
/// runs in parallel with the walkthrough.
/// </summary>
public sealed class DemoCommandCliTests(DemoCliFixture demo) : IClassFixture<DemoCliFixture>
{
    [Fact]
    public async Task Demo_RunTwice_WritesOnce_WithEveryPartOfTheDataSet()
    {
        demo.First.ExitCode.Should().Be(0, demo.First.Output + demo.First.Error);
        demo.First.Output.Should().Contain("WESTMOOR: assessments and individual budgets 30 / 30").And.Contain("CARROWVALE:")
            .And.Contain("CARROWVALE: orders 42 / 42").And.Contain("84 orders:").And.Contain("12 payment runs paid").And.Contain("median");
        demo.Second.ExitCode.Should().Be(0, demo.Second.Output + demo.Second.Error);
        demo.Second.Output.Should().Contain("nothing written");
        demo.AfterSecond.Should().Equal(demo.AfterFirst);

        // The second run reports the same figures (they come from what is stored), apart from what it wrote.
        SummaryLines(demo.Second.Output).Should().Equal(SummaryLines(demo.First.Output));

        await using var context = demo.Db.CreateContext();
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
        (await context.Subjects.Select(s => s.Reference).ToListAsync()).Should().OnlyContain(r => DemoAndBudgetCliTests.PseudonymousReference().IsMatch(r));
        await DemoChecks.PurchasingAsync(demo.Db);
    }

    [Fact]
    public async Task Demo_Verifies_AndTheJournalBalancesInHledger()
    {
        demo.First.ExitCode.Should().Be(0, demo.First.Output + demo.First.Error);
        var verify = await CliProcess.RunAsync(demo.Db.ChildEnvironment(), "verify");
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
            var export = await CliProcess.RunAsync(demo.Db.ChildEnvironment(), "export", "journal", "--format", "hledger", "--out", file);
            export.ExitCode.Should().Be(0, export.Error);
            var check = await DemoAndBudgetCliTests.RunAsync("/usr/bin/hledger", "-f", file, "check", "--strict");
            check.ExitCode.Should().Be(0, check.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Demo_EveryStartedOrderHasATimeToService_AndPaymentRunsPayEveryInvoiceDueExactlyOnce()
    {
        demo.First.ExitCode.Should().Be(0, demo.First.Output + demo.First.Error);
        await DemoChecks.TimeToServiceAndPaymentRunsAsync(demo.Db);
    }

    [Fact]
    public async Task Demo_PaymentByResults_ClaimsInEveryState_OneClawbackRecoveredByTheOctoberRun_AndVerifies()
    {
        demo.First.ExitCode.Should().Be(0, demo.First.Output + demo.First.Error);
        demo.First.Output.Should().Contain("WESTMOOR: 16 children and families enrolled on WM-EARLY-HELP").And.Contain("clawed back by the payment run of 30 October 2026")
            .And.Contain("CARROWVALE: 5 outcome claims");
        await OutcomeDemoChecks.PaymentByResultsAsync(demo.Db, evidenceFilesInThisProcess: false);
    }

    // The summary after the timing line: the same on both runs.
    private static List<string> SummaryLines(string output) =>
        output.Split('\n').SkipWhile(l => !l.StartsWith("demo: ", StringComparison.Ordinal)).Skip(1).Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
}

/// <summary>The demo on PostgreSQL, loaded in process through <see cref="DemoLedger"/>: twice, the second writing nothing, then verified.</summary>
public sealed class DemoPostgreSqlTests
{
    [Fact]
    public async Task Demo_OnPostgreSql_LoadsTwice_WritesOnce_Verifies_AndPaysEveryInvoiceDueOnce()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var first = await ActivatorUtilities.CreateInstance<DemoLedger>(db.Services).LoadAsync();
        var loaded = await DemoAndBudgetCliTests.CountsAsync(db);
        var second = await ActivatorUtilities.CreateInstance<DemoLedger>(db.Services).LoadAsync();

        first.Written.Should().BeGreaterThan(0);
        second.Should().Be(first with { Written = 0 });
        (await DemoAndBudgetCliTests.CountsAsync(db)).Should().Equal(loaded);
        first.Orders.Should().Be(84);
        first.Providers.Should().Be(22);
        first.SuspendedProviders.Should().Be(1);
        first.PaymentRuns.Should().Be(12);
        first.Paid.IsPositive.Should().BeTrue();
        first.MedianDaysToService.Should().BeInRange(10, 20);
        OutcomeDemoChecks.Summary(first);

        var report = await db.Verifier.VerifyAsync();
        report.AllPassed.Should().BeTrue(string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
        await DemoChecks.PurchasingAsync(db);
        await DemoChecks.TimeToServiceAndPaymentRunsAsync(db);
        await OutcomeDemoChecks.PaymentByResultsAsync(db, evidenceFilesInThisProcess: true);
    }
}

/// <summary>What the demo's purchasing must show, read straight from the database.</summary>
internal static class DemoChecks
{
    /// <summary>Providers of every sector (one suspended, with a reason), a catalogue in all seven categories, and orders down every route (R7, R8, R11).</summary>
    public static async Task PurchasingAsync(TestDatabase db)
    {
        await using var c = db.CreateContext();
        var providers = await c.Providers.ToListAsync();
        providers.GroupBy(p => p.Area).Should().HaveCount(2).And.OnlyContain(g => g.Select(p => p.Sector).Distinct().Count() == 4);
        providers.Should().ContainSingle(p => p.Status == ProviderStatus.Suspended).Which.SuspensionReason.Should().NotBeNullOrWhiteSpace();
        (await c.ServiceItems.ToListAsync()).GroupBy(i => i.Area).Should().HaveCount(2)
            .And.OnlyContain(g => g.Select(i => i.Category).Distinct().Count() == Enum.GetValues<ServiceCategory>().Length);
        (await c.DelegatedLimits.CountAsync()).Should().Be(8, "three lead professionals and a broker per area");

        var orders = await c.PurchaseOrders.ToListAsync();
        orders.Should().HaveCount(84);
        orders.Count(o => o.Route == ApprovalRoute.Delegated).Should().BeGreaterThan(orders.Count / 2, "most orders are small and committed at once");
        orders.Should().Contain(o => o.Route == ApprovalRoute.BudgetHolder && o.DecidedBy != null && o.DecidedOn > o.OrderedOn);
        orders.Where(o => o.Route == ApprovalRoute.Panel).Should().NotBeEmpty()
            .And.OnlyContain(o => o.DecidedBy != null && o.DecisionNote != null && o.DecisionNote.Contains("RP-2026", StringComparison.Ordinal));
        orders.Should().Contain(o => o.Status == OrderStatus.Rejected && o.DecisionNote != null);
        orders.Should().Contain(o => o.Status == OrderStatus.Cancelled && o.DecisionNote != null);
        orders.Should().Contain(o => o.Status == OrderStatus.AwaitingApproval);
        orders.Should().Contain(o => o.BestInterestsReason != null, "the broker buys too");
        (await c.Budgets.Where(b => orders.Select(o => o.Budget).Contains(b.Id)).Select(b => b.Kind).Distinct().CountAsync()).Should().Be(2);
        var invoices = await c.Invoices.ToListAsync();
        invoices.Should().Contain(i => i.Units < orders.Single(o => o.Id == i.Order).Quantity, "some invoices are for fewer units than ordered");
    }

    /// <summary>
    /// R12: every order that started has its dates in order and a time to service (median 10–20 days,
    /// with a tail). R13: each payment run paid every invoice dated on or before its date that no
    /// earlier run paid, exactly once, so each provider's payable accounts hold just the invoices not
    /// yet gathered into a run.
    /// </summary>
    public static async Task TimeToServiceAndPaymentRunsAsync(TestDatabase db)
    {
        await using var c = db.CreateContext();
        var orders = await c.PurchaseOrders.ToDictionaryAsync(o => o.Id);
        var started = orders.Values.Where(o => o.ServiceStartedOn is not null).ToList();
        started.Should().HaveCountGreaterThan(60);
        started.Should().OnlyContain(o => o.NeedIdentifiedOn <= o.OrderedOn && o.OrderedOn <= o.ServiceStartedOn && o.DaysToService >= 0
            && (o.DecidedOn == null || o.DecidedOn <= o.ServiceStartedOn));
        orders.Values.Where(o => o.ServiceStartedOn is null).Should().OnlyContain(o => o.DaysToService == null);
        var days = started.Select(o => o.DaysToService!.Value).Order().ToList();
        days[days.Count / 2].Should().BeInRange(10, 20);
        days[^1].Should().BeGreaterThan(40, "a few families wait much longer");

        var invoices = await c.Invoices.ToListAsync();
        invoices.Should().HaveCountGreaterThan(60);
        invoices.Should().OnlyContain(i => orders[i.Order].Status == OrderStatus.Invoiced && orders[i.Order].ServiceStartedOn <= i.InvoicedOn);
        var runs = await c.PaymentRuns.ToListAsync();
        runs.Should().HaveCount(12).And.OnlyContain(r => r.Status == PaymentRunStatus.Completed);
        foreach (var invoice in invoices)
        {
            var due = runs.Where(r => r.Area == invoice.Area && r.RunOn >= invoice.InvoicedOn).MinBy(r => r.RunOn);
            invoice.PaymentRun.Should().Be(due?.Id, $"invoice {invoice.Number} of {invoice.InvoicedOn:uuuu-MM-dd} is paid by the first run on or after its date");
        }

        invoices.Should().Contain(i => i.PaymentRun == null, "invoices after the last run are still owed");
        var payments = await c.ProviderPayments.ToListAsync();
        payments.GroupBy(p => (p.Run, p.Provider)).Should().OnlyContain(g => g.Count() == 1);
        // Each payment's lines: its run's invoices and outcome claims (R20), less the clawbacks it nets (R21).
        var claims = await c.OutcomeClaims.ToListAsync();
        var lines = invoices.Where(i => i.PaymentRun != null).Select(i => (Run: i.PaymentRun!.Value, i.Provider, i.Amount))
            .Concat(claims.Where(o => o.PaymentRun != null).Select(o => (Run: o.PaymentRun!.Value, o.Provider, o.Amount)))
            .Concat(claims.Where(o => o.ClawbackRun != null).Select(o => (Run: o.ClawbackRun!.Value, o.Provider, Amount: -o.Amount)));
        payments.Select(p => (p.Run, p.Provider, p.Amount, p.Invoices)).Should().BeEquivalentTo(lines
            .GroupBy(l => (l.Run, l.Provider)).Select(g => (g.Key.Run, g.Key.Provider, g.Sum(l => l.Amount), g.Count())));

        var payables = await c.Accounts.Where(a => a.Kind == AccountKind.ProviderPayable).ToListAsync();
        foreach (var provider in await c.Providers.ToListAsync())
        {
            var owed = payables.Where(a => a.Area == provider.Area && a.Owner == provider.Code).Sum(a => a.Balance);
            owed.Should().Be(invoices.Where(i => i.Provider == provider.Id && i.PaymentRun == null).Sum(i => i.Amount)
                + claims.Where(o => o.Provider == provider.Id && o.Status == ClaimStatus.Approved && o.PaymentRun == null).Sum(o => o.Amount),
                $"{provider.Code} is owed only its unpaid invoices and approved outcome claims");
        }
    }
}
