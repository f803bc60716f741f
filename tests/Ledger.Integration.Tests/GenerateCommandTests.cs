using Ledger.Application.Simulation;
using Ledger.Domain.Audit;
using Ledger.Domain.Budgets;
using Ledger.Infrastructure.Persistence;
using Ledger.Infrastructure.Simulation;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Integration.Tests;

/// <summary>`ledger generate`: the benchmarks' seeded data set, written in bulk, passes verify on every provider and is the same for the same seed.</summary>
public sealed class GenerateCommandTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Generate_WritesTheSizesAsked_WithOneAuditEntry_AndVerifyPasses(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        var result = await CliProcess.RunAsync(db.ChildEnvironment(), "generate", "--children", "300", "--budgets", "30", "--postings", "3000", "--seed", "7");

        result.ExitCode.Should().Be(0, result.Output + result.Error);
        result.Output.Should().Contain("(100%)").And.Contain("written in");
        await using (var context = db.CreateContext())
        {
            (await context.Subjects.CountAsync()).Should().Be(300);
            (await context.Budgets.CountAsync(b => b.Kind == BudgetKind.Individual)).Should().Be(30);
            (await context.Postings.LongCountAsync()).Should().BeGreaterThanOrEqualTo(3000);
            (await context.PurchaseOrders.CountAsync()).Should().BeGreaterThan(300);
            (await context.Invoices.CountAsync()).Should().BeGreaterThan(0);
            var audit = await context.Set<AuditEntry>().AsNoTracking().ToListAsync();
            audit.Should().ContainSingle().Which.What.Should().Be("generate BENCH: children=300 budgets=30 postings=3000 seed=7");
        }

        var report = await db.Verifier.VerifyAsync();
        report.AllPassed.Should().BeTrue(string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => c.Name + ": " + c.Detail)));

        var again = await CliProcess.RunAsync(db.ChildEnvironment(), "generate", "--children", "300", "--budgets", "30", "--postings", "3000", "--seed", "7");
        again.ExitCode.Should().Be(0, again.Error);
        again.Output.Should().Contain("already in this database");
    }

    [Fact]
    public async Task Generate_WithTheSameSeed_GivesTheSameFigures_AndAnotherSeedOthers()
    {
        var first = await FiguresAsync(new LargeDataSetOptions(Children: 200, Budgets: 20, Postings: 2_000, Seed: 3));
        var second = await FiguresAsync(new LargeDataSetOptions(Children: 200, Budgets: 20, Postings: 2_000, Seed: 3));
        var other = await FiguresAsync(new LargeDataSetOptions(Children: 200, Budgets: 20, Postings: 2_000, Seed: 4));

        second.Should().Be(first);
        other.Should().NotBe(first);
    }

    [Fact]
    public async Task Generate_WithBadSizes_ExitsWith2_AndWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await CliProcess.RunAsync(db.ChildEnvironment(), "generate", "--children", "10", "--budgets", "20");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--children must be at least --budgets");
        await using var context = db.CreateContext();
        (await context.Areas.CountAsync()).Should().Be(0);
    }

    // Counts, amounts and every order's reference, amount and status, read back from the database.
    private static async Task<string> FiguresAsync(LargeDataSetOptions options)
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var writer = new LargeDataSetWriter(db.Services.GetRequiredService<DatabaseOptions>(), SystemClock.Instance);
        await writer.WriteAsync(LargeDataSet.Build(options), "test", null, CancellationToken.None);
        await using var context = db.CreateContext();
        var orders = await context.PurchaseOrders.OrderBy(o => o.Reference).Select(o => o.Reference + ":" + o.Amount + ":" + o.Status + ":" + o.OrderedOn)
            .ToListAsync();
        var balances = await context.Accounts.OrderBy(a => a.Owner).ThenBy(a => a.Kind).Select(a => a.Owner + ":" + a.Balance + ":" + a.Held + ":" + a.Version)
            .ToListAsync();
        return string.Join("|", await context.Postings.LongCountAsync(), await context.Invoices.SumAsync(i => i.Amount),
            await context.Allocations.SumAsync(a => a.FinalAmount), string.Join(",", orders), string.Join(",", balances));
    }
}
