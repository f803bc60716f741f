using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Integration.Tests;

/// <summary>
/// The ledger core against a real database through the real migrations. Each provider runs the
/// same tests (see the subclasses at the end of the file).
/// </summary>
public abstract class LedgerCoreTests
{
    private static readonly LocalDate April1 = new(2026, 4, 1);

    protected abstract DatabaseProvider Provider { get; }

    private static Money Pounds(decimal pounds) => Money.FromPounds(pounds);

    [Fact]
    public async Task Migrations_ApplyCleanly_AndLeaveNoPendingModelChanges()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await using var context = db.CreateContext();
        (await context.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        context.Database.HasPendingModelChanges().Should().BeFalse();
    }

    [Fact]
    public async Task PostEntry_StoresEachPostingsResultingBalanceAndVersion_R24()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var budget = await f.AccountAsync(AccountKind.IndividualBudget, "CHILD-1", f.Csc);
        await f.FundAsync(budget, f.Csc, Pounds(100));
        await f.FundAsync(budget, f.Csc, Pounds(50.25m));

        await using var context = db.CreateContext();
        var postings = await context.Postings.Where(p => p.Account == budget.Id).OrderBy(p => p.AccountVersion).ToListAsync();
        postings.Select(p => p.AccountVersion).Should().Equal(1, 2);
        postings.Select(p => p.ResultingBalance).Should().Equal(10_000, 15_025);
        var balance = await db.Balances.GetAsync(budget.Id);
        balance!.Posted.Should().Be(Pounds(150.25m));
        balance.Version.Should().Be(2);
        balance.Name.Should().Be("IndividualBudget:DEVON:CHILD-1:CSC-2026");
    }

    [Fact]
    public async Task Balances_AsAtEffectiveDateAndAsAtRecordedInstant_ReadEitherTimeAxis_R24()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var budget = await f.AccountAsync(AccountKind.IndividualBudget, "CHILD-1", f.Csc);
        var funds = await f.AccountAsync(AccountKind.StreamFunds, "FUNDS", f.Csc);

        (await db.Engine.ExecuteAsync(new PostEntry("may", new LocalDate(2026, 5, 10), "May money",
            [JournalLine.Debit(funds.Id, Pounds(200)), JournalLine.Credit(budget.Id, Pounds(200))]))).Succeeded.Should().BeTrue();
        await using (var context = db.CreateContext())
        {
            var firstRecorded = await context.JournalEntries.Select(e => e.RecordedAt).SingleAsync();
            await Task.Delay(20);

            // Back-dated: recorded later, effective earlier.
            (await db.Engine.ExecuteAsync(new PostEntry("april", new LocalDate(2026, 4, 20), "April money, recorded late",
                [JournalLine.Debit(funds.Id, Pounds(30)), JournalLine.Credit(budget.Id, Pounds(30))]))).Succeeded.Should().BeTrue();

            (await db.Balances.PostedAsAtEffectiveDateAsync(budget.Id, new LocalDate(2026, 4, 30))).Should().Be(Pounds(30));
            (await db.Balances.PostedAsAtEffectiveDateAsync(budget.Id, new LocalDate(2026, 5, 31))).Should().Be(Pounds(230));
            (await db.Balances.PostedAsAtRecordedAsync(budget.Id, firstRecorded)).Should().Be(Pounds(200));
            (await db.Balances.PostedAsAtRecordedAsync(budget.Id, firstRecorded - Duration.FromSeconds(1))).Should().Be(Money.Zero);
            (await db.Balances.PostedAsAtRecordedAsync(budget.Id, SystemClock.Instance.GetCurrentInstant())).Should().Be(Pounds(230));
        }
    }

    [Fact]
    public async Task BadRequests_AreRefusedWithStableCodes_AndWriteNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var cscBudget = await f.AccountAsync(AccountKind.IndividualBudget, "CHILD-1", f.Csc);
        var healthBudget = await f.AccountAsync(AccountKind.IndividualBudget, "CHILD-1", f.Health);
        var payable = await f.AccountAsync(AccountKind.ProviderPayable, "PROV-1", f.Csc);
        await f.FundAsync(cscBudget, f.Csc, Pounds(100));
        await f.FundAsync(healthBudget, f.Health, Pounds(100));
        var hold = await db.Engine.ExecuteAsync(new ReserveHold("hold", April1, "Order", [new HoldLegRequest(cscBudget.Id, payable.Id, Pounds(40))], null));
        (await db.Engine.ExecuteAsync(new PostHold("post", hold.Hold!.Value, April1, "Invoice"))).Succeeded.Should().BeTrue();
        var other = await db.Engine.ExecuteAsync(new ReserveHold("hold2", April1, "Order", [new HoldLegRequest(cscBudget.Id, payable.Id, Pounds(10))], null));
        await db.Setup.ClosePeriodAsync(f.Area.Id, new YearMonth(2026, 3));
        var before = await SnapshotAsync(db);

        var cases = new (LedgerCommand Command, LedgerErrorCode Expected)[]
        {
            (new PostEntry("zero", April1, "Zero", [JournalLine.Debit(payable.Id, Money.Zero), JournalLine.Credit(cscBudget.Id, Money.Zero)]), LedgerErrorCode.InvalidAmount),
            (new PostEntry("negative", April1, "Negative", [JournalLine.Debit(payable.Id, Pounds(-1)), JournalLine.Credit(cscBudget.Id, Pounds(-1))]), LedgerErrorCode.InvalidAmount),
            (new PostEntry("overflow", April1, "Overflow", [JournalLine.Credit(cscBudget.Id, Money.FromPence(long.MaxValue)), JournalLine.Debit(payable.Id, Money.FromPence(long.MaxValue))]), LedgerErrorCode.AmountOverflow),
            (new PostEntry("unbalanced", April1, "Balances overall, not per stream",
                [JournalLine.Debit(cscBudget.Id, Pounds(5)), JournalLine.Credit(healthBudget.Id, Pounds(5))]), LedgerErrorCode.EntryUnbalanced),
            (new PostEntry("unknown", April1, "Unknown account", [JournalLine.Debit(AccountId.New(), Pounds(5)), JournalLine.Credit(cscBudget.Id, Pounds(5))]), LedgerErrorCode.UnknownAccount),
            (new PostEntry("closed", new LocalDate(2026, 3, 31), "Into a closed period",
                [JournalLine.Debit(cscBudget.Id, Pounds(5)), JournalLine.Credit(payable.Id, Pounds(5))]), LedgerErrorCode.PeriodClosed),
            (new VoidHold("twice", hold.Hold!.Value), LedgerErrorCode.HoldAlreadyResolved),
            (new PostHold("over", other.Hold!.Value, April1, "Too much", Pounds(10.01m)), LedgerErrorCode.ExceedsHold),
            (new PostEntry("post", April1, "A different request under a used key", [JournalLine.Debit(cscBudget.Id, Pounds(1)), JournalLine.Credit(payable.Id, Pounds(1))]), LedgerErrorCode.IdempotencyConflict),
            (new PostEntry("overspend", April1, "More than available", [JournalLine.Debit(cscBudget.Id, Pounds(51)), JournalLine.Credit(payable.Id, Pounds(51))]), LedgerErrorCode.InsufficientFunds),
        };

        foreach (var (command, expected) in cases)
        {
            var outcome = await db.Engine.ExecuteAsync(command);
            outcome.Error.Should().NotBeNull($"{command.IdempotencyKey} must be refused");
            outcome.Error!.Code.Should().Be(expected, command.IdempotencyKey);
        }

        (await SnapshotAsync(db)).Should().BeEquivalentTo(before, "a refused request writes nothing to the ledger");
    }

    [Fact]
    public async Task Replay_WithTheSameKeyAndRequest_ReturnsTheFirstResult_AndPostsOnce_R25()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Pounds(100));
        var request = new PostEntry("pay-once", April1, "Tuition", [JournalLine.Debit(budget.Id, Pounds(60)), JournalLine.Credit(payable.Id, Pounds(60))]);

        var first = await db.Engine.ExecuteAsync(request);
        var again = await db.Engine.ExecuteAsync(request with { Lines = [.. request.Lines] });
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => db.Engine.ExecuteAsync(request)));

        first.Succeeded.Should().BeTrue();
        again.Replayed.Should().BeTrue();
        again.Entry.Should().Be(first.Entry);
        concurrent.Should().AllSatisfy(o => o.Entry.Should().Be(first.Entry));
        (await db.Balances.GetAsync(budget.Id))!.Posted.Should().Be(Pounds(40));

        // A request refused for lack of money stays refused, even once money arrives.
        var big = new PostEntry("too-big", April1, "Tuition", [JournalLine.Debit(budget.Id, Pounds(70)), JournalLine.Credit(payable.Id, Pounds(70))]);
        (await db.Engine.ExecuteAsync(big)).Error!.Code.Should().Be(LedgerErrorCode.InsufficientFunds);
        await f.FundAsync(budget, f.Csc, Pounds(100));
        var retried = await db.Engine.ExecuteAsync(big);
        retried.Error!.Code.Should().Be(LedgerErrorCode.InsufficientFunds);
        retried.Replayed.Should().BeTrue();
    }

    [Fact]
    public async Task Hold_PostedInPart_PaysTheInvoiceAndReleasesTheRestToItsStreams_Example4_R9()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var csc = await f.AccountAsync(AccountKind.IndividualBudget, "CHILD-1", f.Csc);
        var health = await f.AccountAsync(AccountKind.IndividualBudget, "CHILD-1", f.Health);
        var cscPayable = await f.AccountAsync(AccountKind.ProviderPayable, "PROV-1", f.Csc);
        var healthPayable = await f.AccountAsync(AccountKind.ProviderPayable, "PROV-1", f.Health);
        await f.FundAsync(csc, f.Csc, Pounds(2000));
        await f.FundAsync(health, f.Health, Pounds(500));

        // A £400 order for 8 sessions, £300 from council money and £100 from health.
        var hold = await db.Engine.ExecuteAsync(new ReserveHold("order", April1, "8 sessions",
            [new HoldLegRequest(csc.Id, cscPayable.Id, Pounds(300)), new HoldLegRequest(health.Id, healthPayable.Id, Pounds(100))], null));
        (await db.Balances.GetAsync(csc.Id))!.Available.Should().Be(Pounds(1700));
        (await db.Balances.GetAsync(health.Id))!.Available.Should().Be(Pounds(400));

        // The provider invoices 6 sessions: £300.
        var settled = await db.Engine.ExecuteAsync(new PostHold("invoice", hold.Hold!.Value, new LocalDate(2026, 5, 1), "6 sessions delivered", Pounds(300)));
        settled.Succeeded.Should().BeTrue();
        (await db.Balances.GetAsync(cscPayable.Id))!.Posted.Should().Be(Pounds(225));
        (await db.Balances.GetAsync(healthPayable.Id))!.Posted.Should().Be(Pounds(75));
        (await db.Balances.GetAsync(csc.Id)).Should().BeEquivalentTo(new { Posted = Pounds(1775), Held = Money.Zero, Available = Pounds(1775) });
        (await db.Balances.GetAsync(health.Id)).Should().BeEquivalentTo(new { Posted = Pounds(425), Held = Money.Zero, Available = Pounds(425) });

        // It resolves once only.
        (await db.Engine.ExecuteAsync(new PostHold("invoice-again", hold.Hold!.Value, April1, "again"))).Error!.Code.Should().Be(LedgerErrorCode.HoldAlreadyResolved);
        (await db.Verifier.VerifyAsync()).AllPassed.Should().BeTrue();
    }

    [Fact]
    public async Task Reversal_PostsTheExactOpposite_OnceOnly_R23()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Pounds(100));
        var paid = await db.Engine.ExecuteAsync(new PostEntry("pay", April1, "Tuition", [JournalLine.Debit(budget.Id, Pounds(60)), JournalLine.Credit(payable.Id, Pounds(60))]));

        var reversal = await db.Engine.ExecuteAsync(new ReverseEntry("undo", paid.Entry!.Value, April1, "Wrong child"));
        var twice = await db.Engine.ExecuteAsync(new ReverseEntry("undo-2", paid.Entry!.Value, April1, "Wrong child"));

        reversal.Succeeded.Should().BeTrue();
        twice.Error!.Code.Should().Be(LedgerErrorCode.EntryNotReversible);
        (await db.Balances.GetAsync(budget.Id))!.Posted.Should().Be(Pounds(100));
        await using var context = db.CreateContext();
        var entry = await context.JournalEntries.Include(e => e.Postings).SingleAsync(e => e.Id == reversal.Entry);
        entry.Reverses.Should().Be(paid.Entry);
        entry.Postings.Select(p => p.Amount).Should().Equal(-6000, 6000);
    }

    [Fact]
    public async Task ConcurrentHolds_OnOneBudget_NeverOverspend_Example3_R26()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Pounds(1000));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            db.Engine.ExecuteAsync(new ReserveHold($"h-{i}", April1, "Activity", [new HoldLegRequest(budget.Id, payable.Id, Pounds(50))], null)))));

        outcomes.Count(o => o.Succeeded).Should().Be(20);
        outcomes.Where(o => !o.Succeeded).Should().AllSatisfy(o => o.Error!.Code.Should().Be(LedgerErrorCode.InsufficientFunds));
        (await db.Balances.GetAsync(budget.Id))!.Available.Should().Be(Money.Zero);
        (await db.Verifier.VerifyAsync()).AllPassed.Should().BeTrue();
    }

    [Fact]
    public async Task ConcurrentHolds_FromTwoProcesses_NeverOverspend_Example3_R26()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Pounds(1000));

        // Two OS processes, each with 10 concurrent writers, attempt 20 holds of £50 each.
        var processes = new[] { "a", "b" }.Select(p => CliProcess.Start(db.ChildEnvironment(), "load-holds",
            "--from", budget.Id.ToString(), "--to", payable.Id.ToString(), "--count", "20", "--amount", "50.00",
            "--concurrency", "10", "--key-prefix", $"proc-{p}", "--date", "2026-04-01")).ToList();
        var results = await Task.WhenAll(processes.Select(CliProcess.WaitAsync));
        processes.ForEach(p => p.Dispose());

        results.Should().AllSatisfy(r => r.ExitCode.Should().Be(0, r.Error));
        var succeeded = results.Sum(r => int.Parse(r.Output.Split(' ')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
        succeeded.Should().Be(20, string.Join(" | ", results.Select(r => r.Output.Trim())));
        (await db.Balances.GetAsync(budget.Id))!.Available.Should().Be(Money.Zero);
        await using var context = db.CreateContext();
        (await context.Holds.CountAsync()).Should().Be(20);

        var verify = await CliProcess.RunAsync(db.ChildEnvironment(), "verify");
        verify.ExitCode.Should().Be(0, verify.Output);
    }

    [Fact]
    public async Task Batch_GivesTheSameOutcomesAndBalancesAsOneByOne()
    {
        await using var batched = await TestDatabase.CreateAsync(Provider);
        await using var single = await TestDatabase.CreateAsync(Provider);
        var batchedRun = await RunScriptAsync(batched, batchSize: 40);
        var singleRun = await RunScriptAsync(single, batchSize: 1);

        batchedRun.Codes.Should().Equal(singleRun.Codes);
        batchedRun.Codes.Should().Contain("InsufficientFunds").And.Contain("ok");
        batchedRun.Balances.Should().BeEquivalentTo(singleRun.Balances);
        (await batched.Verifier.VerifyAsync()).AllPassed.Should().BeTrue();
    }

    /// <summary>
    /// A seeded script of funding, spending and holds, then settlements and voids of those holds,
    /// then reversals — sent in batches of <paramref name="batchSize"/>. Later phases refer to earlier
    /// results by position, so the script is the same whatever the batch size.
    /// </summary>
    private static async Task<(List<string> Codes, IReadOnlyDictionary<string, (long, long, long)> Balances)> RunScriptAsync(TestDatabase db, int batchSize)
    {
        var f = await LedgerFixture.CreateAsync(db);
        var streams = new[] { f.Csc, f.Health };
        var budgets = new List<Account[]>();
        for (var c = 0; c < 6; c++)
        {
            budgets.Add([await f.AccountAsync(AccountKind.IndividualBudget, $"CHILD-{c}", f.Csc), await f.AccountAsync(AccountKind.IndividualBudget, $"CHILD-{c}", f.Health)]);
        }

        var funds = new[] { await f.AccountAsync(AccountKind.StreamFunds, "FUNDS", f.Csc), await f.AccountAsync(AccountKind.StreamFunds, "FUNDS", f.Health) };
        var payables = new[] { await f.AccountAsync(AccountKind.ProviderPayable, "PROV-1", f.Csc), await f.AccountAsync(AccountKind.ProviderPayable, "PROV-1", f.Health) };
        var random = new Random(5);
        var codes = new List<string>();

        async Task<IReadOnlyList<LedgerOutcome>> SendAsync(List<LedgerCommand> commands)
        {
            var outcomes = new List<LedgerOutcome>();
            foreach (var chunk in commands.Chunk(batchSize))
            {
                outcomes.AddRange(await db.Engine.ExecuteAsync(chunk));
            }

            codes.AddRange(outcomes.Select(o => o.Error?.Code.ToString() ?? "ok"));
            return outcomes;
        }

        var phaseA = new List<LedgerCommand>();
        for (var i = 0; i < 240; i++)
        {
            var child = budgets[random.Next(budgets.Count)];
            var s = random.Next(2);
            var amount = Money.FromPence(random.Next(1_000, 30_000));
            phaseA.Add(random.Next(10) switch
            {
                < 3 => new PostEntry($"a{i}", April1, "Funding", [JournalLine.Debit(funds[s].Id, amount), JournalLine.Credit(child[s].Id, amount)]),
                < 8 => new ReserveHold($"a{i}", April1, "Order", random.Next(2) == 0
                    ? [new HoldLegRequest(child[s].Id, payables[s].Id, amount)]
                    : [new HoldLegRequest(child[0].Id, payables[0].Id, amount), new HoldLegRequest(child[1].Id, payables[1].Id, Money.FromPence(random.Next(100, 5_000)))], null),
                _ => new PostEntry($"a{i}", April1, "Direct spend", [JournalLine.Debit(child[s].Id, amount), JournalLine.Credit(payables[s].Id, amount)]),
            });
        }

        var a = await SendAsync(phaseA);
        var phaseB = new List<LedgerCommand>();
        foreach (var hold in a.Where(o => o.Hold is not null).Select(o => o.Hold!.Value))
        {
            var roll = random.Next(4);
            if (roll < 3)
            {
                phaseB.Add(roll switch
                {
                    0 => new PostHold($"b{phaseB.Count}", hold, April1, "Invoice"),
                    1 => new PostHold($"b{phaseB.Count}", hold, April1, "Part invoice", Money.FromPence(random.Next(1, 3_000))),
                    _ => new VoidHold($"b{phaseB.Count}", hold),
                });
            }
        }

        await SendAsync(phaseB);
        var phaseC = a.Where(o => o.Entry is not null).Where(_ => random.Next(5) == 0)
            .Select((o, i) => (LedgerCommand)new ReverseEntry($"c{i}", o.Entry!.Value, April1, "Correction")).ToList();
        await SendAsync(phaseC);
        return (codes, await BalancesByNameAsync(db));
    }

    [Fact]
    public async Task RandomWorkload_KeepsEveryInvariant_AndTamperingIsFoundAndNamed_R28()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var workload = new Ledger.Application.Simulation.RandomWorkload(db.Setup, db.Engine, SystemClock.Instance);
        await workload.RunAsync(new Ledger.Application.Simulation.WorkloadOptions(3_000, Seed: 11, BatchSize: 25, Budgets: 20));

        var clean = await CliProcess.RunAsync(db.ChildEnvironment(), "verify");
        clean.ExitCode.Should().Be(0, clean.Output);
        clean.Output.Should().Contain("verify: all");

        await using (var context = db.CreateContext())
        {
            var victim = await context.Postings.OrderBy(p => p.Entry).ThenBy(p => p.Line).Skip(100).FirstAsync();
            var account = await context.Accounts.SingleAsync(a => a.Id == victim.Account);
            var stream = await context.FundingStreams.SingleAsync(s => s.Id == account.Stream);
            var accountId = victim.Account;
            var version = victim.AccountVersion;
            await context.Postings.Where(p => p.Account == accountId && p.AccountVersion == version)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Amount, p => p.Amount + 1));

            var tampered = await CliProcess.RunAsync(db.ChildEnvironment(), "verify");
            tampered.ExitCode.Should().Be(1);
            tampered.Output.Should().Contain($"{account.Kind}:WORKLOAD:{account.Owner}:{stream.Code}");
            tampered.Output.Should().Contain("FAIL");
        }
    }

    private static async Task<IReadOnlyDictionary<string, (long, long, long)>> BalancesByNameAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        var streams = await context.FundingStreams.ToDictionaryAsync(s => s.Id, s => s.Code);
        var accounts = await context.Accounts.ToListAsync();
        return accounts.ToDictionary(a => $"{a.Kind}:{a.Owner}:{streams[a.Stream]}", a => (a.Balance, a.Held, a.Version));
    }

    private static async Task<object> SnapshotAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        return new
        {
            Accounts = await context.Accounts.OrderBy(a => a.Owner).ThenBy(a => a.Kind)
                .Select(a => new { a.Id, a.Balance, a.Held, a.Version }).ToListAsync(),
            Entries = await context.JournalEntries.CountAsync(),
            Postings = await context.Postings.CountAsync(),
            Holds = await context.Holds.Select(h => new { h.Id, h.Status, h.PostedAmount }).ToListAsync(),
        };
    }
}

public sealed class SqliteLedgerCoreTests : LedgerCoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlLedgerCoreTests : LedgerCoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public sealed class SqlServerLedgerCoreTests : LedgerCoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
