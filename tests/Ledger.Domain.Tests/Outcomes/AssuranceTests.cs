using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using NodaTime;

namespace Ledger.Domain.Tests.Outcomes;

/// <summary>
/// Assurance (R21) with no database: the sample's rules, the seeded draw with its value threshold and risk
/// triggers, spot-check findings, and an error rate found in a sample extrapolated to a provider's other claims.
/// </summary>
public sealed class AssuranceTests
{
    private static readonly Instant Now = Instant.FromUtc(2013, 7, 1, 9, 0);
    private static readonly ProviderId ProviderA = ProviderId.New();
    private static readonly ProviderId ProviderB = ProviderId.New();

    private static Money Pounds(decimal p) => Money.FromPounds(p);

    private static Money Pence(long p) => Money.FromPence(p);

    private static SampleRules Rules(decimal percent = 0, int seed = 42, decimal? threshold = null, decimal? volumeFactor = null, decimal? invalidRate = null) =>
        new(percent, seed, threshold is { } t ? Pounds(t) : null, volumeFactor, invalidRate);

    /// <summary>Claims CLM-0001 … CLM-nnnn of one provider, £100 each unless said otherwise.</summary>
    private static List<SampleCandidate> Claims(int count, ProviderId? provider = null, int from = 1, decimal amount = 100) =>
        Enumerable.Range(from, count)
            .Select(i => new SampleCandidate(new OutcomeClaimId(new Guid(i, 0, 0, new byte[8])), $"CLM-{i:D4}", provider ?? ProviderA, Pounds(amount)))
            .ToList();

    private static readonly IReadOnlyDictionary<ProviderId, ProviderClaimHistory> NoHistory = new Dictionary<ProviderId, ProviderClaimHistory>();

    private static List<string> Drawn(IReadOnlyList<SampleCandidate> candidates, SampleRules rules,
        IReadOnlyDictionary<ProviderId, ProviderClaimHistory>? history = null)
    {
        var references = candidates.ToDictionary(c => c.Claim, c => c.Reference);
        return AssuranceSample.Draw(candidates, history ?? NoHistory, rules).Select(d => references[d.Claim]).ToList();
    }

    private static Dictionary<string, string> Reasons(IReadOnlyList<SampleCandidate> candidates, SampleRules rules,
        IReadOnlyDictionary<ProviderId, ProviderClaimHistory>? history = null)
    {
        var references = candidates.ToDictionary(c => c.Claim, c => c.Reference);
        return AssuranceSample.Draw(candidates, history ?? NoHistory, rules).ToDictionary(d => references[d.Claim], d => d.Reasons);
    }

    // ---- SampleRules.Check ----

    public static TheoryData<string, SampleRules> SensibleRules => new()
    {
        { "none at random, no triggers", Rules(0) },
        { "every claim at random", Rules(100) },
        { "2% and a penny threshold", Rules(2, threshold: 0.01m) },
        { "the smallest factor and rate", Rules(10, threshold: 500, volumeFactor: 1.01m, invalidRate: 0.01m) },
        { "a 100% invalid rate", Rules(10, threshold: 500, volumeFactor: 3, invalidRate: 100) },
    };

    [Theory]
    [MemberData(nameof(SensibleRules))]
    public void SampleRules_Check_SensibleRules_AreAccepted_R21(string why, SampleRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Check().Should().BeNull(why);
    }

    public static TheoryData<string, SampleRules> BadRules => new()
    {
        { "below 0%", Rules(-0.01m) },
        { "above 100%", Rules(100.01m) },
        { "a zero threshold", Rules(10, threshold: 0) },
        { "a negative threshold", Rules(10, threshold: -5) },
        { "a volume factor of 1", Rules(10, volumeFactor: 1) },
        { "a volume factor below 1", Rules(10, volumeFactor: 0.5m) },
        { "an invalid rate of 0%", Rules(10, invalidRate: 0) },
        { "a negative invalid rate", Rules(10, invalidRate: -1) },
        { "an invalid rate above 100%", Rules(10, invalidRate: 100.01m) },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void SampleRules_Check_OutOfRange_IsAnInvalidSample_R21(string why, SampleRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var error = rules.Check()!;
        error.Code.Should().Be(BudgetErrorCode.InvalidSample, why);
        error.Message.Should().Be("A sample takes 0–100% at random, a threshold above zero, a volume factor above 1 and an invalid rate of 0–100%.");
    }

    // ---- AssuranceSample.Create ----

    [Fact]
    public void Create_RecordsTheRulesSoTheDrawCanBeRepeated_R21()
    {
        var id = AssuranceSampleId.New();
        var rules = Rules(10, 20_130_701, 1_000, 2, 25);
        var sample = AssuranceSample.Create(id, AreaId.New(), new LocalDate(2013, 4, 1), new LocalDate(2013, 6, 30), rules, " audit.smith ", Now).Value!;
        sample.Reference.Should().Be("SMP-" + id.Value.ToString("N")[^8..].ToUpperInvariant());
        sample.Percent.Should().Be(10);
        sample.Seed.Should().Be(20_130_701);
        sample.Threshold.Should().Be(100_000);
        sample.VolumeFactor.Should().Be(2);
        sample.InvalidRatePercent.Should().Be(25);
        sample.DrawnBy.Should().Be("audit.smith");
        sample.Rules.Should().Be(rules);
    }

    [Theory]
    [InlineData(2013, 3, 31, "audit.smith", 10)]  // ends before it starts
    [InlineData(2013, 6, 30, " ", 10)]            // nobody drew it
    [InlineData(2013, 6, 30, "audit.smith", 101)] // more than 100%
    public void Create_WithAPeriodBackwardsNoDrawerOrBadRules_IsAnInvalidSample_R21(int year, int month, int day, string drawnBy, decimal percent) =>
        AssuranceSample.Create(AssuranceSampleId.New(), AreaId.New(), new LocalDate(2013, 4, 1), new LocalDate(year, month, day), Rules(percent), drawnBy, Now)
            .Error!.Code.Should().Be(BudgetErrorCode.InvalidSample);

    [Fact]
    public void Create_OneDayPeriod_IsAccepted_R21() =>
        AssuranceSample.Create(AssuranceSampleId.New(), AreaId.New(), new LocalDate(2013, 4, 1), new LocalDate(2013, 4, 1), Rules(2), "audit.smith", Now)
            .Value!.To.Should().Be(new LocalDate(2013, 4, 1));

    // ---- Draw: the seeded random part ----

    [Fact]
    public void Draw_SameSeed_SameClaims_R21()
    {
        var claims = Claims(40);
        var first = Drawn(claims, Rules(25, seed: 7));
        var second = Drawn(claims, Rules(25, seed: 7));
        second.Should().Equal(first);
        first.Should().NotBeEmpty().And.HaveCountLessThan(40);
    }

    [Fact]
    public void Draw_SameSeed_SameClaims_WhateverOrderTheyArriveIn_R21()
    {
        var claims = Claims(40);
        var shuffled = claims.AsEnumerable().Reverse().Where((_, i) => i % 2 == 0).Concat(claims.AsEnumerable().Reverse().Where((_, i) => i % 2 == 1)).ToList();
        Drawn(shuffled, Rules(25, seed: 7)).Should().Equal(Drawn(claims, Rules(25, seed: 7)));
        Drawn(claims, Rules(25, seed: 7)).Should().BeInAscendingOrder(StringComparer.Ordinal, "claims are walked in reference order");
    }

    /// <summary>
    /// The draw recorded for seed 42 at 25% of CLM-0001 … CLM-0020. A seeded <see cref="Random"/> gives the same sequence on every
    /// .NET version, so a sample recorded years ago can still be redrawn; this pins it.
    /// </summary>
    [Fact]
    public void Draw_RecordedSeed_RedrawsTheSameClaimsAsWhenItWasRecorded_R21() =>
        Drawn(Claims(20), Rules(25, seed: 42)).Should().Equal("CLM-0002", "CLM-0003", "CLM-0005", "CLM-0009", "CLM-0011", "CLM-0018");

    [Fact]
    public void Draw_AnotherSeed_DrawsAnotherSample_R21() =>
        Drawn(Claims(40), Rules(25, seed: 8)).Should().NotEqual(Drawn(Claims(40), Rules(25, seed: 7)));

    [Fact]
    public void Draw_PercentZero_WithNoTriggers_ChoosesNothing_R21() =>
        AssuranceSample.Draw(Claims(200), NoHistory, Rules(0)).Should().BeEmpty();

    [Fact]
    public void Draw_PercentOneHundred_ChoosesEveryClaim_AtRandom_R21()
    {
        var reasons = Reasons(Claims(50), Rules(100));
        reasons.Should().HaveCount(50);
        reasons.Values.Should().AllBe("random");
    }

    [Fact]
    public void Draw_AboutThePercentAtRandom_R21()
    {
        // 10% of 1,000 claims: the seeded draw takes close to 100.
        Drawn(Claims(1_000), Rules(10, seed: 1)).Should().HaveCountGreaterThan(70).And.HaveCountLessThan(130);
    }

    // ---- Draw: threshold and risk triggers ----

    [Fact]
    public void Draw_EveryClaimAtOrAboveTheThreshold_IsChosen_R21()
    {
        List<SampleCandidate> claims =
        [
            .. Claims(1, amount: 499.99m), .. Claims(1, from: 2, amount: 500), .. Claims(1, from: 3, amount: 500.01m), .. Claims(1, from: 4, amount: 5_100),
        ];
        Reasons(claims, Rules(0, threshold: 500)).Should().Equal(new Dictionary<string, string>
        {
            ["CLM-0002"] = "at or above £500.00",
            ["CLM-0003"] = "at or above £500.00",
            ["CLM-0004"] = "at or above £500.00",
        });
    }

    [Fact]
    public void Draw_ProviderWhoseVolumeExceedsTheFactorTimesItsAverage_HasEveryClaimChosen_R21()
    {
        // A: 5 claims against an average of 2 (5 > 2 × 2); B: 4 claims, exactly 2 × its average, is not triggered.
        List<SampleCandidate> claims = [.. Claims(5, ProviderA), .. Claims(4, ProviderB, from: 6)];
        var history = new Dictionary<ProviderId, ProviderClaimHistory> { [ProviderA] = new(2, 0, 0), [ProviderB] = new(2, 0, 0) };
        var reasons = Reasons(claims, Rules(0, volumeFactor: 2), history);
        reasons.Keys.Should().Equal("CLM-0001", "CLM-0002", "CLM-0003", "CLM-0004", "CLM-0005");
        reasons.Values.Should().AllBe("provider volume 5 above 2 × its average of 2");
    }

    [Fact]
    public void Draw_VolumeTrigger_NeedsAnAverageFromEarlierPeriods_R21()
    {
        // A new provider (no history) and one with an average of zero are not triggered by volume.
        List<SampleCandidate> claims = [.. Claims(5, ProviderA), .. Claims(5, ProviderB, from: 6)];
        var history = new Dictionary<ProviderId, ProviderClaimHistory> { [ProviderB] = new(0, 0, 0) };
        AssuranceSample.Draw(claims, history, Rules(0, volumeFactor: 1.5m)).Should().BeEmpty();
    }

    [Fact]
    public void Draw_VolumeReason_ShowsFractionalFactorsAndAverages_R21() =>
        Reasons(Claims(4), Rules(0, volumeFactor: 1.25m), new Dictionary<ProviderId, ProviderClaimHistory> { [ProviderA] = new(2.5m, 0, 0) })["CLM-0001"]
            .Should().Be("provider volume 4 above 1.25 × its average of 2.5");

    [Theory]
    [InlineData(3, 1, 30, "provider's past invalid rate 33.3%")]
    [InlineData(4, 1, 25, "provider's past invalid rate 25%")]  // exactly at the rate
    [InlineData(10, 10, 100, "provider's past invalid rate 100%")]
    [InlineData(5, 1, 25, null)]                                 // 20% is below 25%
    [InlineData(0, 0, 1, null)]                                  // nothing checked before
    public void Draw_ProviderWhosePastInvalidRateReachesTheTrigger_HasEveryClaimChosen_R21(int checkedBefore, int invalidBefore, decimal rate, string? reason)
    {
        var history = new Dictionary<ProviderId, ProviderClaimHistory> { [ProviderA] = new(10, checkedBefore, invalidBefore) };
        var reasons = Reasons([.. Claims(3, ProviderA), .. Claims(2, ProviderB, from: 4)], Rules(0, invalidRate: rate), history);
        if (reason is null)
        {
            reasons.Should().BeEmpty();
            return;
        }

        reasons.Keys.Should().Equal("CLM-0001", "CLM-0002", "CLM-0003");
        reasons.Values.Should().AllBe(reason);
    }

    [Fact]
    public void Draw_ClaimChosenForSeveralReasons_ListsThemAll_R21()
    {
        var history = new Dictionary<ProviderId, ProviderClaimHistory> { [ProviderA] = new(2, 4, 2) };
        Reasons(Claims(5, amount: 700), Rules(100, threshold: 500, volumeFactor: 1.5m, invalidRate: 10), history)["CLM-0003"]
            .Should().Be("random; at or above £500.00; provider volume 5 above 1.5 × its average of 2; provider's past invalid rate 50%");
    }

    [Fact]
    public void Draw_AddingATrigger_DoesNotChangeWhoIsDrawnAtRandom_R21()
    {
        List<SampleCandidate> claims = [.. Claims(30), .. Claims(30, ProviderB, from: 31, amount: 900)];
        var history = new Dictionary<ProviderId, ProviderClaimHistory> { [ProviderA] = new(5, 10, 5) };
        var plain = Drawn(claims, Rules(20, seed: 99));
        var withTriggers = Reasons(claims, Rules(20, seed: 99, threshold: 500, invalidRate: 40), history);
        withTriggers.Where(r => r.Value.StartsWith("random", StringComparison.Ordinal)).Select(r => r.Key).Should().Equal(plain);
        withTriggers.Should().HaveCount(60, "every claim of A is triggered by its invalid rate and every claim of B is above the threshold");
    }

    // ---- Spot checks ----

    private static SpotCheck Chosen() => SpotCheck.Chosen(AssuranceSampleId.New(), OutcomeClaimId.New(), "random; at or above £500.00");

    [Fact]
    public void SpotCheck_Chosen_IsPendingWithItsReasons_R21()
    {
        var check = Chosen();
        check.Finding.Should().Be(SpotCheckFinding.Pending);
        check.Reasons.Should().Be("random; at or above £500.00");
        check.Version.Should().Be(0);
        check.CheckedBy.Should().BeNull();
    }

    [Theory]
    [InlineData(SpotCheckFinding.Valid, null, null)]
    [InlineData(SpotCheckFinding.Valid, "  Records match ", "Records match")]
    [InlineData(SpotCheckFinding.Invalid, " No school record for the period ", "No school record for the period")]
    public void SpotCheck_Record_ValidOrInvalidWithAReason_IsRecordedOnce_R21(SpotCheckFinding finding, string? note, string? expectedNote)
    {
        var check = Chosen();
        check.Record(finding, note, " audit.jones ", Now).Should().BeNull();
        check.Finding.Should().Be(finding);
        check.Note.Should().Be(expectedNote);
        check.CheckedBy.Should().Be("audit.jones");
        check.CheckedAt.Should().Be(Now);
        check.Version.Should().Be(1);

        var again = check.Record(SpotCheckFinding.Valid, "second look", "audit.smith", Now)!;
        again.Code.Should().Be(BudgetErrorCode.ClaimNotInState);
        again.Message.Should().Be($"This claim's spot check already found it {finding}.");
        check.CheckedBy.Should().Be("audit.jones");
    }

    [Theory]
    [InlineData(SpotCheckFinding.Pending, "note", "audit.jones")]
    [InlineData((SpotCheckFinding)5, "note", "audit.jones")]
    [InlineData(SpotCheckFinding.Invalid, null, "audit.jones")] // an invalid finding says why
    [InlineData(SpotCheckFinding.Invalid, "  ", "audit.jones")]
    [InlineData(SpotCheckFinding.Valid, "note", " ")]
    [InlineData(SpotCheckFinding.Valid, "note", "")]
    public void SpotCheck_Record_WithoutAFindingWhoOrWhy_IsRefused_R21(SpotCheckFinding finding, string? note, string by)
    {
        var check = Chosen();
        var error = check.Record(finding, note, by, Now)!;
        error.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        error.Message.Should().Be("A finding is valid or invalid, says who checked, and an invalid finding says why.");
        check.Finding.Should().Be(SpotCheckFinding.Pending);
        check.Version.Should().Be(0);
    }

    [Theory]
    [InlineData(500, 100, null)]
    [InlineData(501, 100, BudgetErrorCode.InvalidRequest)]
    [InlineData(10, 101, BudgetErrorCode.InvalidRequest)]
    public void SpotCheck_Record_NoteUpToFiveHundred_CheckerUpToOneHundredCharacters_R21(int noteLength, int byLength, BudgetErrorCode? code)
    {
        var error = Chosen().Record(SpotCheckFinding.Invalid, new string('n', noteLength), new string('b', byLength), Now);
        (error?.Code).Should().Be(code);
    }

    // ---- Extrapolation ----

    [Fact]
    public void Extrapolate_TheSampledErrorRate_ToTheProvidersOtherClaims_R21()
    {
        // £700 of £2,800 checked was invalid: a rate of 25%.
        var result = Extrapolation.Compute(
            [(Pounds(700), SpotCheckFinding.Invalid), (Pounds(700), SpotCheckFinding.Valid), (Pounds(1_400), SpotCheckFinding.Valid)],
            [("CLM-0009", Pounds(1_000)), ("CLM-0002", Pounds(333.33m)), ("CLM-0005", Pounds(0.01m))]);
        result.Checked.Pence.Should().Be(280_000);
        result.Invalid.Pence.Should().Be(70_000);
        result.Rate.Should().Be(0.25m);
        result.Lines.Should().Equal(
            new RecoveryLine("CLM-0002", Pence(33_333), Pence(8_333)),  // 8,333.25p
            new RecoveryLine("CLM-0005", Pence(1), Pence(0)),           // 0.25p
            new RecoveryLine("CLM-0009", Pence(100_000), Pence(25_000)));
        result.Total.Pence.Should().Be(33_333);
    }

    [Theory]
    [InlineData(200, 100, 1, 1)]   // 0.5p: half away from zero, not to even
    [InlineData(200, 100, 3, 2)]   // 1.5p
    [InlineData(200, 100, 5, 3)]   // 2.5p: to even would give 2p
    [InlineData(400, 100, 2, 1)]   // 0.5p at 25%
    [InlineData(400, 100, 10, 3)]  // 2.5p at 25%
    [InlineData(400, 100, 9, 2)]   // 2.25p rounds down
    [InlineData(400, 100, 11, 3)]  // 2.75p rounds up
    [InlineData(800, 100, 4, 1)]   // 0.5p at 12.5%
    public void Extrapolate_RecoveryIsRoundedToThePenny_HalfAwayFromZero_R21(long checkedPence, long invalidPence, long amountPence, long recoveryPence)
    {
        var result = Extrapolation.Compute(
            [(Pence(invalidPence), SpotCheckFinding.Invalid), (Pence(checkedPence - invalidPence), SpotCheckFinding.Valid)], [("CLM-0001", Pence(amountPence))]);
        result.Lines.Single().Recovery.Pence.Should().Be(recoveryPence);
    }

    [Fact]
    public void Extrapolate_ExactHalfPennyFromARepeatingRate_RoundsAwayFromZero_R21()
    {
        var result = Extrapolation.Compute([(Pounds(100), SpotCheckFinding.Invalid), (Pounds(1_300), SpotCheckFinding.Valid)], [("CLM-0001", Pounds(7.07m))]);
        result.Lines.Single().Recovery.Pence.Should().Be(51);
    }

    [Fact]
    public void Extrapolate_PendingChecks_AreIgnored_R21()
    {
        var result = Extrapolation.Compute(
            [(Pounds(700), SpotCheckFinding.Invalid), (Pounds(700), SpotCheckFinding.Valid), (Pounds(5_000), SpotCheckFinding.Pending)],
            [("CLM-0001", Pounds(800))]);
        result.Checked.Pence.Should().Be(140_000);
        result.Invalid.Pence.Should().Be(70_000);
        result.Rate.Should().Be(0.5m);
        result.Lines.Single().Recovery.Pence.Should().Be(40_000);
        result.Total.Pence.Should().Be(40_000);
    }

    public static TheoryData<string, (Money, SpotCheckFinding)[]> NothingChecked => new()
    {
        { "no claims checked", [] },
        { "every check still pending", [(Pounds(700), SpotCheckFinding.Pending), (Pounds(1_300), SpotCheckFinding.Pending)] },
    };

    [Theory]
    [MemberData(nameof(NothingChecked))]
    public void Extrapolate_WithNoCheckedValue_HasRateZero_AndRecoversNothing_R21(string why, (Money, SpotCheckFinding)[] checkedClaims)
    {
        var result = Extrapolation.Compute(checkedClaims, [("CLM-0002", Pounds(800)), ("CLM-0001", Pounds(700))]);
        result.Checked.Should().Be(Money.Zero, why);
        result.Invalid.Should().Be(Money.Zero);
        result.Rate.Should().Be(0m);
        result.Lines.Should().Equal(new RecoveryLine("CLM-0001", Pounds(700), Money.Zero), new RecoveryLine("CLM-0002", Pounds(800), Money.Zero));
        result.Total.Should().Be(Money.Zero);
    }

    [Fact]
    public void Extrapolate_AllCheckedClaimsValid_RecoversNothing_AllInvalid_RecoversEverything_R21()
    {
        var none = Extrapolation.Compute([(Pounds(700), SpotCheckFinding.Valid)], [("CLM-0001", Pounds(800))]);
        none.Rate.Should().Be(0m);
        none.Total.Should().Be(Money.Zero);

        var all = Extrapolation.Compute([(Pounds(700), SpotCheckFinding.Invalid)], [("CLM-0001", Pounds(800)), ("CLM-0002", Pounds(123.45m))]);
        all.Rate.Should().Be(1m);
        all.Total.Pence.Should().Be(92_345);
    }

    [Fact]
    public void Extrapolate_WithNoOtherClaims_HasNoLines_R21()
    {
        var result = Extrapolation.Compute([(Pounds(700), SpotCheckFinding.Invalid)], []);
        result.Rate.Should().Be(1m);
        result.Lines.Should().BeEmpty();
        result.Total.Should().Be(Money.Zero);
    }
}
