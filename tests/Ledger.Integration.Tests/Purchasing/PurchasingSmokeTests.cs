using Ledger.Application.Purchasing;
using Ledger.Domain.Budgets;
using Ledger.Domain.Purchasing;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using NodaTime;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;
using static Ledger.Integration.Tests.Purchasing.PurchasingWorld;

namespace Ledger.Integration.Tests.Purchasing;

/// <summary>The purchasing path end to end: order, approval, start, invoice, payment run, verifier.</summary>
public abstract class PurchasingSmokeTests
{
    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task Order_Invoice_PaymentRun_PaysTheProviderOnce_AndTheLedgerVerifies()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await PurchasingWorld.CreateAsync(db);

        // Example 1: £300 of therapy draws on the restricted health stream first.
        var order = Ok(await w.Purchasing.PlaceOrderAsync(Order("o-1", SpeechSession, 6)));
        order.Status.Should().Be(OrderStatus.AwaitingApproval, "£300 is above LP-0001's £100 limit");
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(new Dictionary<string, Ledger.Domain.Money> { ["CSC-2026"] = Pounds(2_000), ["NHS-2026"] = Pounds(200) });

        Ok(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder, true, June1)));
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, new LocalDate(2026, 6, 8)));
        var invoice = Ok(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "INV-001", 4, new LocalDate(2026, 6, 30))));
        invoice.Amount.Should().Be(20_000);
        (await w.OwedAsync(Speech)).Values.Sum(m => m.Pence).Should().Be(20_000);

        var run = Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2026, 7, 3)));
        run.Payments.Should().ContainSingle().Which.Amount.Should().Be(Pounds(200));
        (await w.OwedAsync(Speech)).Values.Sum(m => m.Pence).Should().Be(0);
        var again = Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2026, 7, 3)));
        again.AlreadyCompleted.Should().BeTrue();
        PaymentFiles.Payments(run).Should().Contain("PRV-SPEECH").And.Contain("200.00");
        await w.Budgets.VerifyAsync();
    }
}

public sealed class SqlitePurchasingSmokeTests : PurchasingSmokeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlPurchasingSmokeTests : PurchasingSmokeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
