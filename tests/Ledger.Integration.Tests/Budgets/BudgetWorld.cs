using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Integration.Tests.Budgets;

/// <summary>
/// One area ("DEVON", 2026/27) set up through the budgets services: four agencies and their streams,
/// an early-help pool priced at £150 a point, a budget holder, two lead professionals, a broker and
/// two children.
/// <list type="table">
/// <item>CSC-2026 — council, cash, any service or group, return unspent; contributes £6,000.</item>
/// <item>NHS-2026 — NHS, cash equivalent, therapy and health only, disabled children and early help only, ring-fenced; £3,000.</item>
/// <item>GRANT-2026 — charity, cash, any service or group, carry forward; £1,000.</item>
/// <item>YJ-2026 — youth offending service, youth justice only, ring-fenced; £2,000.</item>
/// </list>
/// </summary>
internal sealed class BudgetWorld
{
    public const string AreaCode = "DEVON";
    public const string PoolCode = "EH-2026";
    public const string Holder = "BH-01";
    public const string Lp = "LP-0001";
    public const string Broker = "BROKER-01";
    public const string Amy = "CHILD-A7K2";
    public const string Ben = "CHILD-B3X9";
    public const string AmyName = "Amy Testchild";

    public static readonly FinancialYear Year = FinancialYear.StartingIn(2026);
    public static readonly LocalDate April1 = new(2026, 4, 1);
    public static readonly LocalDate May1 = new(2026, 5, 1);

    private BudgetWorld(TestDatabase db, Area area)
    {
        Db = db;
        AreaRecord = area;
    }

    public TestDatabase Db { get; }

    public Area AreaRecord { get; }

    public FundingService Funding => Db.Services.GetRequiredService<FundingService>();

    public PeopleService People => Db.Services.GetRequiredService<PeopleService>();

    public AllocationService Allocations => Db.Services.GetRequiredService<AllocationService>();

    public YearEndService YearEnd => Db.Services.GetRequiredService<YearEndService>();

    public static Money Pounds(decimal pounds) => Money.FromPounds(pounds);

    public static T Ok<T>(Result<T> result)
    {
        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        return result.Value!;
    }

    public static async Task<BudgetWorld> CreateAsync(TestDatabase db, bool contribute = true, string areaCode = AreaCode)
    {
        var area = await db.Setup.EnsureAreaAsync(areaCode, $"{areaCode} county council");
        var world = new BudgetWorld(db, area);
        var f = world.Funding;
        foreach (var (code, name, kind) in new[]
        {
            ("COUNCIL", "County council children's services", AgencyKind.Council),
            ("NHS", "NHS integrated care board", AgencyKind.Nhs),
            ("CHARITY", "Young carers trust", AgencyKind.Charity),
            ("YOS", "Youth offending service", AgencyKind.YouthJustice),
        })
        {
            Ok(await f.CreateAgencyAsync(new AgencyRequest(areaCode, code, name, kind)));
        }

        await world.StreamAsync("COUNCIL", "CSC-2026", "Council early intervention 2026/27", FundingForm.CashTransfer, StreamRestrictions.None, false,
            YearEndRule.ReturnUnspent, 20_000, "Families helped before crisis", areaCode);
        await world.StreamAsync("NHS", "NHS-2026", "NHS therapy 2026/27", FundingForm.CashEquivalent,
            new StreamRestrictions(new HashSet<ServiceCategory> { ServiceCategory.TherapyHealth }, new HashSet<ClientGroup> { ClientGroup.DisabledChild, ClientGroup.EarlyHelp }),
            true, YearEndRule.ReturnUnspent, 8_000, "Therapy within four weeks", areaCode);
        await world.StreamAsync("CHARITY", "GRANT-2026", "Young carers grant 2026/27", FundingForm.CashTransfer, StreamRestrictions.None, false,
            YearEndRule.CarryForward, 2_000, "Breaks for young carers", areaCode);
        await world.StreamAsync("YOS", "YJ-2026", "Youth justice prevention 2026/27", FundingForm.CashTransfer,
            new StreamRestrictions(new HashSet<ServiceCategory>(), new HashSet<ClientGroup> { ClientGroup.YouthJustice }),
            true, YearEndRule.ReturnUnspent, 5_000, "Fewer first-time entrants", areaCode);

        Ok(await f.CreatePoolAsync(new PoolRequest(areaCode, PoolCode, "Early help pool 2026/27", Year, Ok(ResourceAllocationRule.Points(Pounds(150))))));

        Ok(await world.People.AddPractitionerAsync(areaCode, Holder, "Bea Holder", PractitionerRole.BudgetHolder));
        Ok(await world.People.AddPractitionerAsync(areaCode, Lp, "Lee Lead", PractitionerRole.LeadProfessional));
        Ok(await world.People.AddPractitionerAsync(areaCode, "LP-0002", "Lou Lead", PractitionerRole.LeadProfessional));
        Ok(await world.People.AddPractitionerAsync(areaCode, Broker, "Bob Broker", PractitionerRole.Broker));
        Ok(await world.People.AddChildAsync(areaCode, Amy, AmyName, new LocalDate(2015, 6, 1)));
        Ok(await world.People.AddChildAsync(areaCode, Ben, "Ben Testchild", new LocalDate(2010, 2, 3)));
        Ok(await world.People.AssignCaseloadAsync(areaCode, Lp, Amy, new LocalDate(2026, 4, 1)));
        Ok(await world.People.AssignCaseloadAsync(areaCode, Lp, Ben, new LocalDate(2026, 4, 1)));

        if (contribute)
        {
            await world.ContributeAsync(PoolCode, "CSC-2026", 6_000);
            await world.ContributeAsync(PoolCode, "NHS-2026", 3_000);
            await world.ContributeAsync(PoolCode, "GRANT-2026", 1_000);
            await world.ContributeAsync(PoolCode, "YJ-2026", 2_000);
        }

        return world;
    }

    public async Task<FundingStream> StreamAsync(string agency, string code, string name, FundingForm form, StreamRestrictions restrictions, bool ringFenced,
        YearEndRule rule, decimal expectedSpend, string expectedOutcome, string areaCode = AreaCode) =>
        Ok(await Funding.CreateStreamAsync(new StreamRequest(areaCode, agency, code, name, Year, form, restrictions, ringFenced, rule, Pounds(expectedSpend), expectedOutcome)));

    public async Task<JournalEntryId> ContributeAsync(string pool, string stream, decimal pounds, LocalDate? date = null, string? areaCode = null) =>
        Ok(await Funding.ContributeAsync(new ContributionRequest($"contrib:{areaCode ?? AreaRecord.Code}:{pool}:{stream}:{pounds}:{date ?? April1}",
            areaCode ?? AreaRecord.Code, pool, stream, Pounds(pounds), date ?? April1)));

    /// <summary>Assesses a child or family in the pool: the points given across the first areas (3, 2, 3 = 8 points = £1,200 by default).</summary>
    public Task<Result<Assessment>> AssessAsync(string subject, ClientGroup group, string pool = PoolCode, params int[] points)
    {
        var needs = new Dictionary<EveryChildMattersArea, int>();
        var areas = Enum.GetValues<EveryChildMattersArea>();
        var given = points.Length == 0 ? [3, 2, 3] : points;
        for (var i = 0; i < given.Length; i++)
        {
            needs[areas[i]] = given[i];
        }

        return Allocations.AssessAsync(new AssessmentRequest(AreaRecord.Code, subject, pool, May1, Lp, group, needs, new DifficultyFactors(1, 2, 0, 0)));
    }

    public static AllocationRequest Decide(string key, AssessmentId assessment, decimal pounds, string reason = "Agreed at the team around the child meeting",
        HolderMode mode = HolderMode.LeadProfessional, string holder = Lp, BudgetMode budgetMode = BudgetMode.Cash, string area = AreaCode) =>
        new(key, area, assessment, Pounds(pounds), reason, Holder, May1, mode, holder, budgetMode);

    public async Task<FundingStream> StreamRecordAsync(string code)
    {
        await using var context = Db.CreateContext();
        return await context.FundingStreams.SingleAsync(s => s.Area == AreaRecord.Id && s.Code == code);
    }

    public async Task<Budget> BudgetAsync(string code)
    {
        await using var context = Db.CreateContext();
        return await context.Budgets.SingleAsync(b => b.Area == AreaRecord.Id && b.Code == code);
    }

    /// <summary>The budget's (or pool's) account in a stream, by owner code.</summary>
    public async Task<Account> AccountAsync(AccountKind kind, string owner, string stream) =>
        await Db.Setup.EnsureAccountAsync(kind, AreaRecord.Id, owner, (await StreamRecordAsync(stream)).Id);

    /// <summary>Available money in each stream of a budget or pool, by stream code, leaving out streams it has no account in.</summary>
    public async Task<Dictionary<string, Money>> AvailableByStreamAsync(AccountKind kind, string owner)
    {
        await using var context = Db.CreateContext();
        var streams = await context.FundingStreams.ToDictionaryAsync(s => s.Id, s => s.Code);
        var accounts = await context.Accounts.Where(a => a.Area == AreaRecord.Id && a.Kind == kind && a.Owner == owner).ToListAsync();
        return accounts.ToDictionary(a => streams[a.Stream], a => a.Available);
    }

    public async Task<IReadOnlyList<PoolStreamPosition>> PositionAsync(string pool = PoolCode) => Ok(await Funding.PositionAsync(AreaRecord.Code, pool));

    /// <summary>Reserves <paramref name="pounds"/> on the budget's account in <paramref name="stream"/>, payable to PROV-1 in the same stream.</summary>
    public async Task<HoldId> ReserveAsync(string key, string budgetCode, string stream, decimal pounds, AccountKind kind = AccountKind.IndividualBudget)
    {
        var budget = await AccountAsync(kind, budgetCode, stream);
        var payable = await AccountAsync(AccountKind.ProviderPayable, "PROV-1", stream);
        var outcome = await Db.Engine.ExecuteAsync(new ReserveHold(key, May1, "Order: therapy sessions", [new HoldLegRequest(budget.Id, payable.Id, Pounds(pounds))], null));
        outcome.Succeeded.Should().BeTrue(outcome.Error?.Message);
        return outcome.Hold!.Value;
    }

    public async Task PostHoldAsync(string key, HoldId hold)
    {
        var outcome = await Db.Engine.ExecuteAsync(new PostHold(key, hold, May1, "Invoice: sessions delivered"));
        outcome.Succeeded.Should().BeTrue(outcome.Error?.Message);
    }

    public async Task VerifyAsync()
    {
        var report = await Db.Verifier.VerifyAsync();
        report.AllPassed.Should().BeTrue(string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
    }

    /// <summary>What a refused request must leave untouched: the ledger and every budgets table.</summary>
    public async Task<object> SnapshotAsync()
    {
        await using var context = Db.CreateContext();
        return new
        {
            Accounts = await context.Accounts.Select(a => new { a.Id, a.Balance, a.Held, a.Version }).ToListAsync(),
            Entries = await context.JournalEntries.CountAsync(),
            Postings = await context.Postings.CountAsync(),
            Keys = await context.IdempotencyRecords.CountAsync(),
            Holds = await context.Holds.CountAsync(),
            Allocations = await context.Allocations.CountAsync(),
            Budgets = await context.Budgets.CountAsync(),
            Assessments = await context.Assessments.CountAsync(),
            Subjects = await context.Subjects.CountAsync(),
            Reads = await context.PersonalDetailsReads.CountAsync(),
            Closures = await context.FinancialYearClosures.CountAsync(),
            Streams = await context.FundingStreams.CountAsync(),
        };
    }
}
