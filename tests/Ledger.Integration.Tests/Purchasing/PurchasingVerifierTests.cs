using Ledger.Application.Purchasing;
using Ledger.Domain.Purchasing;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;
using static Ledger.Integration.Tests.Purchasing.PurchasingWorld;

namespace Ledger.Integration.Tests.Purchasing;

/// <summary>
/// The verifier (R28) checks purchasing records against the ledger: a row changed behind the
/// services' back — an order's status, an invoice's amount, a payment — is found and named.
/// </summary>
public abstract class PurchasingVerifierTests
{
    protected abstract DatabaseProvider Provider { get; }

    private static async Task<PurchasingWorld> PaidWorldAsync(TestDatabase db)
    {
        var w = await PurchasingWorld.CreateAsync(db);
        var order = await w.PlaceAsync("o-1", SwimSession, 4);
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, new LocalDate(2026, 6, 3)));
        Ok(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RYC-17", 3, new LocalDate(2026, 6, 30))));
        Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2026, 7, 1)));
        await w.PlaceAsync("o-2", SwimSession, 2);
        return w;
    }

    [Fact]
    public async Task Verifier_FindsAnOrderWhoseStatusDisagreesWithItsHold_R28()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await PaidWorldAsync(db);
        await w.Budgets.VerifyAsync();

        await using (var context = db.CreateContext())
        {
            await context.PurchaseOrders.Where(o => o.IdempotencyKey == "o-2").ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Cancelled));
        }

        var report = await db.Verifier.VerifyAsync();
        report.AllPassed.Should().BeFalse();
        report.Checks.Single(c => !c.Passed).Detail.Should().Contain("is Cancelled but its hold is Open");
    }

    [Fact]
    public async Task Verifier_FindsAnInvoiceAmountChangedAfterSettlement_R28()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await PaidWorldAsync(db);

        await using (var context = db.CreateContext())
        {
            await context.Invoices.ExecuteUpdateAsync(s => s.SetProperty(i => i.Amount, i => i.Amount + 100));
        }

        var report = await db.Verifier.VerifyAsync();
        report.Checks.Where(c => !c.Passed).Select(c => c.Detail).Should().Contain(d => d.Contains("invoice RYC-17", StringComparison.Ordinal))
            .And.Contain(d => d.Contains("provider PRV-LEISURE is owed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verifier_FindsAPaymentRecordThatDoesNotMatchItsEntry_R28()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await PaidWorldAsync(db);

        await using (var context = db.CreateContext())
        {
            await context.ProviderPayments.ExecuteUpdateAsync(s => s.SetProperty(p => p.Amount, 1L));
        }

        var report = await db.Verifier.VerifyAsync();
        report.Checks.Single(c => !c.Passed).Detail.Should().Contain("payment in run");
    }

    [Fact]
    public async Task Verifier_FindsAMonthlyDelegatedTotalThatDisagreesWithTheOrders_R11_R28()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await PaidWorldAsync(db);
        await using (var context = db.CreateContext())
        {
            await context.DelegatedMonths.ExecuteUpdateAsync(s => s.SetProperty(m => m.Committed, 0L));
        }

        var report = await db.Verifier.VerifyAsync();
        report.Checks.Single(c => !c.Passed).Detail.Should().Contain("recorded as committed under delegation");
    }

    [Fact]
    public async Task ClosePeriod_WithAnUnfinishedPaymentRunInTheMonth_IsRefused_SoTheRunCanStillFinish_R13_R27()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await PaidWorldAsync(db);
        await using (var context = db.CreateContext())
        {
            await context.PaymentRuns.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, PaymentRunStatus.Started));
        }

        var refused = await CliProcess.RunAsync(db.ChildEnvironment(), "close-period", "--area", AreaCode, "--month", "2026-07");
        refused.ExitCode.Should().Be(2, refused.Output + refused.Error);
        (refused.Output + refused.Error).Should().Contain("PaymentRunInProgress").And.Contain("PR-DEVON-20260701");
        (await CliProcess.RunAsync(db.ChildEnvironment(), "close-period", "--area", AreaCode, "--month", "2026-06")).ExitCode.Should().Be(0);
    }
}

public sealed class SqlitePurchasingVerifierTests : PurchasingVerifierTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlPurchasingVerifierTests : PurchasingVerifierTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
