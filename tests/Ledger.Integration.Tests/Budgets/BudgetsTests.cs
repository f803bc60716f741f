using Ledger.Application.Budgets;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.People;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;

namespace Ledger.Integration.Tests.Budgets;

/// <summary>
/// Funding streams, pools, people, assessments, allocations and year end (R1–R6, example 10) on a
/// real database through the real migrations. Each provider runs the same tests (subclasses at the
/// end of the file). Every scenario ends with the ledger verifier.
/// </summary>
public abstract class BudgetsTests
{
    protected abstract DatabaseProvider Provider { get; }

    private Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreateAsync(Provider);

    // ---- R1: every record belongs to one area ----

    [Fact]
    public async Task Records_InAnotherArea_AreNotFound_AndCodesAreOnlyUniqueWithinAnArea_R1()
    {
        await using var db = await NewDatabaseAsync();
        var devon = await BudgetWorld.CreateAsync(db);
        var somerset = await BudgetWorld.CreateAsync(db, contribute: false, areaCode: "SOMERSET");
        Ok(await somerset.Funding.CreatePoolAsync(new PoolRequest("SOMERSET", "SOM-POOL", "Somerset pool", Year, Ok(ResourceAllocationRule.Points(Pounds(100))))));
        await somerset.StreamAsync("COUNCIL", "SOM-ONLY-2026", "Somerset only", FundingForm.CashTransfer, StreamRestrictions.None, false,
            YearEndRule.ReturnUnspent, 0, "", "SOMERSET");
        Ok(await somerset.People.AddChildAsync("SOMERSET", "CHILD-SOM1", "Sam Testchild", null));
        var somersetAssessment = Ok(await somerset.AssessAsync("CHILD-SOM1", ClientGroup.EarlyHelp, "SOM-POOL"));

        // The same codes in Somerset are Somerset's own records: its contribution does not touch Devon's pool.
        await somerset.ContributeAsync(PoolCode, "CSC-2026", 500, areaCode: "SOMERSET");
        (await somerset.PositionAsync()).Single(p => p.Stream == "CSC-2026").Contributed.Should().Be(Pounds(500));
        (await devon.PositionAsync()).Single(p => p.Stream == "CSC-2026").Contributed.Should().Be(Pounds(6_000));

        // Somerset's codes named in Devon are not found.
        (await devon.Funding.ContributeAsync(new ContributionRequest("x1", AreaCode, "SOM-POOL", "CSC-2026", Pounds(1), April1))).Error!.Code
            .Should().Be(BudgetErrorCode.UnknownPool);
        (await devon.Funding.ContributeAsync(new ContributionRequest("x2", AreaCode, PoolCode, "SOM-ONLY-2026", Pounds(1), April1))).Error!.Code
            .Should().Be(BudgetErrorCode.UnknownStream);
        (await devon.AssessAsync("CHILD-SOM1", ClientGroup.EarlyHelp)).Error!.Code.Should().Be(BudgetErrorCode.UnknownSubject);
        (await devon.AssessAsync(Amy, ClientGroup.EarlyHelp, "SOM-POOL")).Error!.Code.Should().Be(BudgetErrorCode.UnknownPool);
        (await devon.Allocations.AllocateAsync(Decide("x3", somersetAssessment.Id, 100))).Error!.Code.Should().Be(BudgetErrorCode.UnknownAssessment);
        (await devon.People.ReadPersonalDetailsAsync(AreaCode, "CHILD-SOM1", Lp, "Checking a referral")).Error!.Code.Should().Be(BudgetErrorCode.UnknownSubject);
        (await devon.People.AddFamilyAsync(AreaCode, "FAM-MIXED", "Mixed family", [Amy, "CHILD-SOM1"])).Error!.Code.Should().Be(BudgetErrorCode.UnknownSubject);
        (await devon.Funding.PositionAsync(AreaCode, "SOM-POOL")).Error!.Code.Should().Be(BudgetErrorCode.UnknownPool);
        (await devon.Funding.PositionAsync("NOWHERE", PoolCode)).Error!.Code.Should().Be(BudgetErrorCode.UnknownArea);

        // A Somerset budget holder cannot decide a Devon allocation, nor a Somerset lead professional hold a Devon budget.
        Ok(await somerset.People.AddPractitionerAsync("SOMERSET", "BH-SOM", "Sue Holder", PractitionerRole.BudgetHolder));
        Ok(await somerset.People.AddPractitionerAsync("SOMERSET", "LP-SOM", "Sid Lead", PractitionerRole.LeadProfessional));
        var amy = Ok(await devon.AssessAsync(Amy, ClientGroup.EarlyHelp));
        (await devon.Allocations.AllocateAsync(Decide("x4", amy.Id, 100) with { DecidedBy = "BH-SOM" })).Error!.Code.Should().Be(BudgetErrorCode.UnknownPractitioner);
        (await devon.Allocations.AllocateAsync(Decide("x5", amy.Id, 100, holder: "LP-SOM"))).Error!.Code.Should().Be(BudgetErrorCode.HolderRequired);

        await using (var context = db.CreateContext())
        {
            (await context.JournalEntries.CountAsync(e => e.Area == devon.AreaRecord.Id)).Should().Be(4, "only Devon's four contributions are Devon's entries");
            (await context.Allocations.CountAsync()).Should().Be(0);
        }

        await devon.VerifyAsync();
    }

    // ---- R2: a stream is data, and its restrictions decide what it may fund ----

    [Fact]
    public async Task Stream_IsDataCreatedByAnAdministrator_WithFormRestrictionsRingFenceAndYearEndRule_R2_R6()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db, contribute: false);

        var nhs = await w.StreamRecordAsync("NHS-2026");
        nhs.Name.Should().Be("NHS therapy 2026/27");
        nhs.Year.Should().Be(Year);
        nhs.Form.Should().Be(FundingForm.CashEquivalent);
        nhs.Categories.Should().BeEquivalentTo([ServiceCategory.TherapyHealth]);
        nhs.ClientGroups.Should().BeEquivalentTo([ClientGroup.DisabledChild, ClientGroup.EarlyHelp]);
        nhs.RingFenced.Should().BeTrue();
        nhs.YearEndRule.Should().Be(YearEndRule.ReturnUnspent);
        nhs.ExpectedSpend.Should().Be(800_000);
        nhs.ExpectedOutcome.Should().Be("Therapy within four weeks");
        await using (var context = db.CreateContext())
        {
            var agency = await context.Agencies.SingleAsync(a => a.Id == nhs.Agency);
            agency.Code.Should().Be("NHS");
            agency.Kind.Should().Be(AgencyKind.Nhs);
        }

        var grant = await w.StreamRecordAsync("GRANT-2026");
        grant.YearEndRule.Should().Be(YearEndRule.CarryForward);
        grant.Categories.Should().BeEmpty();
        grant.ClientGroups.Should().BeEmpty();
        grant.RingFenced.Should().BeFalse();

        var before = await w.SnapshotAsync();
        var again = await w.Funding.CreateStreamAsync(new StreamRequest(AreaCode, "NHS", "NHS-2026", "A second NHS-2026", Year, FundingForm.CashTransfer,
            StreamRestrictions.None, false, YearEndRule.ReturnUnspent, Money.Zero, ""));
        again.Error!.Code.Should().Be(BudgetErrorCode.DuplicateCode);
        (await w.Funding.CreateStreamAsync(new StreamRequest(AreaCode, "NOBODY", "X-2026", "No agency", Year, FundingForm.CashTransfer,
            StreamRestrictions.None, false, YearEndRule.ReturnUnspent, Money.Zero, ""))).Error!.Code.Should().Be(BudgetErrorCode.UnknownAgency);
        (await w.Funding.CreateStreamAsync(new StreamRequest(AreaCode, "NHS", "NEG-2026", "Negative", Year, FundingForm.CashTransfer,
            StreamRestrictions.None, false, YearEndRule.ReturnUnspent, Pounds(-1), ""))).Error!.Code.Should().Be(BudgetErrorCode.InvalidAmount);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_ForAClientGroupAStreamExcludes_DoesNotUseThatStream_R2()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var ben = Ok(await w.AssessAsync(Ben, ClientGroup.YouthJustice));

        // Youth justice: council, grant and YJ may pay (6 : 1 : 2); the NHS stream excludes the group.
        var allocation = Ok(await w.Allocations.AllocateAsync(Decide("ben-1", ben.Id, 900)));

        var budget = await w.AvailableByStreamAsync(AccountKind.IndividualBudget, "IB-CHILD-B3X9-2026");
        budget.Should().BeEquivalentTo(new Dictionary<string, Money>
        {
            ["CSC-2026"] = Pounds(600),
            ["GRANT-2026"] = Pounds(100),
            ["YJ-2026"] = Pounds(200),
        });
        (await w.PositionAsync()).Single(p => p.Stream == "NHS-2026").Allocated.Should().Be(Money.Zero);
        await using (var context = db.CreateContext())
        {
            var nhs = await w.StreamRecordAsync("NHS-2026");
            (await context.Postings.CountAsync(p => p.Entry == allocation.Entry && p.Stream == nhs.Id)).Should().Be(0);
        }

        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_WhenNoStreamAllowsTheClientGroup_IsRefused_AndWritesNothing_R2()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db, contribute: false);
        Ok(await w.Funding.CreatePoolAsync(new PoolRequest(AreaCode, "THERAPY-2026", "Therapy pool", Year, Ok(ResourceAllocationRule.Points(Pounds(100))))));
        await w.ContributeAsync("THERAPY-2026", "NHS-2026", 500);
        await w.ContributeAsync("THERAPY-2026", "YJ-2026", 500);
        var lookedAfter = Ok(await w.AssessAsync(Amy, ClientGroup.LookedAfter, "THERAPY-2026"));
        var before = await w.SnapshotAsync();

        var result = await w.Allocations.AllocateAsync(Decide("amy-la", lookedAfter.Id, 100));

        result.Error!.Code.Should().Be(BudgetErrorCode.ClientGroupNotAllowed);
        result.Error.Message.Should().Contain("THERAPY-2026").And.Contain("LookedAfter");
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before, "a refused allocation writes nothing");

        // The same key is free for a request that can be met later: nothing was remembered against it.
        var disabled = Ok(await w.AssessAsync(Amy, ClientGroup.DisabledChild, "THERAPY-2026"));
        Ok(await w.Allocations.AllocateAsync(Decide("amy-la", disabled.Id, 100)));
        await w.VerifyAsync();
    }

    // ---- R3: contributions keep their stream; a pool's position per stream ----

    [Fact]
    public async Task PoolPosition_ShowsPerStreamContributedShareAllocatedHeldSpentAndAvailable_R3_R6()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);

        var start = await w.PositionAsync();
        start.Select(p => p.Stream).Should().Equal("CSC-2026", "GRANT-2026", "NHS-2026", "YJ-2026");
        start.Select(p => (p.Contributed, p.SharePercent, p.Available)).Should().Equal(
            (Pounds(6_000), 50.00m, Pounds(6_000)),
            (Pounds(1_000), 8.33m, Pounds(1_000)),
            (Pounds(3_000), 25.00m, Pounds(3_000)),
            (Pounds(2_000), 16.67m, Pounds(2_000)));
        start.Select(p => p.Agency).Should().Equal("COUNCIL", "CHARITY", "NHS", "YOS");
        start.Should().OnlyContain(p => p.Allocated == Money.Zero && p.Held == Money.Zero && p.Spent == Money.Zero && p.Returned == Money.Zero);

        // £1,200 for early help: council, NHS and grant may pay, 6 : 3 : 1.
        var amy = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));
        Ok(await w.Allocations.AllocateAsync(Decide("amy-1", amy.Id, 1_200)));
        const string budget = "IB-CHILD-A7K2-2026";
        var afterAllocation = await w.PositionAsync();
        afterAllocation.Select(p => (p.Stream, p.Allocated, p.Available)).Should().Equal(
            ("CSC-2026", Pounds(720), Pounds(5_280)),
            ("GRANT-2026", Pounds(120), Pounds(880)),
            ("NHS-2026", Pounds(360), Pounds(2_640)),
            ("YJ-2026", Money.Zero, Pounds(2_000)));

        // An order reserved on the budget's council money counts as held; an NHS order invoiced counts as spent.
        var councilOrder = await w.ReserveAsync("order-1", budget, "CSC-2026", 100);
        var therapyOrder = await w.ReserveAsync("order-2", budget, "NHS-2026", 50);
        var held = await w.PositionAsync();
        held.Select(p => (p.Stream, p.Held, p.Spent)).Should().Equal(
            ("CSC-2026", Pounds(100), Money.Zero),
            ("GRANT-2026", Money.Zero, Money.Zero),
            ("NHS-2026", Pounds(50), Money.Zero),
            ("YJ-2026", Money.Zero, Money.Zero));

        await w.PostHoldAsync("invoice-2", therapyOrder);
        var final = await w.PositionAsync();
        final.Select(p => (p.Stream, p.Contributed, p.SharePercent, p.Allocated, p.Held, p.Spent, p.Returned, p.Available)).Should().Equal(
            ("CSC-2026", Pounds(6_000), 50.00m, Pounds(720), Pounds(100), Money.Zero, Money.Zero, Pounds(5_280)),
            ("GRANT-2026", Pounds(1_000), 8.33m, Pounds(120), Money.Zero, Money.Zero, Money.Zero, Pounds(880)),
            ("NHS-2026", Pounds(3_000), 25.00m, Pounds(360), Money.Zero, Pounds(50), Money.Zero, Pounds(2_640)),
            ("YJ-2026", Pounds(2_000), 16.67m, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Pounds(2_000)));

        // R6: each stream's expected spend and outcome are shown beside the actual figures.
        final.Select(p => (p.Stream, p.ExpectedSpend, p.ExpectedOutcome)).Should().Equal(
            ("CSC-2026", Pounds(20_000), "Families helped before crisis"),
            ("GRANT-2026", Pounds(2_000), "Breaks for young carers"),
            ("NHS-2026", Pounds(8_000), "Therapy within four weeks"),
            ("YJ-2026", Pounds(5_000), "Fewer first-time entrants"));

        (await w.AvailableByStreamAsync(AccountKind.IndividualBudget, budget)).Should().BeEquivalentTo(new Dictionary<string, Money>
        {
            ["CSC-2026"] = Pounds(620),
            ["GRANT-2026"] = Pounds(120),
            ["NHS-2026"] = Pounds(310),
        });
        councilOrder.Should().NotBe(therapyOrder);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Contributions_KeepTheirStreamInTheLedger_OneAccountPerStream_R3()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var request = new ContributionRequest("csc-september", AreaCode, PoolCode, "CSC-2026", Pounds(250.50m), new LocalDate(2026, 9, 1));
        var first = Ok(await w.Funding.ContributeAsync(request));
        Ok(await w.Funding.ContributeAsync(request)).Should().Be(first, "a replayed contribution returns the first entry and posts nothing");
        var conflict = await w.Funding.ContributeAsync(request with { Amount = Pounds(999) });
        conflict.Error!.Code.Should().Be(BudgetErrorCode.LedgerRefused);
        conflict.Error.Message.Should().Contain(nameof(LedgerErrorCode.IdempotencyConflict));

        await using var context = db.CreateContext();
        var streams = await context.FundingStreams.ToDictionaryAsync(s => s.Id, s => s.Code);
        var pool = await context.Accounts.Where(a => a.Kind == AccountKind.Pool && a.Owner == PoolCode).ToListAsync();
        pool.ToDictionary(a => streams[a.Stream], a => a.PostedBalance).Should().BeEquivalentTo(new Dictionary<string, Money>
        {
            ["CSC-2026"] = Pounds(6_250.50m),
            ["NHS-2026"] = Pounds(3_000),
            ["GRANT-2026"] = Pounds(1_000),
            ["YJ-2026"] = Pounds(2_000),
        });
        var funds = await context.Accounts.Where(a => a.Kind == AccountKind.StreamFunds).ToListAsync();
        funds.ToDictionary(a => streams[a.Stream], a => a.Owner).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["CSC-2026"] = "COUNCIL",
            ["NHS-2026"] = "NHS",
            ["GRANT-2026"] = "CHARITY",
            ["YJ-2026"] = "YOS",
        }, "the stream's own money is owned by its agency");
        (await context.JournalEntries.CountAsync(e => e.Kind == EntryKind.Contribution)).Should().Be(5);
        (await w.PositionAsync()).Single(p => p.Stream == "CSC-2026").SharePercent.Should().Be(51.02m); // 6,250.50 / 12,250.50 = 51.022...%
        await w.VerifyAsync();
    }

    // ---- R4: a lead professional's delegated budget ----

    [Fact]
    public async Task LeadProfessionalBudget_IsAllocatedFromThePool_SplitLikeAnIndividualBudget_R4()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);

        var allocation = Ok(await w.Allocations.AllocateLeadProfessionalAsync(new LeadProfessionalAllocationRequest("lpb-1", AreaCode, PoolCode, Lp, Pounds(1_500),
            "Quick help for the caseload this year", Holder, May1)));

        var budget = await w.BudgetAsync("LPB-LP-0001-2026");
        budget.Kind.Should().Be(BudgetKind.LeadProfessional);
        budget.HolderMode.Should().Be(HolderMode.LeadProfessional);
        budget.Subject.Should().BeNull();
        budget.Year.Should().Be(Year);
        allocation.Budget.Should().Be(budget.Id);
        allocation.Assessment.Should().BeNull();
        allocation.FinalAmount.Should().Be(150_000);
        allocation.Working.Should().Contain(Lp);
        allocation.Reason.Should().Be("Quick help for the caseload this year");
        (await w.AvailableByStreamAsync(AccountKind.LeadProfessionalBudget, "LPB-LP-0001-2026")).Should().BeEquivalentTo(new Dictionary<string, Money>
        {
            ["CSC-2026"] = Pounds(900),
            ["NHS-2026"] = Pounds(450),
            ["GRANT-2026"] = Pounds(150),
        });
        (await w.PositionAsync()).Sum(p => p.Allocated.Pence).Should().Be(150_000);

        // A top-up goes into the same budget; only a lead professional can hold one.
        Ok(await w.Allocations.AllocateLeadProfessionalAsync(new LeadProfessionalAllocationRequest("lpb-2", AreaCode, PoolCode, Lp, Pounds(100), "Top-up", Holder, May1)));
        (await w.AvailableByStreamAsync(AccountKind.LeadProfessionalBudget, "LPB-LP-0001-2026")).Values.Sum(m => m.Pence).Should().Be(160_000);
        (await w.Allocations.AllocateLeadProfessionalAsync(new LeadProfessionalAllocationRequest("lpb-3", AreaCode, PoolCode, Broker, Pounds(100), "Wrong role", Holder, May1)))
            .Error!.Code.Should().Be(BudgetErrorCode.UnknownPractitioner);
        (await w.Allocations.AllocateLeadProfessionalAsync(new LeadProfessionalAllocationRequest("lpb-4", AreaCode, PoolCode, Lp, Pounds(100), "Self-approved", Lp, May1)))
            .Error!.Code.Should().Be(BudgetErrorCode.UnknownPractitioner, "only a budget holder decides allocations");
        await w.VerifyAsync();
    }

    // ---- R5: assessment, indicative and final amounts, the split, holder and mode ----

    [Fact]
    public async Task Assessment_GivesAnIndicativeAmountWithItsWorking_AndIsStored_R5()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db, contribute: false);

        var amy = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp, PoolCode, 3, 2, 3, 0, 4));

        amy.TotalPoints.Should().Be(12);
        amy.IndicativeAmount.Should().Be(180_000);
        amy.Working.Should().Be("12 points × £150.00 per point = £1,800.00");
        await using var context = db.CreateContext();
        var stored = await context.Assessments.SingleAsync(a => a.Id == amy.Id);
        (stored.BeHealthy, stored.StaySafe, stored.EnjoyAndAchieve, stored.PositiveContribution, stored.EconomicWellBeing).Should().Be((3, 2, 3, 0, 4));
        stored.Factors.Should().Be(new DifficultyFactors(1, 2, 0, 0));
        stored.ClientGroup.Should().Be(ClientGroup.EarlyHelp);
        stored.Working.Should().Be(amy.Working);
        stored.AssessedBy.Should().Be(Lp);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_FinalAmountWithReason_SplitsProRataAcrossAllowedStreamsExactlyToThePenny_OnePostingPerStream_R5()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var amy = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));

        var allocation = Ok(await w.Allocations.AllocateAsync(Decide("amy-1", amy.Id, 1_234.57m, "Indicative £1,200 plus transport to therapy")));

        allocation.Assessment.Should().Be(amy.Id);
        allocation.IndicativeAmount.Should().Be(120_000);
        allocation.Working.Should().Be("8 points × £150.00 per point = £1,200.00");
        allocation.FinalAmount.Should().Be(123_457);
        allocation.Reason.Should().Be("Indicative £1,200 plus transport to therapy");
        allocation.DecidedBy.Should().Be(Holder);
        allocation.DecidedOn.Should().Be(May1);

        // 6 : 3 : 1 of £1,234.57 is 740.742, 370.371, 123.457: the spare penny goes to the largest remainder (the grant).
        (await w.AvailableByStreamAsync(AccountKind.IndividualBudget, "IB-CHILD-A7K2-2026")).Should().BeEquivalentTo(new Dictionary<string, Money>
        {
            ["CSC-2026"] = Pounds(740.74m),
            ["NHS-2026"] = Pounds(370.37m),
            ["GRANT-2026"] = Pounds(123.46m),
        });

        await using (var context = db.CreateContext())
        {
            var entry = await context.JournalEntries.SingleAsync(e => e.Id == allocation.Entry);
            entry.Kind.Should().Be(EntryKind.Allocation);
            entry.EffectiveDate.Should().Be(May1);
            entry.Description.Should().NotContain(AmyName);
            var accounts = await context.Accounts.ToDictionaryAsync(a => a.Id);
            var streams = await context.FundingStreams.ToDictionaryAsync(s => s.Id, s => s.Code);
            var postings = await context.Postings.Where(p => p.Entry == allocation.Entry).ToListAsync();
            postings.Should().HaveCount(6);
            postings.GroupBy(p => streams[p.Stream]).Should().AllSatisfy(g =>
            {
                g.Should().HaveCount(2, "one posting out of the pool and one into the budget for each stream");
                g.Sum(p => p.Amount).Should().Be(0, "each stream balances on its own (R23)");
                var from = accounts[g.Single(p => p.Amount > 0).Account];
                var to = accounts[g.Single(p => p.Amount < 0).Account];
                (from.Kind, from.Owner).Should().Be((AccountKind.Pool, PoolCode));
                (to.Kind, to.Owner).Should().Be((AccountKind.IndividualBudget, "IB-CHILD-A7K2-2026"));
            });
            postings.Where(p => p.Amount > 0).ToDictionary(p => streams[p.Stream], p => p.Amount).Should().BeEquivalentTo(new Dictionary<string, long>
            {
                ["CSC-2026"] = 74_074,
                ["NHS-2026"] = 37_037,
                ["GRANT-2026"] = 12_346,
            });
        }

        var budget = await w.BudgetAsync("IB-CHILD-A7K2-2026");
        budget.Kind.Should().Be(BudgetKind.Individual);
        budget.ClientGroup.Should().Be(ClientGroup.EarlyHelp);
        budget.Year.Should().Be(Year);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_ToALeadProfessionalWithoutTheChildOnTheirCaseload_IsRefused_AndWritesNothing()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var amy = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));
        var before = await w.SnapshotAsync();

        var refused = await w.Allocations.AllocateAsync(Decide("amy-other-lp", amy.Id, 100, holder: "LP-0002"));

        refused.Error!.Code.Should().Be(BudgetErrorCode.NotOnCaseload);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Allocation_RecordsTheHolderModeAndCashOrNotional_R5()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        Ok(await w.People.AddChildAsync(AreaCode, "CHILD-C5D6", "Cat Testchild", null));
        Ok(await w.People.AssignCaseloadAsync(AreaCode, Lp, "CHILD-C5D6", May1));
        var amy = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));
        var ben = Ok(await w.AssessAsync(Ben, ClientGroup.DisabledChild));
        var cat = Ok(await w.AssessAsync("CHILD-C5D6", ClientGroup.EarlyHelp));

        Ok(await w.Allocations.AllocateAsync(Decide("amy", amy.Id, 100)));
        Ok(await w.Allocations.AllocateAsync(Decide("ben", ben.Id, 100, mode: HolderMode.Broker, holder: Broker, budgetMode: BudgetMode.Notional)));
        Ok(await w.Allocations.AllocateAsync(Decide("cat", cat.Id, 100, mode: HolderMode.DirectPayment, holder: Lp)));

        var amyBudget = await w.BudgetAsync("IB-CHILD-A7K2-2026");
        (amyBudget.HolderMode, amyBudget.Mode).Should().Be((HolderMode.LeadProfessional, BudgetMode.Cash));
        var benBudget = await w.BudgetAsync("IB-CHILD-B3X9-2026");
        (benBudget.HolderMode, benBudget.Mode).Should().Be((HolderMode.Broker, BudgetMode.Notional));
        var catBudget = await w.BudgetAsync("IB-CHILD-C5D6-2026");
        (catBudget.HolderMode, catBudget.Mode).Should().Be((HolderMode.DirectPayment, BudgetMode.Cash));
        await using (var context = db.CreateContext())
        {
            var broker = await context.Practitioners.SingleAsync(p => p.Code == Broker);
            benBudget.Holder.Should().Be(broker.Id);
            benBudget.Subject.Should().Be((await context.Subjects.SingleAsync(s => s.Reference == Ben)).Id);
        }

        // A broker-held budget needs a broker; a lead-professional-held one a lead professional.
        var again = Ok(await w.AssessAsync("CHILD-C5D6", ClientGroup.EarlyHelp));
        var before = await w.SnapshotAsync();
        (await w.Allocations.AllocateAsync(Decide("cat-2", again.Id, 100, mode: HolderMode.Broker, holder: Lp))).Error!.Code.Should().Be(BudgetErrorCode.HolderRequired);
        (await w.Allocations.AllocateAsync(Decide("cat-3", again.Id, 100, mode: HolderMode.LeadProfessional, holder: Broker))).Error!.Code.Should().Be(BudgetErrorCode.HolderRequired);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_ReplayedWithTheSameKey_ReturnsTheSameAllocation_AndMovesMoneyOnce_R5_R25()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var amy = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));
        var request = Decide("amy-once", amy.Id, 1_000);

        var first = Ok(await w.Allocations.AllocateAsync(request));
        var afterFirst = await w.SnapshotAsync();
        var again = Ok(await w.Allocations.AllocateAsync(request));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => w.Allocations.AllocateAsync(request)));

        again.Id.Should().Be(first.Id);
        again.Entry.Should().Be(first.Entry);
        concurrent.Should().AllSatisfy(r => Ok(r).Id.Should().Be(first.Id));
        (await w.SnapshotAsync()).Should().BeEquivalentTo(afterFirst, "a replay writes nothing");
        (await w.AvailableByStreamAsync(AccountKind.IndividualBudget, "IB-CHILD-A7K2-2026")).Values.Sum(m => m.Pence).Should().Be(100_000);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_FirstReplayedConcurrently_RecordsOneAllocationAndMovesMoneyOnce_R5_R25()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var amy = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));
        var request = Decide("amy-race", amy.Id, 1_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => w.Allocations.AllocateAsync(request))));

        results.Select(r => Ok(r).Id).Distinct().Should().HaveCount(1);
        await using (var context = db.CreateContext())
        {
            (await context.Allocations.CountAsync()).Should().Be(1);
            (await context.Budgets.CountAsync()).Should().Be(1);
            (await context.JournalEntries.CountAsync(e => e.Kind == EntryKind.Allocation)).Should().Be(1);
        }

        (await w.AvailableByStreamAsync(AccountKind.IndividualBudget, "IB-CHILD-A7K2-2026")).Values.Sum(m => m.Pence).Should().Be(100_000);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_TwoDecisionsForANewBudgetAtOnce_BothRecorded_IntoOneBudget_R5()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var first = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));
        var second = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));

        var results = await Task.WhenAll(
            Task.Run(() => w.Allocations.AllocateAsync(Decide("amy-a", first.Id, 100))),
            Task.Run(() => w.Allocations.AllocateAsync(Decide("amy-b", second.Id, 200))));

        results.Should().AllSatisfy(r => r.Succeeded.Should().BeTrue(r.Error?.ToString()));
        var budget = await w.BudgetAsync("IB-CHILD-A7K2-2026");
        results.Should().AllSatisfy(r => r.Value!.Budget.Should().Be(budget.Id));
        await using (var context = db.CreateContext())
        {
            (await context.Allocations.CountAsync()).Should().Be(2, "money moved twice, so both decisions are recorded");
        }

        (await w.AvailableByStreamAsync(AccountKind.IndividualBudget, "IB-CHILD-A7K2-2026")).Values.Sum(m => m.Pence).Should().Be(30_000);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_SameKeyWithADifferentRequest_IsRefused_AndWritesNothing_R25()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var amy = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));
        Ok(await w.Allocations.AllocateAsync(Decide("amy-k", amy.Id, 100)));
        var before = await w.SnapshotAsync();

        var different = await w.Allocations.AllocateAsync(Decide("amy-k", amy.Id, 999));

        different.Succeeded.Should().BeFalse("the same key with a different request is refused, not answered with the first result");
        different.Error!.Code.Should().Be(BudgetErrorCode.LedgerRefused);
        different.Error.Message.Should().Contain(nameof(LedgerErrorCode.IdempotencyConflict));
        Ok(await w.Allocations.AllocateAsync(Decide("amy-k", amy.Id, 100))).Should().NotBeNull("the identical request is still a replay");
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_FromASecondPoolIntoAnExistingBudget_IsRefused_AndWritesNothing_R3()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        Ok(await w.Funding.CreatePoolAsync(new PoolRequest(AreaCode, "CARERS-2026", "Young carers pool", Year, Ok(ResourceAllocationRule.Points(Pounds(50))))));
        await w.ContributeAsync("CARERS-2026", "GRANT-2026", 400);
        Ok(await w.Allocations.AllocateAsync(Decide("amy-eh", Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp)).Id, 100)));
        var second = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp, "CARERS-2026"));
        var before = await w.SnapshotAsync();

        // One budget per child per year: money from another pool would make both pools' positions wrong.
        (await w.Allocations.AllocateAsync(Decide("amy-carers", second.Id, 150))).Error!.Code.Should().Be(BudgetErrorCode.BudgetTermsDiffer);

        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        var carers = (await w.PositionAsync("CARERS-2026")).Single();
        (carers.Contributed, carers.Allocated, carers.Available).Should().Be((Pounds(400), Money.Zero, Pounds(400)));
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_OnOtherTermsThanTheExistingBudget_IsRefused_SoRingFencedMoneyStaysWithItsClientGroup_R2()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        Ok(await w.Allocations.AllocateAsync(Decide("amy-1", Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp)).Id, 100)));
        var youthJustice = Ok(await w.AssessAsync(Amy, ClientGroup.YouthJustice));

        (await w.Allocations.AllocateAsync(Decide("amy-yj", youthJustice.Id, 100))).Error!.Code.Should().Be(BudgetErrorCode.BudgetTermsDiffer);
        (await w.Allocations.AllocateAsync(Decide("amy-broker", Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp)).Id, 100, mode: HolderMode.Broker, holder: Broker)))
            .Error!.Code.Should().Be(BudgetErrorCode.BudgetTermsDiffer);
    }

    [Fact]
    public async Task Assessment_RecordedTwiceWithTheSameKey_IsKeptOnce_AndAnotherRequestUnderTheKeyIsRefused_R5()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var needs = new Dictionary<EveryChildMattersArea, int> { [EveryChildMattersArea.StaySafe] = 4 };
        var request = new AssessmentRequest(AreaCode, Amy, PoolCode, May1, Lp, ClientGroup.EarlyHelp, needs, DifficultyFactors.None, "assess-amy-1");

        var first = Ok(await w.Allocations.AssessAsync(request));
        var again = Ok(await w.Allocations.AssessAsync(request with { Needs = new Dictionary<EveryChildMattersArea, int>(needs) }));
        var other = await w.Allocations.AssessAsync(request with { Needs = new Dictionary<EveryChildMattersArea, int> { [EveryChildMattersArea.StaySafe] = 9 } });

        again.Id.Should().Be(first.Id);
        other.Error!.Message.Should().Contain("IdempotencyConflict");
        await using var context = db.CreateContext();
        (await context.Assessments.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Allocation_ReplayedFromAnotherArea_IsRefused_R1()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var other = await BudgetWorld.CreateAsync(db, contribute: false, areaCode: "SOMERSET");
        var assessment = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));
        var request = Decide("shared-key", assessment.Id, 100);
        Ok(await w.Allocations.AllocateAsync(request));

        var replayElsewhere = await other.Allocations.AllocateAsync(request with { Area = "SOMERSET" });

        replayElsewhere.Succeeded.Should().BeFalse();
        replayElsewhere.Error!.Message.Should().Contain("IdempotencyConflict");
    }

    [Fact]
    public async Task Contribution_UnderAKeyUsedForAnAllocation_IsRefused_AndOpensNoAccount_R25()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        Ok(await w.Allocations.AllocateAsync(Decide("k-shared", Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp)).Id, 100)));
        var before = await w.SnapshotAsync();

        var refused = await w.Funding.ContributeAsync(new ContributionRequest("k-shared", AreaCode, PoolCode, "CSC-2026", Pounds(10), new LocalDate(2030, 1, 1)));

        refused.Error!.Message.Should().Contain("IdempotencyConflict");
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
    }

    // ---- People: households, caseloads, personal details read only with a logged purpose ----

    [Fact]
    public async Task Household_LinksItsChildren_AndGetsAWholeFamilyBudget_R5()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);

        var family = Ok(await w.People.AddFamilyAsync(AreaCode, "FAM-0001", "The Testchild family", [Amy, Ben]));
        Ok(await w.People.AssignCaseloadAsync(AreaCode, Lp, "FAM-0001", May1));
        Ok(await w.People.AssignCaseloadAsync(AreaCode, Lp, "FAM-0001", May1));

        await using (var context = db.CreateContext())
        {
            var stored = await context.Subjects.Include(s => s.Members).SingleAsync(s => s.Reference == "FAM-0001");
            stored.Kind.Should().Be(SubjectKind.Family);
            var children = await context.Subjects.Where(s => s.Reference == Amy || s.Reference == Ben).Select(s => s.Id).ToListAsync();
            stored.Members.Select(m => m.Child).Should().BeEquivalentTo(children);
            stored.Members.Should().OnlyContain(m => m.Family == family.Id);
            (await context.Caseloads.CountAsync(c => c.Subject == family.Id)).Should().Be(1, "assigning twice keeps one caseload entry");
        }

        // Whole family: only the streams with no client-group restriction may pay (council 6 : grant 1).
        var assessment = Ok(await w.AssessAsync("FAM-0001", ClientGroup.WholeFamily));
        Ok(await w.Allocations.AllocateAsync(Decide("fam-1", assessment.Id, 700)));
        (await w.AvailableByStreamAsync(AccountKind.IndividualBudget, "IB-FAM-0001-2026")).Should().BeEquivalentTo(new Dictionary<string, Money>
        {
            ["CSC-2026"] = Pounds(600),
            ["GRANT-2026"] = Pounds(100),
        });
        (await w.BudgetAsync("IB-FAM-0001-2026")).Subject.Should().Be(family.Id);

        (await w.People.AddFamilyAsync(AreaCode, "FAM-0002", "Unknown child family", ["CHILD-NOPE"])).Error!.Code.Should().Be(BudgetErrorCode.UnknownSubject);
        (await w.People.AddFamilyAsync(AreaCode, "FAM-0003", "A family of families", ["FAM-0001"])).Error!.Code.Should().Be(BudgetErrorCode.UnknownSubject);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task PersonalDetails_ReadingLogsWhoAndWhy_AndReadingWithoutAPurposeIsRefused()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);

        var details = Ok(await w.People.ReadPersonalDetailsAsync(AreaCode, Amy, Lp, "Arranging a home visit"));

        details.FullName.Should().Be(AmyName);
        details.DateOfBirth.Should().Be(new LocalDate(2015, 6, 1));
        await using (var context = db.CreateContext())
        {
            var read = await context.PersonalDetailsReads.SingleAsync();
            read.ReadBy.Should().Be(Lp);
            read.Purpose.Should().Be("Arranging a home visit");
            read.Subject.Should().Be((await context.Subjects.SingleAsync(s => s.Reference == Amy)).Id);
            read.ReadAt.Should().BeGreaterThan(Instant.FromUtc(2020, 1, 1, 0, 0));
        }

        var before = await w.SnapshotAsync();
        (await w.People.ReadPersonalDetailsAsync(AreaCode, Amy, Lp, "")).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        (await w.People.ReadPersonalDetailsAsync(AreaCode, Amy, Lp, "   ")).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        (await w.People.ReadPersonalDetailsAsync(AreaCode, Amy, "", "Curiosity")).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        (await w.People.ReadPersonalDetailsAsync(AreaCode, "CHILD-NOPE", Lp, "A visit")).Error!.Code.Should().Be(BudgetErrorCode.UnknownSubject);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before, "a refused read is not a read");

        // The ledger itself never carries the name: accounts and entries use the pseudonymous reference.
        Ok(await w.Allocations.AllocateAsync(Decide("amy-1", Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp)).Id, 100)));
        await using (var context = db.CreateContext())
        {
            (await context.JournalEntries.Select(e => e.Description).ToListAsync()).Should().NotContain(d => d.Contains("Testchild"));
            (await context.Accounts.Select(a => a.Owner).ToListAsync()).Should().Contain("IB-CHILD-A7K2-2026").And.NotContain(o => o.Contains("Testchild"));
        }

        await w.VerifyAsync();
    }

    // ---- Example 10: year end ----

    [Fact]
    public async Task YearEnd_CouncilMoneyReturnsToItsStream_GrantMoneyCarriesIntoNextYearsBudget_OnceEvenIfRunTwice_Example10()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db, contribute: false);
        await w.ContributeAsync(PoolCode, "CSC-2026", 1_000);
        await w.ContributeAsync(PoolCode, "GRANT-2026", 1_000);
        var amy = Ok(await w.AssessAsync(Amy, ClientGroup.LookedAfter));
        Ok(await w.Allocations.AllocateAsync(Decide("amy-1", amy.Id, 800)));
        const string budget = "IB-CHILD-A7K2-2026";
        await w.PostHoldAsync("invoice-council", await w.ReserveAsync("order-council", budget, "CSC-2026", 100));
        await w.PostHoldAsync("invoice-grant", await w.ReserveAsync("order-grant", budget, "GRANT-2026", 100));
        (await w.AvailableByStreamAsync(AccountKind.IndividualBudget, budget)).Should().BeEquivalentTo(new Dictionary<string, Money>
        {
            ["CSC-2026"] = Pounds(300),
            ["GRANT-2026"] = Pounds(300),
        });
        var councilFunds = await w.AccountAsync(AccountKind.StreamFunds, "COUNCIL", "CSC-2026");
        (await db.Balances.GetAsync(councilFunds.Id))!.Posted.Should().Be(Pounds(1_000));

        var summary = Ok(await w.YearEnd.RunAsync(AreaCode, Year));

        // The child's £300 of council money and the pool's £600 unallocated council money go back to the council stream.
        summary.Returned.Should().Be(Pounds(900));
        summary.CarriedForward.Should().Be(Pounds(300));
        summary.Entries.Should().Be(3);
        summary.AlreadyClosed.Should().BeFalse();
        (await w.AvailableByStreamAsync(AccountKind.IndividualBudget, budget)).Should().OnlyContain(kv => kv.Value == Money.Zero);
        (await db.Balances.GetAsync(councilFunds.Id))!.Posted.Should().Be(Pounds(100), "only the £100 spent has left the council stream");

        // The grant's £300 is in the same child's 2027/28 budget, still in the grant stream.
        var next = await w.BudgetAsync("IB-CHILD-A7K2-2027");
        var old = await w.BudgetAsync(budget);
        next.Year.Should().Be(Year.Next);
        next.Subject.Should().Be(old.Subject);
        next.CarriedFrom.Should().Be(old.Id);
        (next.Holder, next.HolderMode, next.Mode, next.ClientGroup).Should().Be((old.Holder, old.HolderMode, old.Mode, old.ClientGroup));
        (await w.AvailableByStreamAsync(AccountKind.IndividualBudget, "IB-CHILD-A7K2-2027")).Should().BeEquivalentTo(new Dictionary<string, Money>
        {
            ["GRANT-2026"] = Pounds(300),
        });

        var position = await w.PositionAsync();
        position.Select(p => (p.Stream, p.Allocated, p.Spent, p.Returned, p.Available)).Should().Equal(
            ("CSC-2026", Pounds(400), Pounds(100), Pounds(900), Money.Zero),
            ("GRANT-2026", Pounds(400), Pounds(100), Money.Zero, Pounds(600)));

        // The position reconciles: the pool's side, and what is left in its year's budgets after returns and carry-forward.
        position.Select(p => (p.Stream, p.ReturnedFromPool, p.CarriedForward, p.InBudgets)).Should().Equal(
            ("CSC-2026", Pounds(600), Money.Zero, Money.Zero),
            ("GRANT-2026", Money.Zero, Pounds(300), Money.Zero));
        position.Should().AllSatisfy(p => p.Available.Should().Be(p.Contributed - p.Allocated - p.ReturnedFromPool));
        await using (var context = db.CreateContext())
        {
            (await context.JournalEntries.CountAsync(e => e.Kind == EntryKind.YearEndReturn)).Should().Be(2);
            (await context.JournalEntries.CountAsync(e => e.Kind == EntryKind.CarryForward)).Should().Be(1);
            (await context.JournalEntries.Where(e => e.Kind == EntryKind.YearEndReturn || e.Kind == EntryKind.CarryForward).Select(e => e.EffectiveDate).Distinct().ToListAsync())
                .Should().Equal(new LocalDate(2027, 3, 31));
        }

        await w.VerifyAsync();

        // Run again: nothing moves.
        var afterFirst = await w.SnapshotAsync();
        var second = Ok(await w.YearEnd.RunAsync(AreaCode, Year));
        second.Entries.Should().Be(0);
        second.AlreadyClosed.Should().BeTrue();
        second.Returned.Should().Be(Money.Zero);
        second.CarriedForward.Should().Be(Money.Zero);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(afterFirst, "running year end twice moves money once");

        // The closed year takes no more contributions.
        var late = await w.Funding.ContributeAsync(new ContributionRequest("late", AreaCode, PoolCode, "CSC-2026", Pounds(50), new LocalDate(2027, 3, 1)));
        late.Error!.Code.Should().Be(BudgetErrorCode.FinancialYearClosed);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(afterFirst);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task YearEnd_LeavesMoneyHeldByOpenOrdersWhereItIs_AndCarriesALeadProfessionalsGrantMoney_Example10()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db, contribute: false);
        await w.ContributeAsync(PoolCode, "CSC-2026", 500);
        await w.ContributeAsync(PoolCode, "GRANT-2026", 500);
        Ok(await w.Allocations.AllocateLeadProfessionalAsync(new LeadProfessionalAllocationRequest("lpb", AreaCode, PoolCode, Lp, Pounds(400), "Delegated budget", Holder, May1)));
        await w.ReserveAsync("open-order", "LPB-LP-0001-2026", "CSC-2026", 50, AccountKind.LeadProfessionalBudget);

        var summary = Ok(await w.YearEnd.RunAsync(AreaCode, Year));

        summary.Returned.Should().Be(Pounds(150 + 300), "£200 council less £50 held, and the pool's £300 unallocated council money");
        summary.CarriedForward.Should().Be(Pounds(200));
        var old = await w.AvailableByStreamAsync(AccountKind.LeadProfessionalBudget, "LPB-LP-0001-2026");
        old["CSC-2026"].Should().Be(Money.Zero);
        await using (var context = db.CreateContext())
        {
            var account = await context.Accounts.SingleAsync(a => a.Owner == "LPB-LP-0001-2026" && a.Kind == AccountKind.LeadProfessionalBudget && a.Held > 0);
            account.Held.Should().Be(5_000, "the open order keeps its money");
        }

        var next = await w.BudgetAsync("LPB-LP-0001-2027");
        next.Kind.Should().Be(BudgetKind.LeadProfessional);
        (await w.AvailableByStreamAsync(AccountKind.LeadProfessionalBudget, "LPB-LP-0001-2027")).Should().BeEquivalentTo(new Dictionary<string, Money>
        {
            ["GRANT-2026"] = Pounds(200),
        });
        await w.VerifyAsync();
    }

    // ---- Bad input: a stable code, and nothing written ----

    [Fact]
    public async Task BadInput_IsRefusedWithAStableCode_AndWritesNothing()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db);
        var ben = Ok(await w.AssessAsync(Ben, ClientGroup.YouthJustice));
        Ok(await w.Funding.CreatePoolAsync(new PoolRequest(AreaCode, "NHS-ONLY", "NHS only", Year, Ok(ResourceAllocationRule.Points(Pounds(10))))));
        await w.ContributeAsync("NHS-ONLY", "NHS-2026", 100);
        var excluded = Ok(await w.AssessAsync(Ben, ClientGroup.YouthJustice, "NHS-ONLY"));
        var before = await w.SnapshotAsync();

        // Youth justice may use council £6,000 + grant £1,000 + YJ £2,000 = £9,000 of the pool's £12,000.
        var tooMuch = await w.Allocations.AllocateAsync(Decide("ben-big", ben.Id, 9_000.01m));
        tooMuch.Error!.Code.Should().Be(BudgetErrorCode.InsufficientPoolFunds);
        tooMuch.Error.Message.Should().Contain("£9,000.00");
        (await w.Allocations.AllocateAsync(Decide("ben-excluded", excluded.Id, 10))).Error!.Code.Should().Be(BudgetErrorCode.ClientGroupNotAllowed);
        (await w.AssessAsync(Amy, ClientGroup.EarlyHelp, PoolCode, 3, -1, 2)).Error!.Code.Should().Be(BudgetErrorCode.NegativePoints);
        (await w.Allocations.AllocateAsync(Decide("ben-no-reason", ben.Id, 100, reason: ""))).Error!.Code.Should().Be(BudgetErrorCode.ReasonRequired);
        (await w.Allocations.AllocateAsync(Decide("ben-blank-reason", ben.Id, 100, reason: "   "))).Error!.Code.Should().Be(BudgetErrorCode.ReasonRequired);
        (await w.Allocations.AllocateAsync(Decide("ben-zero", ben.Id, 0))).Error!.Code.Should().Be(BudgetErrorCode.InvalidAmount);
        (await w.Allocations.AllocateAsync(Decide("ben-unknown", AssessmentId.New(), 10))).Error!.Code.Should().Be(BudgetErrorCode.UnknownAssessment);
        (await w.Allocations.AllocateAsync(Decide("ben-late", ben.Id, 10) with { Date = new LocalDate(2027, 4, 1) })).Error!.Code
            .Should().Be(BudgetErrorCode.OutsideFinancialYear);
        (await w.Funding.ContributeAsync(new ContributionRequest("c-zero", AreaCode, PoolCode, "CSC-2026", Money.Zero, April1))).Error!.Code
            .Should().Be(BudgetErrorCode.InvalidAmount);
        (await w.Funding.ContributeAsync(new ContributionRequest("c-outside", AreaCode, PoolCode, "CSC-2026", Pounds(1), new LocalDate(2026, 3, 31)))).Error!.Code
            .Should().Be(BudgetErrorCode.OutsideFinancialYear);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before, "every refusal writes nothing");

        // A contribution into a closed financial year.
        Ok(await w.YearEnd.RunAsync(AreaCode, Year));
        var closed = await w.SnapshotAsync();
        (await w.Funding.ContributeAsync(new ContributionRequest("c-closed", AreaCode, PoolCode, "GRANT-2026", Pounds(10), new LocalDate(2026, 12, 1)))).Error!.Code
            .Should().Be(BudgetErrorCode.FinancialYearClosed);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(closed);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Allocation_DatedInAFinancialYearClosedByYearEnd_IsRefused_AndYearEndStillRunsAgain_Example10()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db, contribute: false);
        await w.ContributeAsync(PoolCode, "GRANT-2026", 1_000);
        var amy = Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp));
        Ok(await w.Allocations.AllocateAsync(Decide("amy-1", amy.Id, 100)));
        Ok(await w.YearEnd.RunAsync(AreaCode, Year));

        // The grant's unallocated £900 stays in the pool, but the closed year takes no more decisions:
        // money put into a 2026/27 budget now would miss year end.
        var late = Decide("amy-late", Ok(await w.AssessAsync(Amy, ClientGroup.EarlyHelp)).Id, 100) with { Date = new LocalDate(2027, 3, 1) };
        var closed = await w.SnapshotAsync();
        (await w.Allocations.AllocateAsync(late)).Error!.Code.Should().Be(BudgetErrorCode.FinancialYearClosed);
        (await w.Allocations.AllocateLeadProfessionalAsync(new LeadProfessionalAllocationRequest("lpb-late", AreaCode, PoolCode, Lp, Pounds(100), "Late", Holder,
            new LocalDate(2027, 3, 1)))).Error!.Code.Should().Be(BudgetErrorCode.FinancialYearClosed);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(closed);

        var again = Ok(await w.YearEnd.RunAsync(AreaCode, Year));
        again.Entries.Should().Be(0);
        await w.VerifyAsync();
    }

    [Fact]
    public async Task Contribution_FromAStreamOfAnotherYear_IsRefusedWithYearMismatch()
    {
        await using var db = await NewDatabaseAsync();
        var w = await BudgetWorld.CreateAsync(db, contribute: false);
        Ok(await w.Funding.CreateStreamAsync(new StreamRequest(AreaCode, "COUNCIL", "CSC-2027", "Council 2027/28", Year.Next, FundingForm.CashTransfer,
            StreamRestrictions.None, false, YearEndRule.ReturnUnspent, Money.Zero, "")));
        var before = await w.SnapshotAsync();

        (await w.Funding.ContributeAsync(new ContributionRequest("c-2027", AreaCode, PoolCode, "CSC-2027", Pounds(10), new LocalDate(2027, 4, 1)))).Error!.Code
            .Should().Be(BudgetErrorCode.YearMismatch);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        await w.VerifyAsync();
    }
}

public sealed class SqliteBudgetsTests : BudgetsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlBudgetsTests : BudgetsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public sealed class SqlServerBudgetsTests : BudgetsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
