using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Application.Outcomes;

/// <summary>
/// Rate cards as JSON (layout in docs/rate-cards.md): amounts are strings of pounds with at most two
/// decimals ("3200.00"), so no amount passes through a binary floating-point number; dates are ISO
/// (yyyy-MM-dd). Reading checks the card fully (R15–R19) and names the first problem found.
/// </summary>
public static class RateCardJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads and checks one card.</summary>
    public static Result<RateCard> Read(string json)
    {
        CardDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<CardDto>(json, Options);
        }
        catch (JsonException e)
        {
            return Result<RateCard>.Fail(BudgetErrorCode.InvalidRateCard, $"The rate card is not valid JSON for the layout: {e.Message}");
        }

        if (dto is null)
        {
            return Result<RateCard>.Fail(BudgetErrorCode.InvalidRateCard, "The rate card is empty.");
        }

        try
        {
            var card = new RateCard(Required(dto.Code, "code"), dto.Version, Required(dto.Contract, "contract"), dto.Cohort, Date(dto.EffectiveFrom, "effectiveFrom"),
                dto.EffectiveTo is null ? null : Date(dto.EffectiveTo, "effectiveTo"), Pounds(dto.AttachmentFee ?? "0", "attachmentFee"),
                Pounds(dto.DeliveryFeeMonthly ?? "0", "deliveryFeeMonthly"),
                (dto.Outcomes ?? []).Select(o => new OutcomeTariff(Required(o.Outcome, "outcomes[].outcome"), Pounds(o.Amount, "outcomes[].amount"), o.FirstOnly ?? true, o.Group)).ToList(),
                (dto.Sustainments ?? []).Select(s => new SustainmentTariff(Required(s.Outcome, "sustainments[].outcome"), Pounds(s.Amount, "sustainments[].amount"), s.EveryWeeks, s.MaxTimes)).ToList(),
                dto.Weights is { } w ? new DifficultyWeights(w.PerYearInCare, w.PerRiskFactor, w.PerDisabilityLevel, w.PerExclusion, w.Maximum) : DifficultyWeights.None,
                dto.Caps?.PerParticipant is { } pp ? Pounds(pp, "caps.perParticipant") : null,
                dto.Caps?.PerContract is { } pc ? Pounds(pc, "caps.perContract") : null,
                dto.Stacking?.ToUpperInvariant() switch
                {
                    "EXCLUSIVE" => StackingRule.Exclusive,
                    "CAPPED" => StackingRule.Capped,
                    _ => throw new FormatException("stacking must be \"exclusive\" or \"capped\""),
                },
                dto.ClaimWindow is { } cw ? new ClaimWindow(cw.EarliestWorkingDays, cw.DeadlineDays, Date(cw.CutOff, "claimWindow.cutOff")) : throw new FormatException("claimWindow is required"),
                (dto.CoPayers ?? []).Select(c => new CoPayerShare(Required(c.Stream, "coPayers[].stream"), c.Percent, c.Cap is null ? null : Pounds(c.Cap, "coPayers[].cap"))).ToList());
            return card.Check() is { } problem ? Result<RateCard>.Fail(problem) : card;
        }
        catch (FormatException e)
        {
            return Result<RateCard>.Fail(BudgetErrorCode.InvalidRateCard, $"Rate card {dto.Code}: {e.Message}.");
        }
    }

    /// <summary>Writes a card in the documented layout; reading it back gives the same card.</summary>
    public static string Write(RateCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var dto = new CardDto
        {
            Code = card.Code, Version = card.Version, Contract = card.Contract, Cohort = card.Cohort, EffectiveFrom = Iso(card.EffectiveFrom),
            EffectiveTo = card.EffectiveTo is { } to ? Iso(to) : null, AttachmentFee = card.AttachmentFee.ToDecimalString(),
            DeliveryFeeMonthly = card.DeliveryFeeMonthly.ToDecimalString(),
            Outcomes = card.Outcomes.Select(o => new OutcomeDto { Outcome = o.Outcome, Amount = o.Amount.ToDecimalString(), FirstOnly = o.FirstOnly, Group = o.Group }).ToList(),
            Sustainments = card.Sustainments.Select(s => new SustainmentDto { Outcome = s.Outcome, Amount = s.Amount.ToDecimalString(), EveryWeeks = s.EveryWeeks, MaxTimes = s.MaxTimes }).ToList(),
            Weights = new WeightsDto
            {
                PerYearInCare = card.Weights.PerYearInCare, PerRiskFactor = card.Weights.PerRiskFactor, PerDisabilityLevel = card.Weights.PerDisabilityLevel,
                PerExclusion = card.Weights.PerExclusion, Maximum = card.Weights.Maximum,
            },
            Caps = new CapsDto { PerParticipant = card.CapPerParticipant?.ToDecimalString(), PerContract = card.CapPerContract?.ToDecimalString() },
            Stacking = card.Stacking == StackingRule.Exclusive ? "exclusive" : "capped",
            ClaimWindow = new WindowDto { EarliestWorkingDays = card.Window.EarliestWorkingDays, DeadlineDays = card.Window.DeadlineDays, CutOff = Iso(card.Window.CutOff) },
            CoPayers = card.CoPayers.Select(c => new CoPayerDto { Stream = c.Stream, Percent = c.Percent, Cap = c.Cap?.ToDecimalString() }).ToList(),
        };
        return JsonSerializer.Serialize(dto, Options);
    }

    /// <summary>The rate cards shipped with Ledger (the demo programmes and real-world shaped cards), by file name.</summary>
    public static IReadOnlyDictionary<string, string> Shipped()
    {
        var assembly = typeof(RateCardJson).Assembly;
        const string prefix = "Ledger.Application.Outcomes.RateCards.";
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .ToDictionary(n => n[prefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            });
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new FormatException($"{field} is required") : value;

    private static LocalDate Date(string? text, string field) =>
        LocalDatePattern.Iso.Parse(text ?? string.Empty) is { Success: true } parsed ? parsed.Value : throw new FormatException($"{field} must be a date yyyy-MM-dd");

    private static Money Pounds(string? text, string field) =>
        Money.TryParse(text, out var money) ? money : throw new FormatException($"{field} must be an amount in pounds as a string, e.g. \"700.00\"");

    private sealed class CardDto
    {
        public string? Code { get; set; }
        public int Version { get; set; }
        public string? Contract { get; set; }
        public int Cohort { get; set; }
        public string? EffectiveFrom { get; set; }
        public string? EffectiveTo { get; set; }
        public string? AttachmentFee { get; set; }
        public string? DeliveryFeeMonthly { get; set; }
        public List<OutcomeDto>? Outcomes { get; set; }
        public List<SustainmentDto>? Sustainments { get; set; }
        public WeightsDto? Weights { get; set; }
        public CapsDto? Caps { get; set; }
        public string? Stacking { get; set; }
        public WindowDto? ClaimWindow { get; set; }
        public List<CoPayerDto>? CoPayers { get; set; }
    }

    private sealed class OutcomeDto
    {
        public string? Outcome { get; set; }
        public string? Amount { get; set; }
        public bool? FirstOnly { get; set; }
        public string? Group { get; set; }
    }

    private sealed class SustainmentDto
    {
        public string? Outcome { get; set; }
        public string? Amount { get; set; }
        public int EveryWeeks { get; set; }
        public int MaxTimes { get; set; }
    }

    private sealed class WeightsDto
    {
        public decimal PerYearInCare { get; set; }
        public decimal PerRiskFactor { get; set; }
        public decimal PerDisabilityLevel { get; set; }
        public decimal PerExclusion { get; set; }
        public decimal Maximum { get; set; } = 1;
    }

    private sealed class CapsDto
    {
        public string? PerParticipant { get; set; }
        public string? PerContract { get; set; }
    }

    private sealed class WindowDto
    {
        public int EarliestWorkingDays { get; set; }
        public int DeadlineDays { get; set; }
        public string? CutOff { get; set; }
    }

    private sealed class CoPayerDto
    {
        public string? Stream { get; set; }
        public decimal Percent { get; set; }
        public string? Cap { get; set; }
    }
}
