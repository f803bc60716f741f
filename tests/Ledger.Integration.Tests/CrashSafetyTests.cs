using System.Globalization;
using Ledger.Domain;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Integration.Tests;

/// <summary>
/// Crash safety and retry storms (issue 9), through the real CLI as a separate OS process posting with group commit:
/// the process is killed (SIGKILL) again and again while its concurrent writers are mid-batch, restarted with the same
/// idempotency keys each time (so every request, acknowledged or not, is sent again after the crash), and 30% of
/// requests are replayed within each run as well, half of them while the first is still in flight. Then: every
/// acknowledged request's answer is the same hold in every later answer, nothing acknowledged is lost, no request
/// holds twice, the budget's held money is exactly one hold per key, and <c>ledger verify</c> exits 0.
/// </summary>
public abstract class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Requests = 400;
    private const int Kills = 6;

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task Posting_KilledRepeatedlyMidBatch_LosesNothingAcknowledged_HoldsEachKeyOnce_AndVerifies_R25()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(Requests * 10));
        string[] args =
        [
            "load-holds", "--from", budget.Id.ToString(), "--to", payable.Id.ToString(), "--count", Requests.ToString(CultureInfo.InvariantCulture),
            "--amount", "10.00", "--concurrency", "16", "--key-prefix", "crash", "--date", "2026-04-01", "--replay", "30", "--ack",
        ];

        var acknowledged = new Dictionary<string, string>(StringComparer.Ordinal);
        var answers = 0;
        var random = new Random(9);
        var killed = 0;
        var killedMidRun = 0;
        void Record(IEnumerable<string> lines)
        {
            foreach (var line in lines.Where(l => l.StartsWith("ack ", StringComparison.Ordinal)))
            {
                var parts = line.Split(' ');
                answers++;
                if (acknowledged.TryGetValue(parts[1], out var first))
                {
                    parts[2].Should().Be(first, $"{parts[1]} was acknowledged as {first} and must be answered the same way after a crash or a replay");
                }
                else
                {
                    acknowledged[parts[1]] = parts[2];
                }
            }
        }

        for (var k = 0; k < Kills; k++)
        {
            using var process = CliProcess.Start(db.ChildEnvironment(), args);
            // Kill after a random number of new answers: the other writers are then mid-batch, queued or committing.
            var before = acknowledged.Count;
            var target = random.Next(5, Requests / Kills);
            var lines = new List<string>();
            // The restart resends every key from the first; count only answers to keys not yet acknowledged, so each kill lands on new work.
            var fresh = 0;
            var reached = await CliProcess.ReadUntilAsync(process, line => line.StartsWith("ack ", StringComparison.Ordinal)
                && !acknowledged.ContainsKey(line.Split(' ')[1]) && ++fresh >= target, TimeSpan.FromMinutes(2), lines);
            await CliProcess.KillAsync(process);
            killed++;
            killedMidRun += reached ? 1 : 0;
            Record(lines);
            output.WriteLine($"kill {k + 1}: after {lines.Count(l => l.StartsWith("ack ", StringComparison.Ordinal))} answers; {acknowledged.Count - before} keys newly acknowledged");
        }

        var final = await CliProcess.RunAsync(db.ChildEnvironment(), args);
        final.ExitCode.Should().Be(0, final.Error);
        Record(final.Output.Split('\n'));

        acknowledged.Should().HaveCount(Requests, "every key is answered by the end");
        acknowledged.Values.Should().AllSatisfy(v => Guid.TryParse(v, out _).Should().BeTrue($"every request holds (answer {v})"));
        acknowledged.Values.Distinct().Should().HaveCount(Requests, "each key holds once, under its own hold");
        await using (var context = db.CreateContext())
        {
            (await context.Holds.CountAsync()).Should().Be(Requests, "no extra hold after crashes and replays");
            (await context.IdempotencyRecords.CountAsync(r => r.Key.StartsWith("crash-"))).Should().Be(Requests);
        }

        (await db.Balances.GetAsync(budget.Id))!.Held.Should().Be(Money.FromPounds(Requests * 10));
        var verify = await CliProcess.RunAsync(db.ChildEnvironment(), "verify");
        verify.ExitCode.Should().Be(0, verify.Output);
        killedMidRun.Should().BeGreaterThanOrEqualTo(Kills - 1, "the kills land while the process is posting");
        output.WriteLine($"crash: {Provider}: {killed} kills ({killedMidRun} mid-run), {answers} answers read, {Requests} keys, 0 lost, 0 held twice; verify exit 0");
    }

    [Fact]
    public async Task RetryStorm_ThirtyPercentReplayed_GivesIdenticalOutcomesAndNoExtraEntries_R25()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(Requests * 10 * 2));
        async Task<(Dictionary<string, List<string>> Answers, string Summary)> RunAsync(string prefix, int replay)
        {
            var result = await CliProcess.RunAsync(db.ChildEnvironment(), "load-holds", "--from", budget.Id.ToString(), "--to", payable.Id.ToString(),
                "--count", Requests.ToString(CultureInfo.InvariantCulture), "--amount", "10.00", "--concurrency", "16", "--key-prefix", prefix,
                "--date", "2026-04-01", "--replay", replay.ToString(CultureInfo.InvariantCulture), "--ack");
            result.ExitCode.Should().Be(0, result.Error);
            var answers = result.Output.Split('\n').Where(l => l.StartsWith("ack ", StringComparison.Ordinal)).Select(l => l.Split(' '))
                .GroupBy(p => p[1], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p[2]).ToList(), StringComparer.Ordinal);
            return (answers, result.Output.Split('\n').Single(l => l.StartsWith("succeeded=", StringComparison.Ordinal)));
        }

        var plain = await RunAsync("plain", 0);
        var storm = await RunAsync("storm", 30);

        plain.Answers.Should().HaveCount(Requests);
        storm.Answers.Should().HaveCount(Requests);
        var replayed = storm.Answers.Where(a => a.Value.Count > 1).ToList();
        replayed.Count.Should().BeInRange(Requests * 25 / 100, Requests * 35 / 100, "about 30% of the keys are sent twice");
        replayed.Should().AllSatisfy(a => a.Value.Distinct().Should().ContainSingle($"{a.Key} is answered with the same hold every time"));
        await using (var context = db.CreateContext())
        {
            (await context.Holds.CountAsync()).Should().Be(Requests * 2, "one hold per key in each run, none for a replay");
        }

        (await db.Balances.GetAsync(budget.Id))!.Held.Should().Be(Money.FromPounds(Requests * 10 * 2));
        (await db.Verifier.VerifyAsync()).AllPassed.Should().BeTrue();
        output.WriteLine($"retry storm: {Provider}: without replays {plain.Summary}; with 30% replayed {storm.Summary}");
    }
}

public sealed class SqliteCrashSafetyTests(ITestOutputHelper output) : CrashSafetyTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlCrashSafetyTests(ITestOutputHelper output) : CrashSafetyTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
