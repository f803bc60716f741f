using System.Globalization;
using System.Text;
using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Application.Outcomes;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Outcomes;
using Ledger.Domain.People;
using Ledger.Domain.Purchasing;
using NodaTime;

namespace Ledger.Application.Demo;

/// <summary>What the demo data set holds, and how much of it this run wrote.</summary>
/// <param name="Areas">Areas.</param>
/// <param name="Agencies">Partner agencies.</param>
/// <param name="Streams">Funding streams for 2026/27.</param>
/// <param name="Pools">Pools.</param>
/// <param name="Contributed">Money contributed into the pools.</param>
/// <param name="Practitioners">Lead professionals, brokers and budget holders.</param>
/// <param name="Children">Children.</param>
/// <param name="Families">Families (households linking children).</param>
/// <param name="Budgets">Individual budgets (one per child or family, each from an assessment).</param>
/// <param name="LeadProfessionalBudgets">Lead professionals' delegated budgets.</param>
/// <param name="Allocated">Money allocated from the pools to budgets.</param>
/// <param name="Providers">Providers of every sector (R7).</param>
/// <param name="SuspendedProviders">Providers suspended: no new orders.</param>
/// <param name="CatalogueEntries">Catalogue entries (R8).</param>
/// <param name="Orders">Purchase orders (R9).</param>
/// <param name="CommittedAtOnce">Orders within the requester's delegated limits, committed at once (R11).</param>
/// <param name="Approved">Orders approved above delegated limits by a budget holder or a panel.</param>
/// <param name="PanelDecisions">Orders above the panel threshold, decided by a panel.</param>
/// <param name="Rejected">Orders rejected (their holds released).</param>
/// <param name="Cancelled">Orders cancelled (their holds released).</param>
/// <param name="Waiting">Orders still waiting for approval.</param>
/// <param name="Started">Orders whose service has started.</param>
/// <param name="Invoices">Invoices settled against orders (R13).</param>
/// <param name="PartInvoices">Invoices for fewer units than ordered: the rest was released.</param>
/// <param name="PaymentRuns">Completed payment runs.</param>
/// <param name="Paid">Invoices paid by the payment runs.</param>
/// <param name="Owed">Invoices not yet gathered into a run: still owed to providers.</param>
/// <param name="MedianDaysToService">Median days from need identified to service started (R12); null when nothing has started.</param>
/// <param name="Percentile90DaysToService">90th percentile (nearest rank) of days to service; null when nothing has started.</param>
/// <param name="Outcomes">Outcomes in the catalogue (R14).</param>
/// <param name="RateCards">Rate cards imported (R15).</param>
/// <param name="OutcomeContracts">Payment-by-results contracts.</param>
/// <param name="Enrolments">Children and families enrolled on them (R16).</param>
/// <param name="AttachmentFees">Attachment fees made owed on enrolment (R15).</param>
/// <param name="Claims">Outcome and sustainment claims by status (R20); attachment fees are not counted here.</param>
/// <param name="OutcomePaymentsPaid">Attachment fees, outcome and sustainment payments paid by payment runs (a claim clawed back later included).</param>
/// <param name="OutcomePaymentsOwed">Approved payments not yet gathered into a payment run: still owed to providers.</param>
/// <param name="ClawbacksRecovered">Payments recovered by reversing entries after a spot check found them invalid (R21).</param>
/// <param name="SampleSize">Claims chosen for spot checks in assurance samples (R21).</param>
/// <param name="FoundInvalid">Of those, found invalid.</param>
/// <param name="Written">Records and ledger requests this run wrote; zero when the data set was already loaded.</param>
public sealed record DemoSummary(int Areas, int Agencies, int Streams, int Pools, Money Contributed, int Practitioners, int Children, int Families,
    int Budgets, int LeadProfessionalBudgets, Money Allocated, int Providers, int SuspendedProviders, int CatalogueEntries, int Orders, int CommittedAtOnce,
    int Approved, int PanelDecisions, int Rejected, int Cancelled, int Waiting, int Started, int Invoices, int PartInvoices, int PaymentRuns, Money Paid,
    Money Owed, decimal? MedianDaysToService, decimal? Percentile90DaysToService, int Outcomes, int RateCards, int OutcomeContracts, int Enrolments,
    Money AttachmentFees, ClaimCounts Claims, Money OutcomePaymentsPaid, Money OutcomePaymentsOwed, Money ClawbacksRecovered, int SampleSize, int FoundInvalid,
    int Written);

/// <summary>Outcome and sustainment claims by status (R20, R21).</summary>
/// <param name="Draft">Drafts, evidence attached, not yet submitted.</param>
/// <param name="Validated">Submitted and passed the automatic rules; waiting for internal audit.</param>
/// <param name="SignedOff">Signed off by internal audit; waiting for approval.</param>
/// <param name="Approved">Approved: owed to the provider, not yet paid.</param>
/// <param name="Paid">Paid by a payment run.</param>
/// <param name="Rejected">Rejected with a reason.</param>
/// <param name="ClawbackPending">Found invalid after approval; waiting for a payment run to recover them.</param>
/// <param name="ClawedBack">Recovered by a reversing entry.</param>
/// <param name="Sustainments">Of all these, claims for a sustainment payment.</param>
public sealed record ClaimCounts(int Draft, int Validated, int SignedOff, int Approved, int Paid, int Rejected, int ClawbackPending, int ClawedBack, int Sustainments)
{
    /// <summary>No claims.</summary>
    public static ClaimCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>All the claims counted.</summary>
    public int Total => Draft + Validated + SignedOff + Approved + Paid + Rejected + ClawbackPending + ClawedBack;

    /// <summary>Counts <paramref name="claims"/> (attachment fees left out).</summary>
    public static ClaimCounts Of(IEnumerable<OutcomeClaim> claims)
    {
        var list = claims.Where(c => c.Kind != PaymentKind.Attachment).ToList();
        int Count(ClaimStatus status) => list.Count(c => c.Status == status);
        return new(Count(ClaimStatus.Draft), Count(ClaimStatus.Validated), Count(ClaimStatus.SignedOff), Count(ClaimStatus.Approved), Count(ClaimStatus.Paid),
            Count(ClaimStatus.Rejected), Count(ClaimStatus.ClawbackPending), Count(ClaimStatus.ClawedBack), list.Count(c => c.Kind == PaymentKind.Sustainment));
    }

    /// <summary>Both sets of counts together.</summary>
    public ClaimCounts Plus(ClaimCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Draft + other.Draft, Validated + other.Validated, SignedOff + other.SignedOff, Approved + other.Approved, Paid + other.Paid, Rejected + other.Rejected,
            ClawbackPending + other.ClawbackPending, ClawedBack + other.ClawedBack, Sustainments + other.Sustainments);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Draft} draft, {Validated} validated, {SignedOff} signed off, {Approved} approved (owed), {Paid} paid, {Rejected} rejected, "
        + (ClawbackPending > 0 ? $"{ClawbackPending} waiting for clawback, " : string.Empty) + $"{ClawedBack} clawed back";
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (unlike <see cref="Progress{T}"/>).</summary>
/// <typeparam name="T">What is reported.</typeparam>
/// <param name="report">Called for each report.</param>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}

/// <summary>
/// The demo data set (see <see cref="DemoData"/>), loaded through the same application services an
/// administrator uses from the CLI: two areas, each with partner agencies, funding streams for
/// 2026/27 (council early-intervention money and NHS therapy money that return unspent, schools
/// money for tuition only, youth-justice money for that client group only, a charity grant that
/// carries forward), one pool with contributions, three lead professionals with £15,000 delegated
/// budgets, a broker and a budget holder, 48 children and 12 families (households of two or three
/// children) on caseloads, an assessment and an individual budget for each child and family (mixed
/// holders, two notional). Purchasing goes through <see cref="PurchasingService"/> and
/// <see cref="PaymentRunService"/>: eleven providers per area of every sector (one suspended in
/// Carrow Vale after its orders), a catalogue in all seven categories, Devon-style delegated limits
/// (£100 at once, £1,000 a month, a panel above £2,500) set by the budget holder, and 42 orders per
/// area from April to October 2026 by the lead professionals and the broker — mostly small ones
/// committed at once, others approved by the budget holder days later, a panel decision, a
/// rejection, a cancellation and one still waiting — with service starts, invoices (some for fewer
/// units than ordered) and month-end payment runs (May to October) that pay them.
/// Payment by results goes through <see cref="OutcomeService"/> and <see cref="AssuranceService"/>
/// (plans in <see cref="DemoData.OutcomePlans"/>): the shipped outcome catalogue and rate cards, a
/// contract per area with a voluntary provider drawing on the area's pool, children and families
/// enrolled with their difficulty factors (attachment fees paid by the May run), claims with evidence
/// files in every state — draft, validated, signed off, approved and owed, paid by the month-end runs,
/// rejected with a reason (one by the whole-family rule after a recurrence), and one clawed back: paid
/// in September, found invalid in an October spot-check sample, recovered by the October run.
/// Loading twice changes nothing: everything is looked up before it is created, each order's and
/// claim's state is read before its next step, and every request carries a fixed idempotency key.
/// </summary>
public sealed class DemoLedger(ILedgerSetup setup, IBudgetStore store, IPoolQueries pools, FundingService funding, PeopleService people,
    AllocationService allocations, PurchasingService purchasing, PaymentRunService paymentRuns, IPurchasingStore purchasingStore, OutcomeService outcomes,
    AssuranceService assurance, IOutcomeStore outcomeStore)
{
    private readonly ILedgerSetup _setup = setup;
    private readonly IBudgetStore _store = store;
    private readonly IPoolQueries _pools = pools;
    private readonly FundingService _funding = funding;
    private readonly PeopleService _people = people;
    private readonly AllocationService _allocations = allocations;
    private readonly PurchasingService _purchasing = purchasing;
    private readonly PaymentRunService _paymentRuns = paymentRuns;
    private readonly IPurchasingStore _purchasingStore = purchasingStore;
    private readonly OutcomeService _outcomes = outcomes;
    private readonly AssuranceService _assurance = assurance;
    private readonly IOutcomeStore _outcomeStore = outcomeStore;

    /// <summary>The demo's financial year.</summary>
    public static FinancialYear Year { get; } = FinancialYear.StartingIn(2026);

    /// <summary>The demo areas' codes.</summary>
    public static IReadOnlyList<string> AreaCodes { get; } = DemoData.Areas.Select(a => a.Code).ToList();

    /// <summary>Loads the demo data, reporting each step to <paramref name="progress"/>.</summary>
    /// <exception cref="InvalidOperationException">A service refused part of the demo data (for example an area's year was closed).</exception>
    public async Task<DemoSummary> LoadAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = new Run(this, progress, cancellationToken);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        await run.ImportOutcomesAsync().ConfigureAwait(false);
        foreach (var plan in DemoData.Areas)
        {
            await run.LoadAreaAsync(plan, taken).ConfigureAwait(false);
        }

        return run.Summary();
    }

    /// <summary>One loading run: its counters and the steps for an area.</summary>
    private sealed class Run(DemoLedger demo, IProgress<string>? progress, CancellationToken ct)
    {
        private int _written;
        private int _agencies;
        private int _streams;
        private int _practitioners;
        private int _children;
        private int _families;
        private int _budgets;
        private int _lpBudgets;
        private int _providers;
        private int _suspended;
        private int _catalogue;
        private int _orders;
        private int _atOnce;
        private int _approved;
        private int _panel;
        private int _rejected;
        private int _cancelled;
        private int _waiting;
        private int _invoices;
        private int _partInvoices;
        private int _runs;
        private Money _contributed = Money.Zero;
        private Money _allocated = Money.Zero;
        private Money _paid = Money.Zero;
        private Money _owed = Money.Zero;
        private readonly List<int> _daysToService = [];
        private int _outcomeDefinitions;
        private int _rateCards;
        private int _contracts;
        private int _enrolments;
        private Money _attachmentFees = Money.Zero;
        private ClaimCounts _claims = ClaimCounts.None;
        private Money _pbrPaid = Money.Zero;
        private Money _pbrOwed = Money.Zero;
        private Money _recovered = Money.Zero;
        private int _sampled;
        private int _invalid;
        private readonly List<Enrolment> _enrolled = [];

        public DemoSummary Summary()
        {
            var days = _daysToService.Order().ToList();
            decimal? median = days.Count == 0 ? null : days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2m;
            decimal? ninetieth = days.Count == 0 ? null : days[(int)Math.Ceiling(days.Count * 0.9m) - 1];
            return new(DemoData.Areas.Count, _agencies, _streams, DemoData.Areas.Count, _contributed, _practitioners, _children, _families, _budgets, _lpBudgets,
                _allocated, _providers, _suspended, _catalogue, _orders, _atOnce, _approved, _panel, _rejected, _cancelled, _waiting, days.Count, _invoices,
                _partInvoices, _runs, _paid, _owed, median, ninetieth, _outcomeDefinitions, _rateCards, _contracts, _enrolments, _attachmentFees, _claims, _pbrPaid,
                _pbrOwed, _recovered, _sampled, _invalid, _written);
        }

        public async Task LoadAreaAsync(AreaPlan plan, HashSet<string> taken)
        {
            var store = demo._store;
            var code = plan.Code;
            var area = await store.AreaAsync(code, ct).ConfigureAwait(false);
            if (area is null)
            {
                area = await demo._setup.EnsureAreaAsync(code, plan.Name, ct).ConfigureAwait(false);
                _written++;
            }

            // Partners and their streams (R1, R2, R6).
            foreach (var agency in plan.Agencies)
            {
                if (await store.AgencyAsync(area.Id, agency.Code, ct).ConfigureAwait(false) is null)
                {
                    Require(await demo._funding.CreateAgencyAsync(new AgencyRequest(code, agency.Code, agency.Name, agency.Kind), ct).ConfigureAwait(false));
                    _written++;
                }
            }

            var streams = new Dictionary<StreamRole, FundingStream>();
            foreach (var s in plan.Streams)
            {
                var stream = await store.StreamAsync(area.Id, s.Code, ct).ConfigureAwait(false);
                if (stream is null)
                {
                    stream = Require(await demo._funding.CreateStreamAsync(new StreamRequest(code, s.Agency, s.Code, s.Name, Year, s.Form,
                        new StreamRestrictions(s.Categories.ToHashSet(), s.ClientGroups.ToHashSet()), s.RingFenced, s.YearEnd, Money.FromPounds(s.ExpectedSpend),
                        s.ExpectedOutcome), ct).ConfigureAwait(false));
                    _written++;
                }

                streams[s.Role] = stream;
            }

            _agencies += plan.Agencies.Count;
            _streams += plan.Streams.Count;
            Report($"{code}: {plan.Name} — {plan.Agencies.Count} partner agencies, {plan.Streams.Count} funding streams for {Year}");

            // The pool and the partners' contributions, each keeping its stream (R3).
            var pool = await store.PoolAsync(area.Id, plan.Pool.Code, ct).ConfigureAwait(false);
            if (pool is null)
            {
                pool = Require(await demo._funding.CreatePoolAsync(new PoolRequest(code, plan.Pool.Code, plan.Pool.Name, Year, plan.Pool.Rule, plan.Pool.Policy), ct)
                    .ConfigureAwait(false));
                _written++;
            }

            var contributed = (await demo._pools.StreamFundsAsync(pool, ct).ConfigureAwait(false)).ToDictionary(f => f.Stream, f => f.Contributed);
            var poolTotal = Money.Zero;
            foreach (var s in plan.Streams)
            {
                var amount = Money.FromPounds(s.Contribution);
                poolTotal += amount;
                if (contributed.GetValueOrDefault(streams[s.Role].Id).IsZero)
                {
                    Require(await demo._funding.ContributeAsync(new ContributionRequest($"demo:{code}:contribution:{s.Code}", code, pool.Code, s.Code, amount, Year.Start), ct)
                        .ConfigureAwait(false));
                    _written++;
                }
            }

            _contributed += poolTotal;
            Report($"{code}: pool {pool.Code} ({pool.Rule.Describe()}) — {poolTotal} contributed by {plan.Streams.Count} streams");

            // Practitioners.
            var lps = new List<Practitioner>();
            foreach (var (lpCode, name) in plan.LeadProfessionals)
            {
                lps.Add(await PractitionerAsync(area, code, lpCode, name, PractitionerRole.LeadProfessional).ConfigureAwait(false));
            }

            var broker = await PractitionerAsync(area, code, plan.Broker.Code, plan.Broker.Name, PractitionerRole.Broker).ConfigureAwait(false);
            var holder = await PractitionerAsync(area, code, plan.BudgetHolder.Code, plan.BudgetHolder.Name, PractitionerRole.BudgetHolder).ConfigureAwait(false);
            _practitioners += lps.Count + 2;
            Report($"{code}: {lps.Count} lead professionals, broker {broker.Code}, budget holder {holder.Code}");

            // Children and families: pseudonymous references; invented names in personal details only.
            var subjects = new List<(Subject Subject, ClientGroup Group, int Index, bool IsFamily)>();
            for (var i = 0; i < DemoData.ChildrenPerArea; i++)
            {
                var reference = DemoData.Reference("CHILD", $"{code}:child:{i}", taken);
                var group = DemoData.ChildGroups[i];
                var family = FamilyOf(i);
                var surname = plan.Surnames[family >= 0 ? family : DemoData.FamiliesPerArea + (i - 15)];
                var first = DemoData.FirstNames[(i + (code.Length * 5)) % DemoData.FirstNames.Length];
                var born = DemoData.BornOn(reference, group);
                var child = await store.SubjectAsync(area.Id, reference, ct).ConfigureAwait(false);
                if (child is null)
                {
                    child = Require(await demo._people.AddChildAsync(code, reference, $"{first} {surname}", born, ct).ConfigureAwait(false));
                    _written++;
                }

                subjects.Add((child, group, i, false));
            }

            for (var f = 0; f < DemoData.FamiliesPerArea; f++)
            {
                var reference = DemoData.Reference("FAM", $"{code}:family:{f}", taken);
                var members = subjects.Where(s => FamilyOf(s.Index) == f).Select(s => s.Subject.Reference).ToList();
                var family = await store.SubjectAsync(area.Id, reference, ct).ConfigureAwait(false);
                if (family is null)
                {
                    family = Require(await demo._people.AddFamilyAsync(code, reference, $"The {plan.Surnames[f]} family", members, ct).ConfigureAwait(false));
                    _written++;
                }

                subjects.Add((family, ClientGroup.WholeFamily, f, true));
            }

            _children += DemoData.ChildrenPerArea;
            _families += DemoData.FamiliesPerArea;

            // Caseloads: each child or family has one lead professional.
            for (var s = 0; s < subjects.Count; s++)
            {
                var lp = lps[s % lps.Count];
                if (!await store.OnCaseloadAsync(lp.Id, subjects[s].Subject.Id, ct).ConfigureAwait(false))
                {
                    Require(await demo._people.AssignCaseloadAsync(code, lp.Code, subjects[s].Subject.Reference, Year.Start.PlusDays(DemoData.Pick($"{code}:{s}:since", 20)), ct)
                        .ConfigureAwait(false));
                    _written++;
                }
            }

            Report($"{code}: {DemoData.ChildrenPerArea} children and {DemoData.FamiliesPerArea} families on {lps.Count} caseloads");

            // Lead professionals' delegated budgets (R4): the Devon pathfinder figure, £15,000 a year each.
            foreach (var lp in lps)
            {
                var key = LeadProfessionalKey(code, lp.Code);
                var allocation = await store.AllocationByKeyAsync(key, ct).ConfigureAwait(false);
                if (allocation is null)
                {
                    allocation = Require(await demo._allocations.AllocateLeadProfessionalAsync(new LeadProfessionalAllocationRequest(key, code, pool.Code, lp.Code,
                        Money.FromPounds(15_000m), "Delegated budget for quick small purchases: £15,000 a year, up to £100 signed off at once", holder.Code, Year.Start), ct)
                        .ConfigureAwait(false));
                    _written++;
                }

                _allocated += Money.FromPence(allocation.FinalAmount);
            }

            _lpBudgets += lps.Count;
            Report($"{code}: {lps.Count} lead-professional budgets of £15,000.00");

            // An assessment and an individual budget for every child and family (R5).
            var allocatedOn = new Dictionary<int, LocalDate>();
            for (var s = 0; s < subjects.Count; s++)
            {
                var (subject, group, index, isFamily) = subjects[s];
                var key = AllocationKey(code, subject.Reference);
                var allocation = await store.AllocationByKeyAsync(key, ct).ConfigureAwait(false);
                if (allocation is null)
                {
                    var lp = lps[s % lps.Count];
                    var assessedOn = DemoData.AssessedOn(index, isFamily);
                    var assessment = Require(await demo._allocations.AssessAsync(new AssessmentRequest(code, subject.Reference, pool.Code, assessedOn, lp.Code, group,
                        Needs(subject.Reference, group, isFamily), Factors(subject.Reference, group), $"demo:{code}:assessment:{subject.Reference}"), ct).ConfigureAwait(false));
                    _written++;

                    var (final, reason) = FinalAmount(Money.FromPence(assessment.IndicativeAmount), s);
                    var mode = HolderOf(s);
                    var holderCode = mode == HolderMode.Broker ? broker.Code : lp.Code;
                    allocation = Require(await demo._allocations.AllocateAsync(new AllocationRequest(key, code, assessment.Id, final, reason, holder.Code,
                        assessedOn.PlusDays(7), mode, holderCode, s is 7 or 19 ? BudgetMode.Notional : BudgetMode.Cash), ct).ConfigureAwait(false));
                    _written++;
                }

                _allocated += Money.FromPence(allocation.FinalAmount);
                allocatedOn[s] = allocation.DecidedOn;
                if ((s + 1) % 10 == 0 || s + 1 == subjects.Count)
                {
                    Report($"{code}: assessments and individual budgets {s + 1} / {subjects.Count}");
                }
            }

            _budgets += subjects.Count;

            await PurchasingAsync(area, plan, subjects, lps, broker, holder, allocatedOn).ConfigureAwait(false);
        }

        private async Task<Practitioner> PractitionerAsync(Area area, string areaCode, string code, string name, PractitionerRole role)
        {
            if (await demo._store.PractitionerAsync(area.Id, code, ct).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }

            _written++;
            return Require(await demo._people.AddPractitionerAsync(areaCode, code, name, role, ct).ConfigureAwait(false));
        }

        // Purchasing (R7–R13): providers of every sector and their catalogue, the budget holder's
        // delegated limits, the orders with their decisions, service starts and invoices, then the
        // month-end payment runs; finally the suspension (after the provider's earlier orders).
        private async Task PurchasingAsync(Area area, AreaPlan plan, List<(Subject Subject, ClientGroup Group, int Index, bool IsFamily)> subjects,
            List<Practitioner> lps, Practitioner broker, Practitioner holder, Dictionary<int, LocalDate> allocatedOn)
        {
            var code = plan.Code;
            var store = demo._purchasingStore;
            foreach (var p in plan.Providers)
            {
                if (await store.ProviderAsync(area.Id, p.Code, ct).ConfigureAwait(false) is null)
                {
                    Require(await demo._purchasing.RegisterProviderAsync(new ProviderRequest(code, p.Code, p.Name, p.Sector, p.SortCode, p.Account, p.AccountName), ct)
                        .ConfigureAwait(false));
                    _written++;
                }
            }

            foreach (var item in plan.Catalogue)
            {
                if (await store.ServiceItemAsync(area.Id, item.Code, ct).ConfigureAwait(false) is null)
                {
                    Require(await demo._purchasing.AddServiceAsync(new ServiceRequest(code, item.Code, item.Name, item.Provider, item.Category, item.Unit,
                        Money.FromPounds(item.Price)), ct).ConfigureAwait(false));
                    _written++;
                }
            }

            Report($"{code}: {plan.Providers.Count} providers (in-house, voluntary, private, personal assistants), {plan.Catalogue.Count} catalogue entries");

            foreach (var who in lps.Append(broker))
            {
                var (perPurchase, monthly, panel) = who.Role == PractitionerRole.Broker ? DemoData.BrokerLimits : DemoData.LeadProfessionalLimits;
                var limit = await store.LimitAsync(who.Id, ct).ConfigureAwait(false);
                if (limit is null || limit.PerPurchase != Money.FromPounds(perPurchase).Pence || limit.Monthly != Money.FromPounds(monthly).Pence
                    || limit.PanelThreshold != Money.FromPounds(panel).Pence || limit.SetBy != holder.Code)
                {
                    Require(await demo._purchasing.SetLimitsAsync(new LimitRequest(code, who.Code, Money.FromPounds(perPurchase), Money.FromPounds(monthly),
                        Money.FromPounds(panel), holder.Code), ct).ConfigureAwait(false));
                    _written++;
                }
            }

            var (lpPer, lpMonthly, lpPanel) = DemoData.LeadProfessionalLimits;
            Report($"{code}: delegated limits set by {holder.Code}: {Money.FromPounds(lpPer)} at once, {Money.FromPounds(lpMonthly)} a month, "
                + $"a panel above {Money.FromPounds(lpPanel)}");

            for (var i = 0; i < DemoData.Orders.Count; i++)
            {
                await OrderAsync(code, DemoData.Orders[i], subjects, lps, broker, holder, allocatedOn).ConfigureAwait(false);
                if ((i + 1) % 14 == 0 || i + 1 == DemoData.Orders.Count)
                {
                    Report($"{code}: orders {i + 1} / {DemoData.Orders.Count} placed, decided, started and invoiced");
                }
            }

            // Payment by results (R14–R22): each dated step is done before the first payment run on or after its date, so the runs
            // pay the attachment fees and approved claims as they would have, and the spot check falls between two runs.
            var outcomes = await OutcomesAsync(area, plan, subjects, lps, holder).ConfigureAwait(false);
            foreach (var runOn in DemoData.PaymentRunDates)
            {
                await outcomes.UpToAsync(runOn).ConfigureAwait(false);
                if (await store.RunAsync(area.Id, runOn, ct).ConfigureAwait(false) is not { Status: PaymentRunStatus.Completed })
                {
                    Require(await demo._paymentRuns.RunAsync(code, runOn, null, ct).ConfigureAwait(false));
                    _written++;
                }
            }

            await outcomes.UpToAsync(DemoData.StoryEnd).ConfigureAwait(false);
            outcomes.EnsureAllDone();

            foreach (var p in plan.Providers.Where(p => p.SuspendedBecause is not null))
            {
                if (await store.ProviderAsync(area.Id, p.Code, ct).ConfigureAwait(false) is { Status: not ProviderStatus.Suspended })
                {
                    Require(await demo._purchasing.SetProviderStatusAsync(code, p.Code, ProviderStatus.Suspended, p.SuspendedBecause, ct).ConfigureAwait(false));
                    _written++;
                }
            }

            // The counts come from what is stored, so a second run reports the same figures.
            var providers = await store.ProvidersAsync(area.Id, ct).ConfigureAwait(false);
            _providers += providers.Count;
            _suspended += providers.Count(p => p.Status == ProviderStatus.Suspended);
            _catalogue += (await store.CatalogueAsync(area.Id, ct).ConfigureAwait(false)).Count;
            var runs = (await store.RunsAsync(area.Id, ct).ConfigureAwait(false)).Count(r => r.Status == PaymentRunStatus.Completed);
            _runs += runs;
            var (orders, invoices, paid) = (0, 0, Money.Zero);
            foreach (var view in await store.OrderViewsAsync(area.Id, null, ct).ConfigureAwait(false))
            {
                var order = view.Order;
                orders++;
                _atOnce += order.Route == ApprovalRoute.Delegated ? 1 : 0;
                _approved += order.DecidedBy is not null && order.Status != OrderStatus.Rejected ? 1 : 0;
                _panel += order.Route == ApprovalRoute.Panel && order.DecidedBy is not null ? 1 : 0;
                _rejected += order.Status == OrderStatus.Rejected ? 1 : 0;
                _cancelled += order.Status == OrderStatus.Cancelled ? 1 : 0;
                _waiting += order.Status == OrderStatus.AwaitingApproval ? 1 : 0;
                if (order.DaysToService is { } days)
                {
                    _daysToService.Add(days);
                }

                if (view.Invoice is { } invoice)
                {
                    invoices++;
                    _partInvoices += invoice.Units < order.Quantity ? 1 : 0;
                    if (invoice.PaymentRun is null)
                    {
                        _owed += Money.FromPence(invoice.Amount);
                    }
                    else
                    {
                        paid += Money.FromPence(invoice.Amount);
                    }
                }
            }

            _orders += orders;
            _invoices += invoices;
            _paid += paid;
            Report($"{code}: {orders} orders, {invoices} invoices, {runs} payment runs paid {paid}");
            await OutcomeFiguresAsync(area, plan).ConfigureAwait(false);
        }

        // One order through its life, each step only if the order has not reached it yet: placed (a
        // replayed key returns the same order), decided, cancelled, started, invoiced.
        private async Task OrderAsync(string code, OrderPlan o, List<(Subject Subject, ClientGroup Group, int Index, bool IsFamily)> subjects,
            List<Practitioner> lps, Practitioner broker, Practitioner holder, Dictionary<int, LocalDate> allocatedOn)
        {
            var s = o.Budget.Subject;
            var subject = subjects[s].Subject;
            var lp = lps[s % lps.Count];
            var (budgetCode, requester, funded) = o.Budget.Kind == BudgetKind.LeadProfessional
                ? (Budget.CodeFor(BudgetKind.LeadProfessional, lp.Code, Year), lp, Year.Start)
                : (Budget.CodeFor(BudgetKind.Individual, subject.Reference, Year), HolderOf(s) == HolderMode.Broker ? broker : lp, allocatedOn[s]);
            var key = $"demo:{code}:order:{o.N}";

            var order = await demo._purchasingStore.OrderByKeyAsync(key, ct).ConfigureAwait(false);
            if (order is null)
            {
                var ordered = DemoData.WorkingDayFrom(LocalDate.Max(o.Ordered.PlusDays(DemoData.Pick(key, 3)), funded.PlusDays(1)));
                order = Require(await demo._purchasing.PlaceOrderAsync(new OrderRequest(key, code, budgetCode, subject.Reference, requester.Code, o.Service, o.Quantity,
                    o.Need, o.Outcome, o.Wishes, ordered.PlusDays(-o.NeedLead), ordered, o.BestInterests), ct).ConfigureAwait(false));
                _written++;
            }

            if ((o.Decision == DecisionPlan.Panel) != (order.Route == ApprovalRoute.Panel)
                || (o.Decision is DecisionPlan.Reject or DecisionPlan.Wait && order.Route == ApprovalRoute.Delegated))
            {
                throw new InvalidOperationException(
                    $"The demo data was refused: order {o.N} in {code} took the route {order.Route}, which its plan ({o.Decision}) does not expect.");
            }

            if (order.Status == OrderStatus.AwaitingApproval && o.Decision != DecisionPlan.Wait)
            {
                var note = o.Decision switch
                {
                    DecisionPlan.Reject => o.Note,
                    DecisionPlan.Panel => o.Note!.Replace("{area}", code, StringComparison.Ordinal),
                    _ => null,
                };
                order = Require(await demo._purchasing.DecideAsync(new DecisionRequest(code, order.Reference, holder.Code, o.Decision != DecisionPlan.Reject,
                    DemoData.WorkingDayFrom(order.OrderedOn.PlusDays(o.DecideAfter)), note), ct).ConfigureAwait(false));
                _written++;
            }

            if (o.Decision == DecisionPlan.Cancel && order.IsOpen)
            {
                order = Require(await demo._purchasing.CancelAsync(code, order.Reference, o.Note!, ct).ConfigureAwait(false));
                _written++;
            }

            // Only an approved order (not yet invoiced) has anything left to do.
            var started = DemoData.WorkingDayFrom((order.DecidedOn ?? order.OrderedOn).PlusDays(o.StartAfter));
            if (order.Status != OrderStatus.Approved || started > DemoData.StoryEnd)
            {
                return;
            }

            if (order.ServiceStartedOn is null)
            {
                order = Require(await demo._purchasing.ConfirmStartAsync(code, order.Reference, started, ct).ConfigureAwait(false));
                _written++;
            }

            var invoicedOn = DemoData.WorkingDayFrom(order.ServiceStartedOn!.Value.PlusDays(o.InvoiceAfter ?? 0));
            if (o.InvoiceAfter is not null && invoicedOn <= DemoData.StoryEnd)
            {
                Require(await demo._purchasing.InvoiceAsync(new InvoiceRequest(code, order.Reference, $"INV-2026-{o.N:000}", o.UnitsInvoiced ?? o.Quantity,
                    invoicedOn), ct).ConfigureAwait(false));
                _written++;
            }
        }

        // ---- Payment by results (R14–R22) ----

        /// <summary>The shipped outcome catalogue and every shipped rate card, imported only when missing or different (importing writes).</summary>
        public async Task ImportOutcomesAsync()
        {
            var shipped = Require(OutcomeCatalogueJson.Read(OutcomeCatalogueJson.Shipped()));
            var stored = (await demo._outcomeStore.OutcomesAsync(ct).ConfigureAwait(false))
                .ToDictionary(o => o.Code, o => OutcomeCatalogueJson.Read(o.Json) is { Succeeded: true } read ? OutcomeCatalogueJson.Write(read.Value!) : null, StringComparer.Ordinal);
            if (shipped.Any(o => stored.GetValueOrDefault(o.Code) != OutcomeCatalogueJson.Write([o])))
            {
                Require(await demo._outcomes.ImportOutcomesAsync(OutcomeCatalogueJson.Shipped(), ct).ConfigureAwait(false));
                _written++;
            }

            var cards = await demo._outcomeStore.RateCardsAsync(null, ct).ConfigureAwait(false);
            var names = new List<string>();
            foreach (var json in RateCardJson.Shipped().Values)
            {
                var card = Require(RateCardJson.Read(json));
                if (!cards.Any(c => c.Code == card.Code && c.Version == card.Version))
                {
                    Require(await demo._outcomes.ImportRateCardAsync(json, ct).ConfigureAwait(false));
                    _written++;
                }

                names.Add($"{card.Code} v{card.Version}");
            }

            _outcomeDefinitions = (await demo._outcomeStore.OutcomesAsync(ct).ConfigureAwait(false)).Count;
            _rateCards = (await demo._outcomeStore.RateCardsAsync(null, ct).ConfigureAwait(false)).Count;
            Report($"Payment by results: {_outcomeDefinitions} outcomes in the catalogue; rate cards {string.Join(", ", names)}");
        }

        // The area's contract, and its dated steps: enrolments, recurrences, claims and the assurance sample.
        private async Task<DatedSteps> OutcomesAsync(Area area, AreaPlan plan, List<(Subject Subject, ClientGroup Group, int Index, bool IsFamily)> subjects,
            List<Practitioner> lps, Practitioner holder)
        {
            var steps = new DatedSteps();
            _enrolled.Clear();
            if (DemoData.OutcomePlans.SingleOrDefault(o => o.Area == plan.Code) is not { } op)
            {
                return steps;
            }

            var code = plan.Code;
            var card = Require(RateCardJson.Read(RateCardJson.Shipped()[op.CardFile]));
            if (await demo._outcomeStore.ContractAsync(area.Id, op.Contract, ct).ConfigureAwait(false) is null)
            {
                Require(await demo._outcomes.CreateContractAsync(new ContractRequest(code, op.Contract, op.Name, op.Provider, plan.Pool.Code, Year.Start, Year.End), ct)
                    .ConfigureAwait(false));
                _written++;
            }

            var payers = string.Join(", ", card.CoPayers.Select(c => $"{c.Stream} {c.Percent.ToString("0.##", CultureInfo.InvariantCulture)}%"));
            Report($"{code}: payment-by-results contract {op.Contract} with {op.Provider} from pool {plan.Pool.Code}, card {card.Code} v{card.Version}: "
                + $"attachment {card.AttachmentFee}, {card.Outcomes.Count} outcomes, cap {card.CapPerParticipant?.ToString() ?? "none"} a person, paid by {payers}");

            var catalogue = await demo._outcomes.CatalogueAsync(ct).ConfigureAwait(false);
            foreach (var s in op.Enrolments)
            {
                var who = subjects[s];
                var enrolledOn = DemoData.WorkingDayFrom(DemoData.AssessedOn(who.Index, who.IsFamily).PlusDays(2));
                steps.Add(enrolledOn, 0, () => EnrolAsync(code, op, who, lps[s % lps.Count], enrolledOn));
            }

            foreach (var r in op.Recurrences)
            {
                steps.Add(r.OccurredOn, 1, () => RecurrenceAsync(code, subjects[r.Child].Subject, r));
            }

            foreach (var c in op.Claims)
            {
                steps.Add(c.Due, 2, () => ClaimAsync(code, op, subjects[c.Subject].Subject, c, catalogue[c.Outcome], holder));
            }

            if (op.Sample is { } sample)
            {
                steps.Add(sample.DrawnOn, 3, () => SampleAsync(area, code, op, sample));
            }

            return steps;
        }

        // Enrolment with the difficulty factors of the child's or family's assessment (R16); the attachment fee is owed at once (R15).
        private async Task EnrolAsync(string code, OutcomePlan op, (Subject Subject, ClientGroup Group, int Index, bool IsFamily) who, Practitioner lp, LocalDate enrolledOn)
        {
            var key = $"demo:{code}:enrol:{op.Contract}:{who.Subject.Reference}";
            var enrolment = await demo._outcomeStore.EnrolmentByKeyAsync(key, ct).ConfigureAwait(false);
            if (enrolment is null)
            {
                int? age = who.IsFamily ? null : Period.Between(DemoData.BornOn(who.Subject.Reference, who.Group), enrolledOn, PeriodUnits.Years).Years;
                enrolment = Require(await demo._outcomes.EnrolAsync(new EnrolRequest(code, op.Contract, who.Subject.Reference, enrolledOn, null, age,
                    Factors(who.Subject.Reference, who.Group), lp.Code, key), ct).ConfigureAwait(false)).Enrolment;
                _written++;
            }

            _enrolled.Add(enrolment);
        }

        // A problem starting again for a child (R21): recorded once.
        private async Task RecurrenceAsync(string code, Subject child, RecurrencePlan r)
        {
            var recorded = await demo._outcomeStore.RecurrencesAsync([child.Id], ct).ConfigureAwait(false);
            if (!recorded.Any(x => x.Outcome == r.Outcome && x.OccurredOn == r.OccurredOn))
            {
                Require(await demo._outcomes.RecordRecurrenceAsync(code, child.Reference, r.Outcome, r.OccurredOn, r.Note, ct).ConfigureAwait(false));
                _written++;
            }
        }

        // One claim as far as its plan goes, each step only if the claim has not reached it: drafted, evidence attached, submitted (the
        // automatic rules run), rejected or signed off by internal audit, approved by the budget holder (the payment becomes owed).
        private async Task ClaimAsync(string code, OutcomePlan op, Subject subject, ClaimPlan c, OutcomeDefinition outcome, Practitioner holder)
        {
            var key = ClaimKey(code, op.Contract, c.N);
            var claim = await demo._outcomeStore.ClaimByKeyAsync(key, ct).ConfigureAwait(false);
            if (claim is null)
            {
                claim = Require(await demo._outcomes.DraftAsync(new DraftClaimRequest(code, op.Contract, subject.Reference, c.Outcome, c.Sustainment, c.Achieved,
                    op.ClaimsOfficer, key), ct).ConfigureAwait(false));
                _written++;
            }

            if (claim.Status == ClaimStatus.Draft)
            {
                var attached = (await demo._outcomeStore.EvidenceAsync(claim.Id, ct).ConfigureAwait(false)).Select(e => e.Describes).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var (describes, purpose, file, content) in Evidence(key, subject.Reference, c, outcome))
                {
                    if (!attached.Contains(describes))
                    {
                        Require(await demo._outcomes.AttachEvidenceAsync(new EvidenceRequest(code, claim.Reference, describes, purpose, file, content, op.ClaimsOfficer), ct)
                            .ConfigureAwait(false));
                        _written++;
                    }
                }
            }

            if (c.Stage == ClaimStage.Draft)
            {
                return;
            }

            if (claim.Status == ClaimStatus.Draft)
            {
                var submitted = await demo._outcomes.SubmitAsync(code, claim.Reference, c.Claimed!.Value, ct).ConfigureAwait(false);
                if (c.Stage == ClaimStage.VoidByFamilyRule)
                {
                    if (submitted.Succeeded || submitted.Error!.Code != BudgetErrorCode.WholeFamilyVoid)
                    {
                        throw new InvalidOperationException($"The demo data was refused: claim {c.N} in {code} should be void under the whole-family rule, "
                            + $"but submitting it gave {(submitted.Succeeded ? "a validated claim" : $"{submitted.Error!.Code}: {submitted.Error.Message}")}.");
                    }

                    Require(await demo._outcomes.RejectAsync(code, claim.Reference, submitted.Error.Message, ct).ConfigureAwait(false));
                    _written++;
                    return;
                }

                claim = Require(submitted);
                _written++;
            }

            if (c.Stage == ClaimStage.RejectedAtAudit)
            {
                if (claim.Status == ClaimStatus.Validated)
                {
                    Require(await demo._outcomes.RejectAsync(code, claim.Reference, c.Note!, ct).ConfigureAwait(false));
                    _written++;
                }

                return;
            }

            if (c.Stage is ClaimStage.SignedOff or ClaimStage.Approved && claim.Status == ClaimStatus.Validated)
            {
                claim = Require(await demo._outcomes.SignOffAsync(code, claim.Reference, op.Auditor, ct).ConfigureAwait(false));
                _written++;
            }

            if (c.Stage == ClaimStage.Approved && (claim.Status == ClaimStatus.SignedOff || claim is { Status: ClaimStatus.Approved, PayableEntry: null }))
            {
                Require(await demo._outcomes.ApproveAsync(code, claim.Reference, holder.Code, c.Approved!.Value, ct).ConfigureAwait(false));
                _written++;
            }
        }

        // The assurance sample (R21): drawn once; every claim drawn is checked, the planned one found invalid after it was paid, so the
        // provider's next payment run recovers it by a reversing entry.
        private async Task SampleAsync(Area area, string code, OutcomePlan op, SamplePlan sp)
        {
            var sample = (await demo._outcomeStore.SamplesAsync(area.Id, ct).ConfigureAwait(false)).FirstOrDefault(x => x.From == sp.From && x.To == sp.To && x.Seed == sp.Seed);
            if (sample is null)
            {
                sample = Require(await demo._assurance.DrawAsync(code, sp.From, sp.To, new SampleRules(sp.Percent, sp.Seed, Money.FromPounds(sp.Threshold), null, null),
                    op.Auditor, ct).ConfigureAwait(false)).Sample;
                _written++;
            }

            var invalid = await demo._outcomeStore.ClaimByKeyAsync(ClaimKey(code, op.Contract, sp.InvalidClaim), ct).ConfigureAwait(false);
            var checks = Require(await demo._assurance.ShowAsync(code, sample.Reference, ct).ConfigureAwait(false)).Checks;
            if (invalid is null || checks.All(k => k.Check.Claim != invalid.Id))
            {
                throw new InvalidOperationException($"The demo data was refused: claim {sp.InvalidClaim} in {code} was not drawn in sample {sample.Reference}.");
            }

            foreach (var (check, view) in checks.Where(k => k.Check.Finding == SpotCheckFinding.Pending))
            {
                var bad = check.Claim == invalid.Id;
                if (bad && view.Claim.Status != ClaimStatus.Paid)
                {
                    throw new InvalidOperationException($"The demo data was refused: claim {sp.InvalidClaim} in {code} is {view.Claim.Status}; it is found invalid after it was paid.");
                }

                Require(await demo._assurance.RecordFindingAsync(code, sample.Reference, view.Claim.Reference, bad ? SpotCheckFinding.Invalid : SpotCheckFinding.Valid,
                    bad ? sp.Finding : "Eligibility, the work and the outcome agree with the school's and the service's own records", op.SpotChecker, ct).ConfigureAwait(false));
                _written++;
            }
        }

        // The area's payment-by-results figures, read from what is stored so a second run reports the same.
        private async Task OutcomeFiguresAsync(Area area, AreaPlan plan)
        {
            if (DemoData.OutcomePlans.SingleOrDefault(o => o.Area == plan.Code) is not { } op)
            {
                return;
            }

            var code = plan.Code;
            var card = Require(RateCardJson.Read(RateCardJson.Shipped()[op.CardFile]));
            var claims = await demo._outcomeStore.ClaimsAsync(area.Id, null, null, ct).ConfigureAwait(false);
            var counts = ClaimCounts.Of(claims);
            var fees = Money.FromPence(claims.Where(c => c.Kind == PaymentKind.Attachment && c.PayableEntry is not null).Sum(c => c.Amount));
            var paid = Money.FromPence(claims.Where(c => c.PaymentRun is not null).Sum(c => c.Amount));
            var owed = Money.FromPence(claims.Where(c => c is { Status: ClaimStatus.Approved, PaymentRun: null, PayableEntry: not null }).Sum(c => c.Amount));
            var recovered = claims.Where(c => c.Status == ClaimStatus.ClawedBack).ToList();
            var weights = _enrolled.Select(e => card.Weights.For(e.Factors)).ToList();
            _contracts += (await demo._outcomeStore.ContractsAsync(area.Id, ct).ConfigureAwait(false)).Count;
            _enrolments += _enrolled.Count;
            _attachmentFees += fees;
            _claims = _claims.Plus(counts);
            _pbrPaid += paid;
            _pbrOwed += owed;
            _recovered += Money.FromPence(recovered.Sum(c => c.Amount));
            Report($"{code}: {_enrolled.Count} children and families enrolled on {op.Contract}"
                + (weights.Count > 0 ? $" (difficulty weights {Weight(weights.Min())} to {Weight(weights.Max())})" : string.Empty) + $", attachment fees {fees}");
            Report($"{code}: {counts.Total} outcome claims ({counts.Sustainments} for sustainment): {counts}; {paid} paid by payment runs, {owed} approved and still owed");

            var runs = (await demo._purchasingStore.RunsAsync(area.Id, ct).ConfigureAwait(false)).ToDictionary(r => r.Id);
            foreach (var sample in (await demo._outcomeStore.SamplesAsync(area.Id, ct).ConfigureAwait(false)).OrderBy(s => s.From))
            {
                var checks = await demo._outcomeStore.SpotChecksAsync(sample.Id, ct).ConfigureAwait(false);
                var invalid = checks.Count(k => k.Finding == SpotCheckFinding.Invalid);
                _sampled += checks.Count;
                _invalid += invalid;
                var clawedBack = recovered.Where(c => checks.Any(k => k.Claim == c.Id)).ToList();
                Report($"{code}: assurance sample {sample.Reference} of the claims approved {sample.From:d MMM} to {sample.To:d MMM uuuu} "
                    + $"({sample.Percent.ToString("0.##", CultureInfo.InvariantCulture)}% at random with seed {sample.Seed}"
                    + (sample.Rules.Threshold is { } threshold ? $", and every claim of {threshold} or more" : string.Empty) + $"): {checks.Count} checked, {invalid} invalid"
                    + string.Concat(clawedBack.Select(c => $"; {c.Reference} ({Money.FromPence(c.Amount)}) clawed back by the payment run of "
                        + $"{(c.ClawbackRun is { } run && runs.TryGetValue(run, out var r) ? r.RunOn.ToString("d MMMM uuuu", CultureInfo.InvariantCulture) : "(none)")}")));
            }
        }

        private static string Weight(decimal weight) => weight.ToString("0.##", CultureInfo.InvariantCulture);

        private static string ClaimKey(string area, string contract, int n) => $"demo:{area}:claim:{contract}:{n}";

        // One small PDF per kind of evidence the outcome requires, and a text file of the work done. Invented, and naming the child or family only by reference.
        private static IEnumerable<(string Describes, EvidencePurpose Purpose, string File, byte[] Content)> Evidence(string key, string subject, ClaimPlan c,
            OutcomeDefinition outcome)
        {
            var what = c.Sustainment is { } n ? $"sustainment {n} of {outcome.Code}" : outcome.Code;
            for (var i = 0; i < outcome.EvidenceRequired.Count; i++)
            {
                var describes = outcome.EvidenceRequired[i];
                yield return (describes, EvidencePurpose.Outcome, $"evidence-{i + 1}.pdf",
                    Encoding.UTF8.GetBytes($"%PDF-1.4\n% Demo evidence (invented): {describes} for {subject}, {what} ({outcome.Name}) achieved {c.Achieved:uuuu-MM-dd}\n%%EOF\n"));
            }

            yield return ("key worker's summary of the work", EvidencePurpose.Work, "work-summary.txt",
                Encoding.UTF8.GetBytes($"Demo evidence (invented), {key}\n{subject}, {what}: {c.Work}\n"));
        }

        /// <summary>Who holds the individual budget of subject <paramref name="s"/>: 4, 10, 16... a broker; 5, 11, 17... the family (direct payment); the rest lead professionals.</summary>
        private static HolderMode HolderOf(int s) => (s % 6) switch
        {
            4 => HolderMode.Broker,
            5 => HolderMode.DirectPayment,
            _ => HolderMode.LeadProfessional,
        };

        /// <summary>Children 0–5 live in families 0–2 (two each), children 6–14 in families 3–5 (three each); 15–23 in none.</summary>
        private static int FamilyOf(int child) => child < 6 ? child / 2 : child < 15 ? 3 + ((child - 6) / 3) : -1;

        private static string AllocationKey(string area, string reference) => $"demo:{area}:allocation:{reference}";

        private static string LeadProfessionalKey(string area, string lp) => $"demo:{area}:lp-budget:{lp}";

        /// <summary>Points of need per Every Child Matters area: a fixed spread, weighted towards the client group's main need.</summary>
        private static Dictionary<EveryChildMattersArea, int> Needs(string reference, ClientGroup group, bool family)
        {
            var needs = Enum.GetValues<EveryChildMattersArea>().ToDictionary(a => a, a => 1 + DemoData.Pick($"{reference}:{a}", family ? 5 : 4));
            void Add(EveryChildMattersArea a, int points) => needs[a] += points;
            switch (group)
            {
                case ClientGroup.ChildInNeed:
                    Add(EveryChildMattersArea.StaySafe, 4);
                    break;
                case ClientGroup.DisabledChild:
                    Add(EveryChildMattersArea.BeHealthy, 5);
                    break;
                case ClientGroup.YouthJustice:
                    Add(EveryChildMattersArea.MakeAPositiveContribution, 4);
                    break;
                case ClientGroup.LookedAfter:
                    Add(EveryChildMattersArea.StaySafe, 3);
                    Add(EveryChildMattersArea.EnjoyAndAchieve, 2);
                    break;
                case ClientGroup.WholeFamily:
                    Add(EveryChildMattersArea.AchieveEconomicWellBeing, 4);
                    Add(EveryChildMattersArea.StaySafe, 2);
                    break;
                default:
                    Add(EveryChildMattersArea.EnjoyAndAchieve, 2);
                    break;
            }

            return needs;
        }

        private static DifficultyFactors Factors(string reference, ClientGroup group) => new(
            group == ClientGroup.LookedAfter ? 2 + DemoData.Pick($"{reference}:care", 3) : 0,
            DemoData.Pick($"{reference}:risk", 3) + (group is ClientGroup.YouthJustice or ClientGroup.ChildInNeed ? 2 : 0),
            group == ClientGroup.DisabledChild ? 2 + DemoData.Pick($"{reference}:disability", 2) : 0,
            group == ClientGroup.YouthJustice ? 1 + DemoData.Pick($"{reference}:exclusions", 3) : DemoData.Pick($"{reference}:exclusions", 5) == 0 ? 1 : 0);

        /// <summary>The budget holder's decision: mostly the indicative amount, sometimes adjusted, always with a reason.</summary>
        private static (Money Final, string Reason) FinalAmount(Money indicative, int s)
        {
            if (!indicative.IsPositive)
            {
                return (Money.FromPounds(500m), "Need is low, but a small budget now should stop it escalating");
            }

            if (s % 5 == 3)
            {
                var reduced = Money.FromPence(indicative.Pence * 9 / 10 / 1000 * 1000);
                return reduced.IsPositive
                    ? (reduced, "Reduced by about 10%: another service (such as a school learning mentor) already meets part of this need")
                    : (indicative, "As indicated by the assessment");
            }

            return s % 7 == 5
                ? (indicative + Money.FromPounds(250m), "Increased by £250.00: travel to a specialist provider is needed")
                : (indicative, "As indicated by the assessment");
        }

        private void Report(string message) => progress?.Report(message);

        private static T Require<T>(Result<T> result) =>
            result.Succeeded ? result.Value! : throw new InvalidOperationException($"The demo data was refused: {result.Error!.Code}: {result.Error.Message}");
    }
    /// <summary>Steps with the business date they belong to, done in date order (then in the order added) up to a given day.</summary>
    private sealed class DatedSteps
    {
        private readonly List<(LocalDate Due, int Order, int Added, Func<Task> Step)> _steps = [];
        private int _done;

        public void Add(LocalDate due, int order, Func<Task> step) => _steps.Add((due, order, _steps.Count, step));

        /// <summary>Does every step dated on or before <paramref name="day"/> not yet done.</summary>
        public async Task UpToAsync(LocalDate day)
        {
            if (_done == 0)
            {
                _steps.Sort((a, b) => (a.Due, a.Order, a.Added).CompareTo((b.Due, b.Order, b.Added)));
            }

            while (_done < _steps.Count && _steps[_done].Due <= day)
            {
                await _steps[_done].Step().ConfigureAwait(false);
                _done++;
            }
        }

        /// <summary>Refuses a plan with steps after the story ends (they would never be done).</summary>
        public void EnsureAllDone()
        {
            if (_done < _steps.Count)
            {
                throw new InvalidOperationException($"The demo data was refused: a payment-by-results step is dated {_steps[_done].Due:uuuu-MM-dd}, after the story ends.");
            }
        }
    }
}
