using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Application.Demo;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

using static Ledger.Cli.Commands.ArgumentReaders;

namespace Ledger.Cli.Commands;

/// <summary>
/// The budgets flow from the command line (R1–R6): areas, agencies, funding streams, pools and
/// contributions, people, assessments, allocations and year end. Every argument is parsed before any
/// service is called, so bad input writes nothing; a refusal from a service is reported with its
/// stable code and exits 2. Writes that move money carry an idempotency key derived from the parsed
/// request unless <c>--key</c> is given, so running the same command again never pays twice.
/// </summary>
internal static class BudgetCommands
{
    // ----- area, agency, stream ---------------------------------------------------------------

    public static async Task<int> AreaAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        Sub(args, "area add --code C --name N", "add");
        args.AllowOnly("code", "name");
        var code = CodeArg(args, "code");
        var name = Text(args, "name", 200);
        var existing = await services.GetRequiredService<IBudgetStore>().AreaAsync(code, ct);
        var area = existing ?? await services.GetRequiredService<ILedgerSetup>().EnsureAreaAsync(code, name, ct);
        await output.WriteLineAsync(existing is null
            ? $"area {area.Code} added: {area.Name}"
            : $"area {area.Code} already exists ({area.Name}); nothing written");
        return CliApp.Ok;
    }

    public static async Task<int> AgencyAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        Sub(args, "agency add --area A --code C --name N --kind K", "add");
        args.AllowOnly("area", "code", "name", "kind");
        var request = new AgencyRequest(CodeArg(args, "area"), CodeArg(args, "code"), Text(args, "name", 200), EnumArg<AgencyKind>(args, "kind"));
        var agency = Check(await services.GetRequiredService<FundingService>().CreateAgencyAsync(request, ct));
        await output.WriteLineAsync($"agency {agency.Code} added to {request.Area}: {agency.Name} ({agency.Kind})");
        return CliApp.Ok;
    }

    public static async Task<int> StreamAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        Sub(args, "stream add --area A --agency G --code C --name N --year 2026/27 --form cash|notional --categories any|... "
            + "--client-groups any|... [--ring-fenced] --year-end return|carry --expected-spend 1000.00 --expected-outcome TEXT", "add");
        args.AllowOnly("area", "agency", "code", "name", "year", "form", "categories", "client-groups", "ring-fenced", "year-end",
            "expected-spend", "expected-outcome");
        var form = Choice(args, "form", ("cash", FundingForm.CashTransfer), ("notional", FundingForm.CashEquivalent));
        var rule = Choice(args, "year-end", ("return", YearEndRule.ReturnUnspent), ("carry", YearEndRule.CarryForward));
        var restrictions = new StreamRestrictions(EnumSet<ServiceCategory>(args, "categories"), EnumSet<ClientGroup>(args, "client-groups"));
        var request = new StreamRequest(CodeArg(args, "area"), CodeArg(args, "agency"), CodeArg(args, "code"), Text(args, "name", 200), YearArg(args, "year"),
            form, restrictions, args.Has("ring-fenced"), rule, MoneyArg(args, "expected-spend", allowZero: true), Text(args, "expected-outcome", 500));
        var stream = Check(await services.GetRequiredService<FundingService>().CreateStreamAsync(request, ct));
        await output.WriteLineAsync($"stream {stream.Code} added to {request.Area} for {stream.Year}: {stream.Name} — "
            + $"{(stream.Form == FundingForm.CashTransfer ? "cash transfer" : "notional (cash equivalent of services)")}, may pay for {stream.Restrictions.Describe()}, "
            + $"{(stream.RingFenced ? "ring-fenced" : "not ring-fenced")}, "
            + $"{(stream.YearEndRule == YearEndRule.ReturnUnspent ? "unspent money returns at year end" : "unspent money carries forward")}; "
            + $"expects to spend {Money.FromPence(stream.ExpectedSpend)}");
        return CliApp.Ok;
    }

    // ----- pool ------------------------------------------------------------------------------

    public static Task<int> PoolAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct) =>
        Sub(args, "pool add|contribute|position ...", "add", "contribute", "position") switch
        {
            "add" => PoolAddAsync(services, args, output, ct),
            "contribute" => PoolContributeAsync(services, args, output, ct),
            _ => PoolPositionAsync(services, args, output, ct),
        };

    private static async Task<int> PoolAddAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "code", "name", "year", "rule", "split");
        var policy = args.Get("split") is null
            ? SplitPolicy.ProRata
            : Choice(args, "split", ("pro-rata", SplitPolicy.ProRata), ("restricted-first", SplitPolicy.RestrictedFirst));
        var request = new PoolRequest(CodeArg(args, "area"), CodeArg(args, "code"), Text(args, "name", 200), YearArg(args, "year"), RuleArg(args), policy);
        var pool = Check(await services.GetRequiredService<FundingService>().CreatePoolAsync(request, ct));
        await output.WriteLineAsync($"pool {pool.Code} added to {request.Area} for {pool.Year}: {pool.Name} — rule {pool.Rule.Describe()}, "
            + $"split {(pool.SplitPolicy == SplitPolicy.ProRata ? "pro rata to contributions" : "restricted streams first")}");
        return CliApp.Ok;
    }

    private static async Task<int> PoolContributeAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "pool", "stream", "amount", "date", "key");
        var (area, pool, stream) = (CodeArg(args, "area"), CodeArg(args, "pool"), CodeArg(args, "stream"));
        var amount = MoneyArg(args, "amount");
        var date = DateArg(args, "date");
        var key = KeyArg(args, "contribution", area, pool, stream, amount.Pence.ToString(CultureInfo.InvariantCulture), Iso(date));
        var replay = await services.GetRequiredService<IBudgetStore>().LedgerKeyUsedAsync(key, ct);
        var entry = Check(await services.GetRequiredService<FundingService>().ContributeAsync(new ContributionRequest(key, area, pool, stream, amount, date), ct));
        await output.WriteLineAsync(replay
            ? $"already contributed under key {key} (entry {entry}); nothing written"
            : $"contributed {amount} from {stream} to pool {pool} on {Iso(date)} (entry {entry}, key {key})");
        return CliApp.Ok;
    }

    private static async Task<int> PoolPositionAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "pool");
        var (area, poolCode) = (CodeArg(args, "area"), CodeArg(args, "pool"));
        var rows = Check(await services.GetRequiredService<FundingService>().PositionAsync(area, poolCode, ct));
        await output.WriteLineAsync($"pool {poolCode} in {area}: position per funding stream");
        var header = $"{"stream",-18} {"agency",-10} {"contributed",14} {"share",8} {"allocated",14} {"held",12} {"spent",12} {"returned",12} {"carried",12} {"in budgets",12} {"available",14} {"expected spend",15}  expected outcome";
        await output.WriteLineAsync(header);
        foreach (var r in rows)
        {
            await output.WriteLineAsync($"{r.Stream,-18} {r.Agency,-10} {r.Contributed,14} {Percent(r.SharePercent),8} {r.Allocated,14} {r.Held,12} {r.Spent,12} "
                + $"{r.Returned,12} {r.CarriedForward,12} {r.InBudgets,12} {r.Available,14} {r.ExpectedSpend,15}  {r.ExpectedOutcome}");
        }

        Money Total(Func<PoolStreamPosition, Money> pick) => rows.Aggregate(Money.Zero, (sum, r) => sum + pick(r));
        await output.WriteLineAsync($"{"total",-18} {string.Empty,-10} {Total(r => r.Contributed),14} {(rows.Count == 0 ? string.Empty : "100.00%"),8} "
            + $"{Total(r => r.Allocated),14} {Total(r => r.Held),12} {Total(r => r.Spent),12} {Total(r => r.Returned),12} {Total(r => r.CarriedForward),12} {Total(r => r.InBudgets),12} {Total(r => r.Available),14} "
            + $"{Total(r => r.ExpectedSpend),15}");
        return CliApp.Ok;
    }

    // ----- people ------------------------------------------------------------------------------

    public static async Task<int> PractitionerAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        Sub(args, "practitioner add --area A --code C --name N --role LeadProfessional|Broker|BudgetHolder", "add");
        args.AllowOnly("area", "code", "name", "role");
        var (area, code, name, role) = (CodeArg(args, "area"), CodeArg(args, "code"), Text(args, "name", 200), EnumArg<PractitionerRole>(args, "role"));
        var practitioner = Check(await services.GetRequiredService<PeopleService>().AddPractitionerAsync(area, code, name, role, ct));
        await output.WriteLineAsync($"practitioner {practitioner.Code} added to {area}: {practitioner.Name} ({practitioner.Role})");
        return CliApp.Ok;
    }

    // "--name -" reads the name from standard input, so it never sits in shell history or the process list (§3.6).
    private static string PersonalName(Arguments args)
    {
        if (args.Get("name") != "-")
        {
            return Text(args, "name", 200);
        }

        var name = Console.In.ReadLine()?.Trim();
        return string.IsNullOrEmpty(name) || name.Length > 200
            ? throw new UsageException("--name - expects the name (1–200 characters) on standard input")
            : name;
    }

    public static async Task<int> ChildAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        Sub(args, "child add --area A --ref CHILD-7F3A --name N [--born YYYY-MM-DD]", "add");
        args.AllowOnly("area", "ref", "name", "born");
        var (area, reference, name) = (CodeArg(args, "area"), CodeArg(args, "ref"), PersonalName(args));
        LocalDate? born = args.Get("born") is null ? null : DateArg(args, "born");
        var child = Check(await services.GetRequiredService<PeopleService>().AddChildAsync(area, reference, name, born, ct));

        // Only the pseudonymous reference is printed: names stay in the personal-details store (§3.6).
        await output.WriteLineAsync($"child {child.Reference} added to {area} (personal details stored separately)");
        return CliApp.Ok;
    }

    public static async Task<int> FamilyAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        Sub(args, "family add --area A --ref FAM-1 --name N --children REF,REF", "add");
        args.AllowOnly("area", "ref", "name", "children");
        var (area, reference, name) = (CodeArg(args, "area"), CodeArg(args, "ref"), PersonalName(args));
        var children = args.Require("children").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (children.Length == 0 || children.Any(c => !Code.IsValid(c)) || children.Distinct(StringComparer.Ordinal).Count() != children.Length)
        {
            throw new UsageException($"--children must list distinct child references separated by commas; '{args.Get("children")}' was given");
        }

        var family = Check(await services.GetRequiredService<PeopleService>().AddFamilyAsync(area, reference, name, children, ct));
        await output.WriteLineAsync($"family {family.Reference} added to {area}, linking {string.Join(", ", children)} (personal details stored separately)");
        return CliApp.Ok;
    }

    public static async Task<int> CaseloadAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        Sub(args, "caseload assign --area A --lp LP --subject REF --since YYYY-MM-DD", "assign");
        args.AllowOnly("area", "lp", "subject", "since");
        var (area, lp, subject, since) = (CodeArg(args, "area"), CodeArg(args, "lp"), CodeArg(args, "subject"), DateArg(args, "since"));
        Check(await services.GetRequiredService<PeopleService>().AssignCaseloadAsync(area, lp, subject, since, ct));
        await output.WriteLineAsync($"{subject} is on {lp}'s caseload in {area}");
        return CliApp.Ok;
    }

    // ----- assessment and allocation -----------------------------------------------------------

    public static async Task<int> AssessAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"assess takes options only; '{args.Positional[0]}' was given");
        }

        args.AllowOnly("area", "subject", "pool", "date", "by", "client-group", "needs", "factors", "key");
        var request = new AssessmentRequest(CodeArg(args, "area"), CodeArg(args, "subject"), CodeArg(args, "pool"), DateArg(args, "date"), CodeArg(args, "by"),
            EnumArg<ClientGroup>(args, "client-group"), NeedsArg(args), FactorsArg(args));
        request = request with
        {
            IdempotencyKey = KeyArg(args, "assess", request.Area, request.Subject, request.Pool, Iso(request.Date), request.AssessedBy, request.ClientGroup.ToString(),
                string.Join(',', request.Needs.OrderBy(n => n.Key).Select(n => $"{n.Key}={n.Value}")), request.Factors.ToString()),
        };
        var assessment = Check(await services.GetRequiredService<AllocationService>().AssessAsync(request, ct));
        await output.WriteLineAsync($"assessment {assessment.Id}");
        await output.WriteLineAsync($"  {request.Subject}, {assessment.ClientGroup}, assessed by {assessment.AssessedBy} on {Iso(assessment.AssessedOn)}");
        await output.WriteLineAsync($"  total points: {assessment.TotalPoints} (be healthy {assessment.BeHealthy}, stay safe {assessment.StaySafe}, "
            + $"enjoy and achieve {assessment.EnjoyAndAchieve}, positive contribution {assessment.PositiveContribution}, economic well-being {assessment.EconomicWellBeing})");
        await output.WriteLineAsync($"  indicative amount: {Money.FromPence(assessment.IndicativeAmount)}");
        await output.WriteLineAsync($"  working: {assessment.Working}");
        return CliApp.Ok;
    }

    public static async Task<int> AllocateAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"allocate takes options only; '{args.Positional[0]}' was given");
        }

        args.AllowOnly("area", "assessment", "amount", "reason", "by", "date", "holder-mode", "holder", "mode", "key");
        var area = CodeArg(args, "area");
        var assessment = Guid.TryParse(args.Require("assessment"), out var id)
            ? new AssessmentId(id)
            : throw new UsageException($"--assessment must be an assessment id (printed by assess); '{args.Get("assessment")}' was given");
        var amount = MoneyArg(args, "amount");
        var reason = Text(args, "reason", 1000);
        var by = CodeArg(args, "by");
        var date = DateArg(args, "date");
        var holderMode = EnumArg<HolderMode>(args, "holder-mode");
        var holder = CodeArg(args, "holder");
        var mode = args.Get("mode") is null ? BudgetMode.Cash : Choice(args, "mode", ("cash", BudgetMode.Cash), ("notional", BudgetMode.Notional));
        var key = KeyArg(args, "allocation", area, assessment.ToString(), amount.Pence.ToString(CultureInfo.InvariantCulture), reason, by, Iso(date),
            holderMode.ToString(), holder, mode.ToString());
        var replay = await services.GetRequiredService<IBudgetStore>().AllocationByKeyAsync(key, ct) is not null;
        var allocation = Check(await services.GetRequiredService<AllocationService>().AllocateAsync(
            new AllocationRequest(key, area, assessment, amount, reason, by, date, holderMode, holder, mode), ct));
        await ReportAllocationAsync(services, allocation, replay, output, ct);
        return CliApp.Ok;
    }

    public static async Task<int> AllocateLeadProfessionalAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"allocate-lp takes options only; '{args.Positional[0]}' was given");
        }

        args.AllowOnly("area", "pool", "lp", "amount", "reason", "by", "date", "client-group", "key");
        var (area, pool, lp) = (CodeArg(args, "area"), CodeArg(args, "pool"), CodeArg(args, "lp"));
        var amount = MoneyArg(args, "amount");
        var reason = Text(args, "reason", 1000);
        var by = CodeArg(args, "by");
        var date = DateArg(args, "date");
        var group = args.Get("client-group") is null ? ClientGroup.EarlyHelp : EnumArg<ClientGroup>(args, "client-group");
        var key = KeyArg(args, "lp-allocation", area, pool, lp, amount.Pence.ToString(CultureInfo.InvariantCulture), reason, by, Iso(date), group.ToString());
        var replay = await services.GetRequiredService<IBudgetStore>().AllocationByKeyAsync(key, ct) is not null;
        var allocation = Check(await services.GetRequiredService<AllocationService>().AllocateLeadProfessionalAsync(
            new LeadProfessionalAllocationRequest(key, area, pool, lp, amount, reason, by, date, group), ct));
        await ReportAllocationAsync(services, allocation, replay, output, ct);
        return CliApp.Ok;
    }

    public static async Task<int> YearEndAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"year-end takes options only; '{args.Positional[0]}' was given");
        }

        args.AllowOnly("area", "year");
        var (area, year) = (CodeArg(args, "area"), YearArg(args, "year"));
        var lastShown = -1;
        var progress = new SynchronousProgress<(int Done, int Total)>(p =>
        {
            var step = Math.Max(1, p.Total / 10);
            if (p.Done == p.Total || p.Done - lastShown >= step)
            {
                lastShown = p.Done;
                output.WriteLine($"  budgets {p.Done:N0} / {p.Total:N0}");
            }
        });
        await output.WriteLineAsync($"year end {year} in {area}: returning unspent money and carrying forward grant money");
        var summary = Check(await services.GetRequiredService<YearEndService>().RunAsync(area, year, progress, ct));
        await output.WriteLineAsync(summary.AlreadyClosed
            ? $"year end {year} in {area} had already run: nothing moved"
            : $"year end {year} in {area}: returned {summary.Returned} to its streams, carried forward {summary.CarriedForward} into {year.Next}; "
              + $"{summary.Entries} ledger entries written");
        return CliApp.Ok;
    }

    // ----- output helpers ------------------------------------------------------------------------

    private static async Task ReportAllocationAsync(IServiceProvider services, Allocation allocation, bool replay, TextWriter output, CancellationToken ct)
    {
        var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct);
        await using (db)
        {
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            var budget = await db.Budgets.SingleAsync(b => b.Id == allocation.Budget, ct);
            var split = await db.Postings.Where(p => p.Entry == allocation.Entry && p.Amount < 0)
                .Join(db.Accounts, p => p.Account, a => a.Id, (p, a) => new { p.Stream, p.Amount, a.Kind, p.Line })
                .Where(x => x.Kind == AccountKind.IndividualBudget || x.Kind == AccountKind.LeadProfessionalBudget)
                .Join(db.FundingStreams, x => x.Stream, s => s.Id, (x, s) => new { s.Code, x.Amount, x.Line })
                .ToListAsync(ct);
            var holder = budget.Kind == BudgetKind.LeadProfessional ? "lead professional's delegated budget" : $"held by {budget.HolderMode}, {budget.Mode.ToString().ToLowerInvariant()}";
            await output.WriteLineAsync(replay
                ? $"allocation {allocation.Id} was already made under key {allocation.IdempotencyKey}; nothing written"
                : $"allocation {allocation.Id}: {Money.FromPence(allocation.FinalAmount)} to budget {budget.Code} ({holder}) on {Iso(allocation.DecidedOn)}");
            await output.WriteLineAsync($"  indicative: {Money.FromPence(allocation.IndicativeAmount)} — {allocation.Working}");
            await output.WriteLineAsync($"  final: {Money.FromPence(allocation.FinalAmount)} — {allocation.Reason} (decided by {allocation.DecidedBy})");
            await output.WriteLineAsync("  split per stream:");
            foreach (var line in split.OrderBy(x => x.Line))
            {
                await output.WriteLineAsync($"    {line.Code,-18} {Money.FromPence(-line.Amount),14}");
            }

            await output.WriteLineAsync($"  key {allocation.IdempotencyKey}, entry {allocation.Entry}");
        }
    }

    private static string Percent(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    // ----- argument parsing ------------------------------------------------------------------------

    /// <summary>"points:150.00" or "bands:0=0,10=1500.00,20=3000.00".</summary>
    private static ResourceAllocationRule RuleArg(Arguments args)
    {
        var text = args.Require("rule");
        var bad = new UsageException($"--rule must be points:PRICE (e.g. points:150.00) or bands:POINTS=AMOUNT,... (e.g. bands:0=0,10=1500.00,20=3000.00); '{text}' was given");
        Result<ResourceAllocationRule> rule;
        if (text.StartsWith("points:", StringComparison.Ordinal))
        {
            rule = Money.TryParse(text[7..], out var price) && price.IsPositive ? ResourceAllocationRule.Points(price) : throw bad;
        }
        else if (text.StartsWith("bands:", StringComparison.Ordinal))
        {
            var bands = new List<AllocationBand>();
            foreach (var band in text[6..].Split(','))
            {
                var parts = band.Split('=');
                if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var points)
                    || !Money.TryParse(parts[1], out var amount) || amount.IsNegative)
                {
                    throw bad;
                }

                bands.Add(new AllocationBand(points, amount));
            }

            rule = ResourceAllocationRule.Banded(bands);
        }
        else
        {
            throw bad;
        }

        return rule.Succeeded ? rule.Value! : throw new UsageException($"--rule: {rule.Error!.Message}");
    }

    /// <summary>"BeHealthy=3,StaySafe=5": points per Every Child Matters area (negative points reach the service, which refuses them).</summary>
    private static Dictionary<EveryChildMattersArea, int> NeedsArg(Arguments args)
    {
        var text = args.Require("needs");
        var needs = new Dictionary<EveryChildMattersArea, int>();
        foreach (var pair in text.Split(','))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2 || ParseEnum<EveryChildMattersArea>(parts[0]) is not { } area
                || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points) || !needs.TryAdd(area, points))
            {
                throw new UsageException($"--needs must be AREA=POINTS pairs separated by commas, areas from {string.Join(',', Enum.GetNames<EveryChildMattersArea>())}; '{text}' was given");
            }
        }

        return needs;
    }

    /// <summary>"years-in-care=1,risk-factors=2,disability=0,exclusions=1"; missing factors are 0.</summary>
    internal static DifficultyFactors FactorsArg(Arguments args)
    {
        if (args.Get("factors") is not { } text)
        {
            return DifficultyFactors.None;
        }

        var names = new[] { "years-in-care", "risk-factors", "disability", "exclusions" };
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in text.Split(','))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2 || !names.Contains(parts[0].Trim(), StringComparer.Ordinal)
                || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || !values.TryAdd(parts[0].Trim(), value))
            {
                throw new UsageException($"--factors must be NAME=COUNT pairs from {string.Join(',', names)}; '{text}' was given");
            }
        }

        return new DifficultyFactors(values.GetValueOrDefault("years-in-care"), values.GetValueOrDefault("risk-factors"),
            values.GetValueOrDefault("disability"), values.GetValueOrDefault("exclusions"));
    }

}
