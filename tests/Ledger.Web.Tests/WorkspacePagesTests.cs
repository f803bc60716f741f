using System.Net;
using System.Text.Json;

namespace Ledger.Web.Tests;

/// <summary>
/// The caseload and orders pages on the demo, as each role sees them: the application's access rules decide
/// (a provider's page names no other provider, someone else's order is not found), and the pages page.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class WorkspacePagesTests(DemoSite site)
{
    [Fact]
    public async Task Budget_AsLeadProfessional_ShowsEachStreamAndLinksToBuyingAndToTheChildsDetails()
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-lead-professional");
        using var caseload = JsonDocument.Parse(await browser.GetPageAsync("/api/caseload"));
        var budget = caseload.RootElement.EnumerateArray().First(b => b.GetProperty("subject").GetString() != "-");
        var code = budget.GetProperty("budget").GetString()!;
        var subject = budget.GetProperty("subject").GetString()!;
        var html = WebUtility.HtmlDecode(await browser.GetPageAsync($"/budgets/{code}"));
        foreach (var stream in budget.GetProperty("streams").EnumerateArray())
        {
            html.Should().Contain(stream.GetProperty("stream").GetString()).And.Contain(stream.GetProperty("available").GetString());
        }

        html.Should().Contain($"href=\"/budgets/{code}/buy\"").And.Contain($"href=\"/children/{subject}/details\"");
        (await browser.GetPageAsync($"/children/{subject}/details")).Should().Contain("purpose", "the details are shown only after a purpose is given");
    }

    [Fact]
    public async Task Caseload_AsLeadProfessional_ListsTheirBudgetsWithEachStreamsMoney()
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-lead-professional");
        var html = WebUtility.HtmlDecode(await browser.GetPageAsync("/caseload"));
        html.Should().Contain("<h1 class=\"govuk-heading-l\">Your caseload</h1>").And.Contain("IB-").And.Contain("£").And.Contain("/orders?subject=");
        using var api = JsonDocument.Parse(await browser.GetPageAsync("/api/caseload"));
        foreach (var budget in api.RootElement.EnumerateArray())
        {
            html.Should().Contain(budget.GetProperty("budget").GetString()).And.Contain(budget.GetProperty("available").GetString());
        }

        (await browser.GetPageAsync("/")).Should().Contain("href=\"/caseload\"");
    }

    [Theory]
    [InlineData("demo-provider")]
    [InlineData("demo-budget-holder")]
    [InlineData("demo-admin")]
    public async Task Caseload_ForARoleWithoutOne_IsDenied(string userName)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(userName);
        var response = await browser.GetAsync("/caseload");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.Should().Be("/access-denied");
    }

    [Fact]
    public async Task Orders_AsProvider_NameNoOtherProvider_AndAnotherProvidersOrderIsNotFound()
    {
        using var holder = site.Browser();
        await holder.SignInOrFailAsync("demo-budget-holder");
        using var all = JsonDocument.Parse(await holder.GetPageAsync("/api/orders?pageSize=100"));
        var orders = all.RootElement.GetProperty("items").EnumerateArray().Select(o => (Reference: o.GetProperty("reference").GetString()!, Provider: o.GetProperty("provider").GetString()!)).ToList();
        var others = orders.Where(o => o.Provider != "PRV-YOUNG-MINDS").ToList();

        using var provider = site.Browser();
        await provider.SignInOrFailAsync("demo-provider");
        var html = await provider.GetPageAsync("/orders");
        html.Should().Contain("PRV-YOUNG-MINDS");
        foreach (var other in others.Select(o => o.Provider).Distinct())
        {
            html.Should().NotContain(other, "a provider sees its own orders only");
        }

        (await provider.GetAsync($"/orders/{others[0].Reference}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var own = orders.First(o => o.Provider == "PRV-YOUNG-MINDS").Reference;
        WebUtility.HtmlDecode(await provider.GetPageAsync($"/orders/{own}")).Should().Contain(own).And.Contain("Child's wishes");
    }

    [Fact]
    public async Task Orders_AsBudgetHolder_ComeInPages_WithGovUkPagination()
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-budget-holder");
        var first = await browser.GetPageAsync("/orders");
        first.Should().Contain("Page 1 of").And.Contain("govuk-pagination").And.Contain("href=\"/orders?page=2\"");
        (await browser.GetPageAsync("/orders?page=2")).Should().Contain("Page 2 of");
        (await browser.GetPageAsync("/orders?page=999")).Should().Contain("govuk-table", "a page past the end shows the last page");
        (await browser.GetPageAsync("/orders?page=abc")).Should().Contain("Page 1 of");
    }
}
