using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Persistence;
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
    public const string Lp2 = "LP-0002";                  // a lead professional with no delegated limits and no caseload
    public const string Holder2 = "BH-02";                // a second budget holder (added on demand)
    public const string LpBudget = "LPB-LP-0001-2026";
    public const string BenBudget = "IB-CHILD-B3X9-2026";

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

    /// <summary>A spot purchase (not from the catalogue) on Amy's budget by LP-0001: <paramref name="quantity"/> x <paramref name="unitPrice"/>.</summary>
    public static OrderRequest Spot(string key, string provider, ServiceCategory category, decimal unitPrice, int quantity, string? reason = "No catalogue provider within reach",
        string budget = AmyBudget, string requestedBy = Lp) =>
        Order(key, null!, quantity, budget, requestedBy) with
        {
            Service = null, Provider = provider, Category = category, Description = "Help at home after school", Unit = "visit", UnitPrice = Pounds(unitPrice),
            SpotReason = reason,
        };

    /// <summary>Approves a waiting order as BH-01 on 2 June.</summary>
    public async Task<PurchaseOrder> ApproveAsync(string reference, string decidedBy = Holder, string? note = null) =>
        Ok(await Purchasing.DecideAsync(new DecisionRequest(AreaCode, reference, decidedBy, true, new LocalDate(2026, 6, 2), note)));

    /// <summary>Places an order, approves it if it waits, confirms the start on 8 June and invoices <paramref name="units"/> (all by default) on <paramref name="invoicedOn"/>.</summary>
    public async Task<(PurchaseOrder Order, Invoice Invoice)> DeliverAsync(OrderRequest request, string invoiceNumber, LocalDate invoicedOn, int? units = null)
    {
        var order = Ok(await Purchasing.PlaceOrderAsync(request));
        if (order.Status == OrderStatus.AwaitingApproval)
        {
            order = await ApproveAsync(order.Reference, note: order.Route == ApprovalRoute.Panel ? "PANEL-0001" : null);
        }

        Ok(await Purchasing.ConfirmStartAsync(AreaCode, order.Reference, new LocalDate(2026, 6, 8)));
        var invoice = Ok(await Purchasing.InvoiceAsync(new InvoiceRequest(AreaCode, order.Reference, invoiceNumber, units ?? order.Quantity, invoicedOn)));
        return (Ok(await Purchasing.OrderAsync(AreaCode, order.Reference)), invoice);
    }

    /// <summary>Adds a second budget holder, BH-02.</summary>
    public async Task AddSecondHolderAsync() =>
        Ok(await Budgets.People.AddPractitionerAsync(AreaCode, Holder2, "Bill Holder", Ledger.Domain.People.PractitionerRole.BudgetHolder));

    /// <summary>
    /// Gives LP-0001 a delegated budget (<see cref="LpBudget"/>) of exactly <paramref name="pounds"/>, all council money: the council
    /// contributes it to EX-POOL first.
    /// </summary>
    public async Task LeadProfessionalBudgetAsync(decimal pounds)
    {
        await Budgets.ContributeAsync(ExPool, "CSC-2026", pounds);
        Ok(await Budgets.Allocations.AllocateLeadProfessionalAsync(new LeadProfessionalAllocationRequest("alloc-lpb", AreaCode, ExPool, Lp, Pounds(pounds),
            "Small cash budget for immediate help", Holder, May1)));
    }

    /// <summary>
    /// Gives Ben an individual budget (<see cref="BenBudget"/>) of <paramref name="pounds"/> held by the broker BROKER-01: the council
    /// contributes it to EX-POOL first.
    /// </summary>
    public async Task BrokerBudgetForBenAsync(decimal pounds)
    {
        await Budgets.ContributeAsync(ExPool, "CSC-2026", pounds);
        var assessment = Ok(await Budgets.AssessAsync(Ben, ClientGroup.EarlyHelp, ExPool));
        Ok(await Budgets.Allocations.AllocateAsync(Decide("alloc-ben", assessment.Id, pounds, mode: HolderMode.Broker, holder: Broker)));
    }

    /// <summary>Available in each stream of a budget, by stream code.</summary>
    public Task<Dictionary<string, Money>> AvailableAsync(string budget, AccountKind kind = AccountKind.IndividualBudget) =>
        Budgets.AvailableByStreamAsync(kind, budget);

    /// <summary>The legs of an order's hold: amount reserved and posted per stream code.</summary>
    public async Task<List<(string Stream, Money Amount, Money Posted)>> HoldLegsAsync(PurchaseOrder order)
    {
        await using var context = Db.CreateContext();
        var streams = await context.FundingStreams.ToDictionaryAsync(s => s.Id, s => s.Code);
        var legs = await context.HoldLegs.Where(l => l.Hold == order.Hold).OrderBy(l => l.Leg).ToListAsync();
        return legs.Select(l => (streams[l.Stream], Money.FromPence(l.Amount), Money.FromPence(l.Posted))).ToList();
    }

    /// <summary>The hold behind an order.</summary>
    public async Task<Hold> HoldAsync(PurchaseOrder order)
    {
        await using var context = Db.CreateContext();
        return await context.Holds.AsNoTracking().SingleAsync(h => h.Id == order.Hold);
    }

    /// <summary>An order as stored now.</summary>
    public async Task<PurchaseOrder> StoredAsync(string reference) => Ok(await Purchasing.OrderAsync(AreaCode, reference));

    /// <summary>What every provider of the area is owed, in total.</summary>
    public async Task<Money> AllOwedAsync()
    {
        await using var context = Db.CreateContext();
        var balances = await context.Accounts.Where(a => a.Area == Budgets.AreaRecord.Id && a.Kind == AccountKind.ProviderPayable).Select(a => a.Balance).ToListAsync();
        return Money.FromPence(balances.Sum());
    }

    /// <summary>
    /// Another, independent set of services on the same database (as another machine would have), optionally with its own
    /// clock and purchasing options. Dispose it.
    /// </summary>
    public static ServiceProvider Client(TestDatabase db, IClock? clock = null, PurchasingOptions? options = null)
    {
        var services = new ServiceCollection();
        if (options is not null)
        {
            services.AddSingleton(options);
        }

        services.AddLedgerInfrastructure(new DatabaseOptions { Provider = db.Provider, ConnectionString = db.ConnectionString });
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>
    /// What a refused request must leave untouched: the ledger (accounts with balance, held and version; entries, postings, keys,
    /// holds and their legs) and every purchasing table (providers, catalogue, limits, orders, invoices, delegated months, runs, payments).
    /// </summary>
    public async Task<object> SnapshotAsync()
    {
        await using var context = Db.CreateContext();
        return new
        {
            Accounts = await context.Accounts.Select(a => new { a.Id, a.Balance, a.Held, a.Version }).ToListAsync(),
            Entries = await context.JournalEntries.CountAsync(),
            Postings = await context.Postings.CountAsync(),
            Keys = await context.IdempotencyRecords.CountAsync(),
            Holds = await context.Holds.Select(h => new { h.Id, h.Status, h.Amount, h.PostedAmount, h.Version }).ToListAsync(),
            HoldLegs = await context.HoldLegs.Select(l => new { l.Hold, l.Leg, l.Amount, l.Posted }).ToListAsync(),
            Providers = await context.Providers.Select(p => new { p.Id, p.Code, p.Status, p.Version }).ToListAsync(),
            Services = await context.ServiceItems.CountAsync(),
            Limits = await context.DelegatedLimits.Select(l => new { l.Practitioner, l.PerPurchase, l.Monthly, l.PanelThreshold }).ToListAsync(),
            Orders = await context.PurchaseOrders.Select(o => new { o.Id, o.Status, o.Version, o.ServiceStartedOn, o.DecidedBy }).ToListAsync(),
            Invoices = await context.Invoices.Select(i => new { i.Id, i.Amount, i.PaymentRun }).ToListAsync(),
            Months = await context.DelegatedMonths.Select(m => new { m.Practitioner, m.Month, m.Committed, m.Version }).ToListAsync(),
            Runs = await context.PaymentRuns.Select(r => new { r.Id, r.Status, r.Version }).ToListAsync(),
            Payments = await context.ProviderPayments.Select(p => new { p.Run, p.Provider, p.Amount }).ToListAsync(),
        };
    }

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
