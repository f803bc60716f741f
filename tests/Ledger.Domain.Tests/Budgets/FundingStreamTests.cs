using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;

namespace Ledger.Domain.Tests.Budgets;

/// <summary>Funding streams are data (R2) with restrictions, form, ring-fencing, a year-end rule and expectations (R6).</summary>
public sealed class FundingStreamTests
{
    private static readonly FinancialYear Year = FinancialYear.StartingIn(2026);

    private static StreamRestrictions Restrict(ServiceCategory[] categories, ClientGroup[] groups) =>
        new(categories.ToHashSet(), groups.ToHashSet());

    private static Result<FundingStream> Define(string code = "NHS-2026", string name = "NHS therapy 2026/27", FundingForm form = FundingForm.CashEquivalent,
        StreamRestrictions? restrictions = null, YearEndRule rule = YearEndRule.ReturnUnspent, decimal expectedSpend = 25_000, string expectedOutcome = "Speech and language") =>
        FundingStream.Define(FundingStreamId.New(), AreaId.New(), AgencyId.New(), code, name, Year, form,
            restrictions ?? Restrict([ServiceCategory.TherapyHealth], [ClientGroup.DisabledChild]), true, rule, Money.FromPounds(expectedSpend), expectedOutcome);

    [Fact]
    public void Define_KeepsEveryAttributeAsData_R2_R6()
    {
        var stream = Define(name: "  NHS therapy 2026/27  ", rule: YearEndRule.CarryForward, expectedOutcome: " Fewer therapy waits ").Value!;

        stream.Code.Should().Be("NHS-2026");
        stream.Name.Should().Be("NHS therapy 2026/27");
        stream.Year.Should().Be(Year);
        stream.Form.Should().Be(FundingForm.CashEquivalent);
        stream.Categories.Should().BeEquivalentTo([ServiceCategory.TherapyHealth]);
        stream.ClientGroups.Should().BeEquivalentTo([ClientGroup.DisabledChild]);
        stream.RingFenced.Should().BeTrue();
        stream.YearEndRule.Should().Be(YearEndRule.CarryForward);
        stream.ExpectedSpend.Should().Be(2_500_000);
        stream.ExpectedOutcome.Should().Be("Fewer therapy waits");
        stream.Restrictions.Allows(ServiceCategory.TherapyHealth).Should().BeTrue();
        stream.Restrictions.Allows(ClientGroup.EarlyHelp).Should().BeFalse();
    }

    [Fact]
    public void Define_CopiesTheRestrictions_SoLaterChangesToTheCallersSetsDoNotLeakIn()
    {
        var categories = new HashSet<ServiceCategory> { ServiceCategory.TherapyHealth };
        var stream = Define(restrictions: new StreamRestrictions(categories, new HashSet<ClientGroup>())).Value!;

        categories.Add(ServiceCategory.LeisureActivities);

        stream.Categories.Should().BeEquivalentTo([ServiceCategory.TherapyHealth]);
    }

    [Theory]
    [InlineData("", "Name")]
    [InlineData("has space", "Name")]
    [InlineData("OK-CODE", "")]
    [InlineData("OK-CODE", "   ")]
    public void Define_WithABadCodeOrName_IsRefusedWithInvalidRequest(string code, string name)
    {
        Define(code: code, name: name).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
    }

    [Fact]
    public void Define_WithUnknownValuesOrTooLongText_IsRefusedWithInvalidRequest()
    {
        Define(name: new string('n', 201)).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        Define(form: (FundingForm)9).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        Define(rule: (YearEndRule)9).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        Define(restrictions: Restrict([(ServiceCategory)77], [])).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        Define(restrictions: Restrict([], [(ClientGroup)77])).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        Define(expectedOutcome: new string('o', 501)).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
    }

    [Fact]
    public void Define_WithNegativeExpectedSpend_IsRefusedWithInvalidAmount_R6()
    {
        Define(expectedSpend: -0.01m).Error!.Code.Should().Be(BudgetErrorCode.InvalidAmount);
    }

    [Fact]
    public void Restrictions_None_AllowEveryCategoryAndClientGroup_R2()
    {
        var none = StreamRestrictions.None;

        Enum.GetValues<ServiceCategory>().Should().OnlyContain(c => none.Allows(c));
        Enum.GetValues<ClientGroup>().Should().OnlyContain(g => none.Allows(g));
        none.RestrictsCategories.Should().BeFalse();
        none.Describe().Should().Be("any service; any client group");
    }

    [Fact]
    public void Restrictions_AllowOnlyTheNamedCategoriesAndClientGroups_R2()
    {
        var therapy = Restrict([ServiceCategory.TherapyHealth, ServiceCategory.Equipment], [ClientGroup.DisabledChild]);

        therapy.Allows(ServiceCategory.TherapyHealth).Should().BeTrue();
        therapy.Allows(ServiceCategory.Equipment).Should().BeTrue();
        therapy.Allows(ServiceCategory.LeisureActivities).Should().BeFalse();
        therapy.Allows(ClientGroup.DisabledChild).Should().BeTrue();
        therapy.Allows(ClientGroup.YouthJustice).Should().BeFalse();
        therapy.RestrictsCategories.Should().BeTrue();
        therapy.Describe().Should().Be("TherapyHealth, Equipment only; DisabledChild only");

        var groupsOnly = Restrict([], [ClientGroup.YouthJustice]);
        groupsOnly.Allows(ServiceCategory.Transport).Should().BeTrue("an empty category set means any category");
        groupsOnly.RestrictsCategories.Should().BeFalse();
    }

    [Fact]
    public void Restrictions_StorageForm_RoundTrips()
    {
        var text = StreamRestrictions.Join(new[] { ClientGroup.YouthJustice, ClientGroup.EarlyHelp });

        text.Should().Be("EarlyHelp,YouthJustice");
        StreamRestrictions.Split<ClientGroup>(text).Should().BeEquivalentTo([ClientGroup.EarlyHelp, ClientGroup.YouthJustice]);
        StreamRestrictions.Split<ClientGroup>("").Should().BeEmpty();
        StreamRestrictions.Split<ClientGroup>(null).Should().BeEmpty();
    }
}
