using System.Diagnostics;
using Ledger.Application.Demo;
using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Integration.Tests.Outcomes;
using Ledger.Reports.PilotReport;
using Ledger.Reports.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using UglyToad.PdfPig;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;

namespace Ledger.Integration.Tests.Statements;

/// <summary>
/// The quarterly pilot report (DOMAIN.md §3.5) on the demo: spend by stream, category and sector each add
/// up to the invoices settled and outcome payments approved in the quarter, time to service covers the
/// orders started in it, the comparison gives every area's same figures; the PDF reads back, passes qpdf
/// and is byte-identical. Counts under 5 show as "&lt;5" with derived figures withheld; an empty quarter
/// gives a report that says so.
/// </summary>
public abstract class PilotReportTests
{
    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task PilotReport_OnTheDemo_ReconcilesWithTheLedger_ComparesAreas_AndReadsBackIdentically()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await ActivatorUtilities.CreateInstance<DemoLedger>(db.Services).LoadAsync();
        var queries = db.Services.GetRequiredService<IPilotReportQueries>();
        await using var c = db.CreateContext();
        var withData = new List<PilotReport>();
        foreach (var quarter in new[] { 1, 2, 3, 4 })
        {
            var compared = await queries.CompareAreasAsync(2026, quarter, CancellationToken.None);
            compared.Select(r => r.Area).Should().Equal(DemoLedger.AreaCodes.Order(StringComparer.Ordinal));
            foreach (var area in DemoLedger.AreaCodes)
            {
                var r = (await queries.PilotReportAsync(area, 2026, quarter, CancellationToken.None))!;
                var q = r.Quarter;
                var areaId = (await c.Areas.SingleAsync(a => a.Code == area)).Id;
                var invoiced = await c.Invoices.Where(i => i.Area == areaId && i.InvoicedOn >= q.From && i.InvoicedOn <= q.To).SumAsync(i => (long?)i.Amount) ?? 0;
                var claims = (await c.OutcomeClaims.Where(x => x.Area == areaId && x.PayableEntry != null).ToListAsync())
                    .Where(x => x.ApprovedOn >= q.From && x.ApprovedOn <= q.To).ToList();
                r.Invoiced.Should().Be(Money.FromPence(invoiced), $"{area} {q.Label}: the streams' invoice spend is the invoices settled");
                r.OutcomePayments.Should().Be(Money.FromPence(claims.Sum(x => x.Amount)), "the streams' outcome spend is the payments approved");
                r.ByCategory.Aggregate(Money.Zero, (s, x) => s + x.Amount).Should().Be(r.TotalSpend);
                r.BySector.Aggregate(Money.Zero, (s, x) => s + x.Amount).Should().Be(r.TotalSpend);
                r.OutcomesPaid.Should().Be(claims.Count(x => x.Kind != PaymentKind.Attachment && x.Status is not (ClaimStatus.ClawbackPending or ClaimStatus.ClawedBack)));
                var started = (await c.PurchaseOrders.Where(o => o.Area == areaId && o.ServiceStartedOn != null).ToListAsync())
                    .Where(o => o.ServiceStartedOn >= q.From && o.ServiceStartedOn <= q.To).Select(o => o.DaysToService!.Value).Order().ToList();
                r.DaysToService.Should().Equal(started);
                var enrolled = await c.Enrolments.CountAsync(e => e.Area == areaId && e.EnrolledOn <= q.To);
                r.Bands.Sum(b => b.Enrolled).Should().Be(enrolled);
                (r.Tail.Enrolled + r.Rest.Enrolled).Should().Be(enrolled);
                if (Suppression.Hides(r.Children) || Suppression.Hides(r.Families))
                {
                    r.SpendPerPerson.Should().BeNull("total spend ÷ spend per person − the shown count would reveal the hidden one");
                }

                if (r.Bands.Take(2).Any(b => b.HidesACount))
                {
                    r.Rest.ShareAchieved.Should().BeNull("the rest less the shown band would reveal the hidden one");
                    r.Rest.Withheld.Should().BeTrue();
                }

                compared.Single(x => x.Area == area).Should().BeEquivalentTo(r, "the comparison reads the same figures");
                if (r.HasData)
                {
                    withData.Add(r);
                }
            }
        }

        withData.Should().NotBeEmpty();
        var busiest = withData.OrderByDescending(r => r.TotalSpend.Pence).First();
        busiest.Streams.Should().NotBeEmpty();
        var all = await queries.CompareAreasAsync(busiest.Quarter.Year, busiest.Quarter.Number, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var bytes = PilotReportDocument.Build(busiest, all).GeneratePdf();
        clock.Stop();
        using (var pdf = PdfDocument.Open(bytes))
        {
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            text.Should().Contain("Pilot report").And.Contain(busiest.Quarter.Label).And.Contain(StatementStyle.Pounds(busiest.TotalSpend))
                .And.Contain("Comparing areas").And.Contain("Time to service").And.Contain("difficulty band");
            foreach (var s in busiest.Streams)
            {
                text.Should().Contain(s.Stream).And.Contain(StatementStyle.Pounds(s.Total));
            }

            pdf.Information.Title.Should().Be(PilotReportDocument.Title(busiest));
        }

        PilotReportDocument.Build(busiest, all).GeneratePdf().Should().Equal(bytes, "the same data gives the same bytes");
        bytes.Length.Should().BeLessThan(120 * 1024);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        Qpdf.Check(bytes);
        var keep = Environment.GetEnvironmentVariable("LEDGER_PILOT_PDF");
        if (!string.IsNullOrEmpty(keep))
        {
            await File.WriteAllBytesAsync(keep, bytes);
        }
    }

    [Fact]
    public async Task PilotReport_OneFamily_ShowsUnderFive_AndWithholdsWhatWouldRevealIt_EmptyQuarterSaysSo()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(OutcomesWorld.Tf, OutcomesWorld.Family, new LocalDate(2012, 6, 1)));
        var queries = db.Services.GetRequiredService<IPilotReportQueries>();

        var r = (await queries.PilotReportAsync(AreaCode, 2012, 2, CancellationToken.None))!;
        r.HasData.Should().BeTrue();
        r.OutcomePayments.Should().Be(Pounds(3_200), "the attachment fee approved on enrolment");
        r.Families.Should().Be(1);
        r.SpendPerPerson.Should().BeNull("one family's spend per person would be its own spend");
        r.Bands.Sum(b => b.Enrolled).Should().Be(1);
        r.Bands.Should().OnlyContain(b => b.ShareAchieved == null && b.PaidPerEnrolment == null);
        r.CostPerOutcome.Should().BeNull();
        var text = Text(PilotReportDocument.Build(r).GeneratePdf());
        text.Should().Contain("<5").And.Contain("withheld").And.Contain("£3,200.00");
        text.Should().NotContain("Spend per child or family\n£3,200.00");

        var empty = (await queries.PilotReportAsync(AreaCode, 2011, 4, CancellationToken.None))!;
        empty.HasData.Should().BeFalse();
        empty.TotalSpend.Should().Be(Money.Zero);
        var emptyPdf = PilotReportDocument.Build(empty).GeneratePdf();
        Text(emptyPdf).Should().Contain("No data for this quarter");
        Qpdf.Check(emptyPdf);
        (await queries.PilotReportAsync("NO-SUCH-AREA", 2012, 2, CancellationToken.None)).Should().BeNull();
    }

    private static string Text(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return string.Join("\n", pdf.GetPages().Select(p => p.Text));
    }
}

public sealed class SqlitePilotReportTests : PilotReportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlPilotReportTests : PilotReportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

/// <summary>The pilot report's arithmetic that needs no database: quarters, nearest-rank percentiles, bands and suppression.</summary>
public sealed class PilotReportFigureTests
{
    private static PilotReport With(IReadOnlyList<int> days) =>
        new("A", "Area", new PilotQuarter(2026, 3), [], [], [], 0, 0, days, 0, Money.Zero, 0,
            [new("0–1", 0, 0, 0, Money.Zero, null), new("2–3", 0, 0, 0, Money.Zero, null), new("4+", 0, 0, 0, Money.Zero, null)], [], []);

    [Fact]
    public void Percentiles_AreNearestRank_AndWithheldUnderFive()
    {
        var r = With([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        r.MedianDaysToService.Should().Be(5);
        r.Percentile90DaysToService.Should().Be(9);
        With([3, 8, 20, 40, 41]).Percentile90DaysToService.Should().Be(41);
        With([1, 2, 3, 4]).MedianDaysToService.Should().BeNull();
        With([]).HasData.Should().BeFalse();
    }

    [Fact]
    public void Quarters_Bands_AndSuppression()
    {
        var q = PilotQuarter.Parse("2026-Q3")!;
        (q.From, q.To, q.Label).Should().Be((new LocalDate(2026, 7, 1), new LocalDate(2026, 9, 30), "2026-Q3"));
        PilotQuarter.Parse("2026-Q5").Should().BeNull();
        PilotQuarter.Containing(new LocalDate(2026, 11, 24)).Should().Be(new PilotQuarter(2026, 4));
        PilotQuarter.Containing(new LocalDate(2026, 1, 1)).Before().Should().Be(new PilotQuarter(2025, 4), "on 1 January the quarter just ended is last year's Q4");
        new PilotQuarter(2026, 3).Before().Should().Be(new PilotQuarter(2026, 2));
        PilotQuarter.Parse("2026-07").Should().BeNull();
        new[] { 0, 1, 2, 3, 4, 9 }.Select(PilotReport.BandOf).Should().Equal(0, 0, 1, 1, 2, 2);
        new[] { 0, 1, 4, 5 }.Select(Suppression.Show).Should().Equal("0", "<5", "<5", "5");
        Suppression.ShowTotal([6, 1]).Should().Be("*", "7 less the 6 shown would reveal the 1");
        Suppression.ShowTotal([6, 0, 5]).Should().Be("11");
        new DifficultyBandLine("2–3", 10, 3, 2, Money.FromPounds(100), 20).ShareAchieved.Should().BeNull("3 achieving is under 5");
        new DifficultyBandLine("2–3", 10, 5, 2, Money.FromPounds(100), 20).ShareAchieved.Should().Be(0.5m);
    }
}
