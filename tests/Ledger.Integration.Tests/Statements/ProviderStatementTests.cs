using Ledger.Application.Statements;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Integration.Tests.Outcomes;
using Ledger.Reports.Statements;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using UglyToad.PdfPig;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;
using static Ledger.Integration.Tests.Outcomes.OutcomesWorld;

namespace Ledger.Integration.Tests.Statements;

/// <summary>
/// The provider's remittance and outcome statement (worked example 9 across two months): January shows the
/// £700 outcome with its computation and the payment of it with the earlier attachment fee; February shows the next
/// family's fee, the £700 clawback and the net payment. Figures reconcile with the ledger and read back.
/// </summary>
public abstract class ProviderStatementTests
{
    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task ProviderStatement_ShowsEachOutcomePaymentsComputationAndTheClawback_Example9_R21()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Tf, Family, new LocalDate(2012, 6, 1)));
        var claim = await w.ClaimThroughAsync(Tf, Family, "TF-CRIME-EDU", new LocalDate(2012, 6, 15), new LocalDate(2013, 1, 21));
        Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2013, 1, 31)));
        var sample = Ok(await w.Assurance.DrawAsync(AreaCode, new LocalDate(2013, 1, 1), new LocalDate(2013, 1, 31), new SampleRules(100, 1, null, null, null), Auditor));
        Ok(await w.Assurance.RecordFindingAsync(AreaCode, sample.Sample.Reference, claim.Reference, SpotCheckFinding.Invalid, "Attendance record was for another child", Auditor));
        Ok(await w.Budgets.People.AddChildAsync(AreaCode, "CHILD-C1", "Cara Testchild", new LocalDate(2008, 1, 1)));
        Ok(await w.Budgets.People.AddFamilyAsync(AreaCode, "FAM-C", "The Othertest household", ["CHILD-C1"]));
        Ok(await w.EnrolAsync(Tf, "FAM-C", new LocalDate(2013, 2, 1)));
        Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2013, 2, 28)));
        var queries = db.Services.GetRequiredService<IProviderStatementQueries>();

        var january = (await queries.ProviderStatementAsync(AreaCode, OutcomesWorld.Provider, new LocalDate(2013, 1, 1), new LocalDate(2013, 1, 31), CancellationToken.None))!;
        january.OwedAtStart.Should().Be(Pounds(3_200), "the June 2012 attachment fee was still owed");
        january.Outcomes.Select(o => (o.What, o.Amount)).Should().Equal(("Outcome TF-CRIME-EDU", Pounds(700)));
        january.Outcomes[0].Working.Should().Contain("Outcome TF-CRIME-EDU on card TF-2012-Y1 v1: £700.00").And.Contain("DCLG-TF pays 100%: £700.00");
        january.Paid.Should().Be(Pounds(3_900));
        (january.OwedAtStart + january.Invoiced + january.OutcomesNet - january.Paid).Should().Be(january.OwedAtEnd);
        january.OwedAtEnd.Should().Be(Pounds(0));

        var february = (await queries.ProviderStatementAsync(AreaCode, OutcomesWorld.Provider, new LocalDate(2013, 2, 1), new LocalDate(2013, 2, 28), CancellationToken.None))!;
        february.Outcomes.Select(o => (o.Claim == claim.Reference, o.Amount)).Should().Equal((false, Pounds(3_200)), (true, -Pounds(700)));
        february.Outcomes[1].Working.Should().ContainSingle().Which.Should().Contain("Attendance record was for another child");
        february.Paid.Should().Be(Pounds(2_500));
        (february.OwedAtStart + february.Invoiced + february.OutcomesNet - february.Paid).Should().Be(february.OwedAtEnd);
        february.OwedAtEnd.Should().Be((await w.OwedAsync()).Values.Aggregate(Pounds(0), (a, b) => a + b));

        var bytes = ProviderStatementDocument.Build(february).GeneratePdf();
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        text.Should().Contain("−£700.00").And.Contain("£3,200.00").And.Contain("£2,500.00").And.Contain(claim.Reference).And.Contain("PR-DEVON-20130228");
        ProviderStatementDocument.Build(february).GeneratePdf().Should().Equal(bytes);
        bytes.Length.Should().BeLessThan(60 * 1024);
        Qpdf.Check(bytes);
    }
}

public sealed class SqliteProviderStatementTests : ProviderStatementTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlProviderStatementTests : ProviderStatementTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
