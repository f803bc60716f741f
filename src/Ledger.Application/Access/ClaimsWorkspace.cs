using Ledger.Application.Outcomes;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Outcomes;
using Ledger.Domain.Purchasing;
using NodaTime;

namespace Ledger.Application.Access;

/// <summary>A contract a provider may claim under, with the children and families known to be enrolled on it and the outcomes its cards price.</summary>
/// <param name="Code">The contract's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Provider">The provider's code.</param>
/// <param name="Subjects">References of the children and families enrolled (as its claims show them), in order.</param>
/// <param name="Outcomes">Outcome codes its rate cards price.</param>
/// <param name="Sustained">Outcome codes its rate cards pay sustainment for.</param>
public sealed record ClaimableContract(string Code, string Name, string Provider, IReadOnlyList<string> Subjects, IReadOnlyList<string> Outcomes,
    IReadOnlyList<string> Sustained);

/// <summary>A new outcome claim as a provider's user makes it.</summary>
/// <param name="Contract">The contract's code.</param>
/// <param name="Subject">The child's or family's reference.</param>
/// <param name="Outcome">The outcome's code.</param>
/// <param name="Sustainment">For a sustainment payment, which of the series (from 1); null for the outcome itself.</param>
/// <param name="AchievedOn">The day the outcome was achieved.</param>
public sealed record NewClaim(string Contract, string Subject, string Outcome, int? Sustainment, LocalDate AchievedOn);

/// <summary>A file of evidence as uploaded.</summary>
/// <param name="Describes">Which required evidence it is, as the outcome names it.</param>
/// <param name="Purpose">What it shows: eligibility, the work, or the outcome.</param>
/// <param name="FileName">The file's name.</param>
/// <param name="Content">Its bytes.</param>
public sealed record NewEvidence(string Describes, EvidencePurpose Purpose, string FileName, ReadOnlyMemory<byte> Content);

/// <summary>How to draw an assurance sample (R21).</summary>
/// <param name="From">The first day of the approval period.</param>
/// <param name="To">The last day of the approval period.</param>
/// <param name="Rules">The percentage, seed and triggers.</param>
public sealed record SampleDraw(LocalDate From, LocalDate To, SampleRules Rules);

/// <summary>What one payment run paid one provider, line by line: invoices, outcome claims and clawbacks.</summary>
/// <param name="Run">The run.</param>
/// <param name="Payment">The provider's payment with its lines.</param>
/// <param name="StreamCodes">Each paying stream's code.</param>
public sealed record Remittance(PaymentRun Run, ProviderRemittance Payment, IReadOnlyDictionary<FundingStreamId, string> StreamCodes);

/// <summary>
/// Outcome claims, assurance samples and remittances as a signed-in user works with them, every answer and
/// step checked by <see cref="AccessRules"/> inside the application: a provider's user drafts, evidences and
/// submits claims on its own contracts and reads its own remittances; internal auditors sign claims off, draw
/// samples and record findings; budget holders approve or reject. Everything is read within the actor's area
/// and each step is recorded as done by the actor's user name, so separation of duties (R20) holds between
/// users. A claim, contract or sample the actor may not see is answered as unknown.
/// </summary>
public sealed class ClaimsWorkspace(OutcomeService outcomes, AssuranceService assurance, PaymentRunService runs, IPurchasingStore purchasing,
    IEvidenceFiles files, OutcomeOptions options, IClock clock)
{
    /// <summary>The largest evidence file accepted, in bytes.</summary>
    public long EvidenceMaxBytes => options.EvidenceMaxBytes;

    /// <summary>
    /// The claims the actor may see, newest first, a page at a time, optionally only those in
    /// <paramref name="statuses"/>. Refused for roles that see no claims.
    /// </summary>
    public async Task<Result<Page<ClaimView>>> ClaimsAsync(Actor actor, PageRequest page, IReadOnlySet<ClaimStatus>? statuses = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.IsValid)
        {
            return Result<Page<ClaimView>>.Fail(BudgetErrorCode.InvalidRequest, $"A page is numbered from 1 and holds 1 to {PageRequest.MaxSize} items.");
        }

        var visible = await VisibleClaimsAsync(actor, ct).ConfigureAwait(false);
        if (!visible.Succeeded)
        {
            return Result<Page<ClaimView>>.Fail(visible.Error!);
        }

        var list = visible.Value!.Where(v => statuses is null || statuses.Contains(v.Claim.Status))
            .OrderByDescending(v => v.Claim.CreatedAt).ThenByDescending(v => v.Claim.Reference, StringComparer.Ordinal).ToList();
        return Page<ClaimView>.Of(list, page);
    }

    /// <summary>One claim with its evidence; <see cref="BudgetErrorCode.UnknownClaim"/> for one the actor may not see, as for one that does not exist.</summary>
    public async Task<Result<ClaimView>> ClaimAsync(Actor actor, string reference, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayReadClaims(actor) || string.IsNullOrWhiteSpace(reference))
        {
            return Unknown<ClaimView>(reference);
        }

        var found = await outcomes.ClaimAsync(actor.Area, reference.Trim(), ct).ConfigureAwait(false);
        return found.Succeeded && AccessRules.MaySeeClaim(actor, found.Value!) ? found : Unknown<ClaimView>(reference);
    }

    /// <summary>The contracts a provider's user may claim under, with who is enrolled and what is priced.</summary>
    public async Task<Result<IReadOnlyList<ClaimableContract>>> ContractsAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayClaimUnder(actor, actor.Provider ?? string.Empty))
        {
            return Result<IReadOnlyList<ClaimableContract>>.Fail(BudgetErrorCode.NotPermitted, "Only a provider's users make outcome claims.");
        }

        var contracts = await outcomes.ContractsAsync(actor.Area, ct).ConfigureAwait(false);
        if (!contracts.Succeeded)
        {
            return Result<IReadOnlyList<ClaimableContract>>.Fail(contracts.Error!);
        }

        var providers = (await purchasing.ProvidersAsync(contracts.Value!.Select(c => c.Provider).Distinct(), ct).ConfigureAwait(false)).ToDictionary(p => p.Id, p => p.Code);
        var mine = contracts.Value!.Where(c => AccessRules.MayClaimUnder(actor, providers.GetValueOrDefault(c.Provider, string.Empty)))
            .OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var result = new List<ClaimableContract>();
        foreach (var contract in mine)
        {
            var claims = await outcomes.ClaimsAsync(actor.Area, contract.Code, ct).ConfigureAwait(false);
            var cards = await outcomes.RateCardsAsync(contract.Code, ct).ConfigureAwait(false);
            result.Add(new ClaimableContract(contract.Code, contract.Name, providers[contract.Provider],
                (claims.Value ?? []).Select(v => v.Subject).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                cards.SelectMany(c => c.Outcomes.Select(o => o.Outcome)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                cards.SelectMany(c => c.Sustainments.Select(s => s.Outcome)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()));
        }

        return result;
    }

    /// <summary>
    /// Starts a draft claim on one of the actor's provider's contracts, made by the actor's user. Another
    /// provider's contract is unknown. A repeated <paramref name="idempotencyKey"/> returns the first draft.
    /// </summary>
    public async Task<Result<ClaimView>> DraftAsync(Actor actor, NewClaim claim, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(claim);
        if (!AccessRules.MayClaimUnder(actor, actor.Provider ?? string.Empty))
        {
            return Result<ClaimView>.Fail(BudgetErrorCode.NotPermitted, "Only a provider's users make outcome claims.");
        }

        if (string.IsNullOrWhiteSpace(claim.Contract) || string.IsNullOrWhiteSpace(claim.Subject) || string.IsNullOrWhiteSpace(claim.Outcome)
            || string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return Result<ClaimView>.Fail(BudgetErrorCode.InvalidRequest, "A claim names its contract, child or family, and outcome.");
        }

        var contracts = await ContractsAsync(actor, ct).ConfigureAwait(false);
        if (!contracts.Succeeded)
        {
            return Result<ClaimView>.Fail(contracts.Error!);
        }

        if (contracts.Value!.All(c => c.Code != claim.Contract.Trim()))
        {
            return Result<ClaimView>.Fail(BudgetErrorCode.UnknownContract, $"There is no contract '{claim.Contract}' that you can claim under.");
        }

        var drafted = await outcomes.DraftAsync(new DraftClaimRequest(actor.Area, claim.Contract.Trim(), claim.Subject.Trim(), claim.Outcome.Trim(), claim.Sustainment,
            claim.AchievedOn, actor.UserName, idempotencyKey), ct).ConfigureAwait(false);
        if (!drafted.Succeeded)
        {
            return Result<ClaimView>.Fail(drafted.Error!);
        }

        // A replayed key belonging to another provider's claim must not reveal it.
        return await ClaimAsync(actor, drafted.Value!.Reference, ct).ConfigureAwait(false);
    }

    /// <summary>Attaches a file of evidence to one of the actor's provider's drafts (checked for size and type by content; nothing is stored when refused).</summary>
    public async Task<Result<EvidenceFile>> AttachEvidenceAsync(Actor actor, string reference, NewEvidence evidence, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var claim = await ClaimAsync(actor, reference, ct).ConfigureAwait(false);
        if (!claim.Succeeded)
        {
            return Result<EvidenceFile>.Fail(claim.Error!);
        }

        if (!AccessRules.MayPrepareClaim(actor, claim.Value!))
        {
            return Result<EvidenceFile>.Fail(BudgetErrorCode.NotPermitted, "Only the claiming provider's users attach evidence to a claim.");
        }

        if (string.IsNullOrWhiteSpace(evidence.Describes))
        {
            return Result<EvidenceFile>.Fail(BudgetErrorCode.InvalidRequest, "Say which required evidence the file is, e.g. \"school attendance record\".");
        }

        return await outcomes.AttachEvidenceAsync(new EvidenceRequest(actor.Area, claim.Value!.Claim.Reference, evidence.Describes.Trim(), evidence.Purpose,
            evidence.FileName ?? string.Empty, evidence.Content, actor.UserName), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A file of evidence of a claim the actor may see (the claiming provider, the area's budget holders and
    /// internal auditors), by its SHA-256; <see cref="BudgetErrorCode.UnknownClaim"/> when the claim or the file is not one they may see.
    /// </summary>
    public async Task<Result<(EvidenceFile File, byte[] Content)>> EvidenceAsync(Actor actor, string reference, string sha256, CancellationToken ct = default)
    {
        var claim = await ClaimAsync(actor, reference, ct).ConfigureAwait(false);
        if (!claim.Succeeded)
        {
            return Result<(EvidenceFile, byte[])>.Fail(claim.Error!);
        }

        if (claim.Value!.Evidence.FirstOrDefault(e => string.Equals(e.Sha256, sha256, StringComparison.OrdinalIgnoreCase)) is not { } file
            || await files.ReadAsync(file.Sha256, ct).ConfigureAwait(false) is not { } content)
        {
            return Result<(EvidenceFile, byte[])>.Fail(BudgetErrorCode.UnknownClaim, $"Claim {reference} has no evidence file '{sha256}'.");
        }

        return (file, content);
    }

    /// <summary>Submits one of the actor's provider's drafts, dated today: the automatic rules run and it is validated, or it stays a draft with the first rule broken.</summary>
    public Task<Result<ClaimView>> SubmitAsync(Actor actor, string reference, CancellationToken ct = default) =>
        StepAsync(actor, reference, AccessRules.MayPrepareClaim, "Only the claiming provider's users submit a claim.",
            (area, r) => outcomes.SubmitAsync(area, r, London.Today(clock), ct), ct);

    /// <summary>Internal audit signs a validated claim off, as the actor's user (refused for the claim's own creator).</summary>
    public Task<Result<ClaimView>> SignOffAsync(Actor actor, string reference, CancellationToken ct = default) =>
        StepAsync(actor, reference, (a, _) => AccessRules.MaySignOffClaims(a), "Only internal audit signs claims off.",
            (area, r) => outcomes.SignOffAsync(area, r, actor.UserName, ct), ct);

    /// <summary>A budget holder approves a signed-off claim, dated today, as the actor's user (refused for its creator and its auditor).</summary>
    public Task<Result<ClaimView>> ApproveAsync(Actor actor, string reference, CancellationToken ct = default) =>
        StepAsync(actor, reference, (a, _) => AccessRules.MayApproveClaims(a), "Only a budget holder approves claims.",
            (area, r) => outcomes.ApproveAsync(area, r, actor.UserName, London.Today(clock), ct), ct);

    /// <summary>A budget holder or internal auditor rejects a claim not yet approved, with a reason.</summary>
    public Task<Result<ClaimView>> RejectAsync(Actor actor, string reference, string reason, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(Result<ClaimView>.Fail(BudgetErrorCode.ReasonRequired, "Say why the claim is rejected."))
            : StepAsync(actor, reference, (a, _) => AccessRules.MayRejectClaims(a), "Only a budget holder or internal audit rejects claims.",
                (area, r) => outcomes.RejectAsync(area, r, reason, ct), ct);

    /// <summary>The area's assurance samples, newest first, for auditors and budget holders.</summary>
    public async Task<Result<IReadOnlyList<AssuranceSample>>> SamplesAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MaySeeSamples(actor))
        {
            return Result<IReadOnlyList<AssuranceSample>>.Fail(BudgetErrorCode.NotPermitted, "Assurance samples are for internal audit and budget holders.");
        }

        var samples = await assurance.SamplesAsync(actor.Area, ct).ConfigureAwait(false);
        return samples.Succeeded
            ? Result<IReadOnlyList<AssuranceSample>>.Ok(samples.Value!.OrderByDescending(s => s.DrawnAt).ThenByDescending(s => s.Reference, StringComparer.Ordinal).ToList())
            : samples;
    }

    /// <summary>One sample with its spot checks; <see cref="BudgetErrorCode.UnknownSample"/> when there is none the actor may see.</summary>
    public async Task<Result<SampleView>> SampleAsync(Actor actor, string reference, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var samples = await SamplesAsync(actor, ct).ConfigureAwait(false);
        if (!samples.Succeeded || samples.Value!.All(s => s.Reference != reference?.Trim()))
        {
            return Result<SampleView>.Fail(BudgetErrorCode.UnknownSample, $"There is no sample '{reference}' that you can see.");
        }

        return await assurance.ShowAsync(actor.Area, reference!.Trim(), ct).ConfigureAwait(false);
    }

    /// <summary>Internal audit draws a sample of the claims approved in a period (R21), recorded as drawn by the actor's user.</summary>
    public async Task<Result<SampleView>> DrawSampleAsync(Actor actor, SampleDraw draw, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draw);
        return AccessRules.MayCheckSamples(actor)
            ? await assurance.DrawAsync(actor.Area, draw.From, draw.To, draw.Rules, actor.UserName, ct).ConfigureAwait(false)
            : Result<SampleView>.Fail(BudgetErrorCode.NotPermitted, "Only internal audit draws assurance samples.");
    }

    /// <summary>The spot-check bundle of a claim the actor may see (auditors and budget holders).</summary>
    public async Task<Result<SpotCheckBundle>> BundleAsync(Actor actor, string claimReference, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var claim = await ClaimAsync(actor, claimReference, ct).ConfigureAwait(false);
        if (!claim.Succeeded)
        {
            return Result<SpotCheckBundle>.Fail(claim.Error!);
        }

        return AccessRules.MaySeeSamples(actor)
            ? await assurance.BundleAsync(actor.Area, claim.Value!.Claim.Reference, ct).ConfigureAwait(false)
            : Result<SpotCheckBundle>.Fail(BudgetErrorCode.NotPermitted, "Spot-check bundles are for internal audit and budget holders.");
    }

    /// <summary>Internal audit records a spot check's finding, as the actor's user; an invalid claim is clawed back (R21).</summary>
    public async Task<Result<OutcomeClaim>> RecordFindingAsync(Actor actor, string sampleReference, string claimReference, SpotCheckFinding finding, string? note,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayCheckSamples(actor))
        {
            return Result<OutcomeClaim>.Fail(BudgetErrorCode.NotPermitted, "Only internal audit records spot-check findings.");
        }

        if (finding == SpotCheckFinding.Pending || !Enum.IsDefined(finding))
        {
            return Result<OutcomeClaim>.Fail(BudgetErrorCode.InvalidRequest, "A finding is valid or invalid.");
        }

        var sample = await SampleAsync(actor, sampleReference, ct).ConfigureAwait(false);
        return sample.Succeeded
            ? await assurance.RecordFindingAsync(actor.Area, sample.Value!.Sample.Reference, claimReference?.Trim() ?? string.Empty, finding, note, actor.UserName, ct)
                .ConfigureAwait(false)
            : Result<OutcomeClaim>.Fail(sample.Error!);
    }

    /// <summary>
    /// The payment runs that paid the actor's provider, newest first, each with only that provider's
    /// payment and lines. Refused for everyone but a provider's users.
    /// </summary>
    public async Task<Result<IReadOnlyList<Remittance>>> RemittancesAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MaySeeRemittances(actor))
        {
            return Result<IReadOnlyList<Remittance>>.Fail(BudgetErrorCode.NotPermitted, "Remittances are for the provider paid.");
        }

        var all = await runs.RunsAsync(actor.Area, ct).ConfigureAwait(false);
        if (!all.Succeeded)
        {
            return Result<IReadOnlyList<Remittance>>.Fail(all.Error!);
        }

        var result = new List<Remittance>();
        foreach (var run in all.Value!.OrderByDescending(r => r.RunOn))
        {
            var shown = await runs.ShowAsync(actor.Area, run.Reference, ct).ConfigureAwait(false);
            if (shown.Succeeded && shown.Value!.Payments.SingleOrDefault(p => p.Provider.Code == actor.Provider) is { } mine)
            {
                result.Add(new Remittance(shown.Value.Run, mine, shown.Value.StreamCodes));
            }
        }

        return result;
    }

    private async Task<Result<IReadOnlyList<ClaimView>>> VisibleClaimsAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayReadClaims(actor))
        {
            return Result<IReadOnlyList<ClaimView>>.Fail(BudgetErrorCode.NotPermitted, "Outcome claims are for providers, budget holders and internal audit.");
        }

        var all = await outcomes.ClaimsAsync(actor.Area, null, ct).ConfigureAwait(false);
        return all.Succeeded ? Result<IReadOnlyList<ClaimView>>.Ok(all.Value!.Where(v => AccessRules.MaySeeClaim(actor, v)).ToList()) : all;
    }

    private async Task<Result<ClaimView>> StepAsync(Actor actor, string reference, Func<Actor, ClaimView, bool> allowed, string refusal,
        Func<string, string, Task<Result<OutcomeClaim>>> step, CancellationToken ct)
    {
        var claim = await ClaimAsync(actor, reference, ct).ConfigureAwait(false);
        if (!claim.Succeeded)
        {
            return claim;
        }

        if (!allowed(actor, claim.Value!))
        {
            return Result<ClaimView>.Fail(BudgetErrorCode.NotPermitted, refusal);
        }

        var done = await step(actor.Area, claim.Value!.Claim.Reference).ConfigureAwait(false);
        return done.Succeeded ? await ClaimAsync(actor, reference, ct).ConfigureAwait(false) : Result<ClaimView>.Fail(done.Error!);
    }

    private static Result<T> Unknown<T>(string? reference) => Result<T>.Fail(BudgetErrorCode.UnknownClaim, $"There is no claim '{reference}' that you can see.");
}
