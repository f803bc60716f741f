using System.Globalization;
using System.Text;
using System.Text.Json;
using Ledger.Application.Budgets;
using Ledger.Application.Outcomes;
using Ledger.Application.Outcomes.Indigo;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Outcomes;
using Ledger.Domain.People;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

using static Ledger.Cli.Commands.ArgumentReaders;

namespace Ledger.Cli.Commands;

/// <summary>
/// Payment by results from the command line (R14–R22): the outcome catalogue, contracts, enrolment with
/// its attachment fee, claims from draft to approval, the whole-family rule, assurance samples with their
/// findings, clawbacks and extrapolation, the spot-check bundle, the social-value report and the INDIGO
/// export. Every argument is parsed before any service is called, so bad input (exit 2) writes nothing;
/// a refusal by a rule prints <c>Code: message</c> and exits 1, also writing nothing. Writes that create
/// something (an enrolment, a draft claim) take <c>--key</c>, or derive their key from the arguments, so
/// running the same command again never pays twice. Children and families appear only by reference.
/// </summary>
internal static class OutcomeCommands
{
    private const int MaxTextLength = 500;

    /// <summary>
    /// The value of a service's result; a refusal by a rule becomes one line, <c>Code: message</c>, and exit
    /// code 1 (<see cref="RefusedException"/>).
    /// </summary>
    internal static T Accepted<T>(Result<T> result) =>
        result.Succeeded ? result.Value! : throw new RefusedException($"{result.Error!.Code}: {OneLine(result.Error.Message)}");

    // ----- the outcome catalogue (R14) --------------------------------------------------------------

    public static Task<int> OutcomesAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct) =>
        Sub(args, "outcomes import [--file F] | outcomes list", "import", "list") switch
        {
            "import" => OutcomesImportAsync(services, args, output, ct),
            _ => OutcomesListAsync(services, args, output, ct),
        };

    private static async Task<int> OutcomesImportAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("file");
        var (json, source) = args.Get("file") is { } file ? (ReadText(file, "an outcome catalogue"), file) : (OutcomeCatalogueJson.Shipped(), "the catalogue shipped with Ledger");
        var outcomes = services.GetRequiredService<OutcomeService>();
        var before = await outcomes.CatalogueAsync(ct);
        var imported = Accepted(await outcomes.ImportOutcomesAsync(json, ct));
        string What(OutcomeDefinition o) =>
            !before.TryGetValue(o.Code, out var old) ? "added" : OutcomeCatalogueJson.Write([old]) == OutcomeCatalogueJson.Write([o]) ? "unchanged" : "replaced";
        var rows = imported.OrderBy(o => o.Code, StringComparer.Ordinal).Select(o => new[] { o.Code, o.Name, What(o) }).ToList();
        await output.WriteLineAsync($"outcome catalogue: {imported.Count:N0} outcome(s) read from {source}: {rows.Count(r => r[2] == "added"):N0} added, "
            + $"{rows.Count(r => r[2] == "replaced"):N0} replaced, {rows.Count(r => r[2] == "unchanged"):N0} unchanged");
        await WriteTableAsync(output, "  ", ["code", "name", "import"], rows);
        await output.WriteLineAsync("an outcome is replaced by code; see them with `ledger outcomes list`, then import rate cards with `ledger ratecard import`");
        return CliApp.Ok;
    }

    private static async Task<int> OutcomesListAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly();
        var catalogue = (await services.GetRequiredService<OutcomeService>().CatalogueAsync(ct)).Values.OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
        if (catalogue.Count == 0)
        {
            await output.WriteLineAsync("the outcome catalogue is empty: import it with `ledger outcomes import` (the shipped catalogue) or `--file F`");
            return CliApp.Ok;
        }

        await output.WriteLineAsync($"outcome catalogue: {catalogue.Count:N0} outcome(s) (R14)");
        await WriteTableAsync(output, string.Empty, ["code", "name", "Every Child Matters area", "sustain", "ages at enrolment", "evidence required", "social value per outcome"],
            catalogue.Select(o => new[]
            {
                o.Code, o.Name, AreaWords(o.Area), Weeks(o.SustainWeeks), Ages(o), string.Join("; ", o.EvidenceRequired),
                o.SocialValue is { } v ? $"{v.CostAvoided} to {v.Agency}, {(v.Cashable ? "cashable" : "cost avoidance")}" : "no estimate",
            }).ToList());
        var sources = catalogue.Where(o => o.SocialValue is not null).ToList();
        if (sources.Count > 0)
        {
            await output.WriteLineAsync("social value is an estimate of public cost avoided, not cash paid (R22); the estimates' sources:");
            foreach (var o in sources)
            {
                await output.WriteLineAsync($"  {o.Code}: {o.SocialValue!.Source}");
            }
        }

        return CliApp.Ok;
    }

    // ----- contracts ---------------------------------------------------------------------------------

    public static Task<int> ContractAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct) =>
        Sub(args, "contract add --area A --code C --name N --provider P --pool POOL --starts YYYY-MM-DD [--ends YYYY-MM-DD] | contract list --area A", "add", "list") switch
        {
            "add" => ContractAddAsync(services, args, output, ct),
            _ => ContractListAsync(services, args, output, ct),
        };

    private static async Task<int> ContractAddAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "code", "name", "provider", "pool", "starts", "ends");
        var request = new ContractRequest(CodeArg(args, "area"), CodeArg(args, "code"), Text(args, "name", 200), CodeArg(args, "provider"), CodeArg(args, "pool"),
            DateArg(args, "starts"), args.Get("ends") is null ? null : DateArg(args, "ends"));
        var outcomes = services.GetRequiredService<OutcomeService>();
        var existed = Accepted(await outcomes.ContractsAsync(request.Area, ct)).Any(c => c.Code == request.Code);
        var contract = Accepted(await outcomes.CreateContractAsync(request, ct));
        await output.WriteLineAsync(existed
            ? $"contract {contract.Code} already exists in {request.Area} with these terms: nothing written"
            : $"contract {contract.Code} added to {request.Area}: {contract.Name}");
        await output.WriteLineAsync($"  provider {request.Provider}, paid from pool {request.Pool}; enrols from {Iso(contract.StartsOn)} {Until(contract.EndsOn)}");
        await WriteContractCardsAsync(outcomes, contract.Code, output, ct);
        return CliApp.Ok;
    }

    private static async Task WriteContractCardsAsync(OutcomeService outcomes, string contract, TextWriter output, CancellationToken ct)
    {
        var cards = await outcomes.RateCardsAsync(contract, ct);
        if (cards.Count == 0)
        {
            await output.WriteLineAsync($"  no rate card prices contract {contract} yet: import one (`ledger ratecard import`) before enrolling anyone");
            return;
        }

        foreach (var card in cards.OrderBy(c => c.Cohort).ThenBy(c => c.EffectiveFrom))
        {
            await output.WriteLineAsync($"  priced by rate card {card.Code} v{card.Version}: cohort {card.Cohort}, from {Iso(card.EffectiveFrom)} {Until(card.EffectiveTo)}");
        }
    }

    private static async Task<int> ContractListAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area");
        var area = CodeArg(args, "area");
        var outcomes = services.GetRequiredService<OutcomeService>();
        var contracts = Accepted(await outcomes.ContractsAsync(area, ct));
        var claims = Accepted(await outcomes.ClaimsAsync(area, null, ct));
        var providers = (await services.GetRequiredService<IPurchasingStore>().ProvidersAsync(contracts.Select(c => c.Provider).Distinct(), ct)).ToDictionary(p => p.Id, p => p.Code);
        var budgets = services.GetRequiredService<IBudgetStore>();
        var cards = await outcomes.RateCardsAsync(null, ct);
        var rows = new List<string[]>();
        foreach (var c in contracts.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            var pool = (await budgets.PoolAsync(c.Pool, ct))?.Code ?? "?";
            var mine = claims.Where(v => v.Claim.Contract == c.Id).ToList();
            var priced = cards.Where(k => k.Contract == c.Code).Select(k => $"{k.Code} v{k.Version} (cohort {k.Cohort})").ToList();
            rows.Add([c.Code, c.Name, providers.GetValueOrDefault(c.Provider, "?"), pool, Iso(c.StartsOn), c.EndsOn is { } e ? Iso(e) : "open",
                priced.Count == 0 ? "none yet" : string.Join(", ", priced), Sum(mine, ClaimStatus.Approved).ToString(), Sum(mine, ClaimStatus.Paid).ToString()]);
        }

        await output.WriteLineAsync($"payment-by-results contracts in {area}");
        await WriteTableAsync(output, string.Empty, ["code", "name", "provider", "pool", "enrols from", "to", "rate cards", "owed, unpaid", "paid"], rows, 7, 8);
        await output.WriteLineAsync($"{contracts.Count:N0} contract(s); owed: claims approved and waiting for the next payment run; paid: claims paid by a payment run "
            + "and not found invalid since");
        return CliApp.Ok;

        static Money Sum(List<ClaimView> claims, ClaimStatus status) => Money.FromPence(claims.Where(v => v.Claim.Status == status).Sum(v => v.Claim.Amount));
    }

    // ----- enrolment (R15, R16) ------------------------------------------------------------------------

    public static async Task<int> EnrolAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        NoPositional(args, "enrol");
        args.AllowOnly("area", "contract", "subject", "on", "cohort", "age", "years-in-care", "risk-factors", "disability", "exclusions", "by", "key");
        var (area, contract, subject) = (CodeArg(args, "area"), CodeArg(args, "contract"), CodeArg(args, "subject"));
        var on = DateArg(args, "on");
        int? cohort = args.Get("cohort") is null ? null : args.GetInt("cohort", 0, 1, 9999);
        int? age = args.Get("age") is null ? null : args.GetInt("age", 0, 0, 25);
        var factors = new DifficultyFactors(args.GetInt("years-in-care", 0, 0, 50), args.GetInt("risk-factors", 0, 0, 50), args.GetInt("disability", 0, 0, 3),
            args.GetInt("exclusions", 0, 0, 50));
        var by = CodeArg(args, "by");

        // The attachment fee's claim key is the enrolment key with a prefix: leave room for it.
        var key = KeyArg(args, 180, "enrol", area, contract, subject, Iso(on), Number(cohort), Number(age), Number(factors.YearsInCare), Number(factors.RiskFactors),
            Number(factors.DisabilitySeverity), Number(factors.PreviousExclusions), by);
        var outcomes = services.GetRequiredService<OutcomeService>();
        var replay = await services.GetRequiredService<IOutcomeStore>().EnrolmentByKeyAsync(key, ct) is not null;
        var (enrolment, fee) = Accepted(await outcomes.EnrolAsync(new EnrolRequest(area, contract, subject, on, cohort, age, factors, by, key), ct));
        if (replay)
        {
            // The service answers a key it has seen with the first enrolment, whatever was asked: a key reused for another enrolment is refused here (R25).
            var first = (await services.GetRequiredService<IBudgetStore>().SubjectAsync(enrolment.Subject, ct))?.Reference;
            var firstContract = Accepted(await outcomes.ContractsAsync(area, ct)).SingleOrDefault(c => c.Id == enrolment.Contract)?.Code;
            if (first != subject || firstContract != contract || enrolment.EnrolledOn != on)
            {
                throw new RefusedException($"{LedgerErrorCode.IdempotencyConflict}: Key {key} was used for another enrolment ({first} on {firstContract} on {Iso(enrolment.EnrolledOn)}); "
                    + "nothing was written. Use another --key.");
            }
        }

        var card = (await outcomes.RateCardsAsync(contract, ct)).Single(c => c.Code == enrolment.Card && c.Version == enrolment.CardVersion);

        await output.WriteLineAsync(replay
            ? $"{subject} was already enrolled on {contract} under key {key}: nothing written"
            : $"{subject} enrolled on {contract} on {Iso(enrolment.EnrolledOn)} by {by}");
        await output.WriteLineAsync($"  rate card {card.Code} v{card.Version} (contract {card.Contract}, cohort {card.Cohort}, from {Iso(card.EffectiveFrom)} {Until(card.EffectiveTo)}) "
            + "prices this enrolment; it stays fixed even if a new card is published");
        var f = enrolment.Factors;
        await output.WriteLineAsync($"  difficulty factors recorded (R16): {f.YearsInCare} year(s) in care, {f.RiskFactors} risk factor(s), disability severity {f.DisabilitySeverity}, "
            + $"{f.PreviousExclusions} previous exclusion(s): outcome payments weighted × {Decimal(card.Weights.For(f), "0.####")}");
        await output.WriteLineAsync($"  age at enrolment: {(enrolment.AgeAtEnrolment is { } a ? a.ToString(CultureInfo.InvariantCulture) : "not recorded")}");
        if (fee is null)
        {
            await output.WriteLineAsync($"  no attachment fee on card {card.Code}: the provider is paid for outcomes only");
        }
        else
        {
            var provider = Accepted(await outcomes.ClaimAsync(area, fee.Reference, ct)).Provider;
            await output.WriteLineAsync($"  attachment fee owed to {provider}: {Money.FromPence(fee.Amount)} (claim {fee.Reference}, paid by the next payment run)");
            foreach (var line in WorkingLines(fee))
            {
                await output.WriteLineAsync("    " + line);
            }
        }

        // An age guard with no age recorded can never be met: say so now, while the enrolment is fresh.
        var catalogue = await outcomes.CatalogueAsync(ct);
        var guarded = card.Outcomes.Select(o => catalogue.GetValueOrDefault(o.Outcome)).OfType<OutcomeDefinition>()
            .Where(d => d.MinAgeAtEnrolment is not null || d.MaxAgeAtEnrolment is not null)
            .Where(d => enrolment.AgeAtEnrolment is not { } known || !d.Eligible(known)).ToList();
        foreach (var group in guarded.GroupBy(d => Ages(d)))
        {
            await output.WriteLineAsync($"  note: {string.Join(", ", group.Select(d => d.Code))} {(group.Count() == 1 ? "is" : "are")} for ages {group.Key} at enrolment "
                + (enrolment.AgeAtEnrolment is { } known ? $"and {subject} was {known}" : "and no age was recorded (--age)")
                + $": claims for {(group.Count() == 1 ? "it" : "them")} will be refused with {BudgetErrorCode.NotEligible} (R14)");
        }

        return CliApp.Ok;
    }

    // ----- claims (R17–R21) ----------------------------------------------------------------------------

    public static Task<int> ClaimAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct) =>
        Sub(args, "claim draft|evidence|submit|signoff|approve|reject|show|list|bundle --area A ... (see --help)",
            "draft", "evidence", "submit", "signoff", "approve", "reject", "show", "list", "bundle") switch
        {
            "draft" => DraftAsync(services, args, output, ct),
            "evidence" => EvidenceAsync(services, args, output, ct),
            "submit" => SubmitAsync(services, args, output, ct),
            "signoff" => SignOffAsync(services, args, output, ct),
            "approve" => ApproveAsync(services, args, output, ct),
            "reject" => RejectAsync(services, args, output, ct),
            "show" => ShowClaimAsync(services, args, output, ct),
            "list" => ListClaimsAsync(services, args, output, ct),
            _ => BundleAsync(services, args, output, ct),
        };

    private static async Task<int> DraftAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "contract", "subject", "outcome", "sustainment", "achieved", "by", "key");
        var (area, contract, subject, outcome) = (CodeArg(args, "area"), CodeArg(args, "contract"), CodeArg(args, "subject"), CodeArg(args, "outcome"));
        int? sustainment = args.Get("sustainment") is null ? null : args.GetInt("sustainment", 0, 1, 100);
        var achieved = DateArg(args, "achieved");
        var by = CodeArg(args, "by");
        var key = KeyArg(args, "claim", area, contract, subject, outcome, Number(sustainment), Iso(achieved), by);

        var outcomes = services.GetRequiredService<OutcomeService>();
        var replay = await services.GetRequiredService<IOutcomeStore>().ClaimByKeyAsync(key, ct) is not null;
        var claim = Accepted(await outcomes.DraftAsync(new DraftClaimRequest(area, contract, subject, outcome, sustainment, achieved, by, key), ct));
        var view = Accepted(await outcomes.ClaimAsync(area, claim.Reference, ct));
        if (replay && (view.Subject != subject || view.Contract.Code != contract || claim.Outcome != outcome || claim.Sustainment != sustainment || claim.AchievedOn != achieved))
        {
            // As for enrolments: the first claim under a key is returned whatever was asked, so a key reused for another claim is refused here (R25).
            throw new RefusedException($"{LedgerErrorCode.IdempotencyConflict}: Key {key} was used for another claim ({claim.Reference}: {What(claim)} for {view.Subject} "
                + $"under {view.Contract.Code}); nothing was written. Use another --key.");
        }

        var definition = (await outcomes.CatalogueAsync(ct))[claim.Outcome!];
        var card = await CardOfAsync(outcomes, view.Enrolment, ct);

        await output.WriteLineAsync(replay
            ? $"claim {claim.Reference} was already drafted under key {key}: nothing written"
            : $"claim {claim.Reference} drafted for {view.Subject} under {view.Contract.Code}: {What(claim)} ({definition.Name}), achieved {Iso(claim.AchievedOn)}");
        var sustained = ClaimRules.SustainedOn(card, definition, claim.Kind, claim.Sustainment, claim.AchievedOn);
        var calendar = WorkingDayCalendar.EnglandAndWales;
        var window = $"it may be claimed from {Iso(card.Window.Earliest(sustained, calendar))} ({card.Window.EarliestWorkingDays} working days later) "
            + $"to {Iso(card.Window.Latest(sustained))} (R18)";
        await output.WriteLineAsync(sustained == claim.AchievedOn
            ? $"  no sustain period: {window}"
            : $"  sustained on {Iso(sustained)} ({Weeks(definition.SustainWeeks)} after it was achieved"
                + (claim.Kind == PaymentKind.Sustainment ? ", plus the sustainment interval" : string.Empty) + $"); {window}");
        await output.WriteLineAsync($"  evidence required: {string.Join("; ", definition.EvidenceRequired)}");
        await output.WriteLineAsync($"  next: attach each with `ledger claim evidence --area {area} --claim {claim.Reference} --file F --describes \"...\" --by {by}`, "
            + $"then `ledger claim submit --area {area} --claim {claim.Reference} --on YYYY-MM-DD`");
        return CliApp.Ok;
    }

    private static async Task<int> EvidenceAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "claim", "file", "describes", "purpose", "by");
        var (area, reference) = (CodeArg(args, "area"), CodeArg(args, "claim"));
        var path = PathArg(args.Require("file"), "file");
        var describes = Text(args, "describes", 200);
        var purpose = args.Get("purpose") is null
            ? EvidencePurpose.Outcome
            : Choice(args, "purpose", ("eligibility", EvidencePurpose.Eligibility), ("work", EvidencePurpose.Work), ("outcome", EvidencePurpose.Outcome));
        var by = CodeArg(args, "by");
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UsageException($"--file: no file at '{path}'");
        }

        var outcomes = services.GetRequiredService<OutcomeService>();
        var before = Accepted(await outcomes.ClaimAsync(area, reference, ct));
        var limit = services.GetRequiredService<OutcomeOptions>().EvidenceMaxBytes;
        if (info.Length > limit)
        {
            // Refused before the file is read into memory, with the words the evidence check uses.
            throw new RefusedException($"{BudgetErrorCode.EvidenceTooLarge}: The evidence file is {info.Length:N0} bytes; the limit is {limit:N0}.");
        }

        var content = await File.ReadAllBytesAsync(info.FullName, ct);
        var file = Accepted(await outcomes.AttachEvidenceAsync(new EvidenceRequest(area, reference, describes, purpose, info.Name, content, by), ct));
        var replay = before.Evidence.Any(e => e.Id == file.Id);
        await output.WriteLineAsync(replay
            ? $"claim {reference} already has this file as \"{file.Describes}\": nothing written"
            : $"evidence attached to claim {reference}: \"{file.Describes}\" ({PurposeWords(file.Purpose)})");
        await output.WriteLineAsync($"  {file.FileName}, {file.ContentType}, {file.Size:N0} bytes, sha256 {file.Sha256}");

        if (before.Claim.Outcome is { } code && (await outcomes.CatalogueAsync(ct)).GetValueOrDefault(code) is { } definition)
        {
            var attached = Accepted(await outcomes.ClaimAsync(area, reference, ct)).Evidence.Select(e => e.Describes).ToList();
            if (!definition.EvidenceRequired.Contains(file.Describes, StringComparer.OrdinalIgnoreCase))
            {
                await output.WriteLineAsync($"  note: {code} does not ask for \"{file.Describes}\"; it asks for: {string.Join("; ", definition.EvidenceRequired)}");
            }

            var missing = definition.EvidenceRequired.Where(e => !attached.Contains(e, StringComparer.OrdinalIgnoreCase)).ToList();
            await output.WriteLineAsync(missing.Count == 0
                ? $"  every kind of evidence {code} requires is attached: submit with `ledger claim submit --area {area} --claim {reference} --on YYYY-MM-DD`"
                : $"  still to attach for {code}: {string.Join("; ", missing)}");
        }

        return CliApp.Ok;
    }

    private static async Task<int> SubmitAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "claim", "on");
        var (area, reference, on) = (CodeArg(args, "area"), CodeArg(args, "claim"), DateArg(args, "on"));
        var outcomes = services.GetRequiredService<OutcomeService>();
        var before = Accepted(await outcomes.ClaimAsync(area, reference, ct)).Claim;
        var claim = Accepted(await outcomes.SubmitAsync(area, reference, on, ct));
        await output.WriteLineAsync(before.Status == ClaimStatus.Validated
            ? $"claim {claim.Reference} was already submitted on {Iso(on)}: nothing written"
            : $"claim {claim.Reference} submitted on {Iso(on)} and validated: eligibility, claim window, evidence, whole-family rule, not paid before, stacking and caps all pass");
        await output.WriteLineAsync($"  payable {Money.FromPence(claim.Amount)}:");
        foreach (var line in WorkingLines(claim))
        {
            await output.WriteLineAsync("    " + line);
        }

        await output.WriteLineAsync($"  next: internal audit signs it off (`ledger claim signoff --area {area} --claim {claim.Reference} --by AUDITOR`)");
        return CliApp.Ok;
    }

    private static async Task<int> SignOffAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "claim", "by");
        var (area, reference, by) = (CodeArg(args, "area"), CodeArg(args, "claim"), CodeArg(args, "by"));
        var outcomes = services.GetRequiredService<OutcomeService>();
        var before = Accepted(await outcomes.ClaimAsync(area, reference, ct)).Claim;
        var claim = Accepted(await outcomes.SignOffAsync(area, reference, by, ct));
        await output.WriteLineAsync(before.Status == ClaimStatus.SignedOff
            ? $"claim {claim.Reference} was already signed off by {claim.SignedOffBy}: nothing written"
            : $"claim {claim.Reference} ({Money.FromPence(claim.Amount)}) signed off by {claim.SignedOffBy} for internal audit");
        await output.WriteLineAsync($"  next: a budget holder approves it — not {claim.SignedOffBy}, who signed it off, nor {claim.CreatedBy}, who drafted it "
            + $"(`ledger claim approve --area {area} --claim {claim.Reference} --by BH --on YYYY-MM-DD`)");
        return CliApp.Ok;
    }

    private static async Task<int> ApproveAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "claim", "by", "on");
        var (area, reference, by, on) = (CodeArg(args, "area"), CodeArg(args, "claim"), CodeArg(args, "by"), DateArg(args, "on"));
        var outcomes = services.GetRequiredService<OutcomeService>();
        var before = Accepted(await outcomes.ClaimAsync(area, reference, ct)).Claim;
        var validatedAt = before.Amount;
        Accepted(await outcomes.ApproveAsync(area, reference, by, on, ct));
        var view = Accepted(await outcomes.ClaimAsync(area, reference, ct));
        var claim = view.Claim;
        await output.WriteLineAsync(before.Status is ClaimStatus.Approved or ClaimStatus.Paid
            ? $"claim {claim.Reference} was already approved by {claim.ApprovedBy} on {Iso(claim.ApprovedOn!.Value)}: nothing written"
            : $"claim {claim.Reference} approved by {claim.ApprovedBy} on {Iso(claim.ApprovedOn!.Value)}: {view.Amount} is owed to {view.Provider} and paid by the next payment run");
        if (claim.Amount != validatedAt && before.Status == ClaimStatus.SignedOff)
        {
            await output.WriteLineAsync($"  the rules ran again at approval and changed the amount from {Money.FromPence(validatedAt)} to {view.Amount} "
                + "(another claim used a cap since it was submitted):");
            foreach (var line in WorkingLines(claim))
            {
                await output.WriteLineAsync("    " + line);
            }
        }

        var pool = (await services.GetRequiredService<IBudgetStore>().PoolAsync(view.Contract.Pool, ct))?.Code ?? "?";
        await output.WriteLineAsync($"  each payer's share, drawn from pool {pool} (R19):");
        await WriteTableAsync(output, "    ", ["stream", "amount"], view.Shares.OrderBy(s => s.Payer, StringComparer.Ordinal)
            .Select(s => new[] { s.Payer, Money.FromPence(s.Amount).ToString() }).ToList(), 1);
        return CliApp.Ok;
    }

    private static async Task<int> RejectAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "claim", "reason");
        var (area, reference, reason) = (CodeArg(args, "area"), CodeArg(args, "claim"), Text(args, "reason", OutcomeClaim.MaxReasonLength));
        var outcomes = services.GetRequiredService<OutcomeService>();
        var before = Accepted(await outcomes.ClaimAsync(area, reference, ct)).Claim;
        var claim = Accepted(await outcomes.RejectAsync(area, reference, reason, ct));
        await output.WriteLineAsync(before.Status == ClaimStatus.Rejected
            ? $"claim {claim.Reference} was already rejected ({claim.Reason}): nothing written"
            : $"claim {claim.Reference} rejected: {claim.Reason}. Nothing is paid for it");
        return CliApp.Ok;
    }

    private static async Task<int> ShowClaimAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "claim");
        var (area, reference) = (CodeArg(args, "area"), CodeArg(args, "claim"));
        var outcomes = services.GetRequiredService<OutcomeService>();
        var view = Accepted(await outcomes.ClaimAsync(area, reference, ct));
        var c = view.Claim;
        var definition = c.Outcome is { } code ? (await outcomes.CatalogueAsync(ct)).GetValueOrDefault(code) : null;
        var runs = await RunReferencesAsync(services, area, ct);
        await output.WriteLineAsync($"claim {c.Reference}: {What(c)}{(definition is null ? string.Empty : $" ({definition.Name})")} for {view.Subject}");
        List<string[]> facts =
        [
            ["status", StatusWords(c, runs)],
            ["amount", c.Status == ClaimStatus.Draft ? "not priced until it is submitted" : view.Amount.ToString()],
            ["contract", $"{view.Contract.Code} ({view.Contract.Name}), provider {view.Provider}"],
            ["enrolment", $"{Iso(view.Enrolment.EnrolledOn)}, cohort {view.Enrolment.Cohort}, rate card {view.Enrolment.Card} v{view.Enrolment.CardVersion}"],
            [c.Kind == PaymentKind.Attachment ? "enrolled" : "achieved", Iso(c.AchievedOn)],
            ["submitted", c.ClaimedOn is { } on ? Iso(on) : "not yet"],
            ["drafted by", c.CreatedBy],
            ["signed off by", c.SignedOffBy ?? (c.Kind == PaymentKind.Attachment ? "not needed (attachment fee)" : "not yet")],
            ["approved", c.ApprovedOn is { } approved ? $"by {c.ApprovedBy} on {Iso(approved)}" : "not yet"],
        ];
        if (c.Reason is not null)
        {
            facts.Add([c.Status is ClaimStatus.ClawbackPending or ClaimStatus.ClawedBack ? "found invalid" : "reason", c.Reason]);
        }

        await WriteTableAsync(output, "  ", null, facts);
        await output.WriteLineAsync("  working:");
        var working = WorkingLines(c);
        foreach (var line in working.Count == 0 ? new List<string> { "(priced when it is submitted)" } : working)
        {
            await output.WriteLineAsync("    " + line);
        }

        await output.WriteLineAsync(view.Shares.Count == 0 ? "  shares per stream: none yet (fixed at approval)" : "  shares per stream (R19):");
        if (view.Shares.Count > 0)
        {
            await WriteTableAsync(output, "    ", ["stream", "amount"], view.Shares.OrderBy(s => s.Payer, StringComparer.Ordinal)
                .Select(s => new[] { s.Payer, Money.FromPence(s.Amount).ToString() }).ToList(), 1);
        }

        await WriteEvidenceAsync(output, view.Evidence, "  ");
        return CliApp.Ok;
    }

    private static async Task<int> ListClaimsAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "contract", "status");
        var area = CodeArg(args, "area");
        var contract = args.Get("contract") is null ? null : CodeArg(args, "contract");
        ClaimStatus? status = args.Get("status") is null
            ? null
            : Choice(args, "status", ("draft", ClaimStatus.Draft), ("validated", ClaimStatus.Validated), ("signed-off", ClaimStatus.SignedOff), ("approved", ClaimStatus.Approved),
                ("paid", ClaimStatus.Paid), ("rejected", ClaimStatus.Rejected), ("clawback-pending", ClaimStatus.ClawbackPending), ("clawed-back", ClaimStatus.ClawedBack));
        var claims = Accepted(await services.GetRequiredService<OutcomeService>().ClaimsAsync(area, contract, ct))
            .Where(v => status is null || v.Claim.Status == status).ToList();
        var runs = await RunReferencesAsync(services, area, ct);
        await output.WriteLineAsync($"claims in {area}{(contract is null ? string.Empty : $" under {contract}")}{(status is null ? string.Empty : $" that are {args.Get("status")}")}, oldest first");
        await WriteTableAsync(output, string.Empty, ["claim", "contract", "subject", "for", "achieved", "submitted", "approved", "amount", "status"],
            claims.Select(v => new[]
            {
                v.Claim.Reference, v.Contract.Code, v.Subject, What(v.Claim), Iso(v.Claim.AchievedOn), v.Claim.ClaimedOn is { } s ? Iso(s) : string.Empty,
                v.Claim.ApprovedOn is { } a ? Iso(a) : string.Empty, v.Claim.Status == ClaimStatus.Draft ? "-" : v.Amount.ToString(), StatusWords(v.Claim, runs),
            }).ToList(), 7);
        Money Total(params ClaimStatus[] statuses) => Money.FromPence(claims.Where(v => statuses.Contains(v.Claim.Status)).Sum(v => v.Claim.Amount));
        await output.WriteLineAsync($"{claims.Count:N0} claim(s):");
        await WriteTableAsync(output, "  ", null,
        [
            ["validated or signed off, not yet approved", Total(ClaimStatus.Validated, ClaimStatus.SignedOff).ToString()],
            ["owed: approved, waiting for the next payment run", Total(ClaimStatus.Approved).ToString()],
            ["paid", Total(ClaimStatus.Paid).ToString()],
            ["found invalid, to be recovered", Total(ClaimStatus.ClawbackPending).ToString()],
            ["recovered (clawed back, or reversed before payment)", Total(ClaimStatus.ClawedBack).ToString()],
        ], 1);
        return CliApp.Ok;
    }

    private static async Task<int> BundleAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "claim");
        var (area, reference) = (CodeArg(args, "area"), CodeArg(args, "claim"));
        var bundle = Accepted(await services.GetRequiredService<AssuranceService>().BundleAsync(area, reference, ct));
        var v = bundle.View;
        var runs = await RunReferencesAsync(services, area, ct);
        await output.WriteLineAsync($"spot-check bundle for claim {v.Claim.Reference} (R21): {What(v.Claim)}{(bundle.Definition is null ? string.Empty : $" ({bundle.Definition.Name})")} "
            + $"for {v.Subject} under {v.Contract.Code}, provider {v.Provider}");
        await output.WriteLineAsync($"  {v.Amount}, {StatusWords(v.Claim, runs)}; achieved {Iso(v.Claim.AchievedOn)}"
            + (v.Claim.ClaimedOn is { } claimed ? $", submitted {Iso(claimed)}" : string.Empty)
            + (bundle.Definition is null ? string.Empty : $"; measured by: {bundle.Definition.Measurement}"));
        await output.WriteLineAsync("eligibility:");
        foreach (var line in bundle.Eligibility)
        {
            await output.WriteLineAsync("  " + line);
        }

        foreach (var purpose in new[] { EvidencePurpose.Eligibility, EvidencePurpose.Work, EvidencePurpose.Outcome })
        {
            var files = v.Evidence.Where(e => e.Purpose == purpose).ToList();
            await output.WriteLineAsync($"{PurposeWords(purpose)}:{(files.Count == 0 ? " none attached" : string.Empty)}");
            if (files.Count > 0)
            {
                await WriteTableAsync(output, "  ", ["describes", "file", "type", "bytes", "added by", "sha256"],
                    files.Select(e => new[] { e.Describes, e.FileName, e.ContentType, e.Size.ToString("N0", CultureInfo.InvariantCulture), e.AddedBy, e.Sha256 }).ToList(), 3);
            }
        }

        await output.WriteLineAsync("how the amount was computed:");
        foreach (var line in WorkingLines(v.Claim))
        {
            await output.WriteLineAsync("  " + line);
        }

        var samples = Accepted(await services.GetRequiredService<AssuranceService>().SamplesAsync(area, ct)).ToDictionary(s => s.Id, s => s.Reference);
        await output.WriteLineAsync($"spot checks:{(bundle.Checks.Count == 0 ? " none yet" : string.Empty)}");
        foreach (var check in bundle.Checks)
        {
            await output.WriteLineAsync($"  {samples.GetValueOrDefault(check.Sample, "?")}: chosen because {check.Reasons}; {FindingWords(check)}");
        }

        return CliApp.Ok;
    }

    // ----- the whole-family rule (R21) ---------------------------------------------------------------------

    public static async Task<int> RecurrenceAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        NoPositional(args, "recurrence");
        args.AllowOnly("area", "child", "outcome", "on", "note");
        var (area, child, outcome, on) = (CodeArg(args, "area"), CodeArg(args, "child"), CodeArg(args, "outcome"), DateArg(args, "on"));
        var note = args.Get("note") is null ? null : Text(args, "note", MaxTextLength);
        var outcomes = services.GetRequiredService<OutcomeService>();
        Accepted(await outcomes.RecordRecurrenceAsync(area, child, outcome, on, note, ct));
        await output.WriteLineAsync($"recorded: the problem behind {outcome} started again for {child} on {Iso(on)}{(note is null ? string.Empty : $" ({note})")}");
        await output.WriteLineAsync($"  whole-family rule (R21): a family's claim for {outcome} achieved on or before {Iso(on)} and submitted on or after it is void, "
            + "for every family this child belongs to");

        // Which claims not yet approved the rule now stops (a submitted claim is checked again at approval).
        var budgets = services.GetRequiredService<IBudgetStore>();
        var childId = (await budgets.AreaAsync(area, ct) is { } a ? await budgets.SubjectAsync(a.Id, child, ct) : null)?.Id;
        var stopped = new List<ClaimView>();
        foreach (var v in Accepted(await outcomes.ClaimsAsync(area, null, ct))
            .Where(v => v.Claim.Outcome == outcome && v.Claim.Status is ClaimStatus.Draft or ClaimStatus.Validated or ClaimStatus.SignedOff
                && v.Claim.AchievedOn <= on && (v.Claim.ClaimedOn is null || v.Claim.ClaimedOn >= on)))
        {
            if (await budgets.SubjectAsync(v.Claim.Subject, ct) is { Kind: SubjectKind.Family } family && family.Members.Any(m => m.Child == childId))
            {
                stopped.Add(v);
            }
        }

        foreach (var v in stopped)
        {
            await output.WriteLineAsync($"  claim {v.Claim.Reference} ({v.Subject}, {StatusWords(v.Claim, new Dictionary<PaymentRunId, string>())}) "
                + $"will be refused with {BudgetErrorCode.WholeFamilyVoid} when {(v.Claim.Status == ClaimStatus.Draft ? "submitted" : "approved")}"
                + (v.Claim.Status == ClaimStatus.Draft ? string.Empty : $" (if submitted on or after {Iso(on)})"));
        }

        return CliApp.Ok;
    }

    // ----- assurance (R21) ------------------------------------------------------------------------------------

    public static Task<int> SampleAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct) =>
        Sub(args, "sample draw|show|list|finding|extrapolate --area A ... (see --help)", "draw", "show", "list", "finding", "extrapolate") switch
        {
            "draw" => DrawAsync(services, args, output, ct),
            "show" => ShowSampleAsync(services, args, output, ct),
            "list" => ListSamplesAsync(services, args, output, ct),
            "finding" => FindingAsync(services, args, output, ct),
            _ => ExtrapolateAsync(services, args, output, ct),
        };

    private static async Task<int> DrawAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "from", "to", "percent", "seed", "threshold", "volume-factor", "invalid-rate", "by");
        var (area, from, to) = (CodeArg(args, "area"), DateArg(args, "from"), DateArg(args, "to"));
        var percent = DecimalArg(args, "percent", 0, 100, "a percentage from 0 to 100, such as 10 or 2.5");
        args.Require("seed");
        var seed = args.GetInt("seed", 0, 0, int.MaxValue);
        var threshold = args.Get("threshold") is null ? (Money?)null : MoneyArg(args, "threshold");
        decimal? volume = args.Get("volume-factor") is null ? null : DecimalArg(args, "volume-factor", 1.01m, 1000, "a number above 1, such as 2 (twice the provider's average)");
        decimal? invalid = args.Get("invalid-rate") is null ? null : DecimalArg(args, "invalid-rate", 0.01m, 100, "a percentage above 0 and at most 100, such as 20");
        var by = CodeArg(args, "by");
        if (to < from)
        {
            throw new UsageException($"--to ({Iso(to)}) is before --from ({Iso(from)})");
        }

        var view = Accepted(await services.GetRequiredService<AssuranceService>().DrawAsync(area, from, to, new SampleRules(percent, seed, threshold, volume, invalid), by, ct));
        var approved = Accepted(await services.GetRequiredService<OutcomeService>().ClaimsAsync(area, null, ct))
            .Count(v => v.Claim.Kind != PaymentKind.Attachment && v.Claim.CountsAsPaid && v.Claim.ApprovedOn >= from && v.Claim.ApprovedOn <= to);
        await output.WriteLineAsync($"sample {view.Sample.Reference} drawn by {view.Sample.DrawnBy}: {view.Checks.Count:N0} of the {approved:N0} outcome claim(s) approved "
            + $"{Iso(from)} to {Iso(to)} chosen for spot checks");
        await WriteSampleAsync(services, area, view, output, ct);
        await output.WriteLineAsync($"record each finding with `ledger sample finding --area {area} --sample {view.Sample.Reference} --claim CLM-... --valid|--invalid --note \"...\" --by WHO`; "
            + $"the claim's evidence is in `ledger claim bundle --area {area} --claim CLM-...`");
        return CliApp.Ok;
    }

    private static async Task<int> ShowSampleAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "sample");
        var (area, reference) = (CodeArg(args, "area"), CodeArg(args, "sample"));
        var view = Accepted(await services.GetRequiredService<AssuranceService>().ShowAsync(area, reference, ct));
        var s = view.Sample;
        await output.WriteLineAsync($"sample {s.Reference} of the outcome claims approved {Iso(s.From)} to {Iso(s.To)} in {area}, drawn by {s.DrawnBy} "
            + $"at {InstantPattern.General.Format(s.DrawnAt)}");
        await WriteSampleAsync(services, area, view, output, ct);
        return CliApp.Ok;
    }

    private static async Task WriteSampleAsync(IServiceProvider services, string area, SampleView view, TextWriter output, CancellationToken ct)
    {
        var r = view.Sample.Rules;
        await output.WriteLineAsync($"  rules: {Decimal(r.Percent, "0.##")}% at random (seed {r.Seed}: the same seed draws the same claims); "
            + $"value threshold: {(r.Threshold is { } t ? $"every claim of {t} or more" : "none")}; "
            + $"volume trigger: {(r.VolumeFactor is { } v ? $"a provider claiming over {Decimal(v, "0.##")} × its average" : "none")}; "
            + $"past-invalid-rate trigger: {(r.InvalidRatePercent is { } i ? $"a provider {Decimal(i, "0.##")}% or more invalid before" : "none")}");
        var runs = await RunReferencesAsync(services, area, ct);
        await WriteTableAsync(output, "  ", ["claim", "provider", "subject", "for", "approved", "amount", "status", "chosen because", "finding"],
            view.Checks.Select(c => new[]
            {
                c.Claim.Claim.Reference, c.Claim.Provider, c.Claim.Subject, What(c.Claim.Claim), c.Claim.Claim.ApprovedOn is { } a ? Iso(a) : string.Empty,
                c.Claim.Amount.ToString(), StatusWords(c.Claim.Claim, runs), c.Check.Reasons, FindingWords(c.Check),
            }).ToList(), 5);
        var done = view.Checks.Where(c => c.Check.Finding != SpotCheckFinding.Pending).ToList();
        Money Value(IEnumerable<(SpotCheck Check, ClaimView Claim)> checks) => checks.Aggregate(Money.Zero, (sum, c) => sum + c.Claim.Amount);
        var invalid = done.Where(c => c.Check.Finding == SpotCheckFinding.Invalid).ToList();
        await output.WriteLineAsync($"  {view.Checks.Count:N0} claim(s) worth {Value(view.Checks)}: {done.Count:N0} checked ({done.Count - invalid.Count:N0} valid, {invalid.Count:N0} invalid "
            + $"worth {Value(invalid)}), {view.Checks.Count - done.Count:N0} pending");
    }

    private static async Task<int> ListSamplesAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area");
        var area = CodeArg(args, "area");
        var assurance = services.GetRequiredService<AssuranceService>();
        var samples = Accepted(await assurance.SamplesAsync(area, ct));
        var rows = new List<string[]>();
        foreach (var s in samples)
        {
            var checks = Accepted(await assurance.ShowAsync(area, s.Reference, ct)).Checks;
            rows.Add([s.Reference, $"{Iso(s.From)} to {Iso(s.To)}", $"{Decimal(s.Percent, "0.##")}%", s.Seed.ToString(CultureInfo.InvariantCulture),
                s.Threshold is { } t ? Money.FromPence(t).ToString() : "none", s.DrawnBy, InstantPattern.General.Format(s.DrawnAt),
                checks.Count.ToString(CultureInfo.InvariantCulture), checks.Count(c => c.Check.Finding == SpotCheckFinding.Pending).ToString(CultureInfo.InvariantCulture),
                checks.Count(c => c.Check.Finding == SpotCheckFinding.Invalid).ToString(CultureInfo.InvariantCulture)]);
        }

        await output.WriteLineAsync($"assurance samples in {area}, newest first");
        await WriteTableAsync(output, string.Empty, ["sample", "claims approved", "random", "seed", "threshold", "drawn by", "drawn at", "claims", "pending", "invalid"], rows, 2, 3, 4, 7, 8, 9);
        await output.WriteLineAsync($"{samples.Count:N0} sample(s)");
        return CliApp.Ok;
    }

    private static async Task<int> FindingAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "sample", "claim", "valid", "invalid", "note", "by");
        var (area, sample, reference) = (CodeArg(args, "area"), CodeArg(args, "sample"), CodeArg(args, "claim"));
        var finding = (args.Has("valid"), args.Has("invalid")) switch
        {
            (true, false) => SpotCheckFinding.Valid,
            (false, true) => SpotCheckFinding.Invalid,
            _ => throw new UsageException("give either --valid or --invalid"),
        };
        string? note = finding == SpotCheckFinding.Invalid || args.Get("note") is not null ? Text(args, "note", OutcomeClaim.MaxReasonLength) : null;
        var by = CodeArg(args, "by");
        var outcomes = services.GetRequiredService<OutcomeService>();
        var before = Accepted(await outcomes.ClaimAsync(area, reference, ct));
        var claim = Accepted(await services.GetRequiredService<AssuranceService>().RecordFindingAsync(area, sample, reference, finding, note, by, ct));
        var amount = Money.FromPence(claim.Amount);
        if (finding == SpotCheckFinding.Valid)
        {
            await output.WriteLineAsync($"claim {claim.Reference} in sample {sample} found valid by {by}: it stands ({amount})");
            return CliApp.Ok;
        }

        var replay = before.Claim.Status is ClaimStatus.ClawbackPending or ClaimStatus.ClawedBack;
        await output.WriteLineAsync(replay
            ? $"claim {claim.Reference} was already found invalid in sample {sample}: nothing written"
            : $"claim {claim.Reference} in sample {sample} found invalid by {by}: {claim.Reason}");
        await output.WriteLineAsync(claim.Status == ClaimStatus.ClawbackPending
            ? $"  {amount} was paid to {before.Provider}: it is recovered by a reversing entry netted against {before.Provider}'s next payment run (R21)"
            : $"  {amount} was owed to {before.Provider} but not yet paid: the payable was reversed at once, so it will not be paid (R21)");
        return CliApp.Ok;
    }

    private static async Task<int> ExtrapolateAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "sample", "provider");
        var (area, sample, provider) = (CodeArg(args, "area"), CodeArg(args, "sample"), CodeArg(args, "provider"));
        var assurance = services.GetRequiredService<AssuranceService>();
        var result = Accepted(await assurance.ExtrapolateAsync(area, sample, provider, ct));
        var period = Accepted(await assurance.ShowAsync(area, sample, ct)).Sample;
        await output.WriteLineAsync($"extrapolation of sample {sample} to {provider}'s other outcome claims approved {Iso(period.From)} to {Iso(period.To)} (R21)");
        await output.WriteLineAsync($"  checked in the sample: {result.Checked}; found invalid: {result.Invalid}; error rate {Decimal(result.Rate * 100, "0.00")}% (invalid ÷ checked)");
        if (result.Lines.Count == 0)
        {
            await output.WriteLineAsync($"  {provider} has no other claim approved in the period: nothing to extrapolate to");
            return CliApp.Ok;
        }

        var rate = $"× {Decimal(result.Rate * 100, "0.00")}%";
        var rows = result.Lines.Select(l => new[] { l.Reference, l.Amount.ToString(), rate, l.Recovery.ToString() }).ToList();
        rows.Add(["total", result.Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount).ToString(), string.Empty, result.Total.ToString()]);
        await WriteTableAsync(output, "  ", ["claim", "paid", "error rate", "recovery"], rows, 1, 3);
        await output.WriteLineAsync($"  {result.Total} may be recovered from {provider}: a figure for agreement with the provider; nothing is posted");
        return CliApp.Ok;
    }

    // ----- reports (R22) and the INDIGO export --------------------------------------------------------------

    public static async Task<int> SocialValueAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        NoPositional(args, "social-value");
        args.AllowOnly("area", "from", "to");
        var area = CodeArg(args, "area");
        LocalDate? from = args.Get("from") is null ? null : DateArg(args, "from");
        LocalDate? to = args.Get("to") is null ? null : DateArg(args, "to");
        if (from > to)
        {
            throw new UsageException($"--to ({Iso(to!.Value)}) is before --from ({Iso(from!.Value)})");
        }

        var lines = Accepted(await services.GetRequiredService<OutcomeReports>().SocialValueAsync(area, from, to, ct));
        var period = (from, to) switch
        {
            (null, null) => "all claims approved so far",
            ({ } f, null) => $"claims approved from {Iso(f)}",
            (null, { } t) => $"claims approved up to {Iso(t)}",
            ({ } f, { } t) => $"claims approved {Iso(f)} to {Iso(t)}",
        };
        await output.WriteLineAsync($"social value of outcomes paid in {area}: {period} (R22)");
        if (lines.Count == 0)
        {
            await output.WriteLineAsync("  no outcome claim was approved (and not clawed back) in the period");
            return CliApp.Ok;
        }

        static string Kind(SocialValueLine l) => !l.CostAvoided.IsPositive ? "no estimate" : l.Cashable ? "cashable saving" : "cost avoidance";
        await WriteTableAsync(output, "  ", ["claim", "outcome", "paid", "cost avoided", "agency", "kind", "source of the estimate"],
            lines.Select(l => new[] { l.Claim, l.Outcome, l.Paid.ToString(), l.CostAvoided.ToString(), l.Agency.Length == 0 ? "-" : l.Agency, Kind(l), l.Source }).ToList(), 2, 3);

        static Money Sum(IEnumerable<SocialValueLine> some) => some.Aggregate(Money.Zero, (sum, l) => sum + l.CostAvoided);
        await output.WriteLineAsync("by agency (where the saving lands):");
        await WriteTableAsync(output, "  ", ["agency", "outcomes", "cost avoidance", "cashable savings"],
            lines.Where(l => l.Agency.Length > 0).GroupBy(l => l.Agency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new[] { g.Key, g.Count().ToString(CultureInfo.InvariantCulture), Sum(g.Where(l => !l.Cashable)).ToString(), Sum(g.Where(l => l.Cashable)).ToString() })
                .ToList(), 1, 2, 3);
        var paid = lines.Aggregate(Money.Zero, (sum, l) => sum + l.Paid);
        await output.WriteLineAsync("totals:");
        await WriteTableAsync(output, "  ", null,
        [
            ["paid for these outcomes", paid.ToString(), $"{lines.Count:N0} outcome(s)"],
            ["cost avoidance", Sum(lines.Where(l => !l.Cashable)).ToString(), "capacity freed in the agency; no cash is released"],
            ["cashable savings", Sum(lines.Where(l => l.Cashable)).ToString(), "cash the agency no longer spends"],
        ], 1);
        await output.WriteLineAsync("the figures are estimates of public cost avoided, not money in the ledger; cost avoidance and cashable savings are never added together");
        return CliApp.Ok;
    }

    public static async Task<int> ExportIndigoAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "project", "period", "out");
        var area = CodeArg(args, "area");
        var project = Text(args, "project", 100);
        var period = args.Get("period") is null
            ? IndigoClaimPeriod.Quarter
            : Choice(args, "period", ("quarter", IndigoClaimPeriod.Quarter), ("month", IndigoClaimPeriod.Month), ("year", IndigoClaimPeriod.FinancialYear));
        var path = OutFile(args);
        var json = Accepted(await services.GetRequiredService<OutcomeReports>().IndigoAsync(area, project, period, ct));
        await WriteFileAsync(path, json, ct);
        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("project").GetProperty("data");
        int Rows(string name) => data.TryGetProperty(name, out var list) ? list.GetArrayLength() : 0;
        var by = period switch
        {
            IndigoClaimPeriod.Month => "calendar month",
            IndigoClaimPeriod.FinancialYear => "financial year",
            _ => "calendar quarter",
        };
        await output.WriteLineAsync($"wrote the INDIGO export of {area} as project {project} to {path}");
        await output.WriteLineAsync($"  {Rows("outcome_metrics"):N0} outcome metric(s), {Rows("outcome_pricings"):N0} outcome pricing(s), "
            + $"{Rows("outcome_payments"):N0} outcome payment row(s) (planned and actual, by {by} claimed); layout in docs/indigo-export.md");
        return CliApp.Ok;
    }

    // ----- output helpers --------------------------------------------------------------------------------------

    /// <summary>
    /// A table with each column as wide as its widest cell, two spaces apart; <paramref name="right"/> are
    /// the columns (amounts, counts) aligned right. Without headers, the rows alone (a list of facts).
    /// </summary>
    internal static async Task WriteTableAsync(TextWriter output, string indent, string[]? headers, IReadOnlyList<string[]> rows, params int[] right)
    {
        var all = headers is null ? rows : [headers, .. rows];
        if (all.Count == 0)
        {
            return;
        }

        var widths = Enumerable.Range(0, all[0].Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, i) => right.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            await output.WriteLineAsync((indent + string.Join("  ", cells)).TrimEnd());
        }
    }

    private static async Task WriteEvidenceAsync(TextWriter output, IReadOnlyList<EvidenceFile> evidence, string indent)
    {
        await output.WriteLineAsync($"{indent}evidence ({evidence.Count:N0}):{(evidence.Count == 0 ? " none attached" : string.Empty)}");
        if (evidence.Count > 0)
        {
            await WriteTableAsync(output, indent + "  ", ["purpose", "describes", "file", "type", "bytes", "added by", "sha256"],
                evidence.Select(e => new[]
                {
                    e.Purpose.ToString().ToLowerInvariant(), e.Describes, e.FileName, e.ContentType, e.Size.ToString("N0", CultureInfo.InvariantCulture), e.AddedBy, e.Sha256,
                }).ToList(), 4);
        }
    }

    private static List<string> WorkingLines(OutcomeClaim claim) => [.. claim.Working.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>What a claim is for, in words: "attachment fee", "outcome TF-CRIME-EDU", "sustainment 1 of EH-ATTENDANCE".</summary>
    private static string What(OutcomeClaim claim) =>
        claim.Kind switch
        {
            PaymentKind.Attachment => "attachment fee",
            PaymentKind.Sustainment => $"sustainment {claim.Sustainment} of {claim.Outcome}",
            _ => $"outcome {claim.Outcome}",
        };

    private static string StatusWords(OutcomeClaim claim, IReadOnlyDictionary<PaymentRunId, string> runs)
    {
        string Run(PaymentRunId? id) => id is { } run && runs.TryGetValue(run, out var reference) ? $" by {reference}" : string.Empty;
        return claim.Status switch
        {
            ClaimStatus.Draft => "draft",
            ClaimStatus.Validated => "validated, waiting for sign-off",
            ClaimStatus.SignedOff => "signed off, waiting for approval",
            ClaimStatus.Approved => "approved, owed",
            ClaimStatus.Paid => "paid" + Run(claim.PaymentRun),
            ClaimStatus.Rejected => "rejected",
            ClaimStatus.ClawbackPending => "invalid, to be recovered",
            ClaimStatus.ClawedBack => claim.ClawbackRun is null ? "invalid, reversed before payment" : "clawed back" + Run(claim.ClawbackRun),
            _ => claim.Status.ToString(),
        };
    }

    private static string FindingWords(SpotCheck check) =>
        check.Finding switch
        {
            SpotCheckFinding.Pending => "pending",
            SpotCheckFinding.Valid => $"valid ({check.CheckedBy}){(string.IsNullOrEmpty(check.Note) ? string.Empty : ": " + check.Note)}",
            _ => $"INVALID ({check.CheckedBy}): {check.Note}",
        };

    private static string PurposeWords(EvidencePurpose purpose) =>
        purpose switch
        {
            EvidencePurpose.Eligibility => "evidence of eligibility",
            EvidencePurpose.Work => "evidence of the work",
            _ => "evidence of the outcome",
        };

    private static string AreaWords(EveryChildMattersArea area) =>
        area switch
        {
            EveryChildMattersArea.BeHealthy => "be healthy",
            EveryChildMattersArea.StaySafe => "stay safe",
            EveryChildMattersArea.EnjoyAndAchieve => "enjoy and achieve",
            EveryChildMattersArea.MakeAPositiveContribution => "make a positive contribution",
            EveryChildMattersArea.AchieveEconomicWellBeing => "achieve economic well-being",
            _ => area.ToString(),
        };

    private static string Ages(OutcomeDefinition o) =>
        (o.MinAgeAtEnrolment, o.MaxAgeAtEnrolment) switch
        {
            (null, null) => "any",
            ({ } min, null) => $"{min} and over",
            (null, { } max) => $"up to {max}",
            ({ } min, { } max) => $"{min}–{max}",
        };

    private static string Weeks(int weeks) => weeks == 0 ? "none" : $"{weeks} weeks";

    private static string Until(LocalDate? end) => end is { } e ? $"to {Iso(e)}" : "with no end date";

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Decimal(decimal value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static async Task<RateCard> CardOfAsync(OutcomeService outcomes, Enrolment enrolment, CancellationToken ct) =>
        (await outcomes.RateCardsAsync(null, ct)).Single(c => c.Code == enrolment.Card && c.Version == enrolment.CardVersion);

    /// <summary>The area's payment runs by id, for saying which run paid or recovered a claim.</summary>
    private static async Task<IReadOnlyDictionary<PaymentRunId, string>> RunReferencesAsync(IServiceProvider services, string area, CancellationToken ct) =>
        await services.GetRequiredService<IBudgetStore>().AreaAsync(area, ct) is { } a
            ? (await services.GetRequiredService<IPurchasingStore>().RunsAsync(a.Id, ct)).ToDictionary(r => r.Id, r => r.Reference)
            : new Dictionary<PaymentRunId, string>();

    // ----- argument parsing ---------------------------------------------------------------------------------------

    private static void NoPositional(Arguments args, string command)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"{command} takes options only; '{args.Positional[0]}' was given");
        }
    }

    private static decimal DecimalArg(Arguments args, string name, decimal min, decimal max, string what)
    {
        var text = args.Require(name);
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be {what}; '{text}' was given");
    }

    /// <summary>A text file given as an argument (at most 1 MB).</summary>
    internal static string ReadText(string path, string what)
    {
        var info = new FileInfo(PathArg(path, "file"));
        return !info.Exists
            ? throw new UsageException($"--file: no file at '{path}'")
            : info.Length > 1_000_000
                ? throw new UsageException($"--file: {what} is at most 1 MB")
                : File.ReadAllText(info.FullName);
    }

    /// <summary>The <c>--out</c> file's full path; its folder must exist.</summary>
    internal static string OutFile(Arguments args)
    {
        var text = args.Require("out");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("--out must name a file");
        }

        var path = Path.GetFullPath(PathArg(text, "out"));
        return Directory.Exists(Path.GetDirectoryName(path)) && !Directory.Exists(path)
            ? path
            : throw new UsageException($"--out: the folder of {path} does not exist (or {path} is a folder)");
    }

    /// <summary>Written beside the target and moved into place, so a failure never leaves half a file.</summary>
    internal static async Task WriteFileAsync(string path, string text, CancellationToken ct)
    {
        var temp = path + ".partial";
        await File.WriteAllTextAsync(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct);
        File.Move(temp, path, overwrite: true);
    }
}
