using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Accounting;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Integration.Tests;

/// <summary>
/// Group commit in front of the posting engine, against each real database: concurrent callers share
/// transactions yet each gets exactly its own outcome, idempotency still answers a key once, and one
/// caller's fault or cancellation is never another's.
/// </summary>
public abstract class GroupCommitTests
{
    private static readonly LocalDate April1 = new(2026, 4, 1);

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task GroupCommit_IsOnByDefault_AndConcurrentCallersShareTransactions_NeverOverspending_R26()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var engine = db.Engine.Should().BeOfType<GroupCommitPostingService>().Subject;
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(500));
        var before = engine.Transactions;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            engine.ExecuteAsync(new ReserveHold($"gc-{i}", April1, "Activity", [new HoldLegRequest(budget.Id, payable.Id, Money.FromPounds(10))], null)))));

        outcomes.Count(o => o.Succeeded).Should().Be(50);
        outcomes.Where(o => !o.Succeeded).Should().AllSatisfy(o => o.Error!.Code.Should().Be(LedgerErrorCode.InsufficientFunds));
        outcomes.Select(o => o.IdempotencyKey).Should().BeEquivalentTo(Enumerable.Range(0, 100).Select(i => $"gc-{i}"), "each caller gets its own outcome");
        (engine.Transactions - before).Should().BeLessThan(100, "concurrent requests are committed together");
        await using var context = db.CreateContext();
        var holds = await context.Holds.ToDictionaryAsync(h => h.Id, h => h.IdempotencyKey);
        outcomes.Where(o => o.Succeeded).Should().AllSatisfy(o => holds[o.Hold!.Value].Should().Be(o.IdempotencyKey));
        (await db.Balances.GetAsync(budget.Id))!.Available.Should().Be(Money.Zero);
        (await db.Verifier.VerifyAsync()).AllPassed.Should().BeTrue();
    }

    [Fact]
    public async Task GroupCommit_SameKeyFromConcurrentCallers_HoldsOnce_AndEveryCallerGetsThatHold_R25()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(500));
        var request = new ReserveHold("same-key", April1, "Activity", [new HoldLegRequest(budget.Id, payable.Id, Money.FromPounds(10))], null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => db.Engine.ExecuteAsync(request))));
        var other = await db.Engine.ExecuteAsync(request with { Description = "Something else" });

        outcomes.Should().AllSatisfy(o => o.Succeeded.Should().BeTrue());
        outcomes.Select(o => o.Hold).Distinct().Should().ContainSingle();
        outcomes.Count(o => !o.Replayed).Should().Be(1);
        other.Error!.Code.Should().Be(LedgerErrorCode.IdempotencyConflict);
        await using var context = db.CreateContext();
        (await context.Holds.CountAsync()).Should().Be(1);
        (await db.Balances.GetAsync(budget.Id))!.Available.Should().Be(Money.FromPounds(490));
    }

    [Fact]
    public async Task GroupCommit_OneCallersFault_IsNotTheOthers()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(500));
        await using var engine = new GroupCommitPostingService(new FaultyEngine(db.Services.GetRequiredService<EfPostingService>()), maxBatch: 64, inFlight: 1);

        HoldLegRequest[] Leg() => [new HoldLegRequest(budget.Id, payable.Id, Money.FromPounds(1))];
        var good = Enumerable.Range(0, 30).Select(i => Task.Run(() => engine.ExecuteAsync(new ReserveHold($"ok-{i}", April1, "Activity", Leg(), null)))).ToList();
        var bad = Task.Run(() => engine.ExecuteAsync(new ReserveHold("boom", April1, "Activity", Leg(), null)));

        (await Task.WhenAll(good)).Should().AllSatisfy(o => o.Succeeded.Should().BeTrue());
        await FluentActions.Awaiting(() => bad).Should().ThrowAsync<InvalidOperationException>().WithMessage("*boom*");
        await using var context = db.CreateContext();
        (await context.Holds.CountAsync()).Should().Be(30);
        (await context.IdempotencyRecords.AnyAsync(r => r.Key == "boom")).Should().BeFalse();
        (await db.Verifier.VerifyAsync()).AllPassed.Should().BeTrue();
    }

    [Fact]
    public async Task GroupCommit_CallerWhoGivesUpWhileQueued_WritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(500));
        var gate = new GatedEngine(db.Services.GetRequiredService<EfPostingService>());
        await using var engine = new GroupCommitPostingService(gate, maxBatch: 64, inFlight: 1);
        HoldLegRequest[] Leg() => [new HoldLegRequest(budget.Id, payable.Id, Money.FromPounds(5))];

        // The first request holds the only slot; the second waits in the queue and its caller gives up.
        var first = engine.ExecuteAsync(new ReserveHold("first", April1, "Activity", Leg(), null));
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var giveUp = new CancellationTokenSource();
        var second = engine.ExecuteAsync(new ReserveHold("second", April1, "Activity", Leg(), null), giveUp.Token);
        await giveUp.CancelAsync();
        gate.Open.SetResult();

        (await first).Succeeded.Should().BeTrue();
        await FluentActions.Awaiting(() => second).Should().ThrowAsync<OperationCanceledException>();
        (await engine.ExecuteAsync(new ReserveHold("third", April1, "Activity", Leg(), null))).Succeeded.Should().BeTrue();
        await using var context = db.CreateContext();
        (await context.IdempotencyRecords.Select(r => r.Key).ToListAsync()).Should().Contain(["first", "third"]).And.NotContain("second");
        (await db.Balances.GetAsync(budget.Id))!.Held.Should().Be(Money.FromPounds(10));
    }

    [Fact]
    public async Task GroupCommit_Off_CommitsEachCallAlone()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await using var services = new ServiceCollection()
            .AddSingleton(new PostingOptions { GroupCommit = false })
            .AddLedgerInfrastructure(new DatabaseOptions { Provider = db.Provider, ConnectionString = db.ConnectionString })
            .BuildServiceProvider();

        services.GetRequiredService<IPostingService>().Should().BeOfType<EfPostingService>();
    }

    /// <summary>The real engine, except that a batch holding a request keyed "boom" fails as a whole, as a bug in one request would.</summary>
    private sealed class FaultyEngine(IPostingService inner) : IPostingService
    {
        public Task<IReadOnlyList<LedgerOutcome>> ExecuteAsync(IReadOnlyList<LedgerCommand> batch, CancellationToken cancellationToken = default) =>
            batch.Any(c => c.IdempotencyKey == "boom")
                ? throw new InvalidOperationException("boom: a request the engine cannot handle")
                : inner.ExecuteAsync(batch, cancellationToken);
    }

    /// <summary>The real engine, with the first batch held at a gate until the test opens it.</summary>
    private sealed class GatedEngine(IPostingService inner) : IPostingService
    {
        private int _batches;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyList<LedgerOutcome>> ExecuteAsync(IReadOnlyList<LedgerCommand> batch, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _batches) == 1)
            {
                Entered.SetResult();
                await Open.Task;
            }

            return await inner.ExecuteAsync(batch, cancellationToken);
        }
    }
}

public sealed class SqliteGroupCommitTests : GroupCommitTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlGroupCommitTests : GroupCommitTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public sealed class SqlServerGroupCommitTests : GroupCommitTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
