namespace Ledger.Domain.Budgets;

/// <summary>A stream that could pay part of an amount: how much it has available and its weight.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="Available">What it can still give.</param>
/// <param name="Weight">Its share weight (e.g. its contributions to the pool, in pence).</param>
/// <param name="Restricted">True when the stream is restricted (used by <see cref="SplitPolicy.RestrictedFirst"/>).</param>
public sealed record StreamCandidate(FundingStreamId Stream, Money Available, long Weight, bool Restricted = false);

/// <summary>
/// Splits an amount across funding streams exactly to the penny (R10, R5): pro rata to weight, or
/// restricted streams first; a stream never gives more than it has available — its excess share
/// flows to the streams that still have room, again pro rata. Pure: the same inputs give the same split.
/// </summary>
public static class StreamSplitter
{
    /// <summary>
    /// Splits <paramref name="amount"/>; refuses with <see cref="BudgetErrorCode.InsufficientPoolFunds"/>
    /// when the candidates together hold less than the amount. Zero shares are left out.
    /// </summary>
    public static Result<IReadOnlyList<(FundingStreamId Stream, Money Amount)>> Split(Money amount, IReadOnlyList<StreamCandidate> candidates, SplitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (!amount.IsPositive)
        {
            return Result<IReadOnlyList<(FundingStreamId, Money)>>.Fail(BudgetErrorCode.InvalidAmount, "The amount to split must be above zero.");
        }

        var total = candidates.Aggregate(Money.Zero, (sum, c) => sum + Money.Max(c.Available, Money.Zero));
        if (total < amount)
        {
            return Result<IReadOnlyList<(FundingStreamId, Money)>>.Fail(BudgetErrorCode.InsufficientPoolFunds,
                $"The streams allowed hold {total} available; {amount} was asked for.");
        }

        var shares = candidates.ToDictionary(c => c.Stream, _ => Money.Zero);
        var tiers = policy == SplitPolicy.RestrictedFirst
            ? new[] { candidates.Where(c => c.Restricted).ToList(), candidates.Where(c => !c.Restricted).ToList() }
            : new[] { candidates.ToList() };
        var remaining = amount;
        foreach (var tier in tiers)
        {
            remaining = Fill(remaining, tier, shares);
        }

        return candidates.Where(c => shares[c.Stream].IsPositive).Select(c => (c.Stream, shares[c.Stream])).ToList();
    }

    // Water-filling: share pro rata among streams with room; cap each at its room; repeat with the rest.
    private static Money Fill(Money remaining, List<StreamCandidate> tier, Dictionary<FundingStreamId, Money> shares)
    {
        var open = tier.Where(c => c.Available.IsPositive).ToList();
        while (remaining.IsPositive && open.Count > 0)
        {
            var weights = open.Select(c => Math.Max(c.Weight, 0)).ToArray();
            if (weights.All(w => w == 0))
            {
                weights = open.Select(c => c.Available.Pence).ToArray();
            }

            var parts = remaining.Allocate(weights);
            var next = new List<StreamCandidate>();
            for (var i = 0; i < open.Count; i++)
            {
                var room = open[i].Available - shares[open[i].Stream];
                var take = Money.Min(parts[i], room);
                shares[open[i].Stream] += take;
                remaining -= take;
                if (take < room)
                {
                    next.Add(open[i]);
                }
            }

            if (next.Count == open.Count && remaining.IsPositive && parts.All(p => p.IsZero))
            {
                break;
            }

            open = next;
        }

        return remaining;
    }
}
