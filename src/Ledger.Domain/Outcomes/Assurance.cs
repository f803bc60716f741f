using System.Globalization;
using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Domain.Outcomes;

/// <summary>What a spot check found.</summary>
public enum SpotCheckFinding
{
    /// <summary>Not yet checked.</summary>
    Pending,

    /// <summary>The claim stands.</summary>
    Valid,

    /// <summary>The claim is invalid: its payment is recovered (R21).</summary>
    Invalid,
}

/// <summary>How a sample is drawn (R21).</summary>
/// <param name="Percent">The random percentage of claims checked (0–100).</param>
/// <param name="Seed">The random seed, recorded so the draw can be repeated.</param>
/// <param name="Threshold">Every claim of at least this amount is checked; null for none.</param>
/// <param name="VolumeFactor">A provider whose claims in the period exceed this many times its average per earlier period has all its claims checked; null for none.</param>
/// <param name="InvalidRatePercent">A provider whose past checked claims were invalid at this rate or more has all its claims checked; null for none.</param>
public sealed record SampleRules(decimal Percent, int Seed, Money? Threshold, decimal? VolumeFactor, decimal? InvalidRatePercent)
{
    /// <summary>Checks the rules; null when they make sense.</summary>
    public BudgetError? Check() =>
        Percent is < 0 or > 100 || Threshold is { IsPositive: false } || VolumeFactor is <= 1 || InvalidRatePercent is <= 0 or > 100
            ? new BudgetError(BudgetErrorCode.InvalidSample, "A sample takes 0–100% at random, a threshold above zero, a volume factor above 1 and an invalid rate of 0–100%.")
            : null;
}

/// <summary>A claim that may be sampled.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Reference">Its reference (the draw walks claims in reference order, so a seed repeats).</param>
/// <param name="Provider">Its provider.</param>
/// <param name="Amount">Its amount.</param>
public sealed record SampleCandidate(OutcomeClaimId Claim, string Reference, ProviderId Provider, Money Amount);

/// <summary>A provider's record before the period: for the risk triggers.</summary>
/// <param name="AverageClaimsPerPeriod">Its average number of claims per earlier period of the same length.</param>
/// <param name="Checked">Its claims spot-checked before.</param>
/// <param name="Invalid">Of those, found invalid.</param>
public sealed record ProviderClaimHistory(decimal AverageClaimsPerPeriod, int Checked, int Invalid);

/// <summary>An assurance sample (R21): the claims approved in a period that were chosen for spot checks, and how.</summary>
public sealed class AssuranceSample
{
    private AssuranceSample()
    {
        Reference = string.Empty;
        DrawnBy = string.Empty;
    }

    /// <summary>The sample's id.</summary>
    public AssuranceSampleId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>A reference, e.g. "SMP-01J9ZK3Q".</summary>
    public string Reference { get; private set; }

    /// <summary>The first day of the period (claims approved on or after it).</summary>
    public LocalDate From { get; private set; }

    /// <summary>The last day of the period.</summary>
    public LocalDate To { get; private set; }

    /// <summary>The random percentage.</summary>
    public decimal Percent { get; private set; }

    /// <summary>The seed used.</summary>
    public int Seed { get; private set; }

    /// <summary>The value threshold in pence, if any.</summary>
    public long? Threshold { get; private set; }

    /// <summary>The volume trigger, if any.</summary>
    public decimal? VolumeFactor { get; private set; }

    /// <summary>The past-invalid-rate trigger, if any.</summary>
    public decimal? InvalidRatePercent { get; private set; }

    /// <summary>Who drew it.</summary>
    public string DrawnBy { get; private set; }

    /// <summary>When.</summary>
    public Instant DrawnAt { get; private set; }

    /// <summary>The rules it was drawn with.</summary>
    public SampleRules Rules => new(Percent, Seed, Threshold is { } t ? Money.FromPence(t) : null, VolumeFactor, InvalidRatePercent);

    /// <summary>Records a sample's parameters.</summary>
    public static Result<AssuranceSample> Create(AssuranceSampleId id, AreaId area, LocalDate from, LocalDate to, SampleRules rules, string drawnBy, Instant now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Check() is { } problem)
        {
            return Result<AssuranceSample>.Fail(problem);
        }

        if (to < from || string.IsNullOrWhiteSpace(drawnBy) || drawnBy.Length > 100)
        {
            return Result<AssuranceSample>.Fail(BudgetErrorCode.InvalidSample, "A sample covers a period that ends on or after it starts, and says who drew it.");
        }

        return new AssuranceSample
        {
            Id = id, Area = area, Reference = "SMP-" + id.Value.ToString("N")[^8..].ToUpperInvariant(), From = from, To = to, Percent = rules.Percent, Seed = rules.Seed,
            Threshold = rules.Threshold?.Pence, VolumeFactor = rules.VolumeFactor, InvalidRatePercent = rules.InvalidRatePercent, DrawnBy = drawnBy.Trim(), DrawnAt = now,
        };
    }

    /// <summary>
    /// Chooses the claims to check (R21), each with why: at random (a seeded draw over the claims in
    /// reference order, so the same seed gives the same sample), every claim at or above the threshold, and
    /// every claim of a provider whose volume or past invalid rate triggers. Pure.
    /// </summary>
    public static IReadOnlyList<(OutcomeClaimId Claim, string Reasons)> Draw(IReadOnlyList<SampleCandidate> candidates,
        IReadOnlyDictionary<ProviderId, ProviderClaimHistory> history, SampleRules rules)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rules);
        var random = new Random(rules.Seed);
        var volume = candidates.GroupBy(c => c.Provider).ToDictionary(g => g.Key, g => g.Count());
        var chosen = new List<(OutcomeClaimId, string)>();
        foreach (var c in candidates.OrderBy(c => c.Reference, StringComparer.Ordinal))
        {
            // One draw per claim whatever else applies, so adding a trigger does not change who is drawn at random.
            var reasons = new List<string>();
            if (random.NextDouble() * 100 < (double)rules.Percent)
            {
                reasons.Add("random");
            }

            if (rules.Threshold is { } threshold && c.Amount >= threshold)
            {
                reasons.Add($"at or above {threshold}");
            }

            var past = history.GetValueOrDefault(c.Provider);
            if (rules.VolumeFactor is { } factor && past is { AverageClaimsPerPeriod: > 0 } && volume[c.Provider] > past.AverageClaimsPerPeriod * factor)
            {
                reasons.Add($"provider volume {volume[c.Provider]} above {factor.ToString("0.##", CultureInfo.InvariantCulture)} × its average of "
                    + past.AverageClaimsPerPeriod.ToString("0.##", CultureInfo.InvariantCulture));
            }

            if (rules.InvalidRatePercent is { } rate && past is { Checked: > 0 } && past.Invalid * 100m / past.Checked >= rate)
            {
                reasons.Add($"provider's past invalid rate {(past.Invalid * 100m / past.Checked).ToString("0.#", CultureInfo.InvariantCulture)}%");
            }

            if (reasons.Count > 0)
            {
                chosen.Add((c.Claim, string.Join("; ", reasons)));
            }
        }

        return chosen;
    }
}

/// <summary>One claim of a sample and what its spot check found (R21).</summary>
public sealed class SpotCheck
{
    private SpotCheck()
    {
        Reasons = string.Empty;
    }

    /// <summary>The sample.</summary>
    public AssuranceSampleId Sample { get; private set; }

    /// <summary>The claim checked.</summary>
    public OutcomeClaimId Claim { get; private set; }

    /// <summary>Why it was chosen.</summary>
    public string Reasons { get; private set; }

    /// <summary>What was found.</summary>
    public SpotCheckFinding Finding { get; private set; }

    /// <summary>The checker's note.</summary>
    public string? Note { get; private set; }

    /// <summary>Who checked it.</summary>
    public string? CheckedBy { get; private set; }

    /// <summary>When.</summary>
    public Instant? CheckedAt { get; private set; }

    /// <summary>Changes with the finding; a second finding on an old read is refused.</summary>
    public int Version { get; private set; }

    /// <summary>A claim chosen for checking.</summary>
    public static SpotCheck Chosen(AssuranceSampleId sample, OutcomeClaimId claim, string reasons) =>
        new() { Sample = sample, Claim = claim, Reasons = reasons, Finding = SpotCheckFinding.Pending };

    /// <summary>Records the finding, once.</summary>
    public BudgetError? Record(SpotCheckFinding finding, string? note, string by, Instant now)
    {
        if (Finding != SpotCheckFinding.Pending)
        {
            return new BudgetError(BudgetErrorCode.ClaimNotInState, $"This claim's spot check already found it {Finding}.");
        }

        if (finding == SpotCheckFinding.Pending || !Enum.IsDefined(finding) || string.IsNullOrWhiteSpace(by) || by.Length > 100 || (note?.Length ?? 0) > OutcomeClaim.MaxReasonLength
            || (finding == SpotCheckFinding.Invalid && string.IsNullOrWhiteSpace(note)))
        {
            return new BudgetError(BudgetErrorCode.InvalidRequest, "A finding is valid or invalid, says who checked, and an invalid finding says why.");
        }

        Finding = finding;
        Note = note?.Trim();
        CheckedBy = by.Trim();
        CheckedAt = now;
        Version++;
        return null;
    }
}

/// <summary>One line of an extrapolated recovery: a claim not sampled, and the share of it the sample's error rate says is owed back.</summary>
/// <param name="Reference">The claim.</param>
/// <param name="Amount">What was paid for it.</param>
/// <param name="Recovery">Amount × error rate, to the penny (half away from zero).</param>
public sealed record RecoveryLine(string Reference, Money Amount, Money Recovery);

/// <summary>An error rate found in a sample applied to a provider's other claims in the period (R21).</summary>
/// <param name="Checked">Value of the provider's claims checked in the sample.</param>
/// <param name="Invalid">Value of those found invalid.</param>
/// <param name="Rate">Invalid ÷ checked, as a fraction.</param>
/// <param name="Lines">One line per claim not sampled.</param>
public sealed record Extrapolation(Money Checked, Money Invalid, decimal Rate, IReadOnlyList<RecoveryLine> Lines)
{
    /// <summary>The total recovery.</summary>
    public Money Total => Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Recovery);

    /// <summary>Computes the recovery: the sampled invalid value over the sampled value, applied line by line. Pure.</summary>
    public static Extrapolation Compute(IReadOnlyList<(Money Amount, SpotCheckFinding Finding)> checkedClaims, IReadOnlyList<(string Reference, Money Amount)> others)
    {
        ArgumentNullException.ThrowIfNull(checkedClaims);
        ArgumentNullException.ThrowIfNull(others);
        var done = checkedClaims.Where(c => c.Finding != SpotCheckFinding.Pending).ToList();
        var total = done.Aggregate(Money.Zero, (sum, c) => sum + c.Amount);
        var invalid = done.Where(c => c.Finding == SpotCheckFinding.Invalid).Aggregate(Money.Zero, (sum, c) => sum + c.Amount);
        var rate = total.IsPositive ? (decimal)invalid.Pence / total.Pence : 0m;
        // Amount × invalid ÷ checked in one step: dividing first would round a repeating rate and could move an exact half penny below the half.
        var lines = others.OrderBy(o => o.Reference, StringComparer.Ordinal)
            .Select(o => new RecoveryLine(o.Reference, o.Amount, total.IsPositive
                ? Money.FromPence((long)decimal.Round((decimal)o.Amount.Pence * invalid.Pence / total.Pence, MidpointRounding.AwayFromZero))
                : Money.Zero))
            .ToList();
        return new Extrapolation(total, invalid, rate, lines);
    }
}
