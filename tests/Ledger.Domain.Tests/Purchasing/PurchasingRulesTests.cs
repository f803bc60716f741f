using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Purchasing;
using NodaTime;

namespace Ledger.Domain.Tests.Purchasing;

/// <summary>The purchasing rules that need no database: providers, limits, orders' life and dates (R7, R8, R11, R12, R13).</summary>
public sealed class PurchasingRulesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 9, 0);
    private static readonly LocalDate May20 = new(2026, 5, 20);
    private static readonly LocalDate June1 = new(2026, 6, 1);
    private static readonly PractitionerId Lp = PractitionerId.New();
    private static readonly PractitionerId Holder = PractitionerId.New();

    private static Money Pounds(decimal p) => Money.FromPounds(p);

    private static DelegatedLimit Devon() => DelegatedLimit.Set(Lp, Pounds(100), Pounds(1_000), Pounds(1_500), "BH-01", Now).Value!;

    private static OrderTerms Terms(decimal unitPrice = 50, int quantity = 2, string? spot = null, string? bestInterests = null) =>
        new(ServiceCategory.TherapyHealth, "Speech therapy session", "session", Pounds(unitPrice), quantity, "Speech delay", "Understood at school",
            "Wants to talk to friends", spot, bestInterests);

    private static PurchaseOrder Place(ApprovalRoute route, int quantity = 8)
    {
        var budget = Budget.Individual(BudgetId.New(), AreaId.New(), "CHILD-A7K2", SubjectId.New(), PoolId.New(), FinancialYear.StartingIn(2026), Lp,
            HolderMode.LeadProfessional, BudgetMode.Cash, ClientGroup.EarlyHelp, Now);
        var provider = Provider.Register(ProviderId.New(), budget.Area, "PRV-SPEECH", "Clear Voice Therapy", ProviderSector.Private,
            BankDetails.Create("20-00-00", "12345678", "CLEAR VOICE").Value!, Now).Value!;
        return PurchaseOrder.Place(PurchaseOrderId.New(), budget.Area, budget, budget.Subject!.Value, provider, null, Terms(quantity: quantity), Lp, May20, June1,
            HoldId.New(), route, "key-1", Now);
    }

    [Fact]
    public void Example2_NinetyFivePounds_IsWithinTheLimit_CommittedAtOnce_R11()
    {
        Devon().RouteFor(Pounds(95), Money.Zero).Should().Be(ApprovalRoute.Delegated);
        Devon().RouteFor(Pounds(100), Money.Zero).Should().Be(ApprovalRoute.Delegated, "the limit itself is within delegation");
    }

    [Fact]
    public void Example2_OneHundredAndFortyPounds_WaitsForABudgetHolder_R11() =>
        Devon().RouteFor(Pounds(140), Money.Zero).Should().Be(ApprovalRoute.BudgetHolder);

    [Fact]
    public void Purchase_PastTheMonthlyLimit_WaitsForApproval_EvenWhenSmall_R11()
    {
        Devon().RouteFor(Pounds(50), Pounds(950)).Should().Be(ApprovalRoute.Delegated);
        Devon().RouteFor(Pounds(50), Pounds(950.01m)).Should().Be(ApprovalRoute.BudgetHolder);
    }

    [Fact]
    public void Purchase_AboveThePanelThreshold_GoesToAPanel_R11()
    {
        Devon().RouteFor(Pounds(1_500), Money.Zero).Should().Be(ApprovalRoute.BudgetHolder);
        Devon().RouteFor(Pounds(1_500.01m), Money.Zero).Should().Be(ApprovalRoute.Panel);
    }

    [Fact]
    public void Practitioner_WithoutLimits_HasNoDelegatedAuthority_R11() =>
        DelegatedLimit.None(Lp).RouteFor(Pounds(0.01m), Money.Zero).Should().Be(ApprovalRoute.BudgetHolder);

    [Theory]
    [InlineData(-1, 100, 200)]
    [InlineData(100, 50, 200)]
    [InlineData(100, 1000, 50)]
    [InlineData(100, 1000, 0)]
    public void Limits_ThatContradictEachOther_AreRefused_R11(decimal perPurchase, decimal monthly, decimal panel) =>
        DelegatedLimit.Set(Lp, Pounds(perPurchase), Pounds(monthly), Pounds(panel), "BH", Now).Error!.Code.Should().Be(BudgetErrorCode.InvalidAmount);

    [Fact]
    public void Order_CannotBeApprovedByItsRequester_R11()
    {
        var order = Place(ApprovalRoute.BudgetHolder);
        order.CheckDecision(Lp, null)!.Code.Should().Be(BudgetErrorCode.SelfApproval);
        order.CheckDecision(Holder, null).Should().BeNull();
    }

    [Fact]
    public void Order_DecidedOnce_ASecondApprovalIsRefused_R11()
    {
        var order = Place(ApprovalRoute.BudgetHolder);
        order.Approve(Holder, June1, null);
        order.Status.Should().Be(OrderStatus.Approved);
        order.CheckDecision(Holder, null)!.Code.Should().Be(BudgetErrorCode.NotAwaitingApproval);
    }

    [Fact]
    public void PanelOrder_NeedsThePanelsReference_R11()
    {
        var order = Place(ApprovalRoute.Panel);
        order.CheckDecision(Holder, " ")!.Code.Should().Be(BudgetErrorCode.PanelReferenceRequired);
        order.CheckDecision(Holder, "Panel 2026-06-04 item 3").Should().BeNull();
    }

    [Fact]
    public void DelegatedOrder_IsApprovedAtOnce_OthersWait_R11()
    {
        Place(ApprovalRoute.Delegated).Status.Should().Be(OrderStatus.Approved);
        Place(ApprovalRoute.BudgetHolder).Status.Should().Be(OrderStatus.AwaitingApproval);
        Place(ApprovalRoute.Panel).Status.Should().Be(OrderStatus.AwaitingApproval);
    }

    [Fact]
    public void TimeToService_CountsDaysFromNeedToStart_R12()
    {
        var order = Place(ApprovalRoute.Delegated);
        order.DaysToOrder.Should().Be(12);
        order.DaysToService.Should().BeNull();
        order.ConfirmStart(new LocalDate(2026, 6, 8)).Should().BeNull();
        order.DaysToService.Should().Be(19);
    }

    [Fact]
    public void ServiceStart_BeforeTheOrder_OrAConflictingSecondStart_IsRefused_R12()
    {
        var order = Place(ApprovalRoute.Delegated);
        order.ConfirmStart(new LocalDate(2026, 5, 31))!.Code.Should().Be(BudgetErrorCode.InvalidDates);
        order.ConfirmStart(June1).Should().BeNull();
        order.ConfirmStart(June1).Should().BeNull("confirming the same start again changes nothing");
        order.ConfirmStart(new LocalDate(2026, 6, 2))!.Code.Should().Be(BudgetErrorCode.InvalidDates);
    }

    [Fact]
    public void Order_WithTheNeedIdentifiedAfterTheOrder_IsRefused_R12() =>
        PurchaseOrder.Check(Terms(), June1, May20, spot: false, broker: false)!.Code.Should().Be(BudgetErrorCode.InvalidDates);

    [Fact]
    public void Order_WaitingForApproval_CannotStartOrBeInvoiced_R11()
    {
        var order = Place(ApprovalRoute.BudgetHolder);
        order.ConfirmStart(June1)!.Code.Should().Be(BudgetErrorCode.OrderNotApproved);
        order.CheckInvoice(1)!.Code.Should().Be(BudgetErrorCode.OrderNotApproved);
    }

    [Fact]
    public void Example4_InvoiceForSixOfEightSessions_SettlesThreeHundredPounds_R13()
    {
        var order = Place(ApprovalRoute.Delegated);
        order.Amount.Should().Be(40_000);
        order.ConfirmStart(June1);
        order.CheckInvoice(6).Should().BeNull();
        order.InvoiceAmount(6).Should().Be(Pounds(300));
    }

    [Fact]
    public void Invoice_ForMoreUnitsThanOrdered_OrNone_OrBeforeStart_IsRefused_R13()
    {
        var order = Place(ApprovalRoute.Delegated);
        order.CheckInvoice(2)!.Code.Should().Be(BudgetErrorCode.DeliveryNotConfirmed);
        order.ConfirmStart(June1);
        order.CheckInvoice(9)!.Code.Should().Be(BudgetErrorCode.UnitsExceedOrder);
        order.CheckInvoice(0)!.Code.Should().Be(BudgetErrorCode.InvalidQuantity);
        order.MarkInvoiced();
        order.CheckInvoice(1)!.Code.Should().Be(BudgetErrorCode.OrderAlreadyInvoiced);
        order.CheckCancel()!.Code.Should().Be(BudgetErrorCode.OrderAlreadyInvoiced);
    }

    [Fact]
    public void CancelledOrder_CannotBeInvoiced_R9()
    {
        var order = Place(ApprovalRoute.Delegated);
        order.CheckCancel().Should().BeNull();
        order.Cancel("Family moved away");
        order.CheckInvoice(1)!.Code.Should().Be(BudgetErrorCode.OrderClosed);
        order.CheckCancel()!.Code.Should().Be(BudgetErrorCode.OrderClosed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(10_001)]
    public void Order_WithAQuantityOutOfRange_IsRefused_R8(int quantity) =>
        PurchaseOrder.Check(Terms(quantity: quantity), May20, June1, spot: false, broker: false)!.Code.Should().Be(BudgetErrorCode.InvalidQuantity);

    [Fact]
    public void SpotPurchase_WithoutAReason_IsRefused_R8()
    {
        PurchaseOrder.Check(Terms(), May20, June1, spot: true, broker: false)!.Code.Should().Be(BudgetErrorCode.ReasonRequired);
        PurchaseOrder.Check(Terms(spot: "No catalogue provider within 20 miles"), May20, June1, spot: true, broker: false).Should().BeNull();
    }

    [Fact]
    public void BrokersOrder_WithoutABestInterestsReason_IsRefused()
    {
        PurchaseOrder.Check(Terms(), May20, June1, spot: false, broker: true)!.Code.Should().Be(BudgetErrorCode.ReasonRequired);
        PurchaseOrder.Check(Terms(bestInterests: "Keeps him in his school"), May20, June1, spot: false, broker: true).Should().BeNull();
    }

    [Fact]
    public void Order_Amount_IsQuantityTimesUnitPrice_ExactToThePenny_R8() =>
        Terms(unitPrice: 12.33m, quantity: 7).Amount.Should().Be(Pounds(86.31m));

    [Theory]
    [InlineData("200000", "12345678", "A NAME")]
    [InlineData("20-00-00", "12345678", "A NAME")]
    [InlineData("20 00 00", "12345678", "a name")]
    public void BankDetails_InUsualForms_AreAccepted_R7(string sort, string account, string name)
    {
        var bank = BankDetails.Create(sort, account, name).Value!;
        bank.SortCode.Should().Be("200000");
        bank.FormattedSortCode.Should().Be("20-00-00");
        bank.AccountName.Should().Be("A NAME");
    }

    [Theory]
    [InlineData("2000", "12345678", "NAME")]
    [InlineData("20000A", "12345678", "NAME")]
    [InlineData("200000", "1234567", "NAME")]
    [InlineData("200000", "12345678", "")]
    [InlineData("200000", "12345678", "A NAME THAT IS FAR TOO LONG")]
    [InlineData("200000", "12345678", "SMITH, JONES")]
    public void BankDetails_Malformed_AreRefused_R7(string sort, string account, string name) =>
        BankDetails.Create(sort, account, name).Error!.Code.Should().Be(BudgetErrorCode.InvalidBankDetails);

    [Fact]
    public void Provider_Suspended_CannotReceiveOrders_UntilReinstated_R7()
    {
        var provider = Provider.Register(ProviderId.New(), AreaId.New(), "PRV-1", "A provider", ProviderSector.Voluntary,
            BankDetails.Create("20-00-00", "12345678", "A PROVIDER").Value!, Now).Value!;
        provider.CanReceiveOrders.Should().BeTrue();
        provider.Suspend("")!.Code.Should().Be(BudgetErrorCode.ReasonRequired);
        provider.Suspend("Safeguarding concern under review").Should().BeNull();
        provider.CanReceiveOrders.Should().BeFalse();
        provider.Reinstate();
        provider.CanReceiveOrders.Should().BeTrue();
    }

    [Fact]
    public void ServiceItem_NeedsAUnitAndAPositivePrice_R8()
    {
        var provider = ProviderId.New();
        ServiceItem.Create(ServiceItemId.New(), AreaId.New(), "SALT", "Speech therapy", provider, ServiceCategory.TherapyHealth, "session", Money.Zero).Error!.Code
            .Should().Be(BudgetErrorCode.InvalidAmount);
        ServiceItem.Create(ServiceItemId.New(), AreaId.New(), "SALT", "Speech therapy", provider, ServiceCategory.TherapyHealth, " ", Pounds(50)).Error!.Code
            .Should().Be(BudgetErrorCode.InvalidRequest);
        ServiceItem.Create(ServiceItemId.New(), AreaId.New(), "SALT", "Speech therapy", provider, ServiceCategory.TherapyHealth, "session", Pounds(50)).Succeeded
            .Should().BeTrue();
    }

    [Theory]
    [InlineData("INV-2026/001", true)]
    [InlineData("", false)]
    [InlineData("INV 1", false)]
    [InlineData("=cmd|' /C calc'!A0", false)]
    public void InvoiceNumber_IsAShortPlainCode_R13(string number, bool ok) =>
        (Invoice.CheckNumber(number) is null).Should().Be(ok);
}
