using System.Globalization;
using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Outcomes;
using NodaTime;

namespace Ledger.Application.Outcomes;

/// <summary>A sample with its spot checks and the claims checked.</summary>
/// <param name="Sample">The sample.</param>
/// <param name="Checks">Each claim chosen, why, and what was found, with the claim.</param>
public sealed record SampleView(AssuranceSample Sample, IReadOnlyList<(SpotCheck Check, ClaimView Claim)> Checks);

/// <summary>
/// Assurance (R21): draws samples of approved claims for spot checks (at random with a recorded seed,
/// every claim above a value threshold, and a provider's claims when its volume or past invalid rate
/// triggers), gives each sampled claim's bundle, records findings, claws back invalid claims, and
/// extrapolates a sample's error rate to a provider's other claims.
/// </summary>
public sealed class AssuranceService(IOutcomeStore store, IBudgetStore budgets, IPurchasingStore purchasing, OutcomeService outcomes, IPostingService engine, IClock clock)
{
    private const int Attempts = 20;

    /// <summary>
    /// Draws a sample of the outcome and sustainment claims approved in a period (R21) and records it with
    /// its seed and rules, so the draw can be repeated and explained.
    /// </summary>
    public async Task<Result<SampleView>> DrawAsync(string areaCode, LocalDate from, LocalDate to, SampleRules rules, string by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<SampleView>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        var created = AssuranceSample.Create(AssuranceSampleId.New(), area.Id, from, to, rules, by, clock.GetCurrentInstant());
        if (!created.Succeeded)
        {
            return Result<SampleView>.Fail(created.Error!);
        }

        var sample = created.Value!;
        var claims = (await store.ClaimsAsync(area.Id, null, null, ct).ConfigureAwait(false)).Where(c => c.Kind != PaymentKind.Attachment && c.ApprovedOn is not null).ToList();
        var inPeriod = claims.Where(c => c.CountsAsPaid && c.ApprovedOn >= from && c.ApprovedOn <= to).ToList();
        if (inPeriod.Count == 0)
        {
            return Result<SampleView>.Fail(BudgetErrorCode.InvalidSample, $"No claims were approved in {area.Code} from {from:uuuu-MM-dd} to {to:uuuu-MM-dd}; nothing was sampled.");
        }

        var history = await HistoryAsync(claims, from, to, ct).ConfigureAwait(false);
        var chosen = AssuranceSample.Draw(inPeriod.Select(c => new SampleCandidate(c.Id, c.Reference, c.Provider, Money.FromPence(c.Amount))).ToList(), history, rules);
        var checks = chosen.Select(c => SpotCheck.Chosen(sample.Id, c.Claim, c.Reasons)).ToList();
        await store.SaveAsync([sample, .. checks], [], ct).ConfigureAwait(false);
        return await ShowAsync(areaCode, sample.Reference, ct).ConfigureAwait(false);
    }

    /// <summary>A sample with its checks.</summary>
    public async Task<Result<SampleView>> ShowAsync(string areaCode, string reference, CancellationToken ct = default)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<SampleView>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        if (await store.SampleAsync(area.Id, reference, ct).ConfigureAwait(false) is not { } sample)
        {
            return Result<SampleView>.Fail(BudgetErrorCode.InvalidSample, $"There is no sample '{reference}' in {area.Code}.");
        }

        var checks = await store.SpotChecksAsync(sample.Id, ct).ConfigureAwait(false);
        var claims = (await store.ClaimsAsync(area.Id, null, null, ct).ConfigureAwait(false)).Where(c => checks.Any(k => k.Claim == c.Id)).ToList();
        var views = (await outcomes.ViewsAsync(claims, withEvidence: false, ct).ConfigureAwait(false)).ToDictionary(v => v.Claim.Id);
        return new SampleView(sample, checks.Select(c => (c, views[c.Claim])).OrderBy(c => c.Item2.Claim.Reference, StringComparer.Ordinal).ToList());
    }

    /// <summary>The area's samples, newest first.</summary>
    public async Task<Result<IReadOnlyList<AssuranceSample>>> SamplesAsync(string areaCode, CancellationToken ct = default) =>
        await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is { } area
            ? Result<IReadOnlyList<AssuranceSample>>.Ok(await store.SamplesAsync(area.Id, ct).ConfigureAwait(false))
            : Result<IReadOnlyList<AssuranceSample>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");

    /// <summary>
    /// The spot-check bundle of a claim (R21): eligibility (age, cohort, factors against the outcome's
    /// guards), evidence of the work and of the outcome with their hashes, and how the amount was computed.
    /// </summary>
    public async Task<Result<SpotCheckBundle>> BundleAsync(string areaCode, string claimReference, CancellationToken ct = default)
    {
        var view = await outcomes.ClaimAsync(areaCode, claimReference, ct).ConfigureAwait(false);
        if (!view.Succeeded)
        {
            return Result<SpotCheckBundle>.Fail(view.Error!);
        }

        var v = view.Value!;
        var card = await outcomes.CardAsync(v.Enrolment, ct).ConfigureAwait(false);
        var catalogue = await outcomes.CatalogueAsync(ct).ConfigureAwait(false);
        var definition = v.Claim.Outcome is { } code ? catalogue.GetValueOrDefault(code) : null;
        var e = v.Enrolment;
        var eligibility = new List<string>
        {
            $"Enrolled on {v.Contract.Code} on {e.EnrolledOn:uuuu-MM-dd}, cohort {e.Cohort}, priced by card {e.Card} v{e.CardVersion}",
            $"Age at enrolment: {(e.AgeAtEnrolment is { } age ? age.ToString(CultureInfo.InvariantCulture) : "not recorded")}",
            $"Difficulty factors: {e.Factors.YearsInCare} year(s) in care, {e.Factors.RiskFactors} risk factor(s), disability severity {e.Factors.DisabilitySeverity}, "
                + $"{e.Factors.PreviousExclusions} previous exclusion(s)",
        };
        if (definition is not null)
        {
            eligibility.Add(definition.MinAgeAtEnrolment is null && definition.MaxAgeAtEnrolment is null
                ? $"Outcome {definition.Code} has no age guard"
                : $"Outcome {definition.Code} is for ages {definition.MinAgeAtEnrolment?.ToString(CultureInfo.InvariantCulture) ?? "any"}–"
                    + $"{definition.MaxAgeAtEnrolment?.ToString(CultureInfo.InvariantCulture) ?? "any"} at enrolment: "
                    + (e.AgeAtEnrolment is { } a && definition.Eligible(a) ? "met" : "NOT met"));
            eligibility.Add($"Evidence required: {string.Join(", ", definition.EvidenceRequired)}; sustain period {definition.SustainWeeks} week(s)");
        }

        var checks = await store.SpotChecksOfClaimsAsync([v.Claim.Id], ct).ConfigureAwait(false);
        return new SpotCheckBundle(v, card, definition, eligibility, checks);
    }

    /// <summary>
    /// Records a spot check's finding (R21). An invalid claim is clawed back: if it has been paid, by a
    /// reversing entry netted in the provider's next payment run; if not yet paid, by reversing its payable now.
    /// </summary>
    public async Task<Result<OutcomeClaim>> RecordFindingAsync(string areaCode, string sampleReference, string claimReference, SpotCheckFinding finding, string? note,
        string by, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var found = await outcomes.ClaimInAreaAsync(areaCode, claimReference, ct).ConfigureAwait(false);
            if (!found.Succeeded)
            {
                return Result<OutcomeClaim>.Fail(found.Error!);
            }

            var (area, claim) = found.Value;
            if (await store.SampleAsync(area, sampleReference, ct).ConfigureAwait(false) is not { } sample
                || (await store.SpotChecksAsync(sample.Id, ct).ConfigureAwait(false)).SingleOrDefault(c => c.Claim == claim.Id) is not { } check)
            {
                return Result<OutcomeClaim>.Fail(BudgetErrorCode.UnknownSpotCheck, $"Claim {claimReference} is not in sample {sampleReference}.");
            }

            if (check.Finding != SpotCheckFinding.Pending)
            {
                // The same finding again is a replay: finish a clawback left half done, otherwise answer as before.
                return check.Finding == finding
                    ? await FinishUnpaidClawbackAsync(area, claim, ct).ConfigureAwait(false)
                    : Result<OutcomeClaim>.Fail(BudgetErrorCode.ClaimNotInState, $"Claim {claim.Reference} was already found {check.Finding} in {sample.Reference}.");
            }

            var now = clock.GetCurrentInstant();
            var readCheck = check.Version;
            var readClaim = claim.Version;
            if (check.Record(finding, note, by, now) is { } refused)
            {
                return Result<OutcomeClaim>.Fail(refused);
            }

            var changes = new List<VersionedChange> { new(check, readCheck) };
            if (finding == SpotCheckFinding.Invalid)
            {
                if (claim.FoundInvalid(note!, now) is { } cannot)
                {
                    return Result<OutcomeClaim>.Fail(cannot);
                }

                changes.Add(new VersionedChange(claim, readClaim));
            }

            if (await store.SaveAsync([], changes, ct).ConfigureAwait(false) == StoreWrite.Saved)
            {
                return await FinishUnpaidClawbackAsync(area, claim, ct).ConfigureAwait(false);
            }
        }

        return Result<OutcomeClaim>.Fail(BudgetErrorCode.LedgerRefused, $"Claim {claimReference} kept changing; nothing was written. Try again.");
    }

    /// <summary>
    /// The sample's error rate for a provider (invalid value ÷ checked value) applied to the provider's
    /// claims approved in the sample's period that were not sampled, line by line (R21). A report of what
    /// may be recovered, for agreement with the provider; nothing is posted.
    /// </summary>
    public async Task<Result<Extrapolation>> ExtrapolateAsync(string areaCode, string sampleReference, string providerCode, CancellationToken ct = default)
    {
        var view = await ShowAsync(areaCode, sampleReference, ct).ConfigureAwait(false);
        if (!view.Succeeded)
        {
            return Result<Extrapolation>.Fail(view.Error!);
        }

        var sample = view.Value!.Sample;
        if (await purchasing.ProviderAsync(sample.Area, providerCode, ct).ConfigureAwait(false) is not { } provider)
        {
            return Result<Extrapolation>.Fail(BudgetErrorCode.UnknownProvider, $"There is no provider '{providerCode}' in {areaCode}.");
        }

        var mine = view.Value.Checks.Where(c => c.Claim.Claim.Provider == provider.Id).ToList();
        if (mine.All(c => c.Check.Finding == SpotCheckFinding.Pending))
        {
            return Result<Extrapolation>.Fail(BudgetErrorCode.InvalidSample, $"None of {provider.Code}'s claims in {sample.Reference} has been checked yet.");
        }

        var sampled = mine.Select(c => c.Check.Claim).ToHashSet();
        var others = (await store.ClaimsAsync(sample.Area, null, null, ct).ConfigureAwait(false))
            .Where(c => c.Provider == provider.Id && c.Kind != PaymentKind.Attachment && c.CountsAsPaid && c.ApprovedOn >= sample.From && c.ApprovedOn <= sample.To
                && !sampled.Contains(c.Id))
            .Select(c => (c.Reference, Money.FromPence(c.Amount))).ToList();
        return Extrapolation.Compute(mine.Select(c => (c.Claim.Amount, c.Check.Finding)).ToList(), others);
    }

    // A claim found invalid before any run gathered it is recovered at once: its payable is still owed, so reversing it takes nothing paid.
    private async Task<Result<OutcomeClaim>> FinishUnpaidClawbackAsync(AreaId area, OutcomeClaim claim, CancellationToken ct)
    {
        if (claim.Status != ClaimStatus.ClawbackPending || claim.PaymentRun is not null)
        {
            return claim;
        }

        var reversal = await engine.ExecuteAsync(new ReverseEntry($"clawback:{claim.Id}", claim.PayableEntry!.Value, claim.ApprovedOn!.Value > Today() ? claim.ApprovedOn.Value : Today(),
            $"Clawback of claim {claim.Reference} before payment: {claim.Reason}"), ct).ConfigureAwait(false);
        if (!reversal.Succeeded)
        {
            return Result<OutcomeClaim>.Fail(BudgetErrorCode.LedgerRefused, $"{reversal.Error!.Code}: {reversal.Error.Message}; record the finding again to finish the clawback.");
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var read = claim.Version;
            if (claim.Recovered(reversal.Entry!.Value, null, clock.GetCurrentInstant()) is not null)
            {
                return claim;
            }

            if (await store.SaveAsync([], [new VersionedChange(claim, read)], ct).ConfigureAwait(false) == StoreWrite.Saved)
            {
                return claim;
            }

            claim = (await store.ClaimAsync(area, claim.Reference, ct).ConfigureAwait(false))!;
        }

        return Result<OutcomeClaim>.Fail(BudgetErrorCode.LedgerRefused, $"Claim {claim.Reference} was reversed but not recorded; record the finding again to finish.");
    }

    private LocalDate Today() => London.Today(clock);

    // Each provider's average claims per earlier period of the sample's length, and its record at spot checks.
    private async Task<IReadOnlyDictionary<ProviderId, ProviderClaimHistory>> HistoryAsync(IReadOnlyList<OutcomeClaim> claims, LocalDate from, LocalDate to, CancellationToken ct)
    {
        var days = Period.Between(from, to, PeriodUnits.Days).Days + 1;
        var earlier = claims.Where(c => c.ApprovedOn < from).ToList();
        var checks = (await store.SpotChecksOfClaimsAsync(earlier.Select(c => c.Id), ct).ConfigureAwait(false)).Where(c => c.Finding != SpotCheckFinding.Pending)
            .ToLookup(c => c.Claim);
        return earlier.GroupBy(c => c.Provider).ToDictionary(g => g.Key, g =>
        {
            var first = g.Min(c => c.ApprovedOn!.Value);
            var periods = Math.Max(1m, Math.Ceiling((decimal)(Period.Between(first, from, PeriodUnits.Days).Days) / days));
            var found = g.SelectMany(c => checks[c.Id]).ToList();
            return new ProviderClaimHistory(g.Count() / periods, found.Count, found.Count(f => f.Finding == SpotCheckFinding.Invalid));
        });
    }
}
