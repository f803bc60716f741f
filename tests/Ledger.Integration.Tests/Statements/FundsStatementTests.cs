using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Integration.Tests.Outcomes;
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
/// Pool and funding-partner statements (R3, R6): each stream's two accounts — unallocated in the pool and in
/// the budgets it funds — reconcile from opening to closing, the closing figures are the ledger's balances
/// as at the month end (not today's), the partners' statements add up to the pool's, outcome payments and
/// clawbacks land in the month they were posted, and the PDFs read back with those figures.
/// </summary>
public abstract class FundsStatementTests
{
    private static readonly LocalDate May1 = new(2026, 5, 1);
    private static readonly LocalDate May31 = new(2026, 5, 31);
    private static readonly LocalDate June30 = new(2026, 6, 30);

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task PoolStatement_ForJune_ReconcilesWithTheLedgerAsAtTheMonthEnd_AndReadsBackFromThePdf_R3()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await PurchasingWorld.CreateAsync(db);
        await w.DeliverAsync(Order("fs-therapy", SpeechSession, 6), "SP-1", new LocalDate(2026, 6, 20));
        await w.DeliverAsync(Order("fs-swim", SwimSession, 7), "SW-1", new LocalDate(2026, 6, 22), units: 5);
        await w.PlaceAsync("fs-open", SpeechSession, 2);
        var queries = db.Services.GetRequiredService<IFundsStatementQueries>();

        var june = (await queries.PoolStatementAsync(AreaCode, ExPool, June1, June30, CancellationToken.None))!;

        june.Streams.Select(s => s.Stream).Should().Equal("CSC-2026", "NHS-2026");
        await using var context = db.CreateContext();
        var streamIds = await context.FundingStreams.ToDictionaryAsync(s => s.Code, s => s.Id);
        var budgetCodes = await context.Budgets.Where(b => b.Pool == context.Pools.Single(p => p.Code == ExPool).Id).Select(b => b.Code).ToListAsync();
        foreach (var flows in june.Streams)
        {
            flows.Reconciles.Should().BeTrue(flows.Stream);
            var poolAccount = await context.Accounts.SingleAsync(a => a.Kind == AccountKind.Pool && a.Owner == ExPool && a.Stream == streamIds[flows.Stream]);
            flows.PoolClosing.Should().Be(await db.Balances.PostedAsAtEffectiveDateAsync(poolAccount.Id, June30), flows.Stream);
            var budgetAccounts = await context.Accounts.Where(a => a.Kind == AccountKind.IndividualBudget && budgetCodes.Contains(a.Owner) && a.Stream == streamIds[flows.Stream])
                .ToListAsync();
            var inBudgets = Money.Zero;
            foreach (var account in budgetAccounts)
            {
                inBudgets += await db.Balances.PostedAsAtEffectiveDateAsync(account.Id, June30);
            }

            flows.BudgetsClosing.Should().Be(inBudgets, flows.Stream);
            flows.Held.Pence.Should().Be(budgetAccounts.Sum(a => a.Held), "nothing was resolved after June");
        }

        june.Total(s => s.ContributedToDate).Should().Be(Pounds(2_500));
        june.Total(s => s.Spent).Should().Be(Pounds(300 + 100), "the therapy invoice and five swimming sessions");
        june.Total(s => s.Held).Should().Be(Pounds(100));
        june.Total(s => s.ContributedToDate).Should().Be(june.Total(s => s.SpentToDate) + june.Total(s => s.Held) + june.Total(s => s.Unspent),
            "every pound contributed is spent, held or not yet spent");

        // As at the end of May nothing had been spent or held: the figures are the ledger's then, not now.
        var may = (await queries.PoolStatementAsync(AreaCode, ExPool, May1, May31, CancellationToken.None))!;
        may.Total(s => s.SpentToDate).Should().Be(Money.Zero);
        may.Total(s => s.Held).Should().Be(Money.Zero);
        may.Streams.Should().OnlyContain(s => s.Reconciles);
        june.Streams.Select(s => s.BudgetsOpening).Should().Equal(may.Streams.Select(s => s.BudgetsClosing), "June opens where May closed");

        var bytes = PoolStatementDocument.Build(june).GeneratePdf();
        using (var pdf = PdfDocument.Open(bytes))
        {
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            text.Should().Contain("Pool statement").And.Contain(StatementStyle.Pounds(june.Total(s => s.SpentToDate)))
                .And.Contain(StatementStyle.Pounds(june.Total(s => s.Unspent))).And.Contain($"Page 1 of {pdf.NumberOfPages}");
            foreach (var flows in june.Streams)
            {
                text.Should().Contain(flows.Stream).And.Contain(StatementStyle.Pounds(flows.PoolClosing)).And.Contain(StatementStyle.Pounds(flows.BudgetsClosing));
            }

            pdf.Information.Title.Should().Be($"Pool statement {ExPool}, June 2026");
        }

        bytes.Length.Should().BeLessThan(60 * 1024);
        PoolStatementDocument.Build(june).GeneratePdf().Should().Equal(bytes, "the same ledger gives the same bytes");
        Qpdf.Check(bytes);
    }

    [Fact]
    public async Task PartnerStatements_ShowOnlyThePartnersOwnStreams_AndAddUpToThePools_R3_R6()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await PurchasingWorld.CreateAsync(db);
        await w.DeliverAsync(Order("ps-therapy", SpeechSession, 6), "SP-1", new LocalDate(2026, 6, 20));
        await w.Budgets.ContributeAsync(PoolCode, "CSC-2026", 1_000);
        await w.Budgets.ContributeAsync(PoolCode, "YJ-2026", 500);
        var queries = db.Services.GetRequiredService<IFundsStatementQueries>();

        var pools = new List<StreamFlows>();
        foreach (var pool in await queries.PoolCodesAsync(AreaCode, June30, CancellationToken.None))
        {
            pools.AddRange((await queries.PoolStatementAsync(AreaCode, pool, June1, June30, CancellationToken.None))!.Streams);
        }

        var partners = new List<StreamFlows>();
        foreach (var agency in await queries.AgencyCodesAsync(AreaCode, CancellationToken.None))
        {
            var statement = (await queries.PartnerStatementAsync(AreaCode, agency, June1, June30, CancellationToken.None))!;
            statement.Streams.Select(s => s.Agency).Distinct().Should().BeSubsetOf([agency], "a partner sees its own streams only");
            partners.AddRange(statement.Streams);
        }

        pools.Select(p => p.Pool).Distinct().Should().Equal(PoolCode, ExPool);
        partners.Should().BeEquivalentTo(pools, "every stream in every pool belongs to exactly one partner");

        var council = (await queries.PartnerStatementAsync(AreaCode, "COUNCIL", June1, June30, CancellationToken.None))!;
        council.Streams.Select(s => (s.Pool, s.Stream)).Should().Equal((PoolCode, "CSC-2026"), (ExPool, "CSC-2026"));
        council.ExpectedSpend.Should().Be(Pounds(20_000), "the stream's expected spend (R6) counts once, though the stream is in two pools");
        var bytes = PartnerStatementDocument.Build(council).GeneratePdf();
        using (var pdf = PdfDocument.Open(bytes))
        {
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            pdf.Information.Title.Should().Be("Funding partner statement COUNCIL, June 2026");
            text.Should().Contain(StatementStyle.Pounds(council.Total(s => s.ContributedToDate)))
                .And.Contain(StatementStyle.Pounds(council.Total(s => s.SpentToDate))).And.NotContain("NHS-2026");
        }

        PartnerStatementDocument.Build(council).GeneratePdf().Should().Equal(bytes);
        Qpdf.Check(bytes);

        (await queries.PartnerStatementAsync(AreaCode, "NOBODY", June1, June30, CancellationToken.None)).Should().BeNull();
        (await queries.PoolStatementAsync(AreaCode, "NO-POOL", June1, June30, CancellationToken.None)).Should().BeNull();
        (await queries.PoolStatementAsync("NOWHERE", ExPool, June1, June30, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task PoolStatement_ShowsOutcomePaymentsInTheMonthApproved_AndAClawbackNettedInTheMonthRecovered_Example9_R21()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(OutcomesWorld.Tf, OutcomesWorld.Family, new LocalDate(2012, 6, 1)));
        var claim = await w.ClaimThroughAsync(OutcomesWorld.Tf, OutcomesWorld.Family, "TF-CRIME-EDU", new LocalDate(2012, 6, 15), new LocalDate(2013, 1, 21));
        Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2013, 1, 31)));
        var sample = Ok(await w.Assurance.DrawAsync(AreaCode, new LocalDate(2013, 1, 1), new LocalDate(2013, 1, 31), new SampleRules(100, 1, null, null, null), OutcomesWorld.Auditor));
        Ok(await w.Assurance.RecordFindingAsync(AreaCode, sample.Sample.Reference, claim.Reference, SpotCheckFinding.Invalid, "Attendance record was for another child",
            OutcomesWorld.Auditor));
        // The clawback is netted against what the provider is owed in February: the next family's attachment fee.
        Ok(await w.Budgets.People.AddChildAsync(AreaCode, "CHILD-C1", "Cara Testchild", new LocalDate(2008, 1, 1)));
        Ok(await w.Budgets.People.AddFamilyAsync(AreaCode, "FAM-C", "The Othertest household", ["CHILD-C1"]));
        Ok(await w.EnrolAsync(OutcomesWorld.Tf, "FAM-C", new LocalDate(2013, 2, 1)));
        Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2013, 2, 28)));
        var queries = db.Services.GetRequiredService<IFundsStatementQueries>();

        StreamFlows Tf(PoolStatement s) => s.Streams.Single(x => x.Stream == "DCLG-TF");
        var june = Tf((await queries.PoolStatementAsync(AreaCode, OutcomesWorld.PbrPool, new LocalDate(2012, 6, 1), new LocalDate(2012, 6, 30), CancellationToken.None))!);
        var january = Tf((await queries.PoolStatementAsync(AreaCode, OutcomesWorld.PbrPool, new LocalDate(2013, 1, 1), new LocalDate(2013, 1, 31), CancellationToken.None))!);
        var february = Tf((await queries.PoolStatementAsync(AreaCode, OutcomesWorld.PbrPool, new LocalDate(2013, 2, 1), new LocalDate(2013, 2, 28), CancellationToken.None))!);

        june.OutcomePayments.Should().Be(Pounds(3_200), "the attachment fee became owed on enrolment");
        january.OutcomePayments.Should().Be(Pounds(700), "the outcome approved in January");
        february.OutcomePayments.Should().Be(Pounds(3_200 - 700), "the next family's fee, less the clawback recovered in February's run");
        february.PoolClosing.Should().Be(Pounds(100_000 - 3_200 - 3_200), "after the clawback only the two attachment fees have left the stream");
        february.SpentToDate.Should().Be(Pounds(6_400));
        new[] { june, january, february }.Should().OnlyContain(f => f.Reconciles);

        var bytes = PoolStatementDocument.Build((await queries.PoolStatementAsync(AreaCode, OutcomesWorld.PbrPool, new LocalDate(2013, 2, 1), new LocalDate(2013, 2, 28),
            CancellationToken.None))!).GeneratePdf();
        using var pdf = PdfDocument.Open(bytes);
        string.Join("\n", pdf.GetPages().Select(p => p.Text)).Should().Contain("− outcome payments").And.Contain("£2,500.00");
    }
}

public sealed class SqliteFundsStatementTests : FundsStatementTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlFundsStatementTests : FundsStatementTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
