using Ledger.Application.Demo;
using Ledger.Application.Statements;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Reports.Statements;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using UglyToad.PdfPig;

namespace Ledger.Integration.Tests.Statements;

/// <summary>
/// The demo's whole monthly statement run (every budget, provider, pool and funding partner of both areas):
/// written twice it gives byte-identical files, every file is small, passes qpdf and reads back, and every
/// pool and partner figure reconciles from opening to closing balance.
/// </summary>
public sealed class DemoStatementsTests
{
    private static readonly YearMonth September = new(2026, 9);

    [Fact]
    public async Task DemoStatementRun_WrittenTwice_IsByteIdentical_AndEveryFundsStatementReconciles()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await ActivatorUtilities.CreateInstance<DemoLedger>(db.Services).LoadAsync();
        var sources = new StatementSources(db.Services.GetRequiredService<IStatementQueries>(), db.Services.GetRequiredService<IProviderStatementQueries>(),
            db.Services.GetRequiredService<IFundsStatementQueries>());
        var root = Path.Combine(Path.GetTempPath(), $"ledger-demo-statements-{Guid.NewGuid():N}");
        try
        {
            foreach (var area in DemoLedger.AreaCodes)
            {
                var progress = new List<StatementProgress>();
                var first = await StatementRun.WriteMonthAsync(sources, area, September, Path.Combine(root, "first", area), progress: new Sync(progress.Add));
                var second = await StatementRun.WriteMonthAsync(sources, area, September, Path.Combine(root, "second", area));

                first.Select(f => Path.GetFileName(f.Path)).Should().Equal(second.Select(f => Path.GetFileName(f.Path)));
                progress.Select(p => p.Kind).Distinct().Should().Equal("budget", "provider", "pool", "partner");
                progress.Should().HaveCount(first.Count, "one progress report per statement written");
                foreach (var (a, b) in first.Zip(second))
                {
                    (await File.ReadAllBytesAsync(b.Path)).Should().Equal(await File.ReadAllBytesAsync(a.Path), $"{Path.GetFileName(a.Path)} is reproducible");
                    a.Bytes.Should().BeLessThan(60 * 1024, $"{Path.GetFileName(a.Path)}: a one- or two-page statement is small");
                }

                foreach (var file in first.Where(f => f.Path.Contains("-pool-", StringComparison.Ordinal) || f.Path.Contains("-partner-", StringComparison.Ordinal)))
                {
                    var bytes = await File.ReadAllBytesAsync(file.Path);
                    Qpdf.Check(bytes);
                    using var pdf = PdfDocument.Open(bytes);
                    pdf.Information.Title.Should().EndWith("September 2026");
                }

                var last = new LocalDate(2026, 9, 30);
                var pools = new List<StreamFlows>();
                foreach (var pool in await sources.Funds.PoolCodesAsync(area, last, CancellationToken.None))
                {
                    pools.AddRange((await sources.Funds.PoolStatementAsync(area, pool, new LocalDate(2026, 9, 1), last, CancellationToken.None))!.Streams);
                }

                pools.Should().NotBeEmpty().And.OnlyContain(f => f.Reconciles);
                pools.Sum(f => f.SpentToDate.Pence).Should().BePositive("the demo spends money by September");
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private sealed class Sync(Action<StatementProgress> report) : IProgress<StatementProgress>
    {
        public void Report(StatementProgress value) => report(value);
    }
}
