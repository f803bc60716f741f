using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Integration.Tests.Purchasing;
using Ledger.Reports.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using UglyToad.PdfPig;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;
using static Ledger.Integration.Tests.Purchasing.PurchasingWorld;

namespace Ledger.Integration.Tests.Statements;

/// <summary>
/// The individual budget statement read back from its PDF and checked against the ledger: every stream's
/// opening + in − out is its closing, the closing and held figures are the ledger's as at the month end,
/// the document reads back with those figures, passes qpdf, and is byte-identical when produced again.
/// </summary>
public abstract class BudgetStatementTests
{
    private static readonly LocalDate June1 = new(2026, 6, 1);
    private static readonly LocalDate June30 = new(2026, 6, 30);

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task BudgetStatement_ForJune_ReconcilesWithTheLedger_AndReadsBackFromThePdf()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await PurchasingWorld.CreateAsync(db);
        // £300 of therapy invoiced in full, £140 of swimming invoiced for 5 of 7 sessions, and £100 of therapy still on order.
        await w.DeliverAsync(Order("st-therapy", SpeechSession, 6), "SP-1", new LocalDate(2026, 6, 20));
        await w.DeliverAsync(Order("st-swim", SwimSession, 7), "SW-1", new LocalDate(2026, 6, 22), units: 5);
        var open = await w.PlaceAsync("st-open", SpeechSession, 2);

        var queries = db.Services.GetRequiredService<IStatementQueries>();
        var statement = (await queries.BudgetStatementAsync(AreaCode, AmyBudget, June1, June30, CancellationToken.None))!;

        // Each stream reconciles, and the closing and held figures are the ledger's.
        await using var context = db.CreateContext();
        var accounts = await context.Accounts.Where(a => a.Kind == AccountKind.IndividualBudget && a.Owner == AmyBudget).ToListAsync();
        var codes = await context.FundingStreams.ToDictionaryAsync(s => s.Id, s => s.Code);
        foreach (var account in accounts)
        {
            var position = statement.Streams.Single(s => s.Stream == codes[account.Stream]);
            (position.Opening + position.In - position.Out).Should().Be(position.Closing, position.Stream);
            position.Closing.Should().Be(await db.Balances.PostedAsAtEffectiveDateAsync(account.Id, June30));
            position.Held.Pence.Should().Be(account.Held);
        }

        statement.Total(s => s.Out).Should().Be(Pounds(300 + 100), "the therapy invoice and five swimming sessions were paid from the budget");
        statement.Total(s => s.Held).Should().Be(Pounds(100));
        statement.Outstanding.Should().ContainSingle().Which.Reference.Should().Be(open.Reference);
        statement.SpendByCategory.Should().BeEquivalentTo([("therapy health", Pounds(300)), ("leisure activities", Pounds(100))]);
        statement.Lines.Should().OnlyContain(l => l.Date >= June1 && l.Date <= June30);

        // The PDF says the same.
        var bytes = BudgetStatementDocument.Build(statement).GeneratePdf();
        using (var pdf = PdfDocument.Open(bytes))
        {
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            text.Should().Contain(StatementStyle.Pounds(statement.Total(s => s.Available)))
                .And.Contain(StatementStyle.Pounds(statement.Total(s => s.Held)))
                .And.Contain(open.Reference).And.Contain("How to challenge a decision").And.Contain($"Page 1 of {pdf.NumberOfPages}");
            foreach (var stream in statement.Streams)
            {
                text.Should().Contain(stream.Stream).And.Contain(StatementStyle.Pounds(stream.Closing));
            }

            pdf.Information.Title.Should().Be($"Budget statement {AmyBudget}, June 2026");
            pdf.NumberOfPages.Should().BeLessThanOrEqualTo(2);
        }

        bytes.Length.Should().BeLessThan(60 * 1024, "a two-page statement is small");
        BudgetStatementDocument.Build(statement).GeneratePdf().Should().Equal(bytes, "the same ledger gives the same bytes");
        Qpdf.Check(bytes);
    }

    [Fact]
    public async Task StatementRun_WritesOneWholeFilePerBudget_AndTheSameBytesWhenRunAgain()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await PurchasingWorld.CreateAsync(db);
        await w.DeliverAsync(Order("run-therapy", SpeechSession, 6), "SP-1", new LocalDate(2026, 6, 20));
        var folder = Path.Combine(Path.GetTempPath(), $"ledger-statements-{Guid.NewGuid():N}");
        try
        {
            var queries = db.Services.GetRequiredService<IStatementQueries>();
            var reports = new List<(int, int, string)>();
            var first = await StatementRun.WriteBudgetStatementsAsync(queries, AreaCode, new YearMonth(2026, 6), folder, new SyncProgress(reports.Add));
            first.Select(f => f.Budget).Should().Contain(AmyBudget);
            reports.Should().HaveCount(first.Count).And.EndWith((first.Count, first.Count, first[^1].Budget));
            var bytes = first.ToDictionary(f => f.Path, f => File.ReadAllBytes(f.Path));
            Directory.GetFiles(folder).Should().OnlyContain(f => f.EndsWith(".pdf", StringComparison.Ordinal), "no temporary files are left");

            var second = await StatementRun.WriteBudgetStatementsAsync(queries, AreaCode, new YearMonth(2026, 6), folder);
            second.Should().AllSatisfy(f => File.ReadAllBytes(f.Path).Should().Equal(bytes[f.Path]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class SyncProgress(Action<(int, int, string)> report) : IProgress<(int Done, int Total, string Budget)>
    {
        public void Report((int Done, int Total, string Budget) value) => report(value);
    }
}

public sealed class SqliteBudgetStatementTests : BudgetStatementTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlBudgetStatementTests : BudgetStatementTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
