using Ledger.Application.Outcomes;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;

namespace Ledger.Integration.Tests.Outcomes;

/// <summary>Rate cards as data (R15): the shipped cards read, check and reproduce the published amounts; bad cards are refused with a reason.</summary>
public sealed class RateCardJsonTests
{
    private static Money Pounds(decimal p) => Money.FromPounds(p);

    private static RateCard Shipped(string file)
    {
        var card = RateCardJson.Read(RateCardJson.Shipped()[file]);
        card.Succeeded.Should().BeTrue(card.Error?.Message);
        return card.Value!;
    }

    [Fact]
    public void ShippedCards_AllReadAndCheck_AndRoundTrip_R15()
    {
        var shipped = RateCardJson.Shipped();
        shipped.Keys.Should().Contain(["troubled-families-2012-year1.json", "innovation-fund-round1.json", "westmoor-early-help-2026.json"]);
        foreach (var (file, json) in shipped)
        {
            var card = RateCardJson.Read(json);
            card.Succeeded.Should().BeTrue($"{file}: {card.Error?.Message}");
            var again = RateCardJson.Read(RateCardJson.Write(card.Value!)).Value!;
            RateCardJson.Write(again).Should().Be(RateCardJson.Write(card.Value!), file);
            again.Outcomes.Should().Equal(card.Value!.Outcomes);
            again.CoPayers.Should().Equal(card.Value!.CoPayers);
        }
    }

    [Fact]
    public void Example5_ShippedTroubledFamiliesCard_PaysThreeThousandTwoHundred_SevenHundred_OneHundred_FourThousandInAll()
    {
        var card = Shipped("troubled-families-2012-year1.json");
        var history = PaymentHistory.None;
        var paid = new List<Money>();
        foreach (var (kind, outcome) in new[] { (PaymentKind.Attachment, (string?)null), (PaymentKind.Outcome, "TF-CRIME-EDU"), (PaymentKind.Outcome, "TF-PROGRESS-WORK") })
        {
            var quote = Tariff.Quote(card, kind, outcome, DifficultyFactors.None, history).Value!;
            paid.Add(quote.Payable);
            history = history with
            {
                ForParticipant = history.ForParticipant + quote.Payable,
                OutcomesPaid = outcome is null ? history.OutcomesPaid : history.OutcomesPaid.Append(outcome).ToHashSet(),
            };
        }

        paid.Should().Equal(Pounds(3_200), Pounds(700), Pounds(100));
        history.ForParticipant.Should().Be(Pounds(4_000));
    }

    [Fact]
    public void Example6_ShippedInnovationFundCard_PaysFourHundredAtTheCap_AfterSevenThousandEightHundred()
    {
        var card = Shipped("innovation-fund-round1.json");
        var history = PaymentHistory.None with { ForParticipant = Pounds(7_800), OutcomesPaid = new HashSet<string> { "IF-L2", "IF-FIRST-JOB", "IF-ATTENDANCE" } };
        Tariff.Quote(card, PaymentKind.Outcome, "IF-L3", DifficultyFactors.None, history).Value!.Payable.Should().Be(Pounds(400));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"code":"X","version":1,"contract":"C","cohort":1,"effectiveFrom":"2026-04-01","attachmentFee":700,"stacking":"capped","claimWindow":{"earliestWorkingDays":1,"deadlineDays":1,"cutOff":"2027-01-01"},"coPayers":[{"stream":"S","percent":100}]}""", "not valid JSON")]
    [InlineData("""{"code":"X","version":1,"contract":"C","cohort":1,"effectiveFrom":"2026-04-01","attachmentFee":"7.001","stacking":"capped","claimWindow":{"earliestWorkingDays":1,"deadlineDays":1,"cutOff":"2027-01-01"},"coPayers":[{"stream":"S","percent":100}]}""", "attachmentFee")]
    [InlineData("""{"code":"X","version":1,"contract":"C","cohort":1,"effectiveFrom":"2026-04-01","stacking":"capped","claimWindow":{"earliestWorkingDays":1,"deadlineDays":1,"cutOff":"2027-01-01"},"coPayers":[{"stream":"S","percent":60},{"stream":"T","percent":30}]}""", "add up to 100%")]
    [InlineData("""{"code":"X","version":1,"contract":"C","cohort":1,"effectiveFrom":"2026-04-01","stacking":"capped","outcomes":[{"outcome":"O","amount":"-5.00"}],"claimWindow":{"earliestWorkingDays":1,"deadlineDays":1,"cutOff":"2027-01-01"},"coPayers":[{"stream":"S","percent":100}]}""", "above zero")]
    [InlineData("""{"code":"X","version":1,"contract":"C","cohort":1,"effectiveFrom":"2026-04-01","stacking":"sometimes","claimWindow":{"earliestWorkingDays":1,"deadlineDays":1,"cutOff":"2027-01-01"},"coPayers":[{"stream":"S","percent":100}]}""", "stacking")]
    [InlineData("""{"code":"X","version":1,"contract":"C","cohort":1,"effectiveFrom":"2026-04-01","stacking":"capped","coPayers":[{"stream":"S","percent":100}],"bonus":"1.00"}""", "not valid JSON")]
    public void RateCard_Malformed_IsRefusedWithTheReason_R15(string json, string reason)
    {
        var card = RateCardJson.Read(json);
        card.Error!.Code.Should().Be(BudgetErrorCode.InvalidRateCard);
        card.Error.Message.Should().Contain(reason);
    }
}
