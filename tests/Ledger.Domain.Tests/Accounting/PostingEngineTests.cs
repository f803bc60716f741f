using Ledger.Domain.Accounting;
using NodaTime;

namespace Ledger.Domain.Tests.Accounting;

public sealed class PostingEngineTests
{
    private static Money Pounds(decimal pounds) => Money.FromPounds(pounds);

    /// <summary>
    /// Executes a command that must be refused with <paramref name="code"/> and checks that nothing
    /// changed: balances, held amounts, versions, holds, entries. Only a state-dependent refusal may
    /// add one idempotency record (R25).
    /// </summary>
    private static LedgerOutcome AssertRefusedAndNothingChanged(InMemoryLedger ledger, LedgerCommand command, LedgerErrorCode code)
    {
        var before = ledger.Snapshot();

        var outcome = ledger.Execute(command);

        outcome.Error.Should().NotBeNull();
        outcome.Error!.Code.Should().Be(code, outcome.Error.Message);
        outcome.Succeeded.Should().BeFalse();
        outcome.Entry.Should().BeNull();
        outcome.Hold.Should().BeNull();
        outcome.Replayed.Should().BeFalse();
        var after = ledger.Snapshot();
        after.Accounts.Should().BeEquivalentTo(before.Accounts, o => o.WithStrictOrdering());
        after.Holds.Should().BeEquivalentTo(before.Holds, o => o.WithStrictOrdering());
        after.EntryCount.Should().Be(before.EntryCount);
        after.PostingCount.Should().Be(before.PostingCount);
        after.RecordCount.Should().Be(before.RecordCount + (outcome.Error.IsStateDependent ? 1 : 0));
        return outcome;
    }

    private static void AssertBalances(Account account, decimal balance, decimal held = 0m)
    {
        account.PostedBalance.Should().Be(Pounds(balance));
        account.HeldAmount.Should().Be(Pounds(held));
        account.Available.Should().Be(Pounds(balance - held));
    }

    private static void AssertPostingsMatchAccounts(InMemoryLedger ledger)
    {
        var recomputed = ledger.RecomputedBalances();
        foreach (var account in ledger.Accounts)
        {
            recomputed[account.Id].Should().Be(account.Balance, $"account {account.Kind} {account.Owner} recomputes from its postings");
        }
    }

    // =====================================================================================
    // Bad input: refused, and nothing changes
    // =====================================================================================

    [Fact]
    public void PostEntry_WithZeroAmount_IsRefusedWithInvalidAmount_AndChangesNothing()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));

        AssertRefusedAndNothingChanged(ledger,
            ledger.Move(ledger.Csc.Budget, ledger.Csc.Payable, Money.Zero), LedgerErrorCode.InvalidAmount);
    }

    [Fact]
    public void PostEntry_WithNegativeAmount_IsRefusedWithInvalidAmount_AndChangesNothing()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));

        AssertRefusedAndNothingChanged(ledger,
            ledger.Move(ledger.Csc.Payable, ledger.Csc.Budget, Pounds(-50)), LedgerErrorCode.InvalidAmount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ReserveHold_WithZeroOrNegativeLeg_IsRefusedWithInvalidAmount_AndChangesNothing(long pence)
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));

        AssertRefusedAndNothingChanged(ledger,
            ledger.ReserveCommand([(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(10)), (ledger.Csc.Budget, ledger.Csc.Payable, Money.FromPence(pence))]),
            LedgerErrorCode.InvalidAmount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void PostHold_WithZeroOrNegativeAmount_IsRefusedWithInvalidAmount_AndChangesNothing(long pence)
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40));

        AssertRefusedAndNothingChanged(ledger, ledger.PostHoldCommand(hold, Money.FromPence(pence)), LedgerErrorCode.InvalidAmount);
        ledger.Hold(hold).Status.Should().Be(HoldStatus.Open);
    }

    [Fact]
    public void PostEntry_WhenABalanceWouldOverflow_IsRefusedWithAmountOverflow_AndChangesNothing()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var max = Money.FromPence(long.MaxValue);

        // Balances per stream (128-bit sums), but the second debit would take StreamFunds past long.MaxValue.
        var command = new PostEntry(ledger.NextKey(), InMemoryLedger.Today, "Too much",
        [
            JournalLine.Debit(ledger.Csc.Funds.Id, max),
            JournalLine.Debit(ledger.Csc.Funds.Id, max),
            JournalLine.Credit(ledger.Csc.Pool.Id, max),
            JournalLine.Credit(ledger.Csc.Budget.Id, max),
        ]);

        AssertRefusedAndNothingChanged(ledger, command, LedgerErrorCode.AmountOverflow);
    }

    [Fact]
    public void PostEntry_WhenTheLastLinesOverflow_LeavesEarlierLinesUnapplied()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Health.Budget, Money.FromPence(long.MaxValue));

        // The CSC lines are fine; crediting the full HEALTH budget overflows on line 3.
        var command = new PostEntry(ledger.NextKey(), InMemoryLedger.Today, "Overflow at the end",
        [
            JournalLine.Debit(ledger.Csc.Funds.Id, Pounds(5)),
            JournalLine.Credit(ledger.Csc.Budget.Id, Pounds(5)),
            JournalLine.Credit(ledger.Health.Budget.Id, Money.FromPence(1)),
            JournalLine.Debit(ledger.Health.Funds.Id, Money.FromPence(1)),
        ]);

        AssertRefusedAndNothingChanged(ledger, command, LedgerErrorCode.AmountOverflow);
        AssertBalances(ledger.Csc.Budget, 0);
    }

    [Fact]
    public void ReserveHold_WhoseLegsTotalOverflows_IsRefusedWithAmountOverflow_AndChangesNothing()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Money.FromPence(long.MaxValue));

        AssertRefusedAndNothingChanged(ledger,
            ledger.ReserveCommand([(ledger.Csc.Budget, ledger.Csc.Payable, Money.FromPence(long.MaxValue)), (ledger.Csc.Budget, ledger.Csc.Payable, Money.FromPence(1))]),
            LedgerErrorCode.AmountOverflow);
    }

    [Fact]
    public void ReserveHold_WhenHeldWouldOverflow_IsRefusedWithAmountOverflow_AndChangesNothing()
    {
        var ledger = new TypicalLedger();

        // StreamFunds is not guarded, so only the overflow of Held stops it.
        ledger.Reserve(ledger.Csc.Funds, ledger.Csc.Pool, Money.FromPence(long.MaxValue));

        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand(ledger.Csc.Funds, ledger.Csc.Pool, Money.FromPence(1)), LedgerErrorCode.AmountOverflow);
    }

    [Fact]
    public void PostEntry_WhenBalancedOverallButNotPerStream_IsRefusedWithEntryUnbalanced_R23()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));

        // Dr CSC budget £100 / Cr HEALTH budget £100: zero overall, but CSC is +100 and HEALTH is -100.
        var command = new PostEntry(ledger.NextKey(), InMemoryLedger.Today, "Colour of money",
            [JournalLine.Debit(ledger.Csc.Budget.Id, Pounds(100)), JournalLine.Credit(ledger.Health.Budget.Id, Pounds(100))]);

        AssertRefusedAndNothingChanged(ledger, command, LedgerErrorCode.EntryUnbalanced);
    }

    [Fact]
    public void PostEntry_WhenOneStreamOfSeveralIsUnbalanced_IsRefusedWithEntryUnbalanced_R23()
    {
        var ledger = new TypicalLedger();

        var command = new PostEntry(ledger.NextKey(), InMemoryLedger.Today, "Two streams",
        [
            JournalLine.Debit(ledger.Csc.Funds.Id, Pounds(100)),
            JournalLine.Credit(ledger.Csc.Budget.Id, Pounds(100)),
            JournalLine.Debit(ledger.Health.Funds.Id, Pounds(50)),
            JournalLine.Credit(ledger.Health.Budget.Id, Pounds(49.99m)),
        ]);

        AssertRefusedAndNothingChanged(ledger, command, LedgerErrorCode.EntryUnbalanced);
    }

    [Fact]
    public void PostEntry_ToUnknownAccount_IsRefusedWithUnknownAccount_AndChangesNothing()
    {
        var ledger = new TypicalLedger();
        var command = new PostEntry(ledger.NextKey(), InMemoryLedger.Today, "Nowhere",
            [JournalLine.Debit(ledger.Csc.Funds.Id, Pounds(1)), JournalLine.Credit(AccountId.New(), Pounds(1))]);

        AssertRefusedAndNothingChanged(ledger, command, LedgerErrorCode.UnknownAccount);
    }

    [Fact]
    public void ReserveHold_FromOrToUnknownAccount_IsRefusedWithUnknownAccount_AndChangesNothing()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));

        AssertRefusedAndNothingChanged(ledger,
            new ReserveHold(ledger.NextKey(), InMemoryLedger.Today, "Order", [new HoldLegRequest(AccountId.New(), ledger.Csc.Payable.Id, Pounds(1))], null),
            LedgerErrorCode.UnknownAccount);
        AssertRefusedAndNothingChanged(ledger,
            new ReserveHold(ledger.NextKey(), InMemoryLedger.Today, "Order", [new HoldLegRequest(ledger.Csc.Budget.Id, AccountId.New(), Pounds(1))], null),
            LedgerErrorCode.UnknownAccount);
    }

    [Fact]
    public void PostEntry_IntoClosedPeriod_IsRefusedWithPeriodClosed_R27_AndChangesNothing()
    {
        var ledger = new TypicalLedger();
        ledger.Close(ledger.Area, new YearMonth(2026, 5));

        AssertRefusedAndNothingChanged(ledger, ledger.FundCommand(ledger.Csc.Budget, Pounds(100), new LocalDate(2026, 5, 31)), LedgerErrorCode.PeriodClosed);
        AssertRefusedAndNothingChanged(ledger, ledger.FundCommand(ledger.Csc.Budget, Pounds(100), new LocalDate(2026, 5, 1)), LedgerErrorCode.PeriodClosed);
    }

    [Fact]
    public void PostEntry_NextToAClosedPeriod_OrInAnotherAreasClosedPeriod_IsAccepted_R27()
    {
        var ledger = new TypicalLedger();
        ledger.Close(ledger.Area, new YearMonth(2026, 5));
        ledger.Close(AreaId.New(), new YearMonth(2026, 4));

        ledger.Execute(ledger.FundCommand(ledger.Csc.Budget, Pounds(1), new LocalDate(2026, 6, 1))).Succeeded.Should().BeTrue();
        ledger.Execute(ledger.FundCommand(ledger.Csc.Budget, Pounds(1), new LocalDate(2026, 4, 30))).Succeeded.Should().BeTrue();
        ledger.Execute(ledger.FundCommand(ledger.Csc.Budget, Pounds(1), new LocalDate(2025, 5, 15))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void ReserveHold_PostHold_AndReverseEntry_IntoClosedPeriod_AreRefusedWithPeriodClosed_R27()
    {
        var ledger = new TypicalLedger();
        var funding = ledger.Fund(ledger.Csc.Budget, Pounds(100), new LocalDate(2026, 5, 10));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40));
        ledger.Close(ledger.Area, new YearMonth(2026, 5));
        var closedDay = new LocalDate(2026, 5, 20);

        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(1), date: closedDay), LedgerErrorCode.PeriodClosed);
        AssertRefusedAndNothingChanged(ledger, ledger.PostHoldCommand(hold, date: closedDay), LedgerErrorCode.PeriodClosed);
        AssertRefusedAndNothingChanged(ledger, ledger.ReverseCommand(funding.Entry!.Value, closedDay), LedgerErrorCode.PeriodClosed);

        // A correction of an entry in the closed month is posted in an open one instead.
        ledger.Execute(ledger.ReverseCommand(funding.Entry!.Value, InMemoryLedger.Today)).Error!.Code
            .Should().Be(LedgerErrorCode.InsufficientFunds, "£40 of the £100 is held");
        ledger.Execute(ledger.VoidCommand(hold)).Succeeded.Should().BeTrue();
        ledger.Execute(ledger.ReverseCommand(funding.Entry!.Value, InMemoryLedger.Today)).Succeeded.Should().BeTrue();
        AssertBalances(ledger.Csc.Budget, 0);
    }

    [Theory]
    [InlineData("post", "post")]
    [InlineData("post", "void")]
    [InlineData("post", "expire")]
    [InlineData("void", "post")]
    [InlineData("void", "void")]
    [InlineData("void", "expire")]
    [InlineData("expire", "post")]
    [InlineData("expire", "void")]
    [InlineData("expire", "expire")]
    public void ResolvingAHoldTwice_IsRefusedWithHoldAlreadyResolved_R9_AndChangesNothing(string first, string second)
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var expiresAt = ledger.Now + Duration.FromHours(1);
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40), expiresAt);
        LedgerCommand Resolve(string how) => how switch
        {
            "post" => ledger.PostHoldCommand(hold),
            "void" => ledger.VoidCommand(hold),
            _ => ledger.ExpireCommand(hold),
        };

        if (first == "expire")
        {
            ledger.Clock.Advance(Duration.FromHours(2));
        }

        ledger.Execute(Resolve(first)).Succeeded.Should().BeTrue();
        var resolvedAs = ledger.Hold(hold).Status;

        var outcome = AssertRefusedAndNothingChanged(ledger, Resolve(second), LedgerErrorCode.HoldAlreadyResolved);

        outcome.Error!.IsStateDependent.Should().BeTrue();
        ledger.Hold(hold).Status.Should().Be(resolvedAs);
        ledger.Hold(hold).Version.Should().Be(1, "a hold resolves exactly once");
    }

    [Fact]
    public void PostHold_MoreThanTheHold_IsRefusedWithExceedsHold_AndChangesNothing()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(1_000));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(400));

        AssertRefusedAndNothingChanged(ledger, ledger.PostHoldCommand(hold, Pounds(400.01m)), LedgerErrorCode.ExceedsHold);
        ledger.Hold(hold).Status.Should().Be(HoldStatus.Open);
        AssertBalances(ledger.Csc.Budget, 1_000, held: 400);
    }

    [Fact]
    public void ReusedIdempotencyKey_WithADifferentRequest_IsRefusedWithIdempotencyConflict_R25_AndChangesNothing()
    {
        var ledger = new TypicalLedger();
        ledger.Execute(ledger.FundCommand(ledger.Csc.Budget, Pounds(100), key: "pay-1")).Succeeded.Should().BeTrue();

        var outcome = AssertRefusedAndNothingChanged(ledger, ledger.FundCommand(ledger.Csc.Budget, Pounds(100.01m), key: "pay-1"),
            LedgerErrorCode.IdempotencyConflict);

        outcome.IdempotencyKey.Should().Be("pay-1");
        AssertBalances(ledger.Csc.Budget, 100);
    }

    [Fact]
    public void ReusedIdempotencyKey_ForADifferentKindOfRequest_IsRefusedWithIdempotencyConflict_R25()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(10));
        ledger.Execute(ledger.VoidCommand(hold, key: "k")).Succeeded.Should().BeTrue();

        AssertRefusedAndNothingChanged(ledger, ledger.ExpireCommand(hold, key: "k"), LedgerErrorCode.IdempotencyConflict);
        AssertRefusedAndNothingChanged(ledger, ledger.FundCommand(ledger.Csc.Budget, Pounds(1), key: "k"), LedgerErrorCode.IdempotencyConflict);
    }

    [Fact]
    public void ReusedIdempotencyKey_AfterAStateDependentRefusal_WithADifferentRequest_IsRefusedWithIdempotencyConflict_R25()
    {
        var ledger = new TypicalLedger();
        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(50), key: "po-1"),
            LedgerErrorCode.InsufficientFunds);

        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(49), key: "po-1"),
            LedgerErrorCode.IdempotencyConflict);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Command_WithoutAnIdempotencyKey_IsRefusedWithInvalidRequest(string key)
    {
        var ledger = new TypicalLedger();

        AssertRefusedAndNothingChanged(ledger, ledger.FundCommand(ledger.Csc.Budget, Pounds(1), key: key), LedgerErrorCode.InvalidRequest);
    }

    [Fact]
    public void Command_WithTooLongAKey_IsRefusedWithInvalidRequest()
    {
        var ledger = new TypicalLedger();

        AssertRefusedAndNothingChanged(ledger, ledger.FundCommand(ledger.Csc.Budget, Pounds(1), key: new string('k', LedgerCommand.MaxKeyLength + 1)),
            LedgerErrorCode.InvalidRequest);
        ledger.Execute(ledger.FundCommand(ledger.Csc.Budget, Pounds(1), key: new string('k', LedgerCommand.MaxKeyLength))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void PostEntry_WithBlankOrTooLongDescription_OrFewerThanTwoLines_IsRefusedWithInvalidRequest()
    {
        var ledger = new TypicalLedger();
        JournalLine[] lines = [JournalLine.Debit(ledger.Csc.Funds.Id, Pounds(1)), JournalLine.Credit(ledger.Csc.Budget.Id, Pounds(1))];

        AssertRefusedAndNothingChanged(ledger, new PostEntry(ledger.NextKey(), InMemoryLedger.Today, " ", lines), LedgerErrorCode.InvalidRequest);
        AssertRefusedAndNothingChanged(ledger, new PostEntry(ledger.NextKey(), InMemoryLedger.Today, new string('d', LedgerCommand.MaxDescriptionLength + 1), lines),
            LedgerErrorCode.InvalidRequest);
        AssertRefusedAndNothingChanged(ledger, new PostEntry(ledger.NextKey(), InMemoryLedger.Today, "One line", [lines[0]]), LedgerErrorCode.InvalidRequest);
        AssertRefusedAndNothingChanged(ledger, new PostEntry(ledger.NextKey(), InMemoryLedger.Today, "Null line", [lines[0], null!]), LedgerErrorCode.InvalidRequest);
    }

    [Fact]
    public void PostEntry_WithALineWhoseSideIsNeitherDebitNorCredit_IsRefusedWithInvalidRequest()
    {
        // An API that binds enums from numbers (System.Text.Json does by default) could pass any value.
        var ledger = new TypicalLedger();
        var command = new PostEntry(ledger.NextKey(), InMemoryLedger.Today, "Odd side",
            [JournalLine.Debit(ledger.Csc.Funds.Id, Pounds(5)), new JournalLine(ledger.Csc.Budget.Id, (NormalSide)7, Pounds(5))]);

        AssertRefusedAndNothingChanged(ledger, command, LedgerErrorCode.InvalidRequest);
    }

    [Fact]
    public void ReserveHold_WithNoLegs_ExpiryInThePast_OrPayingItself_IsRefusedWithInvalidRequest()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));

        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand([]), LedgerErrorCode.InvalidRequest);
        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(1), expiresAt: ledger.Now),
            LedgerErrorCode.InvalidRequest);
        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Budget, Pounds(1)), LedgerErrorCode.InvalidRequest);
    }

    [Fact]
    public void PostVoidOrExpire_UnknownHold_IsRefusedWithUnknownHold()
    {
        var ledger = new TypicalLedger();
        var nowhere = HoldId.New();

        AssertRefusedAndNothingChanged(ledger, ledger.PostHoldCommand(nowhere), LedgerErrorCode.UnknownHold);
        AssertRefusedAndNothingChanged(ledger, ledger.VoidCommand(nowhere), LedgerErrorCode.UnknownHold);
        AssertRefusedAndNothingChanged(ledger, ledger.ExpireCommand(nowhere), LedgerErrorCode.UnknownHold);
    }

    [Fact]
    public void ReverseEntry_Unknown_IsRefusedWithUnknownEntry()
    {
        var ledger = new TypicalLedger();

        AssertRefusedAndNothingChanged(ledger, ledger.ReverseCommand(JournalEntryId.New()), LedgerErrorCode.UnknownEntry);
    }

    // =====================================================================================
    // Idempotency (R25)
    // =====================================================================================

    [Fact]
    public void PostEntry_ReplayedWithTheSameKey_ReturnsTheFirstOutcome_WithReplayed_AndWritesNothing_R25()
    {
        var ledger = new TypicalLedger();
        var command = ledger.FundCommand(ledger.Csc.Budget, Pounds(100));
        var first = ledger.Execute(command);
        var before = ledger.Snapshot();

        var replay = ledger.Execute(command);

        replay.Should().Be(first with { Replayed = true, PostingsWritten = 0 });
        ledger.Snapshot().Should().BeEquivalentTo(before);
        AssertBalances(ledger.Csc.Budget, 100);
    }

    [Fact]
    public void AnEqualRequestWithTheSameKey_IsAReplay_EvenIfItIsANewObject_R25()
    {
        var ledger = new TypicalLedger();
        var first = ledger.Execute(ledger.FundCommand(ledger.Csc.Budget, Pounds(100), key: "same"));

        var replay = ledger.Execute(ledger.FundCommand(ledger.Csc.Budget, Pounds(100), key: "same"));

        replay.Replayed.Should().BeTrue();
        replay.Entry.Should().Be(first.Entry);
        AssertBalances(ledger.Csc.Budget, 100);
        ledger.AllEntries.Should().HaveCount(1);
    }

    [Fact]
    public void ReserveAndPostHold_Replayed_ReturnTheSameHoldAndEntry_AndNeverPayTwice_R25()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var reserve = ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(60));
        var reserved = ledger.Execute(reserve);
        var post = ledger.PostHoldCommand(reserved.Hold!.Value);
        var posted = ledger.Execute(post);
        var before = ledger.Snapshot();

        ledger.Execute(reserve).Should().Be(reserved with { Replayed = true, PostingsWritten = 0 });
        ledger.Execute(post).Should().Be(posted with { Replayed = true, PostingsWritten = 0 });

        ledger.Snapshot().Should().BeEquivalentTo(before);
        AssertBalances(ledger.Csc.Budget, 40);
        AssertBalances(ledger.Csc.Payable, 60);
        ledger.Holds.Should().HaveCount(1);
    }

    [Fact]
    public void InsufficientFundsRefusal_StaysRefusedOnReplay_EvenAfterFundsArrive_R25()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(30));
        var order = ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(50));
        var spend = ledger.Move(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(50));
        var first = AssertRefusedAndNothingChanged(ledger, order, LedgerErrorCode.InsufficientFunds);
        AssertRefusedAndNothingChanged(ledger, spend, LedgerErrorCode.InsufficientFunds);

        ledger.Fund(ledger.Csc.Budget, Pounds(1_000));
        var before = ledger.Snapshot();
        var replay = ledger.Execute(order);
        var replaySpend = ledger.Execute(spend);

        replay.Should().Be(first with { Replayed = true, PostingsWritten = 0 });
        replay.Error!.Code.Should().Be(LedgerErrorCode.InsufficientFunds);
        replaySpend.Replayed.Should().BeTrue();
        replaySpend.Error!.Code.Should().Be(LedgerErrorCode.InsufficientFunds);
        ledger.Snapshot().Should().BeEquivalentTo(before);
        AssertBalances(ledger.Csc.Budget, 1_030);
    }

    [Fact]
    public void ShapeRefusal_IsNotRemembered_SoTheSameKeyCanCarryTheCorrectedRequest_R25()
    {
        var ledger = new TypicalLedger();
        AssertRefusedAndNothingChanged(ledger, ledger.FundCommand(ledger.Csc.Budget, Money.Zero, key: "fix-me"), LedgerErrorCode.InvalidAmount);

        ledger.Execute(ledger.FundCommand(ledger.Csc.Budget, Pounds(5), key: "fix-me")).Succeeded.Should().BeTrue();
        AssertBalances(ledger.Csc.Budget, 5);
    }

    // =====================================================================================
    // Holds (R9)
    // =====================================================================================

    [Fact]
    public void ReserveHold_CountsAgainstAvailableAtOnce_WithoutPosting_R9()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));

        var outcome = ledger.Execute(ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(30)));

        outcome.Succeeded.Should().BeTrue();
        outcome.Entry.Should().BeNull();
        AssertBalances(ledger.Csc.Budget, 100, held: 30);
        AssertBalances(ledger.Csc.Payable, 0);
        ledger.Csc.Budget.Version.Should().Be(1, "reserving posts nothing");
        var hold = ledger.Hold(outcome.Hold!.Value);
        hold.Status.Should().Be(HoldStatus.Open);
        hold.Amount.Should().Be(3_000);
        hold.ReservedAt.Should().Be(ledger.Now);
        hold.Area.Should().Be(ledger.Area);
        hold.Legs.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Leg = 1,
            From = ledger.Csc.Budget.Id,
            To = ledger.Csc.Payable.Id,
            Stream = ledger.Csc.Stream.Id,
            Amount = 3_000L,
            Posted = 0L,
        });
    }

    [Fact]
    public void ReserveHold_BeyondAvailable_IsRefusedWithInsufficientFunds_R26()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(70));

        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(30.01m)), LedgerErrorCode.InsufficientFunds);
        ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(30));
        AssertBalances(ledger.Csc.Budget, 100, held: 100);
    }

    [Fact]
    public void ReserveHold_WithTwoLegsOnTheSameBudget_ChecksTheirSum_R26()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));

        AssertRefusedAndNothingChanged(ledger,
            ledger.ReserveCommand([(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(60)), (ledger.Csc.Budget, ledger.Csc.Payable, Pounds(41))]),
            LedgerErrorCode.InsufficientFunds);
    }

    [Fact]
    public void ReserveHold_WhenOneLegOfSeveralIsShort_ReservesNothing_R26()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        ledger.Fund(ledger.Health.Budget, Pounds(10));

        AssertRefusedAndNothingChanged(ledger,
            ledger.ReserveCommand([(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(60)), (ledger.Health.Budget, ledger.Health.Payable, Pounds(11))]),
            LedgerErrorCode.InsufficientFunds);
        AssertBalances(ledger.Csc.Budget, 100);
    }

    [Fact]
    public void PostHold_InFull_DebitsTheBudget_CreditsThePayee_ReleasesTheHold_AndMarksItPosted_R9()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40));
        ledger.Clock.Advance(Duration.FromMinutes(5));

        var outcome = ledger.Execute(ledger.PostHoldCommand(hold));

        outcome.Succeeded.Should().BeTrue();
        outcome.Hold.Should().Be(hold);
        AssertBalances(ledger.Csc.Budget, 60);
        AssertBalances(ledger.Csc.Payable, 40);
        var h = ledger.Hold(hold);
        h.Status.Should().Be(HoldStatus.Posted);
        h.PostedAmount.Should().Be(4_000);
        h.ResolvedAt.Should().Be(ledger.Now);
        h.SettlementEntry.Should().Be(outcome.Entry);
        h.Legs.Single().Posted.Should().Be(4_000);
        var entry = ledger.Entry(outcome.Entry!.Value);
        entry.SettlesHold.Should().Be(hold);
        entry.Postings.Select(p => (p.Account, p.Amount)).Should().Equal((ledger.Csc.Budget.Id, 4_000L), (ledger.Csc.Payable.Id, -4_000L));
    }

    [Fact]
    public void PostHold_InPart_PostsThePart_AndReleasesTheRemainder_R9()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40));

        ledger.Execute(ledger.PostHoldCommand(hold, Pounds(25))).Succeeded.Should().BeTrue();

        AssertBalances(ledger.Csc.Budget, 75);
        AssertBalances(ledger.Csc.Payable, 25);
        ledger.Hold(hold).Status.Should().Be(HoldStatus.Posted);
        ledger.Hold(hold).PostedAmount.Should().Be(2_500);
    }

    [Fact]
    public void WorkedExample4_PartialSettlementOfATwoStreamHold_PaysThePart_AndReleasesTheRestToTheStreamsItCameFrom_R9_R10()
    {
        // A £400 order for 8 sessions, £300 from council social care and £100 from health.
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(2_000));
        ledger.Fund(ledger.Health.Budget, Pounds(500));
        var order = ledger.Execute(ledger.ReserveCommand(
            [(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(300)), (ledger.Health.Budget, ledger.Health.Payable, Pounds(100))]));
        order.Succeeded.Should().BeTrue();
        var hold = order.Hold!.Value;
        AssertBalances(ledger.Csc.Budget, 2_000, held: 300);
        AssertBalances(ledger.Health.Budget, 500, held: 100);

        // The provider invoices 6 sessions: £300.
        var settled = ledger.Execute(ledger.PostHoldCommand(hold, Pounds(300)));

        settled.Succeeded.Should().BeTrue();
        // Pro rata to what each stream reserved (3:1), exact to the penny: £225 CSC + £75 HEALTH = £300 paid.
        AssertBalances(ledger.Csc.Budget, 1_775);
        AssertBalances(ledger.Csc.Payable, 225);
        AssertBalances(ledger.Health.Budget, 425);
        AssertBalances(ledger.Health.Payable, 75);
        // £100 released: £75 back to CSC, £25 back to HEALTH (nothing is held any more).
        ledger.Csc.Budget.Available.Should().Be(Pounds(2_000 - 225));
        ledger.Health.Budget.Available.Should().Be(Pounds(500 - 75));
        var h = ledger.Hold(hold);
        h.PostedAmount.Should().Be(30_000);
        h.Legs.Select(l => l.Posted).Should().Equal(22_500, 7_500);
        var entry = ledger.Entry(settled.Entry!.Value);
        entry.Postings.GroupBy(p => p.Stream).Should().OnlyContain(g => g.Sum(p => p.Amount) == 0, "each stream balances (R23)");
        entry.Postings.Select(p => (p.Stream, p.Amount)).Should().Equal(
            (ledger.Csc.Stream.Id, 22_500L), (ledger.Csc.Stream.Id, -22_500L),
            (ledger.Health.Stream.Id, 7_500L), (ledger.Health.Stream.Id, -7_500L));
        AssertPostingsMatchAccounts(ledger);
    }

    [Fact]
    public void PostHold_InPartThatDoesNotDivideEvenly_SplitsExactlyToThePenny_R10()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        ledger.Fund(ledger.Health.Budget, Pounds(100));
        var hold = ledger.Execute(ledger.ReserveCommand(
            [(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(10)), (ledger.Health.Budget, ledger.Health.Payable, Pounds(20))])).Hold!.Value;

        ledger.Execute(ledger.PostHoldCommand(hold, Money.FromPence(1_000))).Succeeded.Should().BeTrue();

        // £10.00 by 1:2 = 333.33p + 666.67p -> 333p + 667p (largest remainder).
        ledger.Hold(hold).Legs.Select(l => l.Posted).Should().Equal(333, 667);
        ledger.Csc.Payable.Balance.Should().Be(333);
        ledger.Health.Payable.Balance.Should().Be(667);
        ledger.Csc.Budget.Held.Should().Be(0);
        ledger.Health.Budget.Held.Should().Be(0);
    }

    [Fact]
    public void PostHold_ForOnePenny_OverThreeLegs_PostsOnlyOneLeg()
    {
        var ledger = new TypicalLedger();
        var third = ledger.OpenStream("GRANT");
        foreach (var s in new[] { ledger.Csc, ledger.Health, third })
        {
            ledger.Fund(s.Budget, Pounds(10));
        }

        var hold = ledger.Execute(ledger.ReserveCommand([.. new[] { ledger.Csc, ledger.Health, third }.Select(s => (s.Budget, s.Payable, Pounds(1)))])).Hold!.Value;

        var outcome = ledger.Execute(ledger.PostHoldCommand(hold, Money.FromPence(1)));

        outcome.Succeeded.Should().BeTrue();
        ledger.Entry(outcome.Entry!.Value).Postings.Should().HaveCount(2);
        ledger.Hold(hold).Legs.Select(l => l.Posted).Should().Equal(1, 0, 0);
        new[] { ledger.Csc, ledger.Health, third }.Should().OnlyContain(s => s.Budget.Held == 0);
    }

    [Fact]
    public void VoidHold_ReleasesEverything_AndPostsNothing_R9()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40));

        var outcome = ledger.Execute(ledger.VoidCommand(hold));

        outcome.Succeeded.Should().BeTrue();
        outcome.Entry.Should().BeNull();
        outcome.Hold.Should().Be(hold);
        AssertBalances(ledger.Csc.Budget, 100);
        ledger.Csc.Budget.Version.Should().Be(1);
        ledger.Hold(hold).Status.Should().Be(HoldStatus.Voided);
        ledger.Hold(hold).PostedAmount.Should().Be(0);
        ledger.Hold(hold).ResolvedAt.Should().Be(ledger.Now);
    }

    [Fact]
    public void ExpireHold_BeforeExpiresAt_IsRefusedWithHoldNotYetExpired_AndAtExpiresAtReleasesEverything_R9()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var expiresAt = ledger.Now + Duration.FromDays(7);
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40), expiresAt);

        ledger.Clock.Advance(Duration.FromDays(7) - Duration.FromTicks(1));
        AssertRefusedAndNothingChanged(ledger, ledger.ExpireCommand(hold), LedgerErrorCode.HoldNotYetExpired);

        ledger.Clock.Advance(Duration.FromTicks(1));
        ledger.Execute(ledger.ExpireCommand(hold)).Succeeded.Should().BeTrue();

        ledger.Hold(hold).Status.Should().Be(HoldStatus.Expired);
        ledger.Hold(hold).ResolvedAt.Should().Be(expiresAt);
        AssertBalances(ledger.Csc.Budget, 100);
    }

    [Fact]
    public void ExpireHold_WithoutAnExpiry_IsRefusedWithHoldNotYetExpired_R9()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40));
        ledger.Clock.Advance(Duration.FromDays(3650));

        AssertRefusedAndNothingChanged(ledger, ledger.ExpireCommand(hold), LedgerErrorCode.HoldNotYetExpired);
        ledger.Hold(hold).Status.Should().Be(HoldStatus.Open);
    }

    [Fact]
    public void PostHold_AtOrAfterItsExpiry_IsRefusedWithHoldExpired_ThenItCanOnlyBeExpired_R9()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40), ledger.Now + Duration.FromHours(1));
        ledger.Clock.Advance(Duration.FromHours(1));

        AssertRefusedAndNothingChanged(ledger, ledger.PostHoldCommand(hold), LedgerErrorCode.HoldExpired);
        ledger.Clock.Advance(Duration.FromDays(1));
        AssertRefusedAndNothingChanged(ledger, ledger.PostHoldCommand(hold, Pounds(1)), LedgerErrorCode.HoldExpired);

        ledger.Execute(ledger.ExpireCommand(hold)).Succeeded.Should().BeTrue();
        ledger.Hold(hold).Status.Should().Be(HoldStatus.Expired);
        AssertBalances(ledger.Csc.Budget, 100);
        AssertBalances(ledger.Csc.Payable, 0);
    }

    [Fact]
    public void PostHold_JustBeforeItsExpiry_IsAccepted_R9()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40), ledger.Now + Duration.FromHours(1));
        ledger.Clock.Advance(Duration.FromHours(1) - Duration.FromTicks(1));

        ledger.Execute(ledger.PostHoldCommand(hold)).Succeeded.Should().BeTrue();
        AssertBalances(ledger.Csc.Budget, 60);
    }

    [Fact]
    public void AHoldLeg_AcrossStreams_IsRefusedWithStreamMismatch()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));

        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand(ledger.Csc.Budget, ledger.Health.Payable, Pounds(10)), LedgerErrorCode.StreamMismatch);
    }

    // =====================================================================================
    // Guarded accounts never below zero available (R26)
    // =====================================================================================

    [Fact]
    public void PostEntry_SpendingMoreThanAvailable_IsRefusedWithInsufficientFunds_R26_ButExactlyAllOfItIsAccepted()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));

        AssertRefusedAndNothingChanged(ledger, ledger.Move(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(100.01m)), LedgerErrorCode.InsufficientFunds);
        ledger.Execute(ledger.Move(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(100))).Succeeded.Should().BeTrue();
        AssertBalances(ledger.Csc.Budget, 0);
    }

    [Fact]
    public void PostEntry_SpendingMoneyThatIsHeld_IsRefusedWithInsufficientFunds_R26()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(80));

        AssertRefusedAndNothingChanged(ledger, ledger.Move(ledger.Csc.Budget, ledger.Csc.Pool, Pounds(20.01m)), LedgerErrorCode.InsufficientFunds);
        ledger.Execute(ledger.Move(ledger.Csc.Budget, ledger.Csc.Pool, Pounds(20))).Succeeded.Should().BeTrue();
        AssertBalances(ledger.Csc.Budget, 80, held: 80);
    }

    [Theory]
    [InlineData(AccountKind.Pool)]
    [InlineData(AccountKind.IndividualBudget)]
    [InlineData(AccountKind.LeadProfessionalBudget)]
    [InlineData(AccountKind.ProviderPayable)]
    public void EveryGuardedKind_CannotBeTakenBelowZero_R26(AccountKind kind)
    {
        var ledger = new TypicalLedger();
        var account = ledger.Open(kind, ledger.Area, "OWNER-9", ledger.Csc.Stream.Id);
        ledger.Fund(account, Pounds(10));

        account.IsGuarded.Should().BeTrue();
        AssertRefusedAndNothingChanged(ledger, ledger.Move(account, ledger.Csc.Funds, Pounds(10.01m)), LedgerErrorCode.InsufficientFunds);
        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand(account, ledger.Csc.Funds, Pounds(10.01m)), LedgerErrorCode.InsufficientFunds);
    }

    [Fact]
    public void StreamFunds_IsNotGuarded_SoAHoldOnItIsNotLimitedByItsBalance()
    {
        var ledger = new TypicalLedger();

        ledger.Csc.Funds.IsGuarded.Should().BeFalse();
        ledger.Reserve(ledger.Csc.Funds, ledger.Csc.Pool, Pounds(5));
        ledger.Csc.Funds.Available.Should().Be(Pounds(-5));
        ledger.Execute(ledger.Move(ledger.Csc.Pool, ledger.Csc.Funds, Pounds(5))).Error!.Code.Should().Be(LedgerErrorCode.InsufficientFunds,
            "the pool is guarded even though the stream-funds side is not");
    }

    [Fact]
    public void WorkedExample3_FortyHoldsOf50PoundsOnA1000PoundBudget_ExactlyTwentySucceed_AndAvailableEndsAtZero_R26()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(1_000));

        var outcomes = Enumerable.Range(1, 40)
            .Select(i => ledger.Execute(ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(50), key: $"purchase-{i}")))
            .ToList();

        outcomes.Count(o => o.Succeeded).Should().Be(20);
        outcomes.Where(o => !o.Succeeded).Should().OnlyContain(o => o.Error!.Code == LedgerErrorCode.InsufficientFunds);
        ledger.Csc.Budget.Available.Should().Be(Money.Zero);
        AssertBalances(ledger.Csc.Budget, 1_000, held: 1_000);

        // Retrying all forty (the same keys) changes nothing: the twenty refused stay refused.
        var retries = Enumerable.Range(1, 40)
            .Select(i => ledger.Execute(ledger.ReserveCommand(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(50), key: $"purchase-{i}")))
            .ToList();
        retries.Should().OnlyContain(o => o.Replayed);
        retries.Select(o => o.Succeeded).Should().Equal(outcomes.Select(o => o.Succeeded));
        ledger.Holds.Should().HaveCount(20);

        // Settling all twenty spends the budget to exactly £0.00, never below.
        foreach (var hold in outcomes.Where(o => o.Succeeded).Select(o => o.Hold!.Value))
        {
            ledger.Execute(ledger.PostHoldCommand(hold)).Succeeded.Should().BeTrue();
        }

        AssertBalances(ledger.Csc.Budget, 0);
        AssertBalances(ledger.Csc.Payable, 1_000);
    }

    [Fact]
    public void ProviderPayable_CannotBePaidMoreThanItIsOwed_R26()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        ledger.Execute(ledger.PostHoldCommand(ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(70)))).Succeeded.Should().BeTrue();

        // Paying the provider out: Dr payable / Cr stream funds.
        AssertRefusedAndNothingChanged(ledger, ledger.Move(ledger.Csc.Payable, ledger.Csc.Funds, Pounds(70.01m)), LedgerErrorCode.InsufficientFunds);
        ledger.Execute(ledger.Move(ledger.Csc.Payable, ledger.Csc.Funds, Pounds(70))).Succeeded.Should().BeTrue();
        AssertBalances(ledger.Csc.Payable, 0);
    }

    // =====================================================================================
    // Postings: resulting balance and version; the two time axes (R24)
    // =====================================================================================

    [Fact]
    public void EachPosting_StoresTheAccountsResultingBalance_AndAContiguousVersion()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        ledger.Fund(ledger.Csc.Budget, Pounds(50));
        ledger.Execute(ledger.Move(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(30))).Succeeded.Should().BeTrue();
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(20));
        ledger.Execute(ledger.PostHoldCommand(hold, Pounds(5))).Succeeded.Should().BeTrue();

        var budgetPostings = ledger.AllEntries.SelectMany(e => e.Postings).Where(p => p.Account == ledger.Csc.Budget.Id).ToList();
        budgetPostings.Select(p => p.AccountVersion).Should().Equal(1, 2, 3, 4);
        budgetPostings.Select(p => p.ResultingBalance).Should().Equal(10_000, 15_000, 12_000, 11_500);
        ledger.Csc.Budget.Version.Should().Be(4);
        ledger.Csc.Budget.Balance.Should().Be(11_500);

        var fundsPostings = ledger.AllEntries.SelectMany(e => e.Postings).Where(p => p.Account == ledger.Csc.Funds.Id).ToList();
        fundsPostings.Select(p => (p.AccountVersion, p.ResultingBalance)).Should().Equal((1L, 10_000L), (2L, 15_000L));

        ledger.AllEntries.SelectMany(e => e.Postings.Select((p, i) => (p.Line, Expected: i + 1))).Should().OnlyContain(x => x.Line == x.Expected);
        AssertPostingsMatchAccounts(ledger);
    }

    [Fact]
    public void OneEntryTouchingAnAccountTwice_GivesItTwoVersions()
    {
        var ledger = new TypicalLedger();
        var command = new PostEntry(ledger.NextKey(), InMemoryLedger.Today, "Two contributions",
        [
            JournalLine.Debit(ledger.Csc.Funds.Id, Pounds(10)),
            JournalLine.Debit(ledger.Csc.Funds.Id, Pounds(5)),
            JournalLine.Credit(ledger.Csc.Budget.Id, Pounds(15)),
        ]);

        var entry = ledger.Entry(ledger.Execute(command).Entry!.Value);

        entry.Postings.Select(p => (p.AccountVersion, p.ResultingBalance)).Should().Equal((1L, 1_000L), (2L, 1_500L), (1L, 1_500L));
        ledger.Csc.Funds.Version.Should().Be(2);
    }

    [Fact]
    public void Entry_RecordsEffectiveDateAndRecordedInstantSeparately_R24()
    {
        var ledger = new TypicalLedger();
        var serviceDate = new LocalDate(2026, 4, 3);

        var outcome = ledger.Execute(ledger.FundCommand(ledger.Csc.Budget, Pounds(10), serviceDate, key: "r24"));

        var entry = ledger.Entry(outcome.Entry!.Value);
        entry.EffectiveDate.Should().Be(serviceDate);
        entry.RecordedAt.Should().Be(ledger.Now);
        entry.IdempotencyKey.Should().Be("r24");
        entry.Area.Should().Be(ledger.Area);
        entry.Reverses.Should().BeNull();
        entry.SettlesHold.Should().BeNull();
        entry.Postings.Should().OnlyContain(p => p.EffectiveDate == serviceDate && p.RecordedAt == ledger.Now && p.Entry == entry.Id);
    }

    // =====================================================================================
    // Reversal (R23)
    // =====================================================================================

    [Fact]
    public void ReverseEntry_PostsTheExactOpposite_LinkedByReverses_AndRestoresBalances_R23()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var spend = ledger.Execute(ledger.Move(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(30)));

        var outcome = ledger.Execute(ledger.ReverseCommand(spend.Entry!.Value));

        outcome.Succeeded.Should().BeTrue();
        var original = ledger.Entry(spend.Entry!.Value);
        var reversal = ledger.Entry(outcome.Entry!.Value);
        reversal.Reverses.Should().Be(original.Id);
        reversal.Description.Should().Be("Correction");
        reversal.Postings.Select(p => (p.Account, p.Stream, p.Amount))
            .Should().Equal(original.Postings.Select(p => (p.Account, p.Stream, -p.Amount)));
        AssertBalances(ledger.Csc.Budget, 100);
        AssertBalances(ledger.Csc.Payable, 0);
        ledger.Csc.Budget.Version.Should().Be(3, "a reversal is new postings, never an edit");
        original.Postings.Should().HaveCount(2);
        AssertPostingsMatchAccounts(ledger);
    }

    [Fact]
    public void ReverseEntry_Twice_IsRefusedWithEntryNotReversible_R23()
    {
        var ledger = new TypicalLedger();
        var funding = ledger.Fund(ledger.Csc.Budget, Pounds(100));
        ledger.Execute(ledger.ReverseCommand(funding.Entry!.Value)).Succeeded.Should().BeTrue();

        AssertRefusedAndNothingChanged(ledger, ledger.ReverseCommand(funding.Entry!.Value), LedgerErrorCode.EntryNotReversible);
    }

    [Fact]
    public void ReverseEntry_OfAReversal_IsRefusedWithEntryNotReversible_R23()
    {
        var ledger = new TypicalLedger();
        var funding = ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var reversal = ledger.Execute(ledger.ReverseCommand(funding.Entry!.Value));

        AssertRefusedAndNothingChanged(ledger, ledger.ReverseCommand(reversal.Entry!.Value), LedgerErrorCode.EntryNotReversible);
    }

    [Fact]
    public void ReverseEntry_ThatWouldTakeABudgetBelowZero_IsRefusedWithInsufficientFunds_R23_R26()
    {
        var ledger = new TypicalLedger();
        var funding = ledger.Fund(ledger.Csc.Budget, Pounds(100));
        ledger.Execute(ledger.Move(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(60))).Succeeded.Should().BeTrue();

        AssertRefusedAndNothingChanged(ledger, ledger.ReverseCommand(funding.Entry!.Value), LedgerErrorCode.InsufficientFunds);
        AssertBalances(ledger.Csc.Budget, 40);
    }

    [Fact]
    public void ReverseEntry_OfAHoldSettlement_ReturnsTheMoney_ButTheHoldStaysPosted_R9_R23()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var hold = ledger.Reserve(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(40));
        var settled = ledger.Execute(ledger.PostHoldCommand(hold));

        ledger.Execute(ledger.ReverseCommand(settled.Entry!.Value)).Succeeded.Should().BeTrue();

        AssertBalances(ledger.Csc.Budget, 100);
        AssertBalances(ledger.Csc.Payable, 0);
        ledger.Hold(hold).Status.Should().Be(HoldStatus.Posted);
        AssertRefusedAndNothingChanged(ledger, ledger.PostHoldCommand(hold), LedgerErrorCode.HoldAlreadyResolved);
    }

    [Fact]
    public void ReverseEntry_AfterABatchBoundary_StillKnowsTheEntryWasReversed_R23()
    {
        var ledger = new TypicalLedger();
        var funding = ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var reversal = ledger.Execute(ledger.ReverseCommand(funding.Entry!.Value));
        ledger.StartNewBatch();

        AssertRefusedAndNothingChanged(ledger, ledger.ReverseCommand(funding.Entry!.Value), LedgerErrorCode.EntryNotReversible);
        AssertRefusedAndNothingChanged(ledger, ledger.ReverseCommand(reversal.Entry!.Value), LedgerErrorCode.EntryNotReversible);
    }

    // =====================================================================================
    // Areas (R1)
    // =====================================================================================

    [Fact]
    public void PostEntry_AcrossAreas_IsRefusedWithCrossArea_R1()
    {
        var ledger = new TypicalLedger();
        var elsewhere = InMemoryLedger.NewArea("SOMERSET");
        // Same stream id on purpose, so only the area differs.
        var foreignFunds = ledger.Open(AccountKind.StreamFunds, elsewhere.Id, "CSC", ledger.Csc.Stream.Id);

        AssertRefusedAndNothingChanged(ledger, ledger.Move(foreignFunds, ledger.Csc.Budget, Pounds(10)), LedgerErrorCode.CrossArea);
    }

    [Fact]
    public void ReserveHold_AcrossAreas_IsRefusedWithCrossArea_R1()
    {
        var ledger = new TypicalLedger();
        ledger.Fund(ledger.Csc.Budget, Pounds(100));
        var elsewhere = InMemoryLedger.NewArea("SOMERSET");
        var foreignPayable = ledger.Open(AccountKind.ProviderPayable, elsewhere.Id, "PROV-1", ledger.Csc.Stream.Id);
        var foreignBudget = ledger.Open(AccountKind.IndividualBudget, elsewhere.Id, "CHILD-9", ledger.Csc.Stream.Id);
        ledger.Open(AccountKind.StreamFunds, elsewhere.Id, "CSC", ledger.Csc.Stream.Id);
        ledger.Fund(foreignBudget, Pounds(100));

        AssertRefusedAndNothingChanged(ledger, ledger.ReserveCommand(ledger.Csc.Budget, foreignPayable, Pounds(10)), LedgerErrorCode.CrossArea);
        AssertRefusedAndNothingChanged(ledger,
            ledger.ReserveCommand([(ledger.Csc.Budget, ledger.Csc.Payable, Pounds(10)), (foreignBudget, foreignPayable, Pounds(10))]),
            LedgerErrorCode.CrossArea);
    }
}
