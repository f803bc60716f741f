using System.Text.Json;
using Ledger.Application.Outcomes;
using Ledger.Application.Outcomes.Indigo;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using NodaTime;

namespace Ledger.Integration.Tests.Outcomes;

/// <summary>
/// The INDIGO export (docs/indigo-export.md): outcome prices from the shipped rate cards and planned and
/// actual outcome payments by claim period, read back from the JSON as the standard lays them out.
/// </summary>
public sealed class IndigoExportTests
{
    private const string Project = "INDIGO-POJ-9001";

    private static readonly Dictionary<string, OutcomeDefinition> Definitions = new(StringComparer.Ordinal)
    {
        ["TF-CRIME-EDU"] = new("TF-CRIME-EDU", "Crime and education", EveryChildMattersArea.EnjoyAndAchieve,
            "Offending down 33% and school attendance above 85% over three terms", ["school attendance record", "police national computer check"], 0),
        ["EH-ATTENDANCE"] = new("EH-ATTENDANCE", "School attendance", EveryChildMattersArea.EnjoyAndAchieve,
            "Attendance of 90% or more for a term", ["school attendance record"], 13),
    };

    private static Money Pounds(decimal p) => Money.FromPounds(p);

    private static RateCard Shipped(string file) => RateCardJson.Read(RateCardJson.Shipped()[file]).Value!;

    private static JsonElement Data(string json) => JsonDocument.Parse(json).RootElement.GetProperty("project").GetProperty("data");

    private static string V(JsonElement row, string field) => row.GetProperty(field).GetProperty("value").GetString()!;

    private static JsonElement Price(JsonElement row) => row.GetProperty("price_per_unit").GetProperty("amount").GetProperty("value");

    private static JsonElement Amount(JsonElement row) => row.GetProperty("money").GetProperty("amount").GetProperty("value");

    private static string? Maximum(JsonElement row) =>
        row.TryGetProperty("maximum_price_if_all_targets_achieved", out var max) ? max.GetProperty("amount").GetProperty("value").GetString() : null;

    private static IndigoPaymentFact Claim(string reference, string outcome, string claimedOn, decimal planned, decimal actual, bool paid,
        string contract = "WM-EARLY-HELP", string provider = "PROV-A") =>
        new(reference, contract, provider, outcome, LocalDate.FromDateTime(DateTime.Parse(claimedOn, System.Globalization.CultureInfo.InvariantCulture)),
            Pounds(planned), Pounds(actual), paid);

    [Fact]
    public void Export_TroubledFamiliesCard_PricesEachOutcome()
    {
        var json = IndigoExport.Write([Shipped("troubled-families-2012-year1.json")], Definitions, [], Project);

        var root = JsonDocument.Parse(json).RootElement.GetProperty("project");
        root.GetProperty("id").GetString().Should().Be(Project);
        var rows = root.GetProperty("data").GetProperty("outcome_pricings").EnumerateArray().ToList();

        rows.Select(r => V(r, "outcome_metric_id")).Should().Equal("ATTACHMENT", "TF-CRIME-EDU", "TF-EMPLOYMENT", "TF-PROGRESS-WORK");
        rows.Select(r => Price(r).GetDecimal()).Should().Equal(3_200m, 700m, 800m, 100m);
        rows.Select(r => Price(r).GetRawText()).Should().Equal("3200.00", "700.00", "800.00", "100.00");
        rows.Select(r => V(r, "payment_kind")).Should().Equal("Attachment", "Outcome", "Outcome", "Outcome");
        rows.Should().AllSatisfy(r =>
        {
            V(r, "currency").Should().Be("GBP");
            V(r, "contract_id").Should().Be("TF-2012");
            V(r, "rate_card_id").Should().Be("TF-2012-Y1");
            r.GetProperty("rate_card_version").GetProperty("value").GetInt32().Should().Be(1);
            r.GetProperty("notes").GetString().Should().Contain("£4,000.00 per participant");
            r.TryGetProperty("contracted_increases_to_outcome_pricing", out _).Should().BeFalse("the card has no difficulty weighting");
        });

        // First-only outcomes: the most one participant brings is the tariff itself, as a string per the standard.
        rows.Select(Maximum).Should().Equal("3200.00", "700.00", "800.00", "100.00");
        V(rows[1], "price_description").Should().Contain("Crime and education (TF-CRIME-EDU)").And.Contain("once per participant");
        V(rows[2], "price_description").Should().Contain("excludes the other outcomes of group WORK");
    }

    [Fact]
    public void Export_WeightedCard_PricesSustainment_AndStatesTheWeightingAsAContractedIncrease()
    {
        var json = IndigoExport.Write([Shipped("westmoor-early-help-2026.json")], Definitions, [], Project);
        var rows = Data(json).GetProperty("outcome_pricings").EnumerateArray().ToList();

        rows.Select(r => (V(r, "payment_kind"), V(r, "outcome_metric_id"), Price(r).GetDecimal(), Maximum(r))).Should().Equal(
            ("Attachment", "ATTACHMENT", 400m, "400.00"),
            ("Outcome", "EH-ATTENDANCE", 1_000m, "1500.00"),   // × 1.5 at most
            ("Outcome", "EH-NO-ASB", 700m, "1050.00"),
            ("Outcome", "EH-SALT-TARGET", 500m, "750.00"),
            ("Sustainment", "EH-ATTENDANCE", 250m, "750.00")); // 250 × 1.5 × 2 times

        rows[0].TryGetProperty("contracted_increases_to_outcome_pricing", out _).Should().BeFalse("the attachment fee is not weighted");
        V(rows[1], "contracted_increases_to_outcome_pricing").Should().Contain("0.1 per year in care").And.Contain("at most 1.5");
        V(rows[4], "price_description").Should().Contain("every 13 weeks").And.Contain("at most 2 times");
        rows[4].GetProperty("notes").GetString().Should().Contain("£3,000.00 per participant").And.Contain("£60,000.00 under the contract");
    }

    [Fact]
    public void Export_CardWithoutAttachmentFee_HasNoAttachmentRow()
    {
        var json = IndigoExport.Write([Shipped("innovation-fund-round1.json")], Definitions, [], Project);
        var rows = Data(json).GetProperty("outcome_pricings").EnumerateArray().ToList();

        rows.Should().HaveCount(8);
        rows.Select(r => V(r, "outcome_metric_id")).Should().NotContain(IndigoExport.AttachmentMetricId).And.BeInAscendingOrder(StringComparer.Ordinal);
        rows.Single(r => V(r, "outcome_metric_id") == "IF-L3").Should().Match<JsonElement>(r => Price(r).GetDecimal() == 5_100m);
    }

    [Fact]
    public void Export_Payments_GroupsPlannedAndActualByQuarter()
    {
        IndigoPaymentFact[] claims =
        [
            Claim("C-1", "EH-ATTENDANCE", "2026-04-10", 1_000m, 1_000m, paid: true),
            Claim("C-2", "EH-ATTENDANCE", "2026-06-30", 1_200m, 0m, paid: false),
            Claim("C-3", "EH-ATTENDANCE", "2026-07-01", 1_000m, 900m, paid: true),   // next quarter; part clawed back
            Claim("C-4", "EH-NO-ASB", "2026-05-05", 700m, 700m, paid: true),
            Claim("C-5", "EH-NO-ASB", "2026-05-06", 700.01m, -0.01m, paid: true),    // paid, then clawed back past zero
        ];

        var rows = Data(IndigoExport.Write([], Definitions, claims, Project)).GetProperty("outcome_payments").EnumerateArray().ToList();

        rows.Select(r => (V(r, "outcome_metric_id"), V(r.GetProperty("period"), "start_date"), V(r.GetProperty("period"), "end_date"), V(r, "type"),
                Amount(r).GetDecimal(), r.GetProperty("number_of_claims").GetProperty("value").GetInt32()))
            .Should().Equal(
                ("EH-ATTENDANCE", "2026-04-01", "2026-06-30", "Planned", 2_200m, 2),
                ("EH-ATTENDANCE", "2026-04-01", "2026-06-30", "Actual", 1_000m, 1),
                ("EH-ATTENDANCE", "2026-07-01", "2026-09-30", "Planned", 1_000m, 1),
                ("EH-ATTENDANCE", "2026-07-01", "2026-09-30", "Actual", 900m, 1),
                ("EH-NO-ASB", "2026-04-01", "2026-06-30", "Planned", 1_400.01m, 2),
                ("EH-NO-ASB", "2026-04-01", "2026-06-30", "Actual", 699.99m, 2));
        rows.Select(r => Amount(r).GetRawText()).Should().Equal("2200.00", "1000.00", "1000.00", "900.00", "1400.01", "699.99");
        rows.Should().AllSatisfy(r =>
        {
            V(r.GetProperty("money"), "currency").Should().Be("GBP");
            V(r, "recipient_organisation_id").Should().Be("PROV-A");
            V(r, "contract_id").Should().Be("WM-EARLY-HELP");
        });
    }

    [Fact]
    public void Export_Payments_KeepContractsAndProvidersApart()
    {
        IndigoPaymentFact[] claims =
        [
            Claim("A-1", "X-OUT", "2026-01-02", 100m, 100m, paid: true, contract: "K-B", provider: "P-1"),
            Claim("A-2", "X-OUT", "2026-01-03", 200m, 200m, paid: true, contract: "K-A", provider: "P-2"),
            Claim("A-3", "X-OUT", "2026-01-04", 300m, 300m, paid: true, contract: "K-A", provider: "P-1"),
        ];

        var rows = Data(IndigoExport.Write([], Definitions, claims, Project)).GetProperty("outcome_payments").EnumerateArray()
            .Where(r => V(r, "type") == IndigoExport.PlannedType).ToList();

        rows.Select(r => (V(r, "contract_id"), V(r, "recipient_organisation_id"), Amount(r).GetDecimal()))
            .Should().Equal(("K-A", "P-1", 300m), ("K-A", "P-2", 200m), ("K-B", "P-1", 100m));
    }

    [Theory]
    [InlineData(IndigoClaimPeriod.Quarter, "2026-11-15", "2026-10-01", "2026-12-31")]
    [InlineData(IndigoClaimPeriod.Quarter, "2026-03-31", "2026-01-01", "2026-03-31")]
    [InlineData(IndigoClaimPeriod.Month, "2028-02-10", "2028-02-01", "2028-02-29")]
    [InlineData(IndigoClaimPeriod.FinancialYear, "2026-03-31", "2025-04-01", "2026-03-31")]
    [InlineData(IndigoClaimPeriod.FinancialYear, "2026-04-01", "2026-04-01", "2027-03-31")]
    public void Export_Payments_UseTheChosenClaimPeriod(IndigoClaimPeriod period, string claimedOn, string start, string end)
    {
        var json = IndigoExport.Write([], Definitions, [Claim("C-1", "EH-ATTENDANCE", claimedOn, 10m, 0m, paid: false)], Project, period);

        var row = Data(json).GetProperty("outcome_payments")[0];
        V(row.GetProperty("period"), "start_date").Should().Be(start);
        V(row.GetProperty("period"), "end_date").Should().Be(end);
    }

    [Fact]
    public void Export_OutcomeMetrics_DefineEveryOutcomePricedOrPaid()
    {
        var json = IndigoExport.Write([Shipped("troubled-families-2012-year1.json")], Definitions,
            [Claim("C-1", "EH-ATTENDANCE", "2026-04-10", 1_000m, 1_000m, paid: true)], Project);

        var metrics = Data(json).GetProperty("outcome_metrics").EnumerateArray().ToList();
        metrics.Select(m => m.GetProperty("id").GetString()).Should()
            .Equal("ATTACHMENT", "EH-ATTENDANCE", "TF-CRIME-EDU", "TF-EMPLOYMENT", "TF-PROGRESS-WORK");
        V(metrics[2], "definition").Should().Be("Crime and education: Offending down 33% and school attendance above 85% over three terms");
        V(metrics[2], "data_source_for_outcome_validation").Should().Be("school attendance record; police national computer check");
        metrics[3].TryGetProperty("definition", out _).Should().BeFalse("TF-EMPLOYMENT has no definition to hand");
    }

    [Fact]
    public void Export_IsTheSameWhateverTheInputOrder()
    {
        RateCard[] cards = [.. RateCardJson.Shipped().Values.Select(j => RateCardJson.Read(j).Value!)];
        IndigoPaymentFact[] claims =
        [
            Claim("C-1", "EH-ATTENDANCE", "2026-04-10", 1_000m, 1_000m, paid: true),
            Claim("C-2", "EH-NO-ASB", "2026-08-10", 700m, 0m, paid: false),
            Claim("C-3", "EH-ATTENDANCE", "2026-05-10", 1_000m, 1_000m, paid: true, provider: "PROV-B"),
        ];

        IndigoExport.Write([.. cards.Reverse()], Definitions, [.. claims.Reverse()], Project)
            .Should().Be(IndigoExport.Write(cards, Definitions, claims, Project));
    }

    [Fact]
    public void Export_RefusesClaimsThatDoNotAddUp()
    {
        var duplicate = () => IndigoExport.Write([], Definitions,
            [Claim("C-1", "X", "2026-04-10", 1m, 1m, paid: true), Claim("C-1", "X", "2026-04-11", 1m, 1m, paid: true)], Project);
        var unpaidButActual = () => IndigoExport.Write([], Definitions, [Claim("C-9", "X", "2026-04-10", 1m, 1m, paid: false)], Project);
        var noProject = () => IndigoExport.Write([], Definitions, [], " ");

        duplicate.Should().Throw<ArgumentException>().WithMessage("*C-1*more than once*");
        unpaidButActual.Should().Throw<ArgumentException>().WithMessage("*C-9 is not paid*");
        noProject.Should().Throw<ArgumentException>();
    }
}
