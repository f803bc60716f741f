using System.Globalization;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
using Ledger.Domain.Purchasing;
using NodaTime;

namespace Ledger.Application.Simulation;

/// <summary>The sizes and seed of a generated data set (issue 8: 100,000 children, 10,000 budgets, 1,000,000 postings).</summary>
/// <param name="Children">Children in the area; every child beyond those with an individual budget is bought for from a lead professional's budget.</param>
/// <param name="Budgets">Individual budgets, one per child, each with its allocation and a month-by-month stream of orders.</param>
/// <param name="Postings">At least this many postings are written (the orders per budget are sized to reach it).</param>
/// <param name="Seed">The seed: the same seed and sizes give the same records and figures.</param>
/// <param name="AreaCode">The area's code.</param>
public sealed record LargeDataSetOptions(int Children = 100_000, int Budgets = 10_000, long Postings = 1_000_000, int Seed = 1, string AreaCode = "BENCH")
{
    /// <summary>The financial year the data set covers.</summary>
    public static FinancialYear Year { get; } = FinancialYear.StartingIn(2026);

    /// <summary>The first day of activity (contributions and the first allocations).</summary>
    public static LocalDate FirstDay { get; } = new(2026, 4, 1);

    /// <summary>The last day of activity: nothing is dated later.</summary>
    public static LocalDate LastDay { get; } = new(2026, 9, 30);

    /// <summary>The month the benchmark's statements cover (the last month of activity).</summary>
    public static YearMonth StatementMonth { get; } = new(2026, 9);

    /// <summary>One line naming the sizes and seed, recorded in the audit trail so a data set can be recognised and reused.</summary>
    public string Marker => string.Create(CultureInfo.InvariantCulture,
        $"generate {AreaCode}: children={Children} budgets={Budgets} postings={Postings} seed={Seed}");

    /// <summary>Checks the sizes; null when they are usable.</summary>
    public string? Problem() =>
        !Code.IsValid(AreaCode) ? $"'{AreaCode}' is not a valid area code"
        : Budgets < 1 ? "at least one budget is needed"
        : Children < Budgets ? "every individual budget is for a child: --children must be at least --budgets"
        : Postings < 1 ? "--postings must be at least 1"
        : null;
}

/// <summary>What a generated data set holds (also what <c>ledger generate</c> prints).</summary>
/// <param name="Children">Children.</param>
/// <param name="IndividualBudgets">Individual budgets.</param>
/// <param name="LeadProfessionalBudgets">Lead professionals' budgets.</param>
/// <param name="Orders">Purchase orders placed (each with its hold).</param>
/// <param name="Refused">Orders the ledger refused for want of money (nothing written for them).</param>
/// <param name="Invoices">Invoices settled.</param>
/// <param name="Entries">Journal entries.</param>
/// <param name="Postings">Postings.</param>
/// <param name="Allocated">Money allocated to budgets, in pence.</param>
/// <param name="Invoiced">Money invoiced, in pence.</param>
/// <param name="Held">Money still held by open orders at the end, in pence.</param>
public sealed record LargeDataSetSummary(int Children, int IndividualBudgets, int LeadProfessionalBudgets, int Orders, int Refused, int Invoices,
    int Entries, long Postings, long Allocated, long Invoiced, long Held)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Children:N0} children, {IndividualBudgets:N0} individual and {LeadProfessionalBudgets:N0} lead-professional budgets, {Orders:N0} orders "
        + $"({Refused:N0} refused for want of money), {Invoices:N0} invoices, {Entries:N0} entries, {Postings:N0} postings; allocated "
        + $"{Money.FromPence(Allocated)}, invoiced {Money.FromPence(Invoiced)}, held {Money.FromPence(Held)}");
}

/// <summary>
/// A large, seeded data set for benchmarks (issue 8), built in memory: one area with three partners and their funding
/// streams, a pool, lead professionals and a budget holder, providers and their catalogue, the children, an individual
/// budget and allocation for the first <see cref="LargeDataSetOptions.Budgets"/> of them, and every other child bought for from a
/// lead professional's budget; then, day by day from April to September 2026, orders (holds), approvals, service starts and
/// invoices (settlements). Every money movement goes through <see cref="PostingEngine"/> on one <see cref="LedgerWorkingSet"/>,
/// exactly as the ledger would post it, so balances, versions, held amounts and idempotency records are the engine's own;
/// the records beside the ledger (orders, invoices, allocations, delegated months) are made by the domain's factories.
/// The caller writes the result in bulk. Ids of records made here come from the seed; the engine's own entry and hold ids
/// are new each run, so two runs with one seed agree on every reference, count and amount but not on those ids.
/// </summary>
public sealed class LargeDataSet
{
    private const int PostingsPerOrderTimes100 = 225;

    private readonly Random _random;
    private readonly LedgerWorkingSet _set = new();
    private readonly List<Action>[] _days;
    private readonly Dictionary<(PractitionerId, int), DelegatedMonth> _months = [];
    private readonly Dictionary<(AccountKind, string, FundingStreamId), Account> _accounts = [];
    private Instant _now;
    private int _tick;
    private int _orderNumber;
    private int _refused;

    private LargeDataSet(LargeDataSetOptions options)
    {
        Options = options;
        _random = new Random(options.Seed);
        _days = new List<Action>[Period.Between(LargeDataSetOptions.FirstDay, LargeDataSetOptions.LastDay, PeriodUnits.Days).Days + 1];
        for (var i = 0; i < _days.Length; i++)
        {
            _days[i] = [];
        }
    }

    /// <summary>The sizes and seed.</summary>
    public LargeDataSetOptions Options { get; }

    /// <summary>The area.</summary>
    public Area Area { get; private set; } = null!;

    /// <summary>Partner agencies.</summary>
    public List<Agency> Agencies { get; } = [];

    /// <summary>Funding streams.</summary>
    public List<FundingStream> Streams { get; } = [];

    /// <summary>The pool.</summary>
    public Pool Pool { get; private set; } = null!;

    /// <summary>Lead professionals and the budget holder.</summary>
    public List<Practitioner> Practitioners { get; } = [];

    /// <summary>Providers.</summary>
    public List<Provider> Providers { get; } = [];

    /// <summary>The catalogue.</summary>
    public List<ServiceItem> Catalogue { get; } = [];

    /// <summary>Children.</summary>
    public List<Subject> Children { get; } = [];

    /// <summary>Caseloads: each child with one lead professional.</summary>
    public List<CaseloadEntry> Caseloads { get; } = [];

    /// <summary>Individual and lead-professional budgets.</summary>
    public List<Budget> Budgets { get; } = [];

    /// <summary>Allocations from the pool to budgets.</summary>
    public List<Allocation> Allocations { get; } = [];

    /// <summary>Purchase orders.</summary>
    public List<PurchaseOrder> Orders { get; } = [];

    /// <summary>Invoices.</summary>
    public List<Invoice> Invoices { get; } = [];

    /// <summary>Each practitioner's monthly total committed under delegation.</summary>
    public IEnumerable<DelegatedMonth> DelegatedMonths => _months.Values;

    /// <summary>Every account, in its final state.</summary>
    public IEnumerable<Account> Accounts => _accounts.Values;

    /// <summary>Every hold, in its final state.</summary>
    public IReadOnlyList<Hold> Holds => _set.NewHolds;

    /// <summary>Every journal entry, with its postings.</summary>
    public IReadOnlyList<JournalEntry> Entries => _set.NewEntries;

    /// <summary>The idempotency record of every ledger request.</summary>
    public IReadOnlyList<IdempotencyRecord> IdempotencyRecords => _set.NewIdempotencyRecords;

    /// <summary>What was built.</summary>
    public LargeDataSetSummary Summary => new(Children.Count, Budgets.Count(b => b.Kind == BudgetKind.Individual), Budgets.Count(b => b.Kind == BudgetKind.LeadProfessional),
        Orders.Count, _refused, Invoices.Count, Entries.Count, Entries.Sum(e => (long)e.Postings.Count), Allocations.Sum(a => a.FinalAmount), Invoices.Sum(i => i.Amount),
        Accounts.Sum(a => a.Held));

    /// <summary>Builds the data set; <paramref name="progress"/> hears a line at each step and every tenth of the days.</summary>
    /// <exception cref="ArgumentException">The options are not usable.</exception>
    public static LargeDataSet Build(LargeDataSetOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var data = new LargeDataSet(options);
        data.Run(progress);
        return data;
    }

    private Guid NextId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static T Require<T>(Result<T> result) => result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Error!.Message);

    private void Run(IProgress<string>? progress)
    {
        var o = Options;
        var year = LargeDataSetOptions.Year;
        var opened = LargeDataSetOptions.FirstDay.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        _now = opened;
        Area = Area.Create(new AreaId(NextId()), o.AreaCode, $"{o.AreaCode} (generated benchmark area)");

        // Three partners, each with its stream: the council's unrestricted, the NHS's for therapy, the schools' for tuition.
        (string Code, string Name, AgencyKind Kind, string Stream, ServiceCategory[] Categories, int Share)[] partners =
        [
            ("COUNCIL", "Generated county council", AgencyKind.Council, "EH-2026", [], 70),
            ("NHS", "Generated integrated care board", AgencyKind.Nhs, "NHS-THER-2026", [ServiceCategory.TherapyHealth], 15),
            ("SCHOOLS", "Generated schools forum", AgencyKind.School, "SCH-2026", [ServiceCategory.TuitionEducation], 15),
        ];
        foreach (var p in partners)
        {
            var agency = Require(Agency.Create(new AgencyId(NextId()), Area.Id, p.Code, p.Name, p.Kind));
            Agencies.Add(agency);
            Streams.Add(Require(FundingStream.Define(new FundingStreamId(NextId()), Area.Id, agency.Id, p.Stream, $"{p.Name} money 2026/27", year,
                FundingForm.CashTransfer, new StreamRestrictions(p.Categories.ToHashSet(), new HashSet<ClientGroup>()), p.Categories.Length > 0,
                YearEndRule.ReturnUnspent, Money.Zero, "Help started early for children and families")));
        }

        Pool = Require(Pool.Create(new PoolId(NextId()), Area.Id, $"{o.AreaCode}-POOL-2026", "Generated pooled budget 2026/27", year,
            ResourceAllocationRule.Points(Money.FromPounds(150m)).Value!, SplitPolicy.ProRata));

        var leadProfessionals = Enumerable.Range(1, Math.Max(1, (o.Budgets + 49) / 50))
            .Select(i => Require(Practitioner.Create(new PractitionerId(NextId()), Area.Id, $"LP-{i:D4}", $"Lead professional {i}", PractitionerRole.LeadProfessional)))
            .ToList();
        var holder = Require(Practitioner.Create(new PractitionerId(NextId()), Area.Id, "BH-01", "Budget holder", PractitionerRole.BudgetHolder));
        Practitioners.AddRange(leadProfessionals);
        Practitioners.Add(holder);

        (string Code, string Name, ProviderSector Sector, (string Code, string Name, ServiceCategory Category, string Unit, decimal Price)[] Items)[] providers =
        [
            ("PRV-FAMILY-TEAM", "Family support team (council)", ProviderSector.InHouse, [("FAMILY-HOUR", "Family support worker", ServiceCategory.FamilySupport, "hour", 32m)]),
            ("PRV-LEISURE", "Leisure services (council)", ProviderSector.InHouse,
                [("SWIM-BLOCK", "Swimming lessons", ServiceCategory.LeisureActivities, "10-week block", 65m), ("HOLIDAY-DAY", "Holiday activity day", ServiceCategory.LeisureActivities, "day", 28m)]),
            ("PRV-TRANSPORT", "Passenger transport (council)", ProviderSector.InHouse, [("BUS-PASS", "Bus pass", ServiceCategory.Transport, "month", 42m)]),
            ("PRV-YOUNG-MINDS", "Young Minds (a charity)", ProviderSector.Voluntary,
                [("COUNSELLING", "Counselling session", ServiceCategory.TherapyHealth, "session", 45m), ("PARENTING", "Parenting programme", ServiceCategory.FamilySupport, "place", 180m)]),
            ("PRV-CLEARSPEAK", "Clearspeak Therapy Ltd", ProviderSector.Private, [("SALT-SESSION", "Speech and language therapy session", ServiceCategory.TherapyHealth, "session", 58m)]),
            ("PRV-BRIGHTPATH", "Brightpath Tuition Ltd", ProviderSector.Private, [("TUITION-HOUR", "One-to-one tuition", ServiceCategory.TuitionEducation, "hour", 36m)]),
            ("PRV-MOORCAB", "Moorcab Taxis Ltd", ProviderSector.Private, [("TAXI", "Taxi journey", ServiceCategory.Transport, "journey", 22m)]),
            ("PRV-KITBAG", "Kitbag Supplies Ltd", ProviderSector.Private,
                [("SENSORY-PACK", "Sensory equipment pack", ServiceCategory.Equipment, "pack", 85m), ("UNIFORM", "School uniform and shoes", ServiceCategory.Equipment, "set", 60m)]),
            ("PRV-IND-01", "Home tutor (individual)", ProviderSector.Individual, [("TUTOR-HOUR", "Home tutoring", ServiceCategory.TuitionEducation, "hour", 30m)]),
            ("PRV-IND-02", "Personal assistant (individual)", ProviderSector.Individual, [("PA-HOUR", "Personal assistant support", ServiceCategory.PracticalHousehold, "hour", 15m)]),
        ];
        var bank = Require(BankDetails.Create("00-10-01", "10000101", "GENERATED PROVIDER"));
        foreach (var p in providers)
        {
            var provider = Require(Provider.Register(new ProviderId(NextId()), Area.Id, p.Code, p.Name, p.Sector, bank, opened));
            Providers.Add(provider);
            foreach (var item in p.Items)
            {
                Catalogue.Add(Require(ServiceItem.Create(new ServiceItemId(NextId()), Area.Id, item.Code, item.Name, provider.Id, item.Category, item.Unit,
                    Money.FromPounds(item.Price))));
            }
        }

        // Accounts: each stream's funds, the pool, and every payable, per stream.
        foreach (var (stream, agency) in Streams.Zip(Agencies))
        {
            OpenAccount(AccountKind.StreamFunds, agency.Code, stream);
            OpenAccount(AccountKind.Pool, Pool.Code, stream);
            foreach (var provider in Providers)
            {
                OpenAccount(AccountKind.ProviderPayable, provider.Code, stream);
            }
        }

        // Children, caseloads and budgets.
        for (var i = 0; i < o.Children; i++)
        {
            var child = Require(Subject.Child(new SubjectId(NextId()), Area.Id, string.Create(CultureInfo.InvariantCulture, $"CH-{i + 1:D6}")));
            Children.Add(child);
            Caseloads.Add(new CaseloadEntry(leadProfessionals[i % leadProfessionals.Count].Id, child.Id, LargeDataSetOptions.FirstDay));
        }

        progress?.Report($"{o.Children:N0} children on {leadProfessionals.Count:N0} lead professionals' caseloads; {Providers.Count} providers, {Catalogue.Count} catalogue entries");

        // Sizes: orders per individual budget so the postings reach the target (about 2.25 postings per order: most settle one stream, therapy and tuition two).
        var lpOrders = o.Children - o.Budgets;
        var allocationPostings = 6L * (o.Budgets + leadProfessionals.Count);
        var needed = Math.Max(0, o.Postings - allocationPostings - 6 - (lpOrders * PostingsPerOrderTimes100 / 100));
        var perBudget = (int)Math.Max(1, Math.Ceiling(needed * 100.0 * 1.1 / PostingsPerOrderTimes100 / o.Budgets));

        var plans = new List<(Budget Budget, long Amount, int Day)>();
        for (var i = 0; i < o.Budgets; i++)
        {
            var lp = leadProfessionals[i % leadProfessionals.Count];
            var budget = Budget.Individual(new BudgetId(NextId()), Area.Id, Children[i].Reference, Children[i].Id, Pool.Id, year, lp.Id, HolderMode.LeadProfessional,
                BudgetMode.Cash, ClientGroup.EarlyHelp, opened);
            Budgets.Add(budget);
            var amount = Math.Max(perBudget * 60_00L, _random.Next(1_500, 6_001) * 100L);
            plans.Add((budget, amount, _random.Next(0, 21)));
        }

        var lpBudgets = new Dictionary<PractitionerId, Budget>();
        foreach (var lp in leadProfessionals)
        {
            var budget = Budget.LeadProfessional(new BudgetId(NextId()), Area.Id, lp.Code, lp.Id, Pool.Id, year, ClientGroup.EarlyHelp, opened);
            Budgets.Add(budget);
            lpBudgets[lp.Id] = budget;
            var theirs = (lpOrders / leadProfessionals.Count) + 1;
            plans.Add((budget, Math.Max(15_000_00L, theirs * 120_00L), 0));
        }

        foreach (var budget in Budgets)
        {
            foreach (var stream in Streams)
            {
                OpenAccount(budget.AccountKind, budget.Code, stream);
            }
        }

        // Contributions on the first day: what the allocations need from each stream, and a tenth more.
        var shares = partners.Select(p => p.Share).ToArray();
        var totals = new long[Streams.Count];
        foreach (var plan in plans)
        {
            var split = Split(plan.Amount, shares);
            for (var s = 0; s < totals.Length; s++)
            {
                totals[s] += split[s];
            }
        }

        At(0, () =>
        {
            for (var s = 0; s < Streams.Count; s++)
            {
                var amount = Money.FromPence(totals[s] + (totals[s] / 10));
                Post(new PostEntry($"gen:{o.AreaCode}:contribution:{Streams[s].Code}", LargeDataSetOptions.FirstDay, $"Contribution from {Streams[s].Code} to pool {Pool.Code}",
                    [JournalLine.Debit(AccountOf(AccountKind.StreamFunds, Agencies[s].Code, Streams[s]).Id, amount), JournalLine.Credit(AccountOf(AccountKind.Pool, Pool.Code, Streams[s]).Id, amount)],
                    EntryKind.Contribution));
            }
        });

        foreach (var (budget, amount, day) in plans)
        {
            At(day, () => Allocate(budget, amount, shares, holder, Day(day)));
        }

        // Individual budgets: orders spread over the months after the allocation, worth about 60% of it in all.
        foreach (var (budget, amount, day) in plans.Where(p => p.Budget.Kind == BudgetKind.Individual))
        {
            for (var n = 0; n < perBudget; n++)
            {
                var item = Catalogue[_random.Next(Catalogue.Count)];
                var quantity = (int)Math.Clamp(amount * 6 / 10 / perBudget / item.UnitPrice, 1, 40);
                PlanOrder(budget, budget.Subject!.Value, budget.Holder, holder, item, quantity, _random.Next(day + 1, _days.Length));
            }
        }

        // Every other child: one small purchase from their lead professional's budget.
        var cheap = Catalogue.Where(c => c.UnitPrice <= 65_00).ToList();
        for (var i = o.Budgets; i < o.Children; i++)
        {
            var lp = leadProfessionals[i % leadProfessionals.Count];
            PlanOrder(lpBudgets[lp.Id], Children[i].Id, lp.Id, holder, cheap[_random.Next(cheap.Count)], 1, _random.Next(1, _days.Length));
        }

        progress?.Report($"{Budgets.Count:N0} budgets; {perBudget} orders planned per individual budget, {lpOrders:N0} from lead professionals' budgets");
        for (var d = 0; d < _days.Length; d++)
        {
            _now = Day(d).At(new LocalTime(8, 0)).InUtc().ToInstant();
            _tick = 0;
            foreach (var action in _days[d])
            {
                action();
            }

            _days[d].Clear();
            if ((d + 1) % Math.Max(1, _days.Length / 10) == 0 || d == _days.Length - 1)
            {
                progress?.Report($"posted up to {Day(d):yyyy-MM-dd}: {Entries.Count:N0} entries, {Orders.Count:N0} orders, {Invoices.Count:N0} invoices ({(d + 1) * 100 / _days.Length}%)");
            }
        }
    }

    private static LocalDate Day(int index) => LargeDataSetOptions.FirstDay.PlusDays(index);

    private void At(int day, Action action) => _days[Math.Clamp(day, 0, _days.Length - 1)].Add(action);

    private static long[] Split(long amount, int[] shares)
    {
        var split = shares.Select(s => amount * s / 100).ToArray();
        split[0] += amount - split.Sum();
        return split;
    }

    private void OpenAccount(AccountKind kind, string owner, FundingStream stream)
    {
        var account = Account.Open(new AccountId(NextId()), kind, Area.Id, owner, stream.Id, _now);
        _accounts[(kind, owner, stream.Id)] = account;
        _set.AddAccount(account);
    }

    private Account AccountOf(AccountKind kind, string owner, FundingStream stream) => _accounts[(kind, owner, stream.Id)];

    // Each request gets its own second of the day, so entries on one day keep the order they were made in.
    private LedgerOutcome Post(LedgerCommand command)
    {
        var outcome = PostingEngine.Execute(command, _set, _now.Plus(Duration.FromSeconds(_tick++)));
        if (!outcome.Succeeded && outcome.Error!.Code != LedgerErrorCode.InsufficientFunds)
        {
            throw new InvalidOperationException($"The ledger refused {command.IdempotencyKey}: {outcome.Error.Code} {outcome.Error.Message}");
        }

        return outcome;
    }

    private Instant Now => _now.Plus(Duration.FromSeconds(_tick));

    private void Allocate(Budget budget, long amount, int[] shares, Practitioner holder, LocalDate on)
    {
        var key = $"gen:{Options.AreaCode}:allocation:{budget.Code}";
        var split = Split(amount, shares);
        var lines = new List<JournalLine>();
        for (var s = 0; s < Streams.Count; s++)
        {
            lines.Add(JournalLine.Debit(AccountOf(AccountKind.Pool, Pool.Code, Streams[s]).Id, Money.FromPence(split[s])));
            lines.Add(JournalLine.Credit(AccountOf(budget.AccountKind, budget.Code, Streams[s]).Id, Money.FromPence(split[s])));
        }

        var outcome = Post(new PostEntry(key, on, $"Allocation from pool {Pool.Code} to budget {budget.Code}", lines, EntryKind.Allocation));
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The pool could not fund {budget.Code}: {outcome.Error!.Message}");
        }

        var working = $"Generated allocation of {Money.FromPence(amount)}, split {string.Join(" / ", shares)}% across {string.Join(", ", Streams.Select(s => s.Code))}";
        Allocations.Add(Allocation.Record(new AllocationId(NextId()), budget.Id, null, new IndicativeAmount(Money.FromPence(amount), working), Money.FromPence(amount),
            "Generated for the benchmarks", holder.Code, on, outcome.Entry!.Value, key));
    }

    // An order's life, planned now and played day by day: placed (held), approved at once or by the budget holder,
    // started a few days later, and invoiced (settled) within a fortnight of starting; a tenth are invoiced for fewer units.
    private void PlanOrder(Budget budget, SubjectId subject, PractitionerId requester, Practitioner holder, ServiceItem item, int quantity, int day)
    {
        var need = _random.Next(0, 31);
        var start = day + _random.Next(1, 11);
        var invoice = start + _random.Next(0, 15);
        var units = _random.Next(10) == 0 && quantity > 1 ? _random.Next(1, quantity) : quantity;
        var number = ++_orderNumber;
        var id = new PurchaseOrderId(NextId());
        PurchaseOrder? order = null;
        At(day, () => order = Place(id, number, budget, subject, requester, holder, item, quantity, Day(day).PlusDays(-need), Day(day)));
        if (start < _days.Length)
        {
            At(start, () => order?.ConfirmStart(Day(start)));
        }

        if (invoice < _days.Length)
        {
            At(invoice, () =>
            {
                if (order?.ServiceStartedOn is not null)
                {
                    Settle(order, number, units, Day(invoice));
                }
            });
        }
    }

    private PurchaseOrder? Place(PurchaseOrderId id, int number, Budget budget, SubjectId subject, PractitionerId requester, Practitioner holder, ServiceItem item,
        int quantity, LocalDate needIdentifiedOn, LocalDate orderedOn)
    {
        var provider = Providers.First(p => p.Id == item.Provider);
        var terms = new OrderTerms(item.Category, item.Name, item.Unit, Money.FromPence(item.UnitPrice), quantity, "Need identified at the family's review",
            "Progress agreed in the child's plan", "The child asked for it");
        if (PurchaseOrder.Check(terms, needIdentifiedOn, orderedOn, spot: false, broker: false) is { } bad)
        {
            throw new InvalidOperationException(bad.Message);
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"gen:{Options.AreaCode}:order:{number}");
        var candidates = Streams.Where(s => s.Restrictions.Allows(item.Category))
            .Select(s => new SplitCandidate(AccountOf(budget.AccountKind, budget.Code, s).Id, AccountOf(AccountKind.ProviderPayable, provider.Code, s).Id, s.Restrictions.RestrictsCategories))
            .ToList();
        var expires = orderedOn.PlusDays(90).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var outcome = Post(new ReserveSplitHold("order:" + key, orderedOn, $"Order: {terms.Quantity} x {terms.Unit} of {terms.Category} from {provider.Code} on budget {budget.Code}",
            terms.Amount, candidates, Pool.SplitPolicy, expires));
        if (!outcome.Succeeded)
        {
            _refused++;
            return null;
        }

        var delegated = terms.Amount <= Money.FromPounds(100m);
        var order = PurchaseOrder.Place(id, Area.Id, budget, subject, provider, item.Id, terms, requester, needIdentifiedOn, orderedOn, outcome.Hold!.Value,
            delegated ? ApprovalRoute.Delegated : ApprovalRoute.BudgetHolder, key, Now);
        if (delegated)
        {
            var month = DelegatedMonth.MonthOf(orderedOn);
            if (!_months.TryGetValue((requester, month), out var committed))
            {
                committed = DelegatedMonth.Start(requester, orderedOn);
                _months[(requester, month)] = committed;
            }

            committed.Add(terms.Amount);
        }
        else
        {
            order.Approve(holder.Id, orderedOn, null);
        }

        Orders.Add(order);
        return order;
    }

    private void Settle(PurchaseOrder order, int number, int units, LocalDate invoicedOn)
    {
        var invoiceNumber = string.Create(CultureInfo.InvariantCulture, $"INV-{number:D7}");
        if (order.CheckInvoice(units) is { } refused)
        {
            throw new InvalidOperationException(refused.Message);
        }

        var key = $"invoice:{order.Area}:{order.Provider}:{invoiceNumber}";
        var outcome = Post(new PostHold(key, order.Hold, invoicedOn, $"Invoice {invoiceNumber} on order {order.Reference}: {units} {order.Unit}(s)", order.InvoiceAmount(units)));
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Order {order.Reference} could not be settled: {outcome.Error!.Message}");
        }

        Invoices.Add(Invoice.Record(new InvoiceId(NextId()), order, invoiceNumber, units, invoicedOn, outcome.Entry!.Value, key, Now));
        order.MarkInvoiced();
    }
}
