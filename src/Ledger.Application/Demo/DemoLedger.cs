using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
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
/// <param name="Purchases">Purchases (holds), some settled in full or in part.</param>
/// <param name="Written">Records and ledger requests this run wrote; zero when the data set was already loaded.</param>
public sealed record DemoSummary(int Areas, int Agencies, int Streams, int Pools, Money Contributed, int Practitioners, int Children, int Families,
    int Budgets, int LeadProfessionalBudgets, Money Allocated, int Purchases, int Written);

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
/// holders, two notional), and purchases held or settled in full or in part.
/// Loading twice changes nothing: everything is looked up before it is created and every ledger
/// request carries a fixed idempotency key.
/// </summary>
public sealed class DemoLedger(ILedgerSetup setup, IPostingService engine, IBudgetStore store, IPoolQueries pools, IBalanceQueries balances,
    FundingService funding, PeopleService people, AllocationService allocations)
{
    private readonly ILedgerSetup _setup = setup;
    private readonly IPostingService _engine = engine;
    private readonly IBudgetStore _store = store;
    private readonly IPoolQueries _pools = pools;
    private readonly IBalanceQueries _balances = balances;
    private readonly FundingService _funding = funding;
    private readonly PeopleService _people = people;
    private readonly AllocationService _allocations = allocations;

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
        private int _purchases;
        private Money _contributed = Money.Zero;
        private Money _allocated = Money.Zero;

        public DemoSummary Summary() => new(DemoData.Areas.Count, _agencies, _streams, DemoData.Areas.Count, _contributed, _practitioners, _children, _families,
            _budgets, _lpBudgets, _allocated, _purchases, _written);

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
                var born = new LocalDate(group == ClientGroup.YouthJustice ? 2009 + DemoData.Pick($"{reference}:y", 3) : 2011 + DemoData.Pick($"{reference}:y", 11),
                    1 + DemoData.Pick($"{reference}:m", 12), 1 + DemoData.Pick($"{reference}:d", 28));
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
            for (var s = 0; s < subjects.Count; s++)
            {
                var (subject, group, index, isFamily) = subjects[s];
                var key = AllocationKey(code, subject.Reference);
                var allocation = await store.AllocationByKeyAsync(key, ct).ConfigureAwait(false);
                if (allocation is null)
                {
                    var lp = lps[s % lps.Count];
                    var assessedOn = isFamily ? new LocalDate(2026, 5, 11).PlusDays(index * 2) : new LocalDate(2026, 4, 20).PlusDays(index);
                    var assessment = Require(await demo._allocations.AssessAsync(new AssessmentRequest(code, subject.Reference, pool.Code, assessedOn, lp.Code, group,
                        Needs(subject.Reference, group, isFamily), Factors(subject.Reference, group), $"demo:{code}:assessment:{subject.Reference}"), ct).ConfigureAwait(false));
                    _written++;

                    var (final, reason) = FinalAmount(Money.FromPence(assessment.IndicativeAmount), s);
                    var (mode, holderCode) = (s % 6) switch
                    {
                        4 => (HolderMode.Broker, broker.Code),
                        5 => (HolderMode.DirectPayment, lp.Code),
                        _ => (HolderMode.LeadProfessional, lp.Code),
                    };
                    allocation = Require(await demo._allocations.AllocateAsync(new AllocationRequest(key, code, assessment.Id, final, reason, holder.Code,
                        assessedOn.PlusDays(7), mode, holderCode, s is 7 or 19 ? BudgetMode.Notional : BudgetMode.Cash), ct).ConfigureAwait(false));
                    _written++;
                }

                _allocated += Money.FromPence(allocation.FinalAmount);
                if ((s + 1) % 10 == 0 || s + 1 == subjects.Count)
                {
                    Report($"{code}: assessments and individual budgets {s + 1} / {subjects.Count}");
                }
            }

            _budgets += subjects.Count;

            // Purchases: holds on budgets payable to providers, some settled in full or in part (R9).
            var made = 0;
            foreach (var purchase in DemoData.Purchases)
            {
                made += await PurchaseAsync(area, code, purchase, streams, subjects, lps).ConfigureAwait(false) ? 1 : 0;
            }

            _purchases += made;
            Report($"{code}: {made} purchases held or settled");
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

        private async Task<bool> PurchaseAsync(Area area, string code, PurchasePlan plan, Dictionary<StreamRole, FundingStream> streams,
            List<(Subject Subject, ClientGroup Group, int Index, bool IsFamily)> subjects, List<Practitioner> lps)
        {
            string budgetCode, allocationKey;
            if (plan.Budget.Kind == BudgetKind.LeadProfessional)
            {
                var lp = lps[plan.Budget.Index].Code;
                (budgetCode, allocationKey) = (Budget.CodeFor(BudgetKind.LeadProfessional, lp, Year), LeadProfessionalKey(code, lp));
            }
            else
            {
                var reference = subjects.Single(s => s.IsFamily == plan.Budget.IsFamily && s.Index == plan.Budget.Index).Subject.Reference;
                (budgetCode, allocationKey) = (Budget.CodeFor(BudgetKind.Individual, reference, Year), AllocationKey(code, reference));
            }

            var budget = await demo._store.BudgetAsync(area.Id, budgetCode, ct).ConfigureAwait(false);
            var allocation = await demo._store.AllocationByKeyAsync(allocationKey, ct).ConfigureAwait(false);
            if (budget is null || allocation is null)
            {
                return false;
            }

            // Each leg is capped at what its stream put into the budget by the allocation date: a
            // fixed figure, so a second run sends exactly the same request and replays it.
            var funded = (await demo._pools.BudgetFundsAsync(budget, ct).ConfigureAwait(false)).Select(f => f.Stream).ToHashSet();
            var legs = new List<HoldLegRequest>();
            foreach (var (role, pounds) in plan.Legs)
            {
                if (!streams.TryGetValue(role, out var stream) || !funded.Contains(stream.Id))
                {
                    continue;
                }

                var from = await demo._setup.EnsureAccountAsync(budget.AccountKind, area.Id, budget.Code, stream.Id, ct).ConfigureAwait(false);
                var allocated = await demo._balances.PostedAsAtEffectiveDateAsync(from.Id, allocation.DecidedOn, ct).ConfigureAwait(false);
                var amount = Money.Min(Money.FromPounds(pounds), allocated);
                if (amount.IsPositive)
                {
                    var to = await demo._setup.EnsureAccountAsync(AccountKind.ProviderPayable, area.Id, plan.Provider, stream.Id, ct).ConfigureAwait(false);
                    legs.Add(new HoldLegRequest(from.Id, to.Id, amount));
                }
            }

            if (legs.Count == 0)
            {
                return false;
            }

            var order = Require(await demo._engine.ExecuteAsync(new ReserveHold($"demo:{code}:order:{plan.Key}", plan.Ordered, plan.Description, legs, null), ct)
                .ConfigureAwait(false));
            if (plan.Settle is { } settle && order.Hold is { } hold)
            {
                var total = legs.Aggregate(Money.Zero, (sum, l) => sum + l.Amount);
                var part = Money.Min(Money.FromPounds(settle), total);
                Require(await demo._engine.ExecuteAsync(new PostHold($"demo:{code}:invoice:{plan.Key}", hold, plan.SettledOn!.Value, plan.SettleDescription!,
                    part == total ? null : part), ct).ConfigureAwait(false));
            }

            return true;
        }

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

        private LedgerOutcome Require(LedgerOutcome outcome)
        {
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"The demo data was refused: {outcome.Error!.Code}: {outcome.Error.Message}");
            }

            _written += outcome.Replayed ? 0 : 1;
            return outcome;
        }
    }
}
