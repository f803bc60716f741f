using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Accounting;
using Ledger.Infrastructure.Jobs;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Integration.Tests;

/// <summary>
/// Tamper evidence (issue 9): committed entries sealed into a hash chain per area, and verify naming the
/// first entry altered, deleted or inserted directly in the database, or the seal row edited. The
/// tampering is done behind the ledger's back, as in <see cref="LedgerTamperAndRaceTests"/>.
/// Each database runs the same tests (subclasses at the end).
/// </summary>
public abstract class JournalSealTests
{
    private const string ChainCheck = "journal hash chain";
    private static readonly LocalDate April = new(2026, 4, 15);

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task Sealing_SealsEveryEntryInOneChainPerArea_AndVerifyPasses()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (f, _) = await PostedAsync(db, payments: 10);
        var other = await LedgerFixture.CreateAsync(db, "OTHER");
        await other.FundedBudgetAsync(Money.FromPounds(20));

        var results = await Sealer(db, batch: 4).SealAsync();

        await using var context = db.CreateContext();
        var entries = await context.JournalEntries.CountAsync();
        (await context.JournalSeals.CountAsync()).Should().Be(entries);
        results.Select(r => (r.AreaCode, r.Contended)).Should().Equal(("DEVON", false), ("OTHER", false));
        results.Sum(r => r.Sealed).Should().Be(entries);
        var devon = await context.JournalSeals.Where(s => s.Area == f.Area.Id).OrderBy(s => s.Sequence).ToListAsync();
        devon.Select(s => s.Sequence).Should().Equal(Enumerable.Range(1, devon.Count).Select(i => (long)i));
        devon[^1].ChainHash.Should().Be(results[0].HeadHash);
        var report = await db.Verifier.VerifyAsync();
        report.Checks.Where(c => !c.Passed).Should().BeEmpty();
        Chain(report).Detail.Should().Contain($"{entries:N0} sealed entries").And.Contain($"DEVON #{devon.Count} {devon[^1].ChainHash}");
    }

    [Fact]
    public async Task SealingTwice_AddsNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await PostedAsync(db, payments: 3);
        var first = await Sealer(db).SealAsync();

        var second = await Sealer(db).SealAsync();

        second.Single().Sealed.Should().Be(0);
        second.Single().HeadSequence.Should().Be(first.Single().HeadSequence);
        second.Single().HeadHash.Should().Be(first.Single().HeadHash);
    }

    [Fact]
    public async Task AlteringAPostingsAmount_IsNamedAsAltered()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (_, pay) = await PostedAsync(db, payments: 3);
        await Sealer(db).SealAsync();

        await using (var context = db.CreateContext())
        {
            (await context.Postings.Where(p => p.Entry == pay[1] && p.Line == 1)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Amount, p => p.Amount + 1))).Should().Be(1);
        }

        var check = Chain(await db.Verifier.VerifyAsync());
        check.Passed.Should().BeFalse();
        check.Detail.Should().Contain($"entry {pay[1]} (seal").And.Contain("was altered");
    }

    [Fact]
    public async Task AlteringAnEntrysDescription_IsNamedAsAltered()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (_, pay) = await PostedAsync(db, payments: 3);
        await Sealer(db).SealAsync();

        await using (var context = db.CreateContext())
        {
            (await context.JournalEntries.Where(e => e.Id == pay[2]).ExecuteUpdateAsync(s => s.SetProperty(e => e.Description, "Something else"))).Should().Be(1);
        }

        Chain(await db.Verifier.VerifyAsync()).Detail.Should().Contain($"entry {pay[2]} (seal").And.Contain("was altered");
    }

    [Fact]
    public async Task DeletingASealedEntry_IsNamedAsDeleted()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (_, pay) = await PostedAsync(db, payments: 3);
        await Sealer(db).SealAsync();

        await using (var context = db.CreateContext())
        {
            (await context.Postings.Where(p => p.Entry == pay[0]).ExecuteDeleteAsync()).Should().Be(2);
            (await context.JournalEntries.Where(e => e.Id == pay[0]).ExecuteDeleteAsync()).Should().Be(1);
        }

        var check = Chain(await db.Verifier.VerifyAsync());
        check.Passed.Should().BeFalse();
        check.Detail.Should().Contain($"entry {pay[0]} (seal").And.Contain("was deleted");
    }

    [Fact]
    public async Task InsertingAnEntryDirectlyWithAnOldTimestamp_IsNamedAsInserted_AndTheSealerLeavesItOut()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (f, _) = await PostedAsync(db, payments: 2);
        await Sealer(db).SealAsync();
        var inserted = Guid.CreateVersion7();

        await using (var context = db.CreateContext())
        {
            (await context.Database.ExecuteSqlRawAsync(
                """INSERT INTO "JournalEntries" ("Id", "Area", "EffectiveDate", "RecordedAt", "Description", "IdempotencyKey", "Kind") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6})""",
                GuidValue(inserted), GuidValue(f.Area.Id.Value), new DateOnly(2026, 4, 10), new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc),
                "Backdated", "inserted-by-hand", "General")).Should().Be(1);
        }

        var check = Chain(await db.Verifier.VerifyAsync());
        check.Passed.Should().BeFalse();
        check.Detail.Should().Contain($"entry {inserted} was inserted directly");

        // Sealing it now would launder the insertion into the chain: the sealer leaves it out and verify keeps naming it.
        (await Sealer(db).SealAsync()).Single().Sealed.Should().Be(0);
        Chain(await db.Verifier.VerifyAsync()).Detail.Should().Contain($"entry {inserted} was inserted directly");
    }

    [Theory]
    [InlineData("chain hash")]
    [InlineData("entry hash")]
    [InlineData("recorded time")]
    public async Task EditingASealRow_IsNamedAsABrokenChain(string field)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (f, _) = await PostedAsync(db, payments: 3);
        await Sealer(db).SealAsync();

        await using (var context = db.CreateContext())
        {
            var seal = context.JournalSeals.Where(s => s.Area == f.Area.Id && s.Sequence == 2);
            (field switch
            {
                "chain hash" => await seal.ExecuteUpdateAsync(s => s.SetProperty(x => x.ChainHash, new string('a', 64))),
                "entry hash" => await seal.ExecuteUpdateAsync(s => s.SetProperty(x => x.EntryHash, new string('b', 64))),
                _ => await seal.ExecuteUpdateAsync(s => s.SetProperty(x => x.RecordedAt, Instant.FromUtc(2030, 1, 1, 0, 0))),
            }).Should().Be(1);
        }

        var check = Chain(await db.Verifier.VerifyAsync());
        check.Passed.Should().BeFalse();
        check.Detail.Should().Contain("DEVON: chain broken at seal 2 (entry").And.Contain("the seal row was edited");
    }

    [Fact]
    public async Task DeletingASealRow_IsNamedAsABrokenChain()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (f, _) = await PostedAsync(db, payments: 3);
        await Sealer(db).SealAsync();

        await using (var context = db.CreateContext())
        {
            (await context.JournalSeals.Where(s => s.Area == f.Area.Id && s.Sequence == 3).ExecuteDeleteAsync()).Should().Be(1);
        }

        Chain(await db.Verifier.VerifyAsync()).Detail.Should().Contain("chain broken at seal 3: that seal row is missing");
    }

    [Fact]
    public async Task EntriesPostedAfterSealing_AreFineUntilTheNextSeal_WhichSealsThem()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (f, _) = await PostedAsync(db, payments: 2);
        var first = (await Sealer(db).SealAsync()).Single();
        var budget = await f.AccountAsync(AccountKind.IndividualBudget, "CHILD-1", f.Csc);
        var payable = await f.AccountAsync(AccountKind.ProviderPayable, "PROV-1", f.Csc);
        await PayAsync(db, budget, payable, "later-1");
        await PayAsync(db, budget, payable, "later-2");

        (await db.Verifier.VerifyAsync()).Checks.Where(c => !c.Passed).Should().BeEmpty();
        // Entries inside the grace period wait for a later run.
        (await Sealer(db, grace: TimeSpan.FromHours(1)).SealAsync()).Single().Sealed.Should().Be(0);

        var second = (await Sealer(db).SealAsync()).Single();

        second.Sealed.Should().Be(2);
        second.HeadSequence.Should().Be(first.HeadSequence + 2);
        (await db.Verifier.VerifyAsync()).Checks.Where(c => !c.Passed).Should().BeEmpty();
    }

    [Fact]
    public async Task TheSealJob_IsRegisteredAndSealsThroughTheServices()
    {
        JobsSetup.Schedule(["DEVON"]).Should().ContainSingle(j => j.Id == "seal-journal").Which.Cron.Should().Be("*/15 * * * *");
        await using var db = await TestDatabase.CreateAsync(Provider);
        await PostedAsync(db, payments: 1);
        await using var services = new ServiceCollection().AddLogging()
            .AddSingleton(new SealOptions { GracePeriod = TimeSpan.Zero })
            .AddLedgerInfrastructure(new DatabaseOptions { Provider = Provider, ConnectionString = db.ConnectionString })
            .AddLedgerJobs(new DatabaseOptions { Provider = Provider, ConnectionString = db.ConnectionString })
            .BuildServiceProvider();

        await services.GetRequiredService<SealJournalJob>().SealAsync();

        await using var context = db.CreateContext();
        (await context.JournalSeals.CountAsync()).Should().Be(await context.JournalEntries.CountAsync());
    }

    private static VerificationCheck Chain(VerificationReport report) => report.Checks.Single(c => c.Name.StartsWith(ChainCheck, StringComparison.Ordinal));

    private static JournalSealer Sealer(TestDatabase db, int batch = 1_000, TimeSpan? grace = null) =>
        new(db.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>(), new SealOptions { GracePeriod = grace ?? TimeSpan.Zero, BatchSize = batch },
            SystemClock.Instance);

    // SQLite keeps GUIDs as upper-case text; the servers have a GUID type.
    private object GuidValue(Guid id) => Provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;

    private static async Task<(LedgerFixture Fixture, List<JournalEntryId> Payments)> PostedAsync(TestDatabase db, int payments)
    {
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(500));
        var ids = new List<JournalEntryId>();
        for (var i = 0; i < payments; i++)
        {
            ids.Add(await PayAsync(db, budget, payable, $"pay-{i}"));
        }

        return (f, ids);
    }

    private static async Task<JournalEntryId> PayAsync(TestDatabase db, Account budget, Account payable, string key)
    {
        (await db.Engine.ExecuteAsync(new PostEntry(key, April, "Tuition",
            [JournalLine.Debit(budget.Id, Money.FromPounds(10)), JournalLine.Credit(payable.Id, Money.FromPounds(10))]))).Succeeded.Should().BeTrue();
        await using var context = db.CreateContext();
        return await context.JournalEntries.Where(e => e.IdempotencyKey == key).Select(e => e.Id).SingleAsync();
    }
}

public sealed class SqliteJournalSealTests : JournalSealTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlJournalSealTests : JournalSealTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public sealed class SqlServerJournalSealTests : JournalSealTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}

/// <summary><c>ledger seal</c> and <c>ledger verify</c> as an operator runs them, in their own process, on SQLite.</summary>
public sealed class JournalSealCliTests
{
    [Fact]
    public async Task Seal_ThenVerify_Passes_AndAnAlterationAfterwardsFailsVerify()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var f = await LedgerFixture.CreateAsync(db);
        var (budget, payable) = await f.FundedBudgetAsync(Money.FromPounds(100));
        (await db.Engine.ExecuteAsync(new PostEntry("pay-1", new LocalDate(2026, 4, 15), "Tuition",
            [JournalLine.Debit(budget.Id, Money.FromPounds(10)), JournalLine.Credit(payable.Id, Money.FromPounds(10))]))).Succeeded.Should().BeTrue();
        var environment = new Dictionary<string, string>(db.ChildEnvironment()) { ["Ledger__Sealing__GracePeriod"] = "00:00:00" };

        var seal = await CliProcess.RunAsync(environment, "seal");
        var again = await CliProcess.RunAsync(environment, "seal");
        var verify = await CliProcess.RunAsync(environment, "verify");

        seal.ExitCode.Should().Be(0, seal.Error);
        seal.Output.Should().Contain("DEVON: sealed 2 entries; head #2 ");
        again.Output.Should().Contain("DEVON: sealed 0 entries; head #2 ");
        verify.ExitCode.Should().Be(0, verify.Output);
        verify.Output.Should().Contain("PASS  journal hash chain");

        await using (var context = db.CreateContext())
        {
            (await context.JournalEntries.Where(e => e.IdempotencyKey == "pay-1").ExecuteUpdateAsync(s => s.SetProperty(e => e.Description, "Rewritten"))).Should().Be(1);
        }

        var after = await CliProcess.RunAsync(environment, "verify");
        after.ExitCode.Should().Be(1, after.Output);
        after.Output.Should().Contain("FAIL  journal hash chain").And.Contain("was altered");
        (await CliProcess.RunAsync(environment, "seal", "--area", "DEVON")).ExitCode.Should().Be(2);
    }
}
