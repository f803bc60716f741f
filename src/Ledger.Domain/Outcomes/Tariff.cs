using System.Globalization;
using Ledger.Domain.Budgets;

namespace Ledger.Domain.Outcomes;

/// <summary>What is being paid for.</summary>
public enum PaymentKind
{
    /// <summary>The fee on enrolment.</summary>
    Attachment,

    /// <summary>An outcome achieved.</summary>
    Outcome,

    /// <summary>A further payment while an outcome lasts.</summary>
    Sustainment,
}

/// <summary>What has already been paid, which the caps and stacking rules look at (R17, R20).</summary>
/// <param name="ForParticipant">Paid for this person (or family) under the contract, attachment included.</param>
/// <param name="OutcomesPaid">Outcome codes already paid for this person.</param>
/// <param name="SustainmentsPaid">Sustainment payments already made for this person, per outcome code.</param>
/// <param name="UnderContract">Paid under the whole contract.</param>
/// <param name="ByPayer">Paid by each payer stream under the contract.</param>
public sealed record PaymentHistory(Money ForParticipant, IReadOnlySet<string> OutcomesPaid, IReadOnlyDictionary<string, int> SustainmentsPaid,
    Money UnderContract, IReadOnlyDictionary<string, Money> ByPayer)
{
    /// <summary>Nothing paid yet.</summary>
    public static PaymentHistory None { get; } = new(Money.Zero, new HashSet<string>(), new Dictionary<string, int>(), Money.Zero, new Dictionary<string, Money>());
}

/// <summary>
/// How one payment was computed, line by line, so every figure is explainable (R15–R19): the base
/// tariff, the difficulty weight, the cap that applied, and each payer's share.
/// </summary>
/// <param name="Base">The card's tariff.</param>
/// <param name="Weight">The difficulty multiplier.</param>
/// <param name="Weighted">Base × weight, rounded to the penny (half away from zero).</param>
/// <param name="Payable">What is paid after caps; may be less than <paramref name="Weighted"/>.</param>
/// <param name="Shares">Each payer's part, exact to the penny; they add up to <paramref name="Payable"/>.</param>
/// <param name="Working">The computation in words, one line per step.</param>
public sealed record TariffQuote(Money Base, decimal Weight, Money Weighted, Money Payable, IReadOnlyList<(string Stream, Money Amount)> Shares,
    IReadOnlyList<string> Working);

/// <summary>Prices payments on a rate card (R15–R19). Pure: the same card, factors and history give the same quote.</summary>
public static class Tariff
{
    /// <summary>
    /// Prices one payment. Refused when the outcome is not on the card, already paid and "first only",
    /// excluded by another outcome of its group, past its sustainment count, or when a cap leaves nothing.
    /// </summary>
    public static Result<TariffQuote> Quote(RateCard card, PaymentKind kind, string? outcome, DifficultyFactors factors, PaymentHistory history)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(history);
        var working = new List<string>();
        Money price;
        switch (kind)
        {
            case PaymentKind.Attachment:
                price = card.AttachmentFee;
                working.Add($"Attachment fee on card {card.Code} v{card.Version}: {price}");
                break;
            case PaymentKind.Outcome:
                if (card.Outcomes.SingleOrDefault(o => o.Outcome == outcome) is not { } tariff)
                {
                    return Result<TariffQuote>.Fail(BudgetErrorCode.OutcomeNotOnCard, $"Outcome {outcome} is not priced on card {card.Code} v{card.Version}.");
                }

                if (tariff.FirstOnly && history.OutcomesPaid.Contains(tariff.Outcome))
                {
                    return Result<TariffQuote>.Fail(BudgetErrorCode.OutcomeAlreadyPaid, $"Outcome {tariff.Outcome} has already been paid for this person (first only, R17).");
                }

                if (card.Stacking == StackingRule.Exclusive && tariff.Group is { } group
                    && card.Outcomes.FirstOrDefault(o => o.Group == group && o.Outcome != tariff.Outcome && history.OutcomesPaid.Contains(o.Outcome)) is { } other)
                {
                    return Result<TariffQuote>.Fail(BudgetErrorCode.ExcludedCombination,
                        $"Outcome {tariff.Outcome} excludes {other.Outcome}, already paid for this person (exclusive group {group}, R17).");
                }

                price = tariff.Amount;
                working.Add($"Outcome {tariff.Outcome} on card {card.Code} v{card.Version}: {price}");
                break;
            case PaymentKind.Sustainment:
                if (card.Sustainments.SingleOrDefault(s => s.Outcome == outcome) is not { } sustain)
                {
                    return Result<TariffQuote>.Fail(BudgetErrorCode.OutcomeNotOnCard, $"Outcome {outcome} has no sustainment payment on card {card.Code} v{card.Version}.");
                }

                var made = history.SustainmentsPaid.GetValueOrDefault(sustain.Outcome);
                if (made >= sustain.MaxTimes)
                {
                    return Result<TariffQuote>.Fail(BudgetErrorCode.OutcomeAlreadyPaid, $"Sustainment of {sustain.Outcome} has been paid {made} of {sustain.MaxTimes} times.");
                }

                price = sustain.Amount;
                working.Add($"Sustainment {made + 1} of {sustain.MaxTimes} for {sustain.Outcome} (every {sustain.EveryWeeks} weeks): {price}");
                break;
            default:
                return Result<TariffQuote>.Fail(BudgetErrorCode.InvalidRequest, "Unknown payment kind.");
        }

        // The attachment fee is a flat fee; outcomes and sustainments are weighted by difficulty (R16).
        var weight = kind == PaymentKind.Attachment ? 1m : card.Weights.For(factors);
        var weighted = Money.FromPence((long)decimal.Round(price.Pence * weight, MidpointRounding.AwayFromZero));
        working.Add(weight == 1m
            ? "Difficulty weight 1 (no factors weighted)"
            : $"Difficulty weight {weight.ToString("0.####", CultureInfo.InvariantCulture)} from the factors at enrolment: {price} × {weight.ToString("0.####", CultureInfo.InvariantCulture)} = {weighted}");

        var payable = weighted;
        payable = Cap(payable, card.CapPerParticipant, history.ForParticipant, "per-participant", working);
        payable = Cap(payable, card.CapPerContract, history.UnderContract, "contract", working);
        if (!payable.IsPositive)
        {
            return Result<TariffQuote>.Fail(BudgetErrorCode.OverCap, $"Nothing is payable: the caps have been reached (R17). {string.Join(" ", working)}");
        }

        // Each payer's share (R19), then its own cap; a capped payer's shortfall is not moved to the others.
        var basisPoints = card.CoPayers.Select(c => (long)(c.Percent * 100)).ToArray();
        var parts = payable.Allocate(basisPoints);
        var shares = new List<(string, Money)>();
        for (var i = 0; i < card.CoPayers.Count; i++)
        {
            var payer = card.CoPayers[i];
            var share = Cap(parts[i], payer.Cap, history.ByPayer.GetValueOrDefault(payer.Stream), $"{payer.Stream} payer", working);
            working.Add($"{payer.Stream} pays {payer.Percent.ToString("0.##", CultureInfo.InvariantCulture)}%: {share}");
            shares.Add((payer.Stream, share));
        }

        payable = shares.Aggregate(Money.Zero, (sum, s) => sum + s.Item2);
        if (!payable.IsPositive)
        {
            return Result<TariffQuote>.Fail(BudgetErrorCode.OverCap, $"Nothing is payable: every payer's cap has been reached (R17). {string.Join(" ", working)}");
        }

        return new TariffQuote(price, weight, weighted, payable, shares.Where(s => s.Item2.IsPositive).ToList(), working);
    }

    // A payment that would cross a cap pays the remainder up to it (R17; example 6).
    private static Money Cap(Money amount, Money? cap, Money alreadyPaid, string name, List<string> working)
    {
        if (cap is not { } limit)
        {
            return amount;
        }

        var room = Money.Max(limit - alreadyPaid, Money.Zero);
        if (amount <= room)
        {
            return amount;
        }

        working.Add($"The {name} cap of {limit} with {alreadyPaid} already paid leaves {room}: {amount} is cut to {room}");
        return room;
    }
}
