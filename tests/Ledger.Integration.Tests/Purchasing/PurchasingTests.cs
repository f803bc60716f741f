using System.Globalization;
using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Application.Demo;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Purchasing;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;
using static Ledger.Integration.Tests.Purchasing.PurchasingWorld;

namespace Ledger.Integration.Tests.Purchasing;

/// <summary>
/// Purchasing (R7–R13, worked examples 1–4) on a real database through the real migrations: providers,
/// the catalogue and spot purchases, orders held and split across streams, delegated limits and
/// approvals, concurrency, dates, invoices settling holds, and payment runs with their files. Every
/// refusal is checked to write nothing; scenarios end with the ledger verifier. Each provider runs the
/// same tests (subclasses at the end of the file).
/// </summary>
public abstract class PurchasingTests
{
    private static readonly LocalDate June2 = new(2026, 6, 2);
    private static readonly LocalDate June8 = new(2026, 6, 8);
    private static readonly LocalDate June30 = new(2026, 6, 30);
    private static readonly LocalDate July3 = new(2026, 7, 3);

    protected abstract DatabaseProvider Provider { get; }

    private Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreateAsync(Provider);

    private static Dictionary<string, Money> Streams(decimal csc, decimal nhs) => new() { ["CSC-2026"] = Pounds(csc), ["NHS-2026"] = Pounds(nhs) };

    private static void Refused<T>(Result<T> result, BudgetErrorCode code)
    {
        result.Succeeded.Should().BeFalse($"{code} was expected");
        result.Error!.Code.Should().Be(code, result.Error.Message);
    }

    // ---- Worked example 1 / R10: which stream pays ----

    [Fact]
    public async Task Example1_TherapyDrawsOnRestrictedHealthFirst_LeisureCannotUseHealth_R10()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(2_000, 500));

        // £300 of speech therapy: the restricted NHS stream pays first, the council stream is untouched.
        var therapy = await w.PlaceAsync("ex1-therapy", SpeechSession, 6);
        therapy.Amount.Should().Be(30_000);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(2_000, 200));
        (await w.HoldLegsAsync(therapy)).Should().Equal(("NHS-2026", Pounds(300), Money.Zero));

        // £200 of leisure: NHS money may not pay for it, even though it has £200 left.
        var swimming = await w.PlaceAsync("ex1-leisure", SwimSession, 10);
        swimming.Amount.Should().Be(20_000);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_800, 200));
        (await w.HoldLegsAsync(swimming)).Should().Equal(("CSC-2026", Pounds(200), Money.Zero));

        // More therapy than NHS has left: NHS gives all it has, the council stream the rest.
        var more = await w.PlaceAsync("ex1-more", SpeechSession, 6);
        (await w.HoldLegsAsync(more)).Should().BeEquivalentTo(new[] { ("NHS-2026", Pounds(200), Money.Zero), ("CSC-2026", Pounds(100), Money.Zero) });
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_700, 0));
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Example1_ProRataPolicy_SplitsExactlyToThePenny_OneHoldLegPerAllowedStream_R10()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db, SplitPolicy.ProRata);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(2_000, 500));

        // £300 of therapy pro rata to what each allowed stream has available (4:1).
        var therapy = await w.PlaceAsync("pr-therapy", SpeechSession, 6);
        (await w.HoldLegsAsync(therapy)).Should().BeEquivalentTo(new[] { ("CSC-2026", Pounds(240), Money.Zero), ("NHS-2026", Pounds(60), Money.Zero) });
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_760, 440));

        // £33.33 does not divide 4:1 into pence: £26.664 / £6.666 becomes £26.66 + £6.67, nothing lost or made up.
        var odd = Ok(await w.Purchasing.PlaceOrderAsync(Spot("pr-odd", Speech, ServiceCategory.TherapyHealth, 33.33m, 1)));
        odd.Amount.Should().Be(3_333);
        var legs = await w.HoldLegsAsync(odd);
        legs.Should().BeEquivalentTo(new[] { ("CSC-2026", Pounds(26.66m), Money.Zero), ("NHS-2026", Pounds(6.67m), Money.Zero) });
        legs.Sum(l => l.Amount.Pence).Should().Be(odd.Amount);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_733.34m, 433.33m));

        // Leisure: only the council stream is allowed, so one leg whatever the policy.
        var swimming = await w.PlaceAsync("pr-leisure", SwimSession, 10);
        (await w.HoldLegsAsync(swimming)).Should().Equal(("CSC-2026", Pounds(200), Money.Zero));
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_533.34m, 433.33m));

        await using (var context = db.CreateContext())
        {
            (await context.HoldLegs.CountAsync()).Should().Be(5, "two legs for each therapy order, one for leisure");
            var perHold = await context.HoldLegs.GroupBy(l => l.Hold).Select(g => new { g.Key, Legs = g.Count(), Streams = g.Select(l => l.Stream).Distinct().Count() })
                .ToListAsync();
            perHold.Should().AllSatisfy(h => h.Streams.Should().Be(h.Legs, "one leg per stream"));
        }

        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Example1_CategoryNoStreamOfTheBudgetAllows_IsRefusedWithCategoryNotAllowed_AndNothingIsWritten_R10()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        // Ben's budget comes from a pool whose only money is NHS therapy money.
        Ok(await w.Budgets.Funding.CreatePoolAsync(new PoolRequest(AreaCode, "THERAPY-POOL", "Therapy only", Year, Ok(ResourceAllocationRule.Points(Pounds(150))))));
        await w.Budgets.ContributeAsync("THERAPY-POOL", "NHS-2026", 300);
        var assessment = Ok(await w.Budgets.AssessAsync(Ben, ClientGroup.EarlyHelp, "THERAPY-POOL"));
        Ok(await w.Budgets.Allocations.AllocateAsync(Decide("alloc-ben", assessment.Id, 300)));
        (await w.AvailableAsync(BenBudget)).Should().BeEquivalentTo(new Dictionary<string, Money> { ["NHS-2026"] = Pounds(300) });

        var before = await w.SnapshotAsync();
        Refused(await w.Purchasing.PlaceOrderAsync(Order("ben-swim", SwimSession, 1, budget: BenBudget)), BudgetErrorCode.CategoryNotAllowed);
        Refused(await w.Purchasing.PlaceOrderAsync(Spot("ben-taxi", Pa, ServiceCategory.Transport, 10, 1, budget: BenBudget)), BudgetErrorCode.CategoryNotAllowed);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        // Therapy it may buy.
        var therapy = Ok(await w.Purchasing.PlaceOrderAsync(Order("ben-salt", SpeechSession, 2, budget: BenBudget)));
        (await w.HoldLegsAsync(therapy)).Should().Equal(("NHS-2026", Pounds(100), Money.Zero));
        await w.Budgets.VerifyAsync();
    }

    // ---- Worked example 2 / R11: delegated limits and approval ----

    [Fact]
    public async Task Example2_WithinTheDelegatedLimit_IsApprovedAtOnce_UpToAndIncludingTheLimit_R11()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        var small = Ok(await w.Purchasing.PlaceOrderAsync(Spot("ex2-95", Pa, ServiceCategory.PracticalHousehold, 95, 1)));
        small.Status.Should().Be(OrderStatus.Approved, "£95 is within LP-0001's £100 limit");
        small.Route.Should().Be(ApprovalRoute.Delegated);
        small.DecidedBy.Should().BeNull();
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_905, 500), "the money is committed at once");

        var atLimit = await w.PlaceAsync("ex2-100", SwimSession, 5);
        atLimit.Status.Should().Be(OrderStatus.Approved, "exactly £100 is within the limit");
        atLimit.Route.Should().Be(ApprovalRoute.Delegated);

        var justOver = Ok(await w.Purchasing.PlaceOrderAsync(Spot("ex2-100.01", Pa, ServiceCategory.PracticalHousehold, 100.01m, 1)));
        justOver.Status.Should().Be(OrderStatus.AwaitingApproval, "one penny over the limit waits");
        justOver.Route.Should().Be(ApprovalRoute.BudgetHolder);

        // The provider may act on the approved one at once.
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, small.Reference, June2));
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Example2_AboveTheDelegatedLimit_WaitsWithMoneyHeld_RequesterCannotApprove_BudgetHolderApprovesOnce_R11()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        var order = await w.PlaceAsync("ex2-140", FamilyWork, 4);
        order.Amount.Should().Be(14_000);
        order.Status.Should().Be(OrderStatus.AwaitingApproval);
        order.Route.Should().Be(ApprovalRoute.BudgetHolder);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_860, 500), "a waiting order's money is already held");

        // The provider cannot start a service that is not approved.
        var before = await w.SnapshotAsync();
        Refused(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, June8), BudgetErrorCode.OrderNotApproved);

        // The lead professional who asked cannot approve it.
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Lp, true, June2)), BudgetErrorCode.SelfApproval);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        // A budget holder does.
        var approved = await w.ApproveAsync(order.Reference);
        approved.Status.Should().Be(OrderStatus.Approved);
        approved.DecidedOn.Should().Be(June2);
        await using (var context = db.CreateContext())
        {
            (await w.StoredAsync(order.Reference)).DecidedBy.Should().Be((await context.Practitioners.SingleAsync(p => p.Code == Holder)).Id);
        }

        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_860, 500), "approval commits the money already held");

        // Approving twice changes nothing.
        var afterFirst = await w.SnapshotAsync();
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder, true, June2)), BudgetErrorCode.NotAwaitingApproval);
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder, false, June2, "Changed my mind")),
            BudgetErrorCode.NotAwaitingApproval);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(afterFirst);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_860, 500));
        await using (var context = db.CreateContext())
        {
            (await context.Holds.CountAsync()).Should().Be(1);
            (await context.DelegatedMonths.AnyAsync()).Should().BeFalse("an order approved by a budget holder is not delegated spending");
        }

        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Example2_APractitionerWhoIsNotABudgetHolder_CannotDecide_NotPermitted_R11()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var order = await w.PlaceAsync("ex2-np", FamilyWork, 4);
        var before = await w.SnapshotAsync();

        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Lp2, true, June2)), BudgetErrorCode.NotPermitted);
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Lp2, false, June2, "Too dear")), BudgetErrorCode.NotPermitted);
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Broker, true, June2)), BudgetErrorCode.NotPermitted);
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, "NOBODY", true, June2)), BudgetErrorCode.UnknownPractitioner);
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, "PO-000000000000", Holder, true, June2)), BudgetErrorCode.UnknownOrder);

        // Nor may anyone but a budget holder set delegated limits.
        Refused(await w.Purchasing.SetLimitsAsync(new LimitRequest(AreaCode, Lp, Pounds(10_000), Pounds(10_000), Pounds(10_000), Lp)), BudgetErrorCode.NotPermitted);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        (await w.StoredAsync(order.Reference)).Status.Should().Be(OrderStatus.AwaitingApproval);
    }

    [Fact]
    public async Task Example2_TwoConcurrentApprovals_ExactlyOneSucceeds_AndTheMoneyIsHeldOnce_R11()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        await w.AddSecondHolderAsync();
        await using var other = Client(db);
        var otherPurchasing = other.GetRequiredService<PurchasingService>();

        for (var round = 0; round < 3; round++)
        {
            var order = await w.PlaceAsync($"ex2-race-{round}", FamilyWork, 4);
            var available = await w.AmyAvailableAsync();
            var results = await Task.WhenAll(
                Task.Run(() => w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder, true, June2))),
                Task.Run(() => otherPurchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder2, true, June2))));

            results.Count(r => r.Succeeded).Should().Be(1, string.Join(" | ", results.Select(r => r.Error?.ToString() ?? "approved")));
            results.Single(r => !r.Succeeded).Error!.Code.Should().Be(BudgetErrorCode.NotAwaitingApproval);
            var stored = await w.StoredAsync(order.Reference);
            stored.Status.Should().Be(OrderStatus.Approved);
            stored.Version.Should().Be(1, "exactly one decision was written");
            (await w.AmyAvailableAsync()).Should().BeEquivalentTo(available);
        }

        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(2_000 - (3 * 140), 500));
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Example2_MonthlyLimit_OrdersWithinThePerPurchaseLimitButPastTheMonthlyTotal_WaitForApproval_R11()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        // Ten £100 orders in June: exactly LP-0001's £1,000 a month, all committed at once.
        for (var i = 0; i < 10; i++)
        {
            var order = await w.PlaceAsync($"month-{i}", SwimSession, 5);
            order.Status.Should().Be(OrderStatus.Approved, $"order {i + 1} keeps June's delegated total within £1,000");
        }

        // A £20 order is within the per-purchase limit but would take June past £1,000: it waits.
        var eleventh = await w.PlaceAsync("month-10", SwimSession, 1);
        eleventh.Status.Should().Be(OrderStatus.AwaitingApproval);
        eleventh.Route.Should().Be(ApprovalRoute.BudgetHolder);

        // July is a new month.
        var july = Ok(await w.Purchasing.PlaceOrderAsync(Order("month-july", SwimSession, 1, on: new LocalDate(2026, 7, 1))));
        july.Status.Should().Be(OrderStatus.Approved);

        await using (var context = db.CreateContext())
        {
            var months = await context.DelegatedMonths.OrderBy(m => m.Month).Select(m => new { m.Month, m.Committed }).ToListAsync();
            months.Should().Equal(new { Month = 202606, Committed = 100_000L }, new { Month = 202607, Committed = 2_000L });
        }

        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(2_000 - 1_000 - 20 - 20, 500), "the waiting order's money is held too");
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Example2_AboveThePanelThreshold_RoutesToAPanel_WhoseDecisionNeedsItsReference_R11()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        var big = await w.PlaceAsync("panel-1550", SpeechSession, 31);
        big.Amount.Should().Be(155_000);
        big.Route.Should().Be(ApprovalRoute.Panel);
        big.Status.Should().Be(OrderStatus.AwaitingApproval);

        var before = await w.SnapshotAsync();
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, big.Reference, Holder, true, June2)), BudgetErrorCode.PanelReferenceRequired);
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, big.Reference, Holder, true, June2, "   ")), BudgetErrorCode.PanelReferenceRequired);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        var approved = await w.ApproveAsync(big.Reference, note: "PANEL-2026-014");
        approved.Status.Should().Be(OrderStatus.Approved);
        approved.DecisionNote.Should().Be("PANEL-2026-014");
        (await w.StoredAsync(big.Reference)).DecisionNote.Should().Be("PANEL-2026-014");

        // Exactly at the threshold a budget holder decides alone.
        Ok(await w.Purchasing.CancelAsync(AreaCode, big.Reference, "Replaced by a smaller package"));
        var atThreshold = await w.PlaceAsync("panel-1500", SpeechSession, 30);
        atThreshold.Route.Should().Be(ApprovalRoute.BudgetHolder);
        (await w.ApproveAsync(atThreshold.Reference)).Status.Should().Be(OrderStatus.Approved);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Example2_Rejection_NeedsAReason_AndReleasesTheHoldToTheStreamsExactly_R11()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        var order = await w.PlaceAsync("reject-600", SpeechSession, 12);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_900, 0), "£600 of therapy: NHS's £500 first, then £100 of council money");

        var before = await w.SnapshotAsync();
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder, false, June2)), BudgetErrorCode.ReasonRequired);
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder, false, June2, " ")), BudgetErrorCode.ReasonRequired);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        var rejected = Ok(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder, false, June2, "A free NHS service is available")));
        rejected.Status.Should().Be(OrderStatus.Rejected);
        rejected.DecisionNote.Should().Be("A free NHS service is available");
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(2_000, 500));
        (await w.HoldAsync(order)).Status.Should().Be(HoldStatus.Voided);

        // A rejected order is closed: no second decision, no delivery, no cancellation.
        var afterReject = await w.SnapshotAsync();
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder, true, June2)), BudgetErrorCode.NotAwaitingApproval);
        Refused(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, June8), BudgetErrorCode.OrderClosed);
        Refused(await w.Purchasing.CancelAsync(AreaCode, order.Reference, "Tidy up"), BudgetErrorCode.OrderClosed);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(afterReject);
        (await w.Purchasing.SweepAsync()).Should().Be(0);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Example2_PractitionerWithNoLimitsSet_EveryOrderWaits_R11()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        Ok(await w.Budgets.People.AssignCaseloadAsync(AreaCode, Lp2, Amy, April1));

        var tiny = await w.PlaceAsync("nolimit-1", SwimSession, 1, requestedBy: Lp2);
        tiny.Amount.Should().Be(2_000);
        tiny.Status.Should().Be(OrderStatus.AwaitingApproval, "LP-0002 has no delegated authority");
        tiny.Route.Should().Be(ApprovalRoute.BudgetHolder);
        var spot = Ok(await w.Purchasing.PlaceOrderAsync(Spot("nolimit-2", Pa, ServiceCategory.PracticalHousehold, 0.01m, 1, requestedBy: Lp2)));
        spot.Status.Should().Be(OrderStatus.AwaitingApproval, "even a penny waits");

        // LP-0001 (not the requester) is not a budget holder; BH-01 is.
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, tiny.Reference, Lp, true, June2)), BudgetErrorCode.NotPermitted);
        (await w.ApproveAsync(tiny.Reference)).Status.Should().Be(OrderStatus.Approved);
        await using (var context = db.CreateContext())
        {
            (await context.DelegatedMonths.AnyAsync()).Should().BeFalse();
        }

        await w.Budgets.VerifyAsync();
    }

    // ---- Worked example 3 / R26 through purchasing: concurrent spending ----

    [Fact]
    public async Task Example3_FortyConcurrentOrdersOfFiftyPounds_FromFourClients_ExactlyTwentySucceed_AvailableEndsAtZero_R26()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        await w.LeadProfessionalBudgetAsync(1_000);
        (await w.AvailableAsync(LpBudget, AccountKind.LeadProfessionalBudget)).Should().BeEquivalentTo(new Dictionary<string, Money> { ["CSC-2026"] = Pounds(1_000) });

        var clients = Enumerable.Range(0, 4).Select(_ => Client(db)).ToList();
        Result<PurchaseOrder>[] results;
        try
        {
            results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
                clients[i % clients.Count].GetRequiredService<PurchasingService>()
                    .PlaceOrderAsync(Order($"ex3-{i:00}", SpeechSession, 1, budget: LpBudget, subject: i % 2 == 0 ? Amy : Ben)))));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        var summary = string.Join(" | ", results.Where(r => !r.Succeeded).Select(r => r.Error!.ToString()).Distinct());
        results.Count(r => r.Succeeded).Should().Be(20, summary);
        results.Where(r => !r.Succeeded).Should().AllSatisfy(r => r.Error!.Code.Should().Be(BudgetErrorCode.InsufficientFunds, r.Error.Message));
        results.Where(r => r.Succeeded).Select(r => r.Value!.Id).Distinct().Should().HaveCount(20);
        (await w.AvailableAsync(LpBudget, AccountKind.LeadProfessionalBudget)).Should().BeEquivalentTo(new Dictionary<string, Money> { ["CSC-2026"] = Money.Zero });

        await using (var context = db.CreateContext())
        {
            (await context.PurchaseOrders.CountAsync()).Should().Be(20);
            var holds = await context.Holds.Where(h => h.Status == HoldStatus.Open).Select(h => h.Amount).ToListAsync();
            holds.Should().HaveCount(20).And.AllSatisfy(a => a.Should().Be(5_000));
            var orders = await context.PurchaseOrders.Select(o => new { o.Route, o.Amount }).ToListAsync();
            var delegated = orders.Where(o => o.Route == ApprovalRoute.Delegated).Sum(o => o.Amount);
            var month = await context.DelegatedMonths.SingleAsync();
            month.Month.Should().Be(202606);
            orders.Should().AllSatisfy(o => o.Route.Should().Be(ApprovalRoute.Delegated, "twenty £50 orders are exactly LP-0001's £1,000 a month"));
            month.Committed.Should().Be(delegated, "the month's delegated total is exactly the delegated orders, however they raced");
            month.Committed.Should().Be(100_000);
        }

        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task ConcurrentOrders_DrainingTheRestrictedStream_SpillOverToTheOtherAllowedStream_AndAllSucceed_R10_R26()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        // Thirty £50 therapy orders at once from three clients: £1,500 of the £2,500 therapy may use. NHS's £500 runs out
        // after ten; the rest must come from council money, not be refused while the budget still has it.
        var clients = Enumerable.Range(0, 3).Select(_ => Client(db)).ToList();
        Result<PurchaseOrder>[] results;
        try
        {
            results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
                clients[i % clients.Count].GetRequiredService<PurchasingService>().PlaceOrderAsync(Order($"spill-{i:00}", SpeechSession, 1)))));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        // A request refused under the race must at least succeed when the client retries it with its key.
        var refused = Enumerable.Range(0, 30).Where(i => !results[i].Succeeded).ToList();
        var retried = new List<string>();
        foreach (var i in refused)
        {
            var retry = await w.Purchasing.PlaceOrderAsync(Order($"spill-{i:00}", SpeechSession, 1));
            retried.AddRange(retry.Succeeded ? [] : [$"spill-{i:00}: {retry.Error}"]);
        }

        using (new FluentAssertions.Execution.AssertionScope())
        {
            refused.Select(i => results[i].Error!.ToString()).Should().BeEmpty("the budget has £2,500 for therapy and only £1,500 was asked for");
            retried.Should().BeEmpty("retrying a refused order with its key, while the budget has the money, must not be refused again");
        }

        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_000, 0));
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task MonthlyLimit_ConcurrentDelegatedOrders_CannotTogetherPassIt_R11()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        // Thirty £60 leisure orders at once (council money only, £1,800 of £2,000): sixteen fit in LP-0001's £1,000 month.
        await using var other = Client(db);
        var clients = new[] { w.Purchasing, other.GetRequiredService<PurchasingService>() };
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => clients[i % 2].PlaceOrderAsync(Order($"month-race-{i:00}", SwimSession, 3)))));

        results.Where(r => !r.Succeeded).Select(r => r.Error!.ToString()).Should().BeEmpty();
        results.Count(r => r.Value!.Route == ApprovalRoute.Delegated).Should().Be(16);
        results.Where(r => r.Value!.Route != ApprovalRoute.Delegated).Should().AllSatisfy(r => r.Value!.Status.Should().Be(OrderStatus.AwaitingApproval));
        await using (var context = db.CreateContext())
        {
            (await context.DelegatedMonths.SingleAsync()).Committed.Should().Be(96_000);
        }

        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(200, 500));
        await w.Budgets.VerifyAsync();
    }

    // ---- Worked example 4 / R13: partial settlement ----

    [Fact]
    public async Task Example4_SixOfEightSessionsInvoiced_ThreeHundredPayable_OneHundredReleasedToTheStreamsItCameFrom_R13()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        // Example 1 first leaves NHS with £200, so the £400 order is held half on NHS, half on council money.
        await w.PlaceAsync("ex4-earlier", SpeechSession, 6);
        var order = await w.PlaceAsync("ex4-400", SpeechSession, 8);
        order.Amount.Should().Be(40_000);
        order.Status.Should().Be(OrderStatus.AwaitingApproval);
        (await w.HoldLegsAsync(order)).Should().BeEquivalentTo(new[] { ("NHS-2026", Pounds(200), Money.Zero), ("CSC-2026", Pounds(200), Money.Zero) });
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_800, 0));

        await w.ApproveAsync(order.Reference);
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, June8));
        var invoice = Ok(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "CV-0042", 6, June30)));

        invoice.Amount.Should().Be(30_000);
        invoice.Units.Should().Be(6);
        (await w.StoredAsync(order.Reference)).Status.Should().Be(OrderStatus.Invoiced);
        (await w.OwedAsync(Speech)).Should().BeEquivalentTo(Streams(150, 150), "£300 payable to the provider, split as the hold was");
        (await w.HoldLegsAsync(order)).Should().BeEquivalentTo(new[] { ("NHS-2026", Pounds(200), Pounds(150)), ("CSC-2026", Pounds(200), Pounds(150)) });
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_850, 50), "the unused £100 goes back £50 to each stream it came from");
        var hold = await w.HoldAsync(order);
        hold.Status.Should().Be(HoldStatus.Posted);
        hold.PostedAmount.Should().Be(30_000);

        await using (var context = db.CreateContext())
        {
            var settlement = await context.JournalEntries.Include(e => e.Postings).SingleAsync(e => e.Id == invoice.SettlementEntry);
            settlement.Kind.Should().Be(EntryKind.Settlement);
            settlement.SettlesHold.Should().Be(order.Hold);
            settlement.EffectiveDate.Should().Be(June30);
            settlement.Postings.GroupBy(p => p.Stream).Should().AllSatisfy(g => g.Sum(p => p.Amount).Should().Be(0, "each stream balances (R23)"));
        }

        await w.Budgets.VerifyAsync();
    }

    // ---- R7: providers ----

    [Fact]
    public async Task SuspendedProvider_CannotReceiveNewOrders_ButItsApprovedOrderIsStillInvoicedAndPaid_AndOnceReinstatedItCan_R7()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var existing = await w.PlaceAsync("r7-existing", SpeechSession, 2);
        existing.Status.Should().Be(OrderStatus.Approved);

        var before = await w.SnapshotAsync();
        Refused(await w.Purchasing.SetProviderStatusAsync(AreaCode, Speech, ProviderStatus.Suspended, null), BudgetErrorCode.ReasonRequired);
        Refused(await w.Purchasing.SetProviderStatusAsync(AreaCode, "PRV-NOBODY", ProviderStatus.Suspended, "Unknown"), BudgetErrorCode.UnknownProvider);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        var suspended = Ok(await w.Purchasing.SetProviderStatusAsync(AreaCode, Speech, ProviderStatus.Suspended, "Safeguarding review"));
        suspended.Status.Should().Be(ProviderStatus.Suspended);
        suspended.SuspensionReason.Should().Be("Safeguarding review");

        var afterSuspension = await w.SnapshotAsync();
        Refused(await w.Purchasing.PlaceOrderAsync(Order("r7-new", SpeechSession, 1)), BudgetErrorCode.ProviderSuspended);
        Refused(await w.Purchasing.PlaceOrderAsync(Spot("r7-spot", Speech, ServiceCategory.TherapyHealth, 40, 1)), BudgetErrorCode.ProviderSuspended);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(afterSuspension);

        // The order placed before the suspension is still delivered, invoiced and paid.
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, existing.Reference, June8));
        Ok(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, existing.Reference, "CV-7", 2, June30)));
        var run = Ok(await w.PaymentRuns.RunAsync(AreaCode, July3));
        run.Payments.Should().ContainSingle().Which.Should().Match<ProviderRemittance>(p => p.Provider.Code == Speech && p.Amount == Pounds(100));
        (await w.OwedAsync(Speech)).Values.Should().AllSatisfy(m => m.Should().Be(Money.Zero));

        var reinstated = Ok(await w.Purchasing.SetProviderStatusAsync(AreaCode, Speech, ProviderStatus.Approved, null));
        reinstated.Status.Should().Be(ProviderStatus.Approved);
        reinstated.SuspensionReason.Should().BeNull();
        (await w.PlaceAsync("r7-after", SpeechSession, 1)).Status.Should().Be(OrderStatus.Approved);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Provider_WithInvalidBankDetails_OrADuplicateCode_IsRefused_AndNothingIsWritten_R7()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var before = await w.SnapshotAsync();

        ProviderRequest Request(string code = "PRV-NEW", string sort = "20-00-01", string account = "87654321", string name = "NEW TUTORS") =>
            new(AreaCode, code, "New Tutors", ProviderSector.Private, sort, account, name);

        Refused(await w.Purchasing.RegisterProviderAsync(Request(sort: "20-00")), BudgetErrorCode.InvalidBankDetails);
        Refused(await w.Purchasing.RegisterProviderAsync(Request(sort: "AB-CD-EF")), BudgetErrorCode.InvalidBankDetails);
        Refused(await w.Purchasing.RegisterProviderAsync(Request(account: "1234567")), BudgetErrorCode.InvalidBankDetails);
        Refused(await w.Purchasing.RegisterProviderAsync(Request(account: "1234567X")), BudgetErrorCode.InvalidBankDetails);
        Refused(await w.Purchasing.RegisterProviderAsync(Request(name: "")), BudgetErrorCode.InvalidBankDetails);
        Refused(await w.Purchasing.RegisterProviderAsync(Request(name: "TUTORS, LTD")), BudgetErrorCode.InvalidBankDetails);
        Refused(await w.Purchasing.RegisterProviderAsync(Request(name: "A NAME MUCH TOO LONG FOR BACS")), BudgetErrorCode.InvalidBankDetails);
        Refused(await w.Purchasing.RegisterProviderAsync(Request(code: Speech)), BudgetErrorCode.DuplicateCode);
        Refused(await w.Purchasing.AddServiceAsync(new ServiceRequest(AreaCode, SpeechSession, "Again", Speech, ServiceCategory.TherapyHealth, "session", Pounds(1))),
            BudgetErrorCode.DuplicateCode);
        Refused(await w.Purchasing.AddServiceAsync(new ServiceRequest(AreaCode, "NEW-ITEM", "Item", "PRV-NOBODY", ServiceCategory.Equipment, "item", Pounds(1))),
            BudgetErrorCode.UnknownProvider);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        // Dashes and spaces in a sort code are accepted and stored as six digits; names are upper-cased for BACS.
        var added = Ok(await w.Purchasing.RegisterProviderAsync(Request(sort: "20 00 01", name: "new tutors")));
        added.SortCode.Should().Be("200001");
        added.Bank.FormattedSortCode.Should().Be("20-00-01");
        added.AccountName.Should().Be("NEW TUTORS");
        added.Status.Should().Be(ProviderStatus.Approved);
    }

    // ---- R8: the catalogue and spot purchases ----

    [Fact]
    public async Task SpotPurchase_NeedsAReasonAProviderAndACategory_R8()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var before = await w.SnapshotAsync();

        Refused(await w.Purchasing.PlaceOrderAsync(Spot("spot-1", Pa, ServiceCategory.PracticalHousehold, 15, 4, reason: null)), BudgetErrorCode.ReasonRequired);
        Refused(await w.Purchasing.PlaceOrderAsync(Spot("spot-2", Pa, ServiceCategory.PracticalHousehold, 15, 4, reason: "  ")), BudgetErrorCode.ReasonRequired);
        Refused(await w.Purchasing.PlaceOrderAsync(Spot("spot-3", Pa, ServiceCategory.PracticalHousehold, 15, 4) with { Provider = null }), BudgetErrorCode.InvalidRequest);
        Refused(await w.Purchasing.PlaceOrderAsync(Spot("spot-4", Pa, ServiceCategory.PracticalHousehold, 15, 4) with { Category = null }), BudgetErrorCode.InvalidRequest);
        Refused(await w.Purchasing.PlaceOrderAsync(Spot("spot-5", "PRV-NOBODY", ServiceCategory.PracticalHousehold, 15, 4)), BudgetErrorCode.UnknownProvider);
        Refused(await w.Purchasing.PlaceOrderAsync(Spot("spot-6", Pa, (ServiceCategory)99, 15, 4)), BudgetErrorCode.InvalidRequest);
        Refused(await w.Purchasing.PlaceOrderAsync(Spot("spot-7", Pa, ServiceCategory.PracticalHousehold, 0, 4)), BudgetErrorCode.InvalidAmount);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        var order = Ok(await w.Purchasing.PlaceOrderAsync(Spot("spot-ok", Pa, ServiceCategory.PracticalHousehold, 15, 4)));
        order.ServiceItem.Should().BeNull();
        order.Category.Should().Be(ServiceCategory.PracticalHousehold);
        order.SpotReason.Should().Be("No catalogue provider within reach");
        order.UnitPrice.Should().Be(1_500);
        order.Amount.Should().Be(6_000);
        order.Unit.Should().Be("visit");
        (await w.StoredAsync(order.Reference)).SpotReason.Should().Be("No catalogue provider within reach");
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task CatalogueOrder_CopiesTheCataloguePriceUnitAndCategory_UnknownServiceIsRefused_R8()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var before = await w.SnapshotAsync();

        Refused(await w.Purchasing.PlaceOrderAsync(Order("cat-1", "NO-SUCH-SERVICE", 1)), BudgetErrorCode.UnknownService);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("cat-2", SpeechSession, 1) with { UnitPrice = Pounds(1) }), BudgetErrorCode.InvalidRequest);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("cat-3", SpeechSession, 1) with { Provider = Leisure }), BudgetErrorCode.InvalidRequest);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("cat-4", SpeechSession, 1, budget: "IB-NOBODY-2026")), BudgetErrorCode.UnknownBudget);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("cat-5", SpeechSession, 1) with { Area = "NOWHERE" }), BudgetErrorCode.UnknownArea);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("cat-6", SpeechSession, 1) with { Need = " " }), BudgetErrorCode.InvalidRequest);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        var order = await w.PlaceAsync("cat-ok", SpeechSession, 1);
        order.ServiceItem.Should().NotBeNull();
        order.UnitPrice.Should().Be(5_000);
        order.Amount.Should().Be(5_000);
        order.Unit.Should().Be("session");
        order.Category.Should().Be(ServiceCategory.TherapyHealth);
        order.Description.Should().Be("Speech and language therapy session");
        order.SpotReason.Should().BeNull();
        await using var context = db.CreateContext();
        var item = await context.ServiceItems.SingleAsync(s => s.Code == SpeechSession);
        var stored = await context.PurchaseOrders.SingleAsync(o => o.Id == order.Id);
        stored.ServiceItem.Should().Be(item.Id);
        stored.Provider.Should().Be(item.Provider);
        stored.UnitPrice.Should().Be(item.UnitPrice);
    }

    // ---- R9: a hold resolves exactly once ----

    [Fact]
    public async Task Cancel_ReleasesTheHold_InvoiceAfterCancelIsOrderClosed_CancelAfterInvoiceIsOrderAlreadyInvoiced_R9()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        var order = await w.PlaceAsync("cancel-1", SwimSession, 4);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_920, 500));
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, June8));

        var before = await w.SnapshotAsync();
        Refused(await w.Purchasing.CancelAsync(AreaCode, order.Reference, " "), BudgetErrorCode.ReasonRequired);
        Refused(await w.Purchasing.CancelAsync(AreaCode, "PO-000000000000", "Nothing"), BudgetErrorCode.UnknownOrder);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        var cancelled = Ok(await w.Purchasing.CancelAsync(AreaCode, order.Reference, "Family moved away"));
        cancelled.Status.Should().Be(OrderStatus.Cancelled);
        cancelled.DecisionNote.Should().Be("Family moved away");
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(2_000, 500));
        (await w.HoldAsync(order)).Status.Should().Be(HoldStatus.Voided);

        // Cancelling again finds it cancelled and releases nothing more; it cannot be invoiced.
        var afterCancel = await w.SnapshotAsync();
        Ok(await w.Purchasing.CancelAsync(AreaCode, order.Reference, "Family moved away")).Status.Should().Be(OrderStatus.Cancelled);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-1", 4, June30)), BudgetErrorCode.OrderClosed);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-2", 1, June30)), BudgetErrorCode.OrderClosed);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(afterCancel);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(2_000, 500));

        // An invoiced order cannot be cancelled, nor invoiced again.
        var (invoiced, _) = await w.DeliverAsync(Order("cancel-2", SwimSession, 5), "RY-3", June30);
        invoiced.Status.Should().Be(OrderStatus.Invoiced);
        var afterInvoice = await w.SnapshotAsync();
        Refused(await w.Purchasing.CancelAsync(AreaCode, invoiced.Reference, "Too late"), BudgetErrorCode.OrderAlreadyInvoiced);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, invoiced.Reference, "RY-4", 1, June30)), BudgetErrorCode.OrderAlreadyInvoiced);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(afterInvoice);
        (await w.Purchasing.SweepAsync()).Should().Be(0);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Expiry_AnOrderNotInvoicedInTime_IsMarkedExpiredBySweep_AndItsMoneyReleasedOnce_R9()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var clock = new FakeClock(SystemClock.Instance.GetCurrentInstant());
        await using var later = Client(db, clock, new PurchasingOptions { HoldExpiryDays = 2 });
        var purchasing = later.GetRequiredService<PurchasingService>();

        var approved = Ok(await purchasing.PlaceOrderAsync(Order("expire-1", SwimSession, 4)));
        var waiting = Ok(await purchasing.PlaceOrderAsync(Order("expire-2", FamilyWork, 4)));
        var kept = Ok(await w.Purchasing.PlaceOrderAsync(Order("expire-kept", SwimSession, 1))); // the default 90 days
        waiting.Status.Should().Be(OrderStatus.AwaitingApproval);
        (await w.HoldAsync(approved)).ExpiresAt.Should().Be(clock.GetCurrentInstant().InUtc().Date.PlusDays(2).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(2_000 - 80 - 140 - 20, 500));

        // Not yet due: nothing changes.
        (await purchasing.SweepAsync()).Should().Be(0);
        (await w.StoredAsync(approved.Reference)).Status.Should().Be(OrderStatus.Approved);

        clock.Advance(Duration.FromDays(3));
        (await purchasing.SweepAsync()).Should().Be(2);
        (await w.StoredAsync(approved.Reference)).Status.Should().Be(OrderStatus.Expired);
        (await w.StoredAsync(waiting.Reference)).Status.Should().Be(OrderStatus.Expired);
        (await w.StoredAsync(kept.Reference)).Status.Should().Be(OrderStatus.Approved);
        (await w.HoldAsync(approved)).Status.Should().Be(HoldStatus.Expired);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_980, 500), "only the order that has not expired still holds money");

        // Sweeping again changes nothing; an expired order can be neither delivered, invoiced, decided nor cancelled.
        var afterSweep = await w.SnapshotAsync();
        (await purchasing.SweepAsync()).Should().Be(0);
        Refused(await purchasing.ConfirmStartAsync(AreaCode, approved.Reference, June8), BudgetErrorCode.OrderClosed);
        Refused(await purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, approved.Reference, "RY-9", 4, June30)), BudgetErrorCode.OrderClosed);
        Refused(await purchasing.DecideAsync(new DecisionRequest(AreaCode, waiting.Reference, Holder, true, June2)), BudgetErrorCode.NotAwaitingApproval);
        Refused(await purchasing.CancelAsync(AreaCode, approved.Reference, "Too late"), BudgetErrorCode.OrderClosed);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(afterSweep);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Replay_WithTheSameKey_ReturnsTheSameOrderAndHoldsNoMore_ADifferentRequestIsAnIdempotencyConflict_R9_R25()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        var first = await w.PlaceAsync("replay-1", SpeechSession, 2);
        var before = await w.SnapshotAsync();
        var again = Ok(await w.Purchasing.PlaceOrderAsync(Order("replay-1", SpeechSession, 2)));
        again.Id.Should().Be(first.Id);
        again.Reference.Should().Be(first.Reference);
        again.Hold.Should().Be(first.Hold);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        foreach (var different in new[]
        {
            Order("replay-1", SpeechSession, 3),
            Order("replay-1", SwimSession, 2),
            Order("replay-1", SpeechSession, 2, on: June2),
            Order("replay-1", SpeechSession, 2) with { ChildWishes = "Something else" },
        })
        {
            var refused = await w.Purchasing.PlaceOrderAsync(different);
            Refused(refused, BudgetErrorCode.LedgerRefused);
            refused.Error!.Message.Should().Contain(nameof(LedgerErrorCode.IdempotencyConflict));
        }

        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        // The same request sent six times at once from two clients: one order, one hold.
        await using var other = Client(db);
        var clients = new[] { w.Purchasing, other.GetRequiredService<PurchasingService>() };
        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => clients[i % 2].PlaceOrderAsync(Order("replay-2", SwimSession, 3)))));
        racing.Should().AllSatisfy(r => r.Succeeded.Should().BeTrue(r.Error?.ToString()));
        racing.Select(r => r.Value!.Id).Distinct().Should().ContainSingle();
        await using (var context = db.CreateContext())
        {
            (await context.PurchaseOrders.CountAsync()).Should().Be(2);
            (await context.Holds.CountAsync()).Should().Be(2);
            (await context.DelegatedMonths.SingleAsync()).Committed.Should().Be(10_000 + 6_000);
        }

        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(2_000 - 60, 400));
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Replay_AfterTheProviderIsSuspended_StillReturnsTheFirstOrder_R25()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var first = await w.PlaceAsync("replay-suspended", SpeechSession, 2);
        Ok(await w.Purchasing.SetProviderStatusAsync(AreaCode, Speech, ProviderStatus.Suspended, "Safeguarding review"));
        var before = await w.SnapshotAsync();

        var again = Ok(await w.Purchasing.PlaceOrderAsync(Order("replay-suspended", SpeechSession, 2)));
        again.Id.Should().Be(first.Id, "a retried request gets the first answer, whatever changed since");
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("replay-new", SpeechSession, 2)), BudgetErrorCode.ProviderSuspended);
    }

    // ---- R12: dates and who may order ----

    [Fact]
    public async Task TimeToService_NeedOn20May_Ordered1June_Started8June_Is19Days_R12()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        var order = await w.PlaceAsync("tts-1", SwimSession, 4);
        order.NeedIdentifiedOn.Should().Be(new LocalDate(2026, 5, 20));
        order.OrderedOn.Should().Be(June1);
        order.DaysToOrder.Should().Be(12);
        order.DaysToService.Should().BeNull();

        var started = Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, June8));
        started.ServiceStartedOn.Should().Be(June8);
        started.DaysToService.Should().Be(19);

        // Confirming the same start again is harmless; a different start date is refused.
        var before = await w.SnapshotAsync();
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, June8)).DaysToService.Should().Be(19);
        Refused(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, new LocalDate(2026, 6, 9)), BudgetErrorCode.InvalidDates);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        var view = Ok(await w.Purchasing.OrdersAsync(AreaCode, AmyBudget)).Should().ContainSingle().Subject;
        view.Order.DaysToService.Should().Be(19);
        view.Provider.Should().Be(Leisure);
        view.Budget.Should().Be(AmyBudget);
        view.Subject.Should().Be(Amy);
        view.RequestedBy.Should().Be(Lp);
        view.Invoice.Should().BeNull();
    }

    [Fact]
    public async Task Dates_StartBeforeTheOrder_OrNeedAfterTheOrder_AreInvalid_AndAnInvoiceBeforeTheStartIsConfirmedIsRefused_R12()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var order = await w.PlaceAsync("dates-1", SwimSession, 4);
        var before = await w.SnapshotAsync();

        Refused(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, new LocalDate(2026, 5, 31)), BudgetErrorCode.InvalidDates);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("dates-2", SwimSession, 1) with { NeedIdentifiedOn = new LocalDate(2026, 6, 2) }), BudgetErrorCode.InvalidDates);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-1", 4, June30)), BudgetErrorCode.DeliveryNotConfirmed);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("dates-3", SwimSession, 1, on: new LocalDate(2027, 4, 1))), BudgetErrorCode.OutsideFinancialYear);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        // Once started, an invoice dated before the start is refused too.
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, June8));
        var started = await w.SnapshotAsync();
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-1", 4, new LocalDate(2026, 6, 7))), BudgetErrorCode.InvalidDates);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(started);

        // The need may be identified on the order date itself.
        Ok(await w.Purchasing.PlaceOrderAsync(Order("dates-4", SwimSession, 1) with { NeedIdentifiedOn = June1 })).DaysToOrder.Should().Be(0);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Order_ForAChildNotOnTheLeadProfessionalsCaseload_OrOnAnotherLeadProfessionalsBudget_IsNotPermitted_R12()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        await w.LeadProfessionalBudgetAsync(500);
        Ok(await w.Budgets.People.AddChildAsync(AreaCode, "CHILD-C4Z1", "Cara Testchild", null));
        var before = await w.SnapshotAsync();

        // LP-0002 does not have Amy on their caseload and does not hold her budget.
        Refused(await w.Purchasing.PlaceOrderAsync(Order("np-1", SwimSession, 1, requestedBy: Lp2)), BudgetErrorCode.NotPermitted);
        // LP-0001's own delegated budget, for a child not on their caseload.
        Refused(await w.Purchasing.PlaceOrderAsync(Order("np-2", SwimSession, 1, budget: LpBudget, subject: "CHILD-C4Z1")), BudgetErrorCode.NotPermitted);
        // LP-0002 cannot spend LP-0001's delegated budget.
        Refused(await w.Purchasing.PlaceOrderAsync(Order("np-3", SwimSession, 1, budget: LpBudget, requestedBy: Lp2, subject: Amy)), BudgetErrorCode.NotPermitted);
        // Naming another child on Amy's individual budget.
        Refused(await w.Purchasing.PlaceOrderAsync(Order("np-4", SwimSession, 1, subject: Ben)), BudgetErrorCode.NotPermitted);
        // A budget holder does not place orders; nor does a stranger.
        Refused(await w.Purchasing.PlaceOrderAsync(Order("np-5", SwimSession, 1, requestedBy: Holder)), BudgetErrorCode.UnknownPractitioner);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("np-6", SwimSession, 1, budget: LpBudget)), BudgetErrorCode.InvalidRequest);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        // Once Cara is on LP-0001's caseload the delegated budget may buy for her.
        Ok(await w.Budgets.People.AssignCaseloadAsync(AreaCode, Lp, "CHILD-C4Z1", April1));
        Ok(await w.Purchasing.PlaceOrderAsync(Order("np-7", SwimSession, 1, budget: LpBudget, subject: "CHILD-C4Z1"))).Status.Should().Be(OrderStatus.Approved);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task BrokerOrder_WithoutABestInterestsReason_IsRefused_WithOneItIsPlacedAndWaits_R12()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        await w.BrokerBudgetForBenAsync(500);
        (await w.AvailableAsync(BenBudget)).Values.Sum(m => m.Pence).Should().Be(50_000);
        var before = await w.SnapshotAsync();

        Refused(await w.Purchasing.PlaceOrderAsync(Order("broker-1", SwimSession, 2, budget: BenBudget, requestedBy: Broker)), BudgetErrorCode.ReasonRequired);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("broker-2", SwimSession, 2, budget: BenBudget, requestedBy: Broker, bestInterests: " ")),
            BudgetErrorCode.ReasonRequired);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        var order = Ok(await w.Purchasing.PlaceOrderAsync(Order("broker-3", SwimSession, 2, budget: BenBudget, requestedBy: Broker,
            bestInterests: "Swimming is the activity Ben asks for and his physiotherapist recommends")));
        order.BestInterestsReason.Should().Be("Swimming is the activity Ben asks for and his physiotherapist recommends");
        order.ChildWishes.Should().NotBeNullOrWhiteSpace();
        order.Status.Should().Be(OrderStatus.AwaitingApproval, "the broker has no delegated limits");
        (await w.AvailableAsync(BenBudget)).Values.Sum(m => m.Pence).Should().Be(46_000);

        // The broker cannot approve their own order; the budget holder can.
        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Broker, true, June2)), BudgetErrorCode.SelfApproval);
        (await w.ApproveAsync(order.Reference)).Status.Should().Be(OrderStatus.Approved);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task LeadProfessionalOrder_OnABrokerHeldBudget_AlsoNeedsABestInterestsReason()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        await w.BrokerBudgetForBenAsync(500);
        var before = await w.SnapshotAsync();

        // Ben is on LP-0001's caseload, so LP-0001 may order on his budget; but a broker holds it on his behalf (DOMAIN.md §2).
        Refused(await w.Purchasing.PlaceOrderAsync(Order("lp-on-broker-1", SwimSession, 2, budget: BenBudget)), BudgetErrorCode.ReasonRequired);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        Ok(await w.Purchasing.PlaceOrderAsync(Order("lp-on-broker-2", SwimSession, 2, budget: BenBudget, bestInterests: "Agreed with Ben's broker")));
    }

    // ---- R13: invoices and bad input ----

    [Fact]
    public async Task Invoice_ForMoreUnitsThanOrdered_OrNoUnits_IsRefused_AndNothingIsWritten_R13()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var order = await w.PlaceAsync("units-1", SwimSession, 4);
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, June8));
        var before = await w.SnapshotAsync();

        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-1", 5, June30)), BudgetErrorCode.UnitsExceedOrder);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-1", 0, June30)), BudgetErrorCode.InvalidQuantity);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-1", -1, June30)), BudgetErrorCode.InvalidQuantity);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY 1,2", 4, June30)), BudgetErrorCode.InvalidRequest);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "", 4, June30)), BudgetErrorCode.InvalidRequest);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, "PO-000000000000", "RY-1", 4, June30)), BudgetErrorCode.UnknownOrder);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        // All four is fine, and nothing is released.
        var invoice = Ok(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-1", 4, June30)));
        invoice.Amount.Should().Be(8_000);
        (await w.OwedAsync(Leisure)).Should().BeEquivalentTo(new Dictionary<string, Money> { ["CSC-2026"] = Pounds(80) });
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(1_920, 500));
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Order_WithQuantityZero_IsRefusedWithInvalidQuantity_AndNothingIsWritten_R13()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var before = await w.SnapshotAsync();

        Refused(await w.Purchasing.PlaceOrderAsync(Order("qty-0", SwimSession, 0)), BudgetErrorCode.InvalidQuantity);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("qty-neg", SwimSession, -3)), BudgetErrorCode.InvalidQuantity);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("qty-huge", SwimSession, OrderTerms.MaxQuantity + 1)), BudgetErrorCode.InvalidQuantity);
        Refused(await w.Purchasing.PlaceOrderAsync(Spot("qty-spot", Pa, ServiceCategory.PracticalHousehold, 15, 0)), BudgetErrorCode.InvalidQuantity);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Invoice_SameNumberTwice_IsADuplicate_AlsoOnAnotherOrderOfTheSameProvider_ButAnotherProviderMayUseIt_R13()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var (first, invoice) = await w.DeliverAsync(Order("dup-1", SwimSession, 4), "RY-100", June30);
        var second = await w.PlaceAsync("dup-2", SwimSession, 2);
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, second.Reference, June8));
        var before = await w.SnapshotAsync();

        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, first.Reference, "RY-100", 4, June30)), BudgetErrorCode.DuplicateInvoice);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, second.Reference, "RY-100", 2, June30)), BudgetErrorCode.DuplicateInvoice);
        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, second.Reference, "RY-100", 1, new LocalDate(2026, 7, 1))), BudgetErrorCode.DuplicateInvoice);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        (await w.OwedAsync(Leisure)).Values.Sum(m => m.Pence).Should().Be(invoice.Amount, "the first invoice is payable once");

        // The number is the provider's own: another provider may use the same one.
        var (other, otherInvoice) = await w.DeliverAsync(Order("dup-3", FamilyWork, 2), "RY-100", June30);
        other.Status.Should().Be(OrderStatus.Invoiced);
        otherInvoice.Amount.Should().Be(7_000);
        Ok(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, second.Reference, "RY-101", 2, June30))).Amount.Should().Be(4_000);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Order_DatedAfterToday_IsRefused_SoNoLaterMonthsLimitIsUsedEarly_R11_R12()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var before = await w.SnapshotAsync();
        var tomorrow = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date.PlusDays(1);

        Refused(await w.Purchasing.PlaceOrderAsync(Order("future-1", SwimSession, 2, on: tomorrow)), BudgetErrorCode.InvalidDates);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Invoice_WhoseSettlementWasPostedBeforeACrash_IsRecordedOnRetry_AndPaidOnce_R13_R25()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var order = await w.PlaceAsync("crash-1", SwimSession, 4);
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, new LocalDate(2026, 6, 3)));

        // The settlement is posted exactly as InvoiceAsync posts it, then the process "dies" before the invoice is recorded.
        var posted = await db.Engine.ExecuteAsync(new PostHold($"invoice:{order.Area}:{order.Provider}:RY-9", order.Hold, new LocalDate(2026, 6, 30),
            $"Invoice RY-9 on order {order.Reference}: 3 session(s)", Pounds(60)));
        posted.Succeeded.Should().BeTrue(posted.Error?.Message);

        var invoice = Ok(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-9", 3, new LocalDate(2026, 6, 30))));
        invoice.SettlementEntry.Should().Be(posted.Entry!.Value);
        (await w.StoredAsync(order.Reference)).Status.Should().Be(OrderStatus.Invoiced);
        Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2026, 7, 1))).Total.Should().Be(Pounds(60));
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Invoice_NamingAnotherProvider_IsRefused_R13()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var order = await w.PlaceAsync("who-1", SwimSession, 4);
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, new LocalDate(2026, 6, 3)));
        var before = await w.SnapshotAsync();

        Refused(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "CV-1", 4, new LocalDate(2026, 6, 30), Speech)), BudgetErrorCode.NotPermitted);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        Ok(await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-1", 4, new LocalDate(2026, 6, 30), Leisure)));
    }

    [Fact]
    public async Task Approval_OfAnOrderWhoseProviderWasSuspendedSince_IsRefused_R7_R11()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var order = await w.PlaceAsync("susp-1", SpeechSession, 4);
        order.Status.Should().Be(OrderStatus.AwaitingApproval);
        Ok(await w.Purchasing.SetProviderStatusAsync(AreaCode, Speech, ProviderStatus.Suspended, "Registration lapsed"));

        Refused(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder, true, June1)), BudgetErrorCode.ProviderSuspended);
        Ok(await w.Purchasing.DecideAsync(new DecisionRequest(AreaCode, order.Reference, Holder, false, June1, "Provider suspended")));
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Order_RetriedUnderAKeyWhoseHoldWasForOtherTerms_IsRefused_NotAttachedToTheWrongHold_R25()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);

        // A crash left a hold under the key for one order; the retry asks for something else under the same key.
        var first = Order("orphan-1", SwimSession, 2);
        var orphan = await db.Engine.ExecuteAsync(new ReserveHold("order:orphan-1", June1, "Order: 2 x session of LeisureActivities from PRV-LEISURE on budget IB-CHILD-A7K2-2026",
            [new HoldLegRequest((await w.Budgets.AccountAsync(AccountKind.IndividualBudget, AmyBudget, "CSC-2026")).Id,
                (await w.Budgets.AccountAsync(AccountKind.ProviderPayable, Leisure, "CSC-2026")).Id, Pounds(40))], null));
        orphan.Succeeded.Should().BeTrue(orphan.Error?.Message);

        var other = await w.Purchasing.PlaceOrderAsync(Order("orphan-1", FamilyWork, 1));
        other.Error!.Message.Should().Contain(nameof(LedgerErrorCode.IdempotencyConflict));
        var same = Ok(await w.Purchasing.PlaceOrderAsync(first));
        same.Hold.Should().Be(orphan.Hold!.Value, "the same order finds the hold its first attempt reserved");
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Order_DatedInAClosedPeriod_IsRefusedWritingNothing_NotEvenAnAccount_R27()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        await db.Setup.ClosePeriodAsync(w.Budgets.AreaRecord.Id, new YearMonth(2026, 6));
        var before = await w.SnapshotAsync();

        // PRV-PA has no payable account yet: a refused order must not open one.
        var refused = await w.Purchasing.PlaceOrderAsync(new OrderRequest("closed-1", AreaCode, AmyBudget, null, Lp, null, 2, "Respite", "A break for the family",
            "Wants to go out", new LocalDate(2026, 5, 20), June1, Provider: Pa, Category: Ledger.Domain.Budgets.ServiceCategory.FamilySupport,
            Description: "Personal assistant hours", Unit: "hour", UnitPrice: Pounds(15), SpotReason: "The family's chosen assistant"));
        refused.Error!.Code.Should().Be(BudgetErrorCode.PeriodClosed);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Invoice_DatedInAClosedPeriod_IsRefusedWritingNothing_AndTheSameNumberCanBeSentAgainDatedInAnOpenPeriod_R13_R27()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var order = await w.PlaceAsync("closed-inv", SwimSession, 4);
        Ok(await w.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, June8));
        await db.Setup.ClosePeriodAsync(w.Budgets.AreaRecord.Id, new YearMonth(2026, 6));
        var before = await w.SnapshotAsync();

        var refused = await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-1", 4, June30));
        refused.Succeeded.Should().BeFalse("nothing is posted into a closed period (R27)");
        var afterRefusal = await w.SnapshotAsync();

        // The provider dates the same invoice in July, an open period (R27: correct in an open period).
        var resent = await w.Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, "RY-1", 4, new LocalDate(2026, 7, 1)));
        using (new FluentAssertions.Execution.AssertionScope())
        {
            afterRefusal.Should().BeEquivalentTo(before, "a refused invoice writes nothing");
            resent.Succeeded.Should().BeTrue($"invoice RY-1 was never settled, so it can be sent again ({resent.Error})");
        }

        (await w.StoredAsync(order.Reference)).Status.Should().Be(OrderStatus.Invoiced);
        (await w.OwedAsync(Leisure)).Should().BeEquivalentTo(new Dictionary<string, Money> { ["CSC-2026"] = Pounds(80) });
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Invoice_OnAnOrderPastItsExpiryBeforeTheSweep_IsOrderClosed_WritesNothing_AndDoesNotUseUpTheInvoiceNumber_R9_R13()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var clock = new FakeClock(SystemClock.Instance.GetCurrentInstant());
        await using var later = Client(db, clock, new PurchasingOptions { HoldExpiryDays = 2 });
        var purchasing = later.GetRequiredService<PurchasingService>();
        var stale = Ok(await purchasing.PlaceOrderAsync(Order("stale", SwimSession, 4)));
        Ok(await purchasing.ConfirmStartAsync(AreaCode, stale.Reference, June8));
        clock.Advance(Duration.FromDays(3));
        var before = await w.SnapshotAsync();

        // Sent against the order whose money is no longer held (the sweep has not run yet).
        Refused(await purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, stale.Reference, "RY-7", 4, June30)), BudgetErrorCode.OrderClosed);
        var afterRefusal = await w.SnapshotAsync();

        // The provider sends the same invoice against the live order it belongs to.
        var live = Ok(await purchasing.PlaceOrderAsync(Order("live", SwimSession, 4)));
        Ok(await purchasing.ConfirmStartAsync(AreaCode, live.Reference, June8));
        var resent = await purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, live.Reference, "RY-7", 4, June30));
        using (new FluentAssertions.Execution.AssertionScope())
        {
            afterRefusal.Should().BeEquivalentTo(before, "the refusal says nothing was written");
            resent.Succeeded.Should().BeTrue($"invoice RY-7 was never settled, so the provider may send it against the right order ({resent.Error})");
        }

        (await purchasing.SweepAsync()).Should().Be(1);
        (await w.StoredAsync(stale.Reference)).Status.Should().Be(OrderStatus.Expired);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task Order_ForMoreThanIsAvailable_IsRefusedWithInsufficientFunds_AndNothingIsWritten_R13_R26()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var before = await w.SnapshotAsync();

        // Therapy may use both streams (£2,500); leisure only the council's £2,000.
        Refused(await w.Purchasing.PlaceOrderAsync(Order("big-1", SpeechSession, 51)), BudgetErrorCode.InsufficientFunds);
        Refused(await w.Purchasing.PlaceOrderAsync(Order("big-2", SwimSession, 101)), BudgetErrorCode.InsufficientFunds);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        // Exactly everything therapy may use is fine, and then a penny more is not.
        var all = await w.PlaceAsync("big-3", SpeechSession, 50);
        all.Route.Should().Be(ApprovalRoute.Panel);
        (await w.AmyAvailableAsync()).Should().BeEquivalentTo(Streams(0, 0));
        var empty = await w.SnapshotAsync();
        Refused(await w.Purchasing.PlaceOrderAsync(Spot("big-4", Pa, ServiceCategory.PracticalHousehold, 0.01m, 1)), BudgetErrorCode.InsufficientFunds);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(empty);
        await w.Budgets.VerifyAsync();
    }

    // ---- R13: payment runs ----

    [Fact]
    public async Task PaymentRun_PaysEachProviderOnceTheTotalOfItsSettledInvoices_LaterInvoicesWaitForTheNextRun_PayablesEndAtZero_R13()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        await DeliverMixAsync(w);
        (await w.AllOwedAsync()).Should().Be(Pounds(905));

        var run = Ok(await w.PaymentRuns.RunAsync(AreaCode, July3));
        run.AlreadyCompleted.Should().BeFalse();
        run.Run.Status.Should().Be(PaymentRunStatus.Completed);
        run.Run.Reference.Should().Be("PR-DEVON-20260703");
        run.Payments.Select(p => (p.Provider.Code, p.Amount, p.Lines.Count)).Should().Equal(
            (InHouse, Pounds(70), 1), (Leisure, Pounds(140), 2), (Pa, Pounds(60), 1), (Speech, Pounds(600), 1));
        run.Total.Should().Be(Pounds(870));
        run.Payments.Should().AllSatisfy(p => p.Amount.Pence.Should().Be(p.Lines.Sum(l => l.Invoice.Amount)));

        // The invoice dated 10 July waits; everyone else is paid in full.
        (await w.OwedAsync(Speech)).Values.Should().AllSatisfy(m => m.Should().Be(Money.Zero));
        (await w.OwedAsync(Leisure)).Values.Should().AllSatisfy(m => m.Should().Be(Money.Zero));
        (await w.OwedAsync(Pa)).Values.Should().AllSatisfy(m => m.Should().Be(Money.Zero));
        (await w.OwedAsync(InHouse)).Should().BeEquivalentTo(new Dictionary<string, Money> { ["CSC-2026"] = Pounds(35) });
        await using (var context = db.CreateContext())
        {
            (await context.ProviderPayments.CountAsync()).Should().Be(4);
            (await context.JournalEntries.CountAsync(e => e.Kind == EntryKind.Payment)).Should().Be(4);
            var speechPayment = await context.ProviderPayments.Join(context.Providers.Where(p => p.Code == Speech), p => p.Provider, p => p.Id, (pay, _) => pay).SingleAsync();
            var speechEntry = await context.JournalEntries.Include(e => e.Postings).SingleAsync(e => e.Id == speechPayment.Entry);
            speechEntry.EffectiveDate.Should().Be(July3);
            speechEntry.Postings.Should().HaveCount(4, "a debit and a credit in each of the two streams that paid");
            speechEntry.Postings.GroupBy(p => p.Stream).Should().AllSatisfy(g => g.Sum(p => p.Amount).Should().Be(0));
        }

        // The same day again: the completed run as it was, nothing more paid.
        var before = await w.SnapshotAsync();
        var again = Ok(await w.PaymentRuns.RunAsync(AreaCode, July3));
        again.AlreadyCompleted.Should().BeTrue();
        again.Run.Id.Should().Be(run.Run.Id);
        again.Total.Should().Be(Pounds(870));
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        // The next run pays what waited, and only that.
        var next = Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2026, 7, 17)));
        next.Payments.Select(p => (p.Provider.Code, p.Amount)).Should().Equal((InHouse, Pounds(35)));
        (await w.AllOwedAsync()).Should().Be(Money.Zero);
        Ok(await w.PaymentRuns.RunsAsync(AreaCode)).Select(r => (r.Reference, r.Status)).Should().Equal(
            ("PR-DEVON-20260717", PaymentRunStatus.Completed), ("PR-DEVON-20260703", PaymentRunStatus.Completed));

        // A run with nothing to pay completes empty.
        var empty = Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2026, 7, 24)));
        empty.Payments.Should().BeEmpty();
        empty.Run.Status.Should().Be(PaymentRunStatus.Completed);
        await using (var context = db.CreateContext())
        {
            (await context.JournalEntries.CountAsync(e => e.Kind == EntryKind.Payment)).Should().Be(5);
            (await context.Invoices.CountAsync(i => i.PaymentRun == null)).Should().Be(0);
        }

        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task PaymentRun_InterruptedHalfWay_BlocksOtherDates_AndFinishesOnTheSameDate_PayingEachProviderExactlyOnce_R13()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        await DeliverMixAsync(w);

        var reports = new List<PaymentRunProgress>();
        var crash = new SynchronousProgress<PaymentRunProgress>(p =>
        {
            reports.Add(p);
            throw new InvalidOperationException("The machine stopped after the first payment.");
        });
        var act = () => w.PaymentRuns.RunAsync(AreaCode, July3, crash);
        await act.Should().ThrowAsync<InvalidOperationException>();
        reports.Should().ContainSingle().Which.Should().Be(new PaymentRunProgress(1, 4, InHouse, Pounds(70)));

        var started = Ok(await w.PaymentRuns.RunsAsync(AreaCode)).Should().ContainSingle().Subject;
        started.Status.Should().Be(PaymentRunStatus.Started);
        await using (var context = db.CreateContext())
        {
            (await context.ProviderPayments.CountAsync()).Should().Be(1);
            (await context.JournalEntries.CountAsync(e => e.Kind == EntryKind.Payment)).Should().Be(1);
        }

        // No other date's run may start while this one is unfinished.
        var before = await w.SnapshotAsync();
        Refused(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2026, 7, 10)), BudgetErrorCode.PaymentRunInProgress);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);

        // Running the same date again finishes it: the remaining three providers, each once.
        var resumed = new List<PaymentRunProgress>();
        var finished = Ok(await w.PaymentRuns.RunAsync(AreaCode, July3, new SynchronousProgress<PaymentRunProgress>(resumed.Add)));
        finished.AlreadyCompleted.Should().BeFalse();
        finished.Run.Status.Should().Be(PaymentRunStatus.Completed);
        finished.Total.Should().Be(Pounds(870));
        resumed.Select(p => (p.Done, p.Total, p.Provider)).Should().Equal((2, 4, Leisure), (3, 4, Pa), (4, 4, Speech));

        await using (var context = db.CreateContext())
        {
            var payments = await context.ProviderPayments.ToListAsync();
            payments.Should().HaveCount(4);
            payments.Select(p => p.Provider).Distinct().Should().HaveCount(4);
            payments.Sum(p => p.Amount).Should().Be(87_000);
            (await context.JournalEntries.CountAsync(e => e.Kind == EntryKind.Payment)).Should().Be(4);
        }

        (await w.AllOwedAsync()).Should().Be(Pounds(35), "only the invoice dated after the run is still owed");
        (await w.OwedAsync(InHouse)).Should().BeEquivalentTo(new Dictionary<string, Money> { ["CSC-2026"] = Pounds(35) });
        Ok(await w.PaymentRuns.RunAsync(AreaCode, July3)).AlreadyCompleted.Should().BeTrue();
        Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2026, 7, 10))).Total.Should().Be(Pounds(35));
        (await w.AllOwedAsync()).Should().Be(Money.Zero);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task PaymentRun_TheSameDateFromSeveralClientsAtOnce_PaysEachProviderExactlyOnce_R13()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        await DeliverMixAsync(w);

        var clients = Enumerable.Range(0, 4).Select(_ => Client(db)).ToList();
        Result<PaymentRunResult>[] results;
        try
        {
            results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
                clients[i % clients.Count].GetRequiredService<PaymentRunService>().RunAsync(AreaCode, July3))));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        // Some callers may be told the run is in progress; none may pay twice, and those that succeed see the whole run.
        results.Should().Contain(r => r.Succeeded);
        results.Where(r => !r.Succeeded && r.Error!.Code != BudgetErrorCode.PaymentRunInProgress).Select(r => r.Error!.ToString()).Should().BeEmpty();
        results.Where(r => r.Succeeded).Should().AllSatisfy(r => r.Value!.Total.Should().Be(Pounds(870)));
        await using (var context = db.CreateContext())
        {
            (await context.PaymentRuns.SingleAsync()).Status.Should().Be(PaymentRunStatus.Completed);
            (await context.ProviderPayments.CountAsync()).Should().Be(4);
            (await context.JournalEntries.CountAsync(e => e.Kind == EntryKind.Payment)).Should().Be(4);
        }

        (await w.AllOwedAsync()).Should().Be(Pounds(35));
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task PaymentRun_DatedInAClosedPeriod_IsRefusedWithoutLeavingAnUnfinishedRun_SoAnOpenDateCanStillBePaid_R13_R27()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        await w.DeliverAsync(Order("closed-run", SwimSession, 4), "RY-1", June30);
        await db.Setup.ClosePeriodAsync(w.Budgets.AreaRecord.Id, new YearMonth(2026, 7));
        var before = await w.SnapshotAsync();

        var refused = await w.PaymentRuns.RunAsync(AreaCode, July3);
        refused.Succeeded.Should().BeFalse("nothing is posted into a closed period (R27)");
        var afterRefusal = await w.SnapshotAsync();

        // Finance runs it on an open date instead.
        var august = await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2026, 8, 3));
        using (new FluentAssertions.Execution.AssertionScope())
        {
            afterRefusal.Should().BeEquivalentTo(before, "a refused run writes nothing and leaves no unfinished run behind");
            august.Succeeded.Should().BeTrue($"a run in an open period must still be possible ({august.Error})");
        }

        august.Value!.Total.Should().Be(Pounds(80));
        (await w.AllOwedAsync()).Should().Be(Money.Zero);
        await w.Budgets.VerifyAsync();
    }

    [Fact]
    public async Task PaymentFiles_OneRowPerProviderInPoundsSummingToTheRunTotal_RemittanceOneRowPerOrderWithItsStreamSplit_R13()
    {
        await using var db = await NewDatabaseAsync();
        var w = await PurchasingWorld.CreateAsync(db);
        var orders = await DeliverMixAsync(w);
        var run = Ok(await w.PaymentRuns.RunAsync(AreaCode, July3));

        var payments = PaymentFiles.Payments(run);
        payments.Should().EndWith("\r\n");
        var lines = payments.Split("\r\n")[..^1];
        lines[0].Should().Be(PaymentFiles.PaymentHeader);
        var rows = lines[1..].Select(Csv).ToList();
        rows.Should().HaveCount(4, "one row per provider");
        rows.Select(r => r[2]).Should().Equal(InHouse, Leisure, Pa, Speech);
        rows.Should().AllSatisfy(r =>
        {
            r.Should().HaveCount(PaymentFiles.PaymentHeader.Split(',').Length);
            r[0].Should().Be("PR-DEVON-20260703");
            r[1].Should().Be("2026-07-03");
            r[8].Should().MatchRegex(@"^\d+\.\d\d$");
            r[10].Should().Be("LEDGER 20260703");
        });
        rows.Sum(r => decimal.Parse(r[8], CultureInfo.InvariantCulture)).Should().Be(run.Total.Pence / 100m);
        rows.Single(r => r[2] == Speech).Should().Equal("PR-DEVON-20260703", "2026-07-03", Speech, "Clear Voice Therapy Ltd", "Private", "20-00-00", "12345678",
            "CLEAR VOICE LTD", "600.00", "1", "LEDGER 20260703");
        rows.Single(r => r[2] == Leisure).Skip(8).Take(2).Should().Equal("140.00", "2");

        var remittance = PaymentFiles.Remittance(run);
        var remitLines = remittance.Split("\r\n")[..^1];
        remitLines[0].Should().Be(PaymentFiles.RemittanceHeader);
        var remit = remitLines[1..].Select(Csv).ToList();
        remit.Should().HaveCount(5, "one row per order paid in the run");
        remit.Select(r => r[2]).Should().BeEquivalentTo(orders.Where(o => o.Key != "FS-2").Select(o => o.Value.Reference));
        foreach (var row in remit)
        {
            var split = row[9].Split(';').Select(s => s.Split('=')).ToDictionary(p => p[0], p => decimal.Parse(p[1], CultureInfo.InvariantCulture));
            split.Values.Sum().Should().Be(decimal.Parse(row[8], CultureInfo.InvariantCulture), "the streams' parts add up to the invoice");
            row[9].Should().MatchRegex(@"^([A-Z0-9-]+=\d+\.\d\d)(;[A-Z0-9-]+=\d+\.\d\d)*$");
        }

        var therapy = remit.Single(r => r[2] == orders["SP-1"].Reference);
        therapy.Should().Equal("PR-DEVON-20260703", Speech, orders["SP-1"].Reference, "SP-1", "2026-06-30", "12", "session", "50.00", "600.00",
            "CSC-2026=100.00;NHS-2026=500.00", "invoice");
        remit.Single(r => r[2] == orders["PA-1"].Reference)[9].Should().Be("CSC-2026=60.00");

        // The same run gives the same bytes when shown again.
        var shown = Ok(await w.PaymentRuns.ShowAsync(AreaCode, run.Run.Reference));
        PaymentFiles.Payments(shown).Should().Be(payments);
        PaymentFiles.Remittance(shown).Should().Be(remittance);
    }

    /// <summary>
    /// Orders from four providers on Amy's budget, each delivered and invoiced (invoice number → order):
    /// SP-1 speech therapy 12 x £50 (NHS £500 + council £100) on 30 June; RY-1 swimming 5 x £20 on 30 June and RY-2 2 x £20
    /// on 2 July; FS-1 family support 2 x £35 on 30 June and FS-2 1 x £35 on 10 July (after the 3 July run); PA-1 a spot
    /// purchase of 4 x £15 from the personal assistant on 1 July. £905 payable in all, £870 of it by 3 July.
    /// </summary>
    private static async Task<Dictionary<string, PurchaseOrder>> DeliverMixAsync(PurchasingWorld w)
    {
        var orders = new Dictionary<string, PurchaseOrder>();
        foreach (var (number, request, on) in new[]
        {
            ("SP-1", Order("mix-sp1", SpeechSession, 12), June30),
            ("RY-1", Order("mix-ry1", SwimSession, 5), June30),
            ("RY-2", Order("mix-ry2", SwimSession, 2), new LocalDate(2026, 7, 2)),
            ("FS-1", Order("mix-fs1", FamilyWork, 2), June30),
            ("FS-2", Order("mix-fs2", FamilyWork, 1), new LocalDate(2026, 7, 10)),
            ("PA-1", Spot("mix-pa1", Pa, ServiceCategory.PracticalHousehold, 15, 4), new LocalDate(2026, 7, 1)),
        })
        {
            orders[number] = (await w.DeliverAsync(request, number, on)).Order;
        }

        return orders;
    }

    // RFC 4180 fields of one line (quotes doubled inside quoted fields).
    private static List<string> Csv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}

public sealed class SqlitePurchasingTests : PurchasingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlPurchasingTests : PurchasingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public sealed class SqlServerPurchasingTests : PurchasingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
