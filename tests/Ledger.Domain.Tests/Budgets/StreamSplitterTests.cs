using CsCheck;
using Ledger.Domain.Budgets;

namespace Ledger.Domain.Tests.Budgets;

/// <summary>
/// Splitting an allocation (R5) or a purchase (R10) across funding streams: exact to the penny, pro
/// rata or restricted-first, never taking more from a stream than it has.
/// </summary>
public sealed class StreamSplitterTests
{
    private static readonly FundingStreamId Council = FundingStreamId.New();
    private static readonly FundingStreamId Health = FundingStreamId.New();
    private static readonly FundingStreamId Schools = FundingStreamId.New();

    private static Money Pounds(decimal pounds) => Money.FromPounds(pounds);

    private static StreamCandidate Candidate(FundingStreamId stream, decimal available, decimal contributed, bool restricted = false) =>
        new(stream, Pounds(available), Pounds(contributed).Pence, restricted);

    private static Dictionary<FundingStreamId, Money> SplitOk(Money amount, SplitPolicy policy, params StreamCandidate[] candidates)
    {
        var result = StreamSplitter.Split(amount, candidates, policy);
        result.Succeeded.Should().BeTrue(result.Error?.Message);
        return result.Value!.ToDictionary(p => p.Stream, p => p.Amount);
    }

    [Fact]
    public void Split_ProRata_FollowsContributionsExactlyToThePenny_R5()
    {
        // Contributions 3 : 2 : 1; £1,000 has no exact thirds: the spare penny goes to the largest remainder.
        var split = SplitOk(Pounds(1_000), SplitPolicy.ProRata,
            Candidate(Council, 30_000, 30_000), Candidate(Health, 20_000, 20_000), Candidate(Schools, 10_000, 10_000));

        split[Council].Should().Be(Pounds(500.00m));
        split[Health].Should().Be(Pounds(333.33m));
        split[Schools].Should().Be(Pounds(166.67m));
        split.Values.Aggregate(Money.Zero, Money.Add).Should().Be(Pounds(1_000));
    }

    [Fact]
    public void Split_ProRata_WeighsByContributionsNotByWhatIsLeft_R3()
    {
        // Council gave £6,000 and has £1,000 left; health gave £2,000 and has all of it: still 3 : 1.
        var split = SplitOk(Pounds(400), SplitPolicy.ProRata, Candidate(Council, 1_000, 6_000), Candidate(Health, 2_000, 2_000));

        split[Council].Should().Be(Pounds(300));
        split[Health].Should().Be(Pounds(100));
    }

    [Fact]
    public void Split_RestrictedFirst_DrawsOnTheRestrictedStreamBeforeTheOthers_Example1()
    {
        var candidates = new[] { Candidate(Council, 2_000, 2_000), Candidate(Health, 500, 500, restricted: true) };

        var small = SplitOk(Pounds(300), SplitPolicy.RestrictedFirst, candidates);
        small.Should().HaveCount(1, "a share of zero is left out");
        small[Health].Should().Be(Pounds(300));

        var large = SplitOk(Pounds(800), SplitPolicy.RestrictedFirst, candidates);
        large[Health].Should().Be(Pounds(500), "the restricted stream is used up first");
        large[Council].Should().Be(Pounds(300), "only the rest falls to the unrestricted stream");
    }

    [Fact]
    public void Split_AStreamNeverGivesMoreThanItHas_ItsExcessFlowsToTheOthersProRata()
    {
        // Equal weights would ask £200 of each; schools has only £50, so its £150 goes to the other two, 1 : 1.
        var split = SplitOk(Pounds(600), SplitPolicy.ProRata,
            Candidate(Council, 1_000, 1_000), Candidate(Health, 1_000, 1_000), Candidate(Schools, 50, 1_000));

        split[Schools].Should().Be(Pounds(50));
        split[Council].Should().Be(Pounds(275));
        split[Health].Should().Be(Pounds(275));
    }

    [Fact]
    public void Split_StreamsWithNothingAvailableOrNoWeight_AreHandled()
    {
        // A stream with nothing left gets nothing; when every open stream has zero weight they share by what they have.
        var split = SplitOk(Pounds(90), SplitPolicy.ProRata,
            Candidate(Council, 0, 5_000), Candidate(Health, 100, 0), Candidate(Schools, 200, 0));

        split.Should().NotContainKey(Council);
        split[Health].Should().Be(Pounds(30));
        split[Schools].Should().Be(Pounds(60));
    }

    [Fact]
    public void Split_WhenTheStreamsTogetherHoldLessThanTheAmount_IsRefusedWithInsufficientPoolFunds()
    {
        var result = StreamSplitter.Split(Pounds(300.01m), [Candidate(Council, 200, 200), Candidate(Health, 100, 100), Candidate(Schools, -50, 50)],
            SplitPolicy.ProRata);

        result.Succeeded.Should().BeFalse();
        result.Error!.Code.Should().Be(BudgetErrorCode.InsufficientPoolFunds);
        result.Error.Message.Should().Contain("£300.00").And.Contain("£300.01");
    }

    [Fact]
    public void Split_ExactlyEverythingAvailable_TakesEveryStreamToZero()
    {
        var split = SplitOk(Pounds(300), SplitPolicy.RestrictedFirst, Candidate(Council, 200, 1), Candidate(Health, 100, 1_000, restricted: true));

        split[Council].Should().Be(Pounds(200));
        split[Health].Should().Be(Pounds(100));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Split_ANonPositiveAmount_IsRefusedWithInvalidAmount(long pence)
    {
        StreamSplitter.Split(Money.FromPence(pence), [Candidate(Council, 100, 100)], SplitPolicy.ProRata).Error!.Code
            .Should().Be(BudgetErrorCode.InvalidAmount);
    }

    [Fact]
    public void Split_NoCandidates_IsRefusedWithInsufficientPoolFunds()
    {
        StreamSplitter.Split(Pounds(1), [], SplitPolicy.ProRata).Error!.Code.Should().Be(BudgetErrorCode.InsufficientPoolFunds);
    }

    [Fact]
    public void Split_IsPure_TheSameInputsGiveTheSameSplit()
    {
        var candidates = new[] { Candidate(Council, 77.77m, 3), Candidate(Health, 55.55m, 7), Candidate(Schools, 11.11m, 11, restricted: true) };

        var first = StreamSplitter.Split(Pounds(99.99m), candidates, SplitPolicy.ProRata).Value!;
        var second = StreamSplitter.Split(Pounds(99.99m), candidates, SplitPolicy.ProRata).Value!;

        second.Should().Equal(first);
    }

    // ---- Properties ----

    private sealed record Case(StreamCandidate[] Candidates, long Amount, SplitPolicy Policy);

    private static readonly Gen<StreamCandidate[]> GenCandidates =
        Gen.Select(Gen.Long[-1_000, 2_000_000], Gen.OneOf(Gen.Long[0, 10], Gen.Long[0, 5_000_000]), Gen.Bool)
            .Array[1, 7]
            .Select(parts => parts.Select(p => new StreamCandidate(FundingStreamId.New(), Money.FromPence(p.Item1), p.Item2, p.Item3)).ToArray());

    private static readonly Gen<Case> GenCase =
        Gen.Select(GenCandidates, Gen.Double[0, 1.2], Gen.Enum<SplitPolicy>())
            .Select(t =>
            {
                var total = t.Item1.Sum(c => Math.Max(c.Available.Pence, 0));
                return new Case(t.Item1, Math.Max(1, (long)(total * t.Item2)), t.Item3);
            });

    [Fact]
    public void Split_Property_PartsSumToTheAmount_EachWithinWhatItsStreamHas()
    {
        GenCase.Sample(c =>
        {
            var total = c.Candidates.Sum(x => Math.Max(x.Available.Pence, 0));
            var result = StreamSplitter.Split(Money.FromPence(c.Amount), c.Candidates, c.Policy);
            if (total < c.Amount)
            {
                result.Error!.Code.Should().Be(BudgetErrorCode.InsufficientPoolFunds);
                return;
            }

            result.Succeeded.Should().BeTrue();
            var parts = result.Value!;
            parts.Sum(p => p.Amount.Pence).Should().Be(c.Amount);
            parts.Select(p => p.Stream).Should().OnlyHaveUniqueItems();
            var byId = c.Candidates.ToDictionary(x => x.Stream);
            foreach (var (stream, amount) in parts)
            {
                amount.IsPositive.Should().BeTrue();
                amount.Should().BeLessThanOrEqualTo(byId[stream].Available);
            }

            if (c.Policy == SplitPolicy.RestrictedFirst && parts.Any(p => !byId[p.Stream].Restricted))
            {
                // Unrestricted money is touched only once every restricted stream is used up.
                var taken = parts.ToDictionary(p => p.Stream, p => p.Amount);
                foreach (var restricted in c.Candidates.Where(x => x.Restricted && x.Available.IsPositive))
                {
                    taken.GetValueOrDefault(restricted.Stream).Should().Be(restricted.Available);
                }
            }
        }, iter: 2_000);
    }

    [Fact]
    public void Split_Property_WhenNoStreamIsShortProRataIsWithinAPennyOfTheExactShare()
    {
        Gen.Select(Gen.Long[1, 1_000_000].Array[1, 6], Gen.Long[1, 10_000_000]).Sample((weights, amount) =>
        {
            var candidates = weights.Select(w => new StreamCandidate(FundingStreamId.New(), Money.FromPence(amount), w)).ToArray();
            var parts = StreamSplitter.Split(Money.FromPence(amount), candidates, SplitPolicy.ProRata).Value!.ToDictionary(p => p.Stream, p => p.Amount.Pence);
            var sum = (decimal)weights.Sum();
            foreach (var candidate in candidates)
            {
                var exact = amount * candidate.Weight / sum;
                ((decimal)parts.GetValueOrDefault(candidate.Stream) - exact).Should().BeInRange(-1m, 1m);
            }
        }, iter: 1_000);
    }
}
