using Ledger.Application.Accounting;
using Ledger.Application.Simulation;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Calendar;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Integration.Tests;

/// <summary>
/// What an auditor will try: edit the database behind the ledger's back, close a month while people
/// are posting into it, verify while the ledger is busy.
/// </summary>
public abstract class LedgerTamperAndRaceTests
{
    private static readonly LocalDate April = new(2026, 4, 15);

    protected abstract DatabaseProvider Provider { get; }

    public static TheoryData<string> Tampering() =>
    [
        "delete an idempotency record",
        "move a posting's effective date",
        "move a posting's recorded time",
        "change an entry's area",
        "change a posting's amount",
        "change an account's held amount",
        "mark an open hold voided",
    ];

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Verify_FindsTamperingBehindTheLedgersBack_R28(string tampering)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var other = await db.Setup.EnsureAreaAsync("OTHER", "Another council");
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(500));
        (await db.Engine.ExecuteAsync(new PostEntry("pay-1", April, "Tuition",
            [JournalLine.Debit(budget.Id, Money.FromPounds(100)), JournalLine.Credit(payable.Id, Money.FromPounds(100))]))).Succeeded.Should().BeTrue();
        (await db.Engine.ExecuteAsync(new ReserveHold("order-1", April, "Order", [new HoldLegRequest(budget.Id, payable.Id, Money.FromPounds(50))], null)))
            .Succeeded.Should().BeTrue();
        (await db.Verifier.VerifyAsync()).AllPassed.Should().BeTrue();

        await using (var context = db.CreateContext())
        {
            var affected = tampering switch
            {
                "delete an idempotency record" => await context.IdempotencyRecords.Where(r => r.Key == "pay-1").ExecuteDeleteAsync(),
                "move a posting's effective date" => await context.Postings.Where(p => p.Account == budget.Id && p.AccountVersion == 2)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.EffectiveDate, new LocalDate(2026, 3, 1))),
                "move a posting's recorded time" => await context.Postings.Where(p => p.Account == budget.Id && p.AccountVersion == 2)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.RecordedAt, Instant.FromUtc(2020, 1, 1, 0, 0))),
                "change an entry's area" => await context.JournalEntries.Where(e => e.IdempotencyKey == "pay-1")
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Area, other.Id)),
                "change a posting's amount" => await context.Postings.Where(p => p.Account == payable.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Amount, p => p.Amount - 1)),
                "change an account's held amount" => await context.Accounts.Where(a => a.Id == budget.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Held, 0L)),
                "mark an open hold voided" => await context.Holds.ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HoldStatus.Voided)),
                _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
            };
            affected.Should().BeGreaterThan(0);
        }

        var report = await db.Verifier.VerifyAsync();
        report.AllPassed.Should().BeFalse($"'{tampering}' must be detected");
    }

    [Fact]
    public async Task ClosingAMonth_WhilePostingIntoIt_NeverLeavesAPostingAfterTheClose_R27()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(1000));

        var posts = Enumerable.Range(0, 40).Select(i => Task.Run(() => db.Engine.ExecuteAsync(new PostEntry($"p-{i}", April, "Activity",
            [JournalLine.Debit(budget.Id, Money.FromPounds(1)), JournalLine.Credit(payable.Id, Money.FromPounds(1))])))).ToList();
        await Task.Delay(30);
        var closed = await db.Setup.ClosePeriodAsync(f.Area.Id, new YearMonth(2026, 4));
        var outcomes = await Task.WhenAll(posts);

        outcomes.Should().AllSatisfy(o => (o.Succeeded || o.Error!.Code == LedgerErrorCode.PeriodClosed).Should().BeTrue());
        await using var context = db.CreateContext();
        (await context.JournalEntries.CountAsync(e => e.EffectiveDate == April && e.RecordedAt > closed.ClosedAt)).Should().Be(0);
        (await db.Verifier.VerifyAsync()).AllPassed.Should().BeTrue();
    }

    [Fact]
    public async Task Verify_WhileTheLedgerIsBusy_ReadsOneConsistentState()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        using var stop = new CancellationTokenSource();
        var workload = new RandomWorkload(db.Setup, db.Engine, SystemClock.Instance);
        await workload.RunAsync(new WorkloadOptions(200, Seed: 8, BatchSize: 10, Budgets: 10));
        var writer = Task.Run(async () =>
        {
            try
            {
                await workload.RunAsync(new WorkloadOptions(1_000_000, Seed: 9, BatchSize: 5, Budgets: 10), null, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        });

        var failures = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var report = await db.Verifier.VerifyAsync();
            failures.AddRange(report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}"));
        }

        await stop.CancelAsync();
        await writer;
        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Account_CannotHoldAnotherAreasStream_R1()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var other = await db.Setup.EnsureAreaAsync("OTHER", "Another council");

        var open = () => db.Setup.EnsureAccountAsync(AccountKind.IndividualBudget, other.Id, "CHILD-1", f.Csc.Id);

        await open.Should().ThrowAsync<InvalidOperationException>().WithMessage("*another area*");
    }

    [Fact]
    public async Task Descriptions_WithControlCharacters_AreRefused_AndTheRestOfTheBatchIsWritten()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(100));

        var outcomes = await db.Engine.ExecuteAsync(
        [
            new PostEntry("nul", April, "Bad\0description", [JournalLine.Debit(budget.Id, Money.FromPounds(1)), JournalLine.Credit(payable.Id, Money.FromPounds(1))]),
            new PostEntry("fine", April, "Good description", [JournalLine.Debit(budget.Id, Money.FromPounds(2)), JournalLine.Credit(payable.Id, Money.FromPounds(2))]),
        ]);

        outcomes[0].Error!.Code.Should().Be(LedgerErrorCode.InvalidRequest);
        outcomes[1].Succeeded.Should().BeTrue();
        (await db.Balances.GetAsync(budget.Id))!.Posted.Should().Be(Money.FromPounds(98));
    }
}

public sealed class SqliteLedgerTamperAndRaceTests : LedgerTamperAndRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlLedgerTamperAndRaceTests : LedgerTamperAndRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public sealed class SqlServerLedgerTamperAndRaceTests : LedgerTamperAndRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
