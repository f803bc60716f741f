using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Purchasing;
using Ledger.Integration.Tests.Budgets;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;

namespace Ledger.Integration.Tests.Purchasing;

/// <summary>
/// The budgets world (<see cref="BudgetWorld"/>: area DEVON, lead professionals LP-0001 and LP-0002,
/// broker BROKER-01, budget holder BH-01, children CHILD-A7K2 "Amy" and CHILD-B3X9 on LP-0001's caseload)
/// plus, for purchasing:
/// <list type="bullet">
/// <item>pool EX-POOL (restricted streams first unless asked otherwise) with CSC-2026 £2,000 (any category) and NHS-2026 £500 (therapy only);</item>
/// <item>Amy's individual budget <see cref="AmyBudget"/> holding all of it, held by LP-0001 (worked example 1);</item>
/// <item>providers of every sector and a catalogue (see the constants);</item>
/// <item>LP-0001's delegated limits: £100 per purchase, £1,000 a month, panel above £1,500 (example 2).</item>
/// </list>
/// </summary>
internal sealed class PurchasingWorld
{
    public const string ExPool = "EX-POOL";
    public const string AmyBudget = "IB-CHILD-A7K2-2026";
    public const string Speech = "PRV-SPEECH";      // private, therapy
    public const string Leisure = "PRV-LEISURE";    // voluntary, leisure
    public const string InHouse = "PRV-INHOUSE";    // in-house family support
    public const string Pa = "PRV-PA";              // individual personal assistant
    public const string SpeechSession = "SALT-SESSION";   // £50 a session, therapy
    public const string SwimSession = "SWIM-SESSION";     // £20 a session, leisure
    public const string FamilyWork = "FAMILY-HOUR";       // £35 an hour, family support

    public static readonly LocalDate June1 = new(2026, 6, 1);

    private PurchasingWorld(BudgetWorld budgets) => Budgets = budgets;

    public BudgetWorld Budgets { get; }

    public TestDatabase Db => Budgets.Db;

    public PurchasingService Purchasing => Db.Services.GetRequiredService<PurchasingService>();

    public PaymentRunService PaymentRuns => Db.Services.GetRequiredService<PaymentRunService>();

    public static async Task<PurchasingWorld> CreateAsync(TestDatabase db, SplitPolicy policy = SplitPolicy.RestrictedFirst)
    {
        var budgets = await BudgetWorld.CreateAsync(db, contribute: false);
        var world = new PurchasingWorld(budgets);
        Ok(await budgets.Funding.CreatePoolAsync(new PoolRequest(AreaCode, ExPool, "Worked examples pool", Year, Ok(ResourceAllocationRule.Points(Pounds(150))), policy)));
        await budgets.ContributeAsync(ExPool, "CSC-2026", 2_000);
        await budgets.ContributeAsync(ExPool, "NHS-2026", 500);
        var assessment = Ok(await budgets.AssessAsync(Amy, ClientGroup.EarlyHelp, ExPool));
        Ok(await budgets.Allocations.AllocateAsync(Decide("alloc-amy", assessment.Id, 2_500)));

        var p = world.Purchasing;
        Ok(await p.RegisterProviderAsync(new ProviderRequest(AreaCode, Speech, "Clear Voice Therapy Ltd", ProviderSector.Private, "20-00-00", "12345678", "CLEAR VOICE LTD")));
        Ok(await p.RegisterProviderAsync(new ProviderRequest(AreaCode, Leisure, "Riverside Youth Club", ProviderSector.Voluntary, "30-11-22", "23456789", "RIVERSIDE YC")));
        Ok(await p.RegisterProviderAsync(new ProviderRequest(AreaCode, InHouse, "Council family support team", ProviderSector.InHouse, "40-22-33", "34567890", "DEVON CC")));
        Ok(await p.RegisterProviderAsync(new ProviderRequest(AreaCode, Pa, "Pat Assistant", ProviderSector.Individual, "50-33-44", "45678901", "P ASSISTANT")));
        Ok(await p.AddServiceAsync(new ServiceRequest(AreaCode, SpeechSession, "Speech and language therapy session", Speech, ServiceCategory.TherapyHealth, "session", Pounds(50))));
        Ok(await p.AddServiceAsync(new ServiceRequest(AreaCode, SwimSession, "Swimming lesson", Leisure, ServiceCategory.LeisureActivities, "session", Pounds(20))));
        Ok(await p.AddServiceAsync(new ServiceRequest(AreaCode, FamilyWork, "Family support worker", InHouse, ServiceCategory.FamilySupport, "hour", Pounds(35))));
        Ok(await p.SetLimitsAsync(new LimitRequest(AreaCode, Lp, Pounds(100), Pounds(1_000), Pounds(1_500), Holder)));
        return world;
    }

    /// <summary>An order from the catalogue on Amy's budget by LP-0001, need identified on 20 May, ordered on 1 June.</summary>
    public static OrderRequest Order(string key, string service, int quantity, string budget = AmyBudget, string requestedBy = Lp, LocalDate? on = null,
        string? subject = null, string? bestInterests = null) =>
        new(key, AreaCode, budget, subject, requestedBy, service, quantity, "Speech delay affecting school", "Understood by classmates by Christmas",
            "Wants to talk to friends", new LocalDate(2026, 5, 20), on ?? June1, bestInterests);

    public async Task<PurchaseOrder> PlaceAsync(string key, string service, int quantity, string requestedBy = Lp) =>
        Ok(await Purchasing.PlaceOrderAsync(Order(key, service, quantity, requestedBy: requestedBy)));

    /// <summary>Available in each stream of Amy's budget, by stream code.</summary>
    public Task<Dictionary<string, Money>> AmyAvailableAsync() => Budgets.AvailableByStreamAsync(AccountKind.IndividualBudget, AmyBudget);

    /// <summary>What a provider is owed per stream (its payable accounts' balances), by stream code.</summary>
    public async Task<Dictionary<string, Money>> OwedAsync(string provider)
    {
        await using var context = Db.CreateContext();
        var streams = await context.FundingStreams.ToDictionaryAsync(s => s.Id, s => s.Code);
        var accounts = await context.Accounts.Where(a => a.Area == Budgets.AreaRecord.Id && a.Kind == AccountKind.ProviderPayable && a.Owner == provider).ToListAsync();
        return accounts.ToDictionary(a => streams[a.Stream], a => Money.FromPence(a.Balance));
    }
}
