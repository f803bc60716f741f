using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Ledger.Domain;
using Ledger.Domain.Outcomes;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Application.Outcomes.Indigo;

/// <summary>
/// Writes outcome prices and outcome payments in the shape of the GO Lab INDIGO impact bond data
/// standard's project model (<c>schema/project.json</c> of INDIGO-Initiative/indigo-data-standard):
/// its <c>outcome_metrics</c>, <c>outcome_pricings</c> and <c>outcome_payments</c> lists, inside the
/// <c>{"project": {"id", "data"}}</c> envelope the INDIGO database serves. Field by field, with what is
/// approximated, in docs/indigo-export.md.
/// </summary>
/// <remarks>
/// Pure: the same input gives the same bytes. Every field holds its datum in a <c>value</c> member, as
/// the standard does. Amounts are JSON numbers of pounds with two decimals (<c>700.00</c>), written from
/// whole pence through <see cref="decimal"/>, never a binary floating-point number; the one field the
/// standard types as a string (<c>maximum_price_if_all_targets_achieved.amount</c>) is the same figure
/// as a string (<c>"700.00"</c>). Dates are ISO <c>yyyy-MM-dd</c>. Rows are sorted by ordinal comparison.
/// </remarks>
public static class IndigoExport
{
    /// <summary>The ISO 4217 currency of every amount exported.</summary>
    public const string Currency = "GBP";

    /// <summary>The outcome metric id given to a rate card's attachment fee, which prices enrolment rather than an outcome.</summary>
    public const string AttachmentMetricId = "ATTACHMENT";

    /// <summary>The <c>outcome_payments[].type</c> of what claims were validated or quoted at.</summary>
    public const string PlannedType = "Planned";

    /// <summary>The <c>outcome_payments[].type</c> of what was actually paid.</summary>
    public const string ActualType = "Actual";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>
    /// Writes the INDIGO document: one <c>outcome_pricings</c> row per attachment fee (when not zero),
    /// outcome tariff and sustainment tariff of each card; two <c>outcome_payments</c> rows (planned,
    /// actual) per contract, provider, outcome and claim period of <paramref name="payments"/>; and one
    /// <c>outcome_metrics</c> row per outcome either refers to.
    /// </summary>
    /// <param name="cards">The rate cards whose prices are exported.</param>
    /// <param name="outcomes">Outcome definitions by code, for names and evidence; an outcome missing here is exported by its code alone.</param>
    /// <param name="payments">The claims; each claim reference at most once.</param>
    /// <param name="projectId">The INDIGO project id, e.g. "INDIGO-POJ-0123".</param>
    /// <param name="period">How claims are grouped into claim periods by the day claimed; calendar quarters by default.</param>
    /// <returns>The document as indented UTF-8 JSON text.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A null card or claim, a blank project id, an unknown period, a claim reference repeated,
    /// a claim without a contract, provider or outcome, or an actual amount on a claim not paid.</exception>
    public static string Write(IReadOnlyList<RateCard> cards, IReadOnlyDictionary<string, OutcomeDefinition> outcomes,
        IReadOnlyList<IndigoPaymentFact> payments, string projectId, IndigoClaimPeriod period = IndigoClaimPeriod.Quarter)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(payments);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        if (!Enum.IsDefined(period))
        {
            throw new ArgumentException($"Unknown claim period {period}.", nameof(period));
        }

        if (cards.Any(c => c is null))
        {
            throw new ArgumentException("A rate card is missing (null).", nameof(cards));
        }

        Check(payments);
        var pricings = Pricings(cards, outcomes);
        var groups = Groups(payments, period);
        var metricIds = pricings.Select(p => p.MetricId).Concat(groups.Select(g => g.Outcome))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("project");
            json.WriteString("id", projectId);
            json.WriteStartObject("data");

            json.WriteStartArray("outcome_metrics");
            foreach (var id in metricIds)
            {
                WriteMetric(json, id, outcomes);
            }

            json.WriteEndArray();

            json.WriteStartArray("outcome_pricings");
            foreach (var row in pricings)
            {
                WritePricing(json, row);
            }

            json.WriteEndArray();

            json.WriteStartArray("outcome_payments");
            foreach (var group in groups)
            {
                WritePayment(json, group, PlannedType, group.Planned, group.Claims);
                WritePayment(json, group, ActualType, group.Actual, group.PaidClaims);
            }

            json.WriteEndArray();

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The claim period holding <paramref name="day"/>: its first and last days, both inclusive.</summary>
    /// <param name="day">The day a claim was made.</param>
    /// <param name="period">The kind of period.</param>
    /// <exception cref="ArgumentOutOfRangeException">An unknown kind of period.</exception>
    public static DateInterval PeriodOf(LocalDate day, IndigoClaimPeriod period)
    {
        var start = period switch
        {
            IndigoClaimPeriod.Month => new LocalDate(day.Year, day.Month, 1),
            IndigoClaimPeriod.Quarter => new LocalDate(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1),
            IndigoClaimPeriod.FinancialYear => new LocalDate(day.Month >= 4 ? day.Year : day.Year - 1, 4, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown claim period."),
        };
        var months = period switch
        {
            IndigoClaimPeriod.Month => 1,
            IndigoClaimPeriod.Quarter => 3,
            _ => 12,
        };
        return new DateInterval(start, start.PlusMonths(months).PlusDays(-1));
    }

    private sealed record PricingRow(string Contract, string CardCode, int CardVersion, PaymentKind Kind, string MetricId, Money Price,
        Money? Maximum, string? Increases, string Description, string? Notes);

    private sealed record PaymentGroup(string Contract, string Provider, string Outcome, DateInterval Period, Money Planned, Money Actual,
        int Claims, int PaidClaims);

    private static void Check(IReadOnlyList<IndigoPaymentFact> payments)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in payments)
        {
            if (fact is null)
            {
                throw new ArgumentException("A claim is missing (null).", nameof(payments));
            }

            if (string.IsNullOrWhiteSpace(fact.ClaimReference) || !seen.Add(fact.ClaimReference))
            {
                throw new ArgumentException($"Claim reference '{fact.ClaimReference}' is blank or appears more than once.", nameof(payments));
            }

            if (string.IsNullOrWhiteSpace(fact.Contract) || string.IsNullOrWhiteSpace(fact.Provider) || string.IsNullOrWhiteSpace(fact.Outcome))
            {
                throw new ArgumentException($"Claim {fact.ClaimReference} needs a contract, a provider and an outcome.", nameof(payments));
            }

            if (!fact.Paid && !fact.Actual.IsZero)
            {
                throw new ArgumentException($"Claim {fact.ClaimReference} is not paid but has an actual amount of {fact.Actual}.", nameof(payments));
            }
        }
    }

    private static List<PricingRow> Pricings(IReadOnlyList<RateCard> cards, IReadOnlyDictionary<string, OutcomeDefinition> outcomes)
    {
        var rows = new List<PricingRow>();
        foreach (var card in cards)
        {
            var terms = $"Rate card {card.Code} v{card.Version}, contract {card.Contract}, cohort {card.Cohort}, {Effective(card)}.";
            var notes = CapsNote(card);
            var increases = IsWeighted(card.Weights) ? WeightingTerms(card.Weights) : null;
            if (!card.AttachmentFee.IsZero)
            {
                rows.Add(new PricingRow(card.Contract, card.Code, card.Version, PaymentKind.Attachment, AttachmentMetricId, card.AttachmentFee,
                    Capped(card, card.AttachmentFee), null,
                    $"Attachment fee, paid once when a participant is enrolled; not weighted for difficulty. {terms}", notes));
            }

            foreach (var tariff in card.Outcomes)
            {
                var paid = tariff.FirstOnly ? "once per participant" : "each time it is achieved";
                var excludes = card.Stacking == StackingRule.Exclusive && tariff.Group is { } group
                    ? $"; it excludes the other outcomes of group {group} on the card"
                    : string.Empty;
                rows.Add(new PricingRow(card.Contract, card.Code, card.Version, PaymentKind.Outcome, tariff.Outcome, tariff.Amount,
                    tariff.FirstOnly ? Capped(card, MostWeighted(card, tariff.Amount)) : null, increases,
                    $"Outcome payment for {Name(tariff.Outcome, outcomes)}, paid {paid}{excludes}. {terms}", notes));
            }

            foreach (var sustain in card.Sustainments)
            {
                rows.Add(new PricingRow(card.Contract, card.Code, card.Version, PaymentKind.Sustainment, sustain.Outcome, sustain.Amount,
                    Capped(card, MostWeighted(card, sustain.Amount) * sustain.MaxTimes), increases,
                    $"Sustainment payment for {Name(sustain.Outcome, outcomes)}, paid every {sustain.EveryWeeks} weeks it lasts, at most {sustain.MaxTimes} times per participant. {terms}",
                    notes));
            }
        }

        return rows
            .OrderBy(r => r.Contract, StringComparer.Ordinal)
            .ThenBy(r => r.CardCode, StringComparer.Ordinal)
            .ThenBy(r => r.CardVersion)
            .ThenBy(r => r.Kind)
            .ThenBy(r => r.MetricId, StringComparer.Ordinal)
            .ToList();
    }

    private static List<PaymentGroup> Groups(IReadOnlyList<IndigoPaymentFact> payments, IndigoClaimPeriod period) =>
        payments
            .GroupBy(p => (p.Contract, p.Provider, p.Outcome, Period: PeriodOf(p.ClaimedOn, period)))
            .Select(g => new PaymentGroup(g.Key.Contract, g.Key.Provider, g.Key.Outcome, g.Key.Period,
                g.Aggregate(Money.Zero, (sum, p) => sum + p.Planned),
                g.Aggregate(Money.Zero, (sum, p) => sum + p.Actual),
                g.Count(),
                g.Count(p => p.Paid)))
            .OrderBy(g => g.Contract, StringComparer.Ordinal)
            .ThenBy(g => g.Outcome, StringComparer.Ordinal)
            .ThenBy(g => g.Period.Start)
            .ThenBy(g => g.Provider, StringComparer.Ordinal)
            .ToList();

    private static void WriteMetric(Utf8JsonWriter json, string id, IReadOnlyDictionary<string, OutcomeDefinition> outcomes)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        if (outcomes.TryGetValue(id, out var definition))
        {
            Value(json, "definition", $"{definition.Name}: {definition.Measurement}");
            if (definition.EvidenceRequired is { Count: > 0 } evidence)
            {
                Value(json, "data_source_for_outcome_validation", string.Join("; ", evidence));
            }
        }
        else if (id == AttachmentMetricId)
        {
            Value(json, "definition", "Attachment: a participant enrolled on the programme (priced by the attachment fee).");
        }

        json.WriteEndObject();
    }

    private static void WritePricing(Utf8JsonWriter json, PricingRow row)
    {
        json.WriteStartObject();
        Value(json, "outcome_metric_id", row.MetricId);
        Value(json, "currency", Currency);
        json.WriteStartObject("price_per_unit");
        Amount(json, "amount", row.Price);
        json.WriteEndObject();
        if (row.Maximum is { } maximum)
        {
            json.WriteStartObject("maximum_price_if_all_targets_achieved");
            Value(json, "amount", maximum.ToDecimalString());
            json.WriteEndObject();
        }

        if (row.Increases is { } increases)
        {
            Value(json, "contracted_increases_to_outcome_pricing", increases);
        }

        Value(json, "price_description", row.Description);
        if (row.Notes is { } notes)
        {
            json.WriteString("notes", notes);
        }

        // Ledger's additions (not in the standard), so rows from several cards stay apart.
        Value(json, "contract_id", row.Contract);
        Value(json, "rate_card_id", row.CardCode);
        json.WriteStartObject("rate_card_version");
        json.WriteNumber("value", row.CardVersion);
        json.WriteEndObject();
        Value(json, "payment_kind", row.Kind.ToString());
        json.WriteEndObject();
    }

    private static void WritePayment(Utf8JsonWriter json, PaymentGroup group, string type, Money amount, int claims)
    {
        json.WriteStartObject();
        Value(json, "outcome_metric_id", group.Outcome);
        json.WriteStartObject("period");
        Value(json, "start_date", LocalDatePattern.Iso.Format(group.Period.Start));
        Value(json, "end_date", LocalDatePattern.Iso.Format(group.Period.End));
        json.WriteEndObject();
        Value(json, "recipient_organisation_id", group.Provider);
        Value(json, "type", type);
        json.WriteStartObject("money");
        Value(json, "currency", Currency);
        Amount(json, "amount", amount);
        json.WriteEndObject();

        // Ledger's additions (not in the standard).
        Value(json, "contract_id", group.Contract);
        json.WriteStartObject("number_of_claims");
        json.WriteNumber("value", claims);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject(name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    // Pounds as a JSON number with exactly two decimals, from the pence via decimal: "700.00", never 700 or 700.0000001.
    private static void Amount(Utf8JsonWriter json, string name, Money money)
    {
        json.WriteStartObject(name);
        json.WriteNumber("value", decimal.Parse(money.ToDecimalString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    private static string Name(string code, IReadOnlyDictionary<string, OutcomeDefinition> outcomes) =>
        outcomes.TryGetValue(code, out var definition) ? $"{definition.Name} ({code})" : code;

    private static string Effective(RateCard card) =>
        card.EffectiveTo is { } to
            ? $"effective {LocalDatePattern.Iso.Format(card.EffectiveFrom)} to {LocalDatePattern.Iso.Format(to)}"
            : $"effective from {LocalDatePattern.Iso.Format(card.EffectiveFrom)}";

    private static string? CapsNote(RateCard card) =>
        (card.CapPerParticipant, card.CapPerContract) switch
        {
            ({ } participant, { } contract) => $"Capped at {participant} per participant (attachment fee included) and {contract} under the contract.",
            ({ } participant, null) => $"Capped at {participant} per participant (attachment fee included).",
            (null, { } contract) => $"Capped at {contract} under the contract.",
            _ => null,
        };

    // A weighting that can change a price: some factor is rated and the multiplier may rise above 1.
    private static bool IsWeighted(DifficultyWeights weights) =>
        weights.Maximum > 1m && (weights.PerYearInCare > 0m || weights.PerRiskFactor > 0m || weights.PerDisabilityLevel > 0m || weights.PerExclusion > 0m);

    private static string WeightingTerms(DifficultyWeights w) =>
        $"Weighted for difficulty: the price is multiplied by 1, plus {D(w.PerYearInCare)} per year in care, {D(w.PerRiskFactor)} per risk factor,"
        + $" {D(w.PerDisabilityLevel)} per level of disability severity and {D(w.PerExclusion)} per previous exclusion, at most {D(w.Maximum)},"
        + " then rounded to the penny (half away from zero).";

    private static string D(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    // The most one payment can be: the highest multiplier applied as the tariff applies it (half away from zero).
    private static Money MostWeighted(RateCard card, Money price) =>
        IsWeighted(card.Weights) ? price.MultiplyBy(card.Weights.Maximum, MidpointRounding.AwayFromZero) : price;

    private static Money Capped(RateCard card, Money amount) =>
        card.CapPerParticipant is { } cap ? Money.Min(amount, cap) : amount;
}
