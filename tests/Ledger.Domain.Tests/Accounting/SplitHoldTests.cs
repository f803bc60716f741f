using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;

namespace Ledger.Domain.Tests.Accounting;

/// <summary>A hold split across streams by the engine itself, from what each stream has when the accounts are locked (R10, R26).</summary>
public sealed class SplitHoldTests
{
    private static Money Pounds(decimal pounds) => Money.FromPounds(pounds);

    private static ReserveSplitHold Order(TypicalLedger ledger, decimal pounds, SplitPolicy policy = SplitPolicy.RestrictedFirst) =>
        new(ledger.NextKey(), InMemoryLedger.Today, "Order", Pounds(pounds),
            [new SplitCandidate(ledger.Csc.Budget.Id, ledger.Csc.Payable.Id, false), new SplitCandidate(ledger.Health.Budget.Id, ledger.Health.Payable.Id, true)],
            policy, null);

    [Fact]
    public void SplitHold_DrawsOnTheRestrictedStreamFirst_ThenSpillsToTheNext_R10()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(2_000));
        ledger.Fund(ledger.Health.Budget, Pounds(500));

        ledger.Execute(Order(ledger, 300)).Succeeded.Should().BeTrue();
        ledger.Health.Budget.Available.Should().Be(Pounds(200));
        ledger.Csc.Budget.Available.Should().Be(Pounds(2_000));

        // The second order is split on what is left now, not on what was there when it was asked for.
        ledger.Execute(Order(ledger, 300)).Succeeded.Should().BeTrue();
        ledger.Health.Budget.Available.Should().Be(Money.Zero);
        ledger.Csc.Budget.Available.Should().Be(Pounds(1_900));
    }

    [Fact]
    public void SplitHold_ProRata_IsExactToThePenny_R10()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(200));
        ledger.Fund(ledger.Health.Budget, Pounds(100));

        ledger.Execute(Order(ledger, 100, SplitPolicy.ProRata)).Succeeded.Should().BeTrue();
        (ledger.Csc.Budget.HeldAmount + ledger.Health.Budget.HeldAmount).Should().Be(Pounds(100));
        ledger.Csc.Budget.HeldAmount.Should().Be(Pounds(66.67m));
        ledger.Health.Budget.HeldAmount.Should().Be(Pounds(33.33m));
    }

    [Fact]
    public void SplitHold_ForMoreThanTheCandidatesHold_IsRefused_AndRemembered_R26()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(50));
        ledger.Fund(ledger.Health.Budget, Pounds(40));
        var order = Order(ledger, 90.01m);

        ledger.Execute(order).Error!.Code.Should().Be(LedgerErrorCode.InsufficientFunds);
        ledger.Csc.Budget.HeldAmount.Should().Be(Money.Zero);
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        ledger.Execute(order).Error!.Code.Should().Be(LedgerErrorCode.InsufficientFunds, "a refusal that depended on the state is the key's answer (R25)");
    }

    [Fact]
    public void SplitHold_Replayed_ReturnsTheFirstHold_EvenAfterBalancesChanged_R25()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(500));
        ledger.Fund(ledger.Health.Budget, Pounds(500));
        var order = Order(ledger, 300);
        var first = ledger.Execute(order);
        ledger.Fund(ledger.Health.Budget, Pounds(1));

        var again = ledger.Execute(order);
        again.Replayed.Should().BeTrue();
        again.Hold.Should().Be(first.Hold);
        ledger.Health.Budget.HeldAmount.Should().Be(Pounds(300));
    }
}
