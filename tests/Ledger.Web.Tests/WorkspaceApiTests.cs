using System.Net;
using System.Text.Json;

namespace Ledger.Web.Tests;

/// <summary>
/// The JSON API's orders and caseload on the demo: each role sees what the application's access rules
/// allow and no more, someone else's order answers 404 exactly as a missing one, lists are paged, and every
/// error is ProblemDetails carrying the domain's code.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class WorkspaceApiTests(DemoSite site)
{
    [Fact]
    public async Task Orders_AsProvider_ListsOnlyItsOwnOrders_AndAnotherProvidersOrderIs404()
    {
        var all = await AllOrdersAsync("demo-budget-holder");
        all.Should().NotBeEmpty();
        all.Select(o => o.GetProperty("provider").GetString()).Distinct().Should().HaveCountGreaterThan(1, "the demo has several providers");

        var mine = await AllOrdersAsync("demo-provider");
        mine.Should().NotBeEmpty().And.OnlyContain(o => o.GetProperty("provider").GetString() == "PRV-YOUNG-MINDS");
        mine.Select(Reference).Should().BeEquivalentTo(all.Where(o => o.GetProperty("provider").GetString() == "PRV-YOUNG-MINDS").Select(Reference));

        using var provider = site.Browser();
        await provider.SignInOrFailAsync("demo-provider");
        var someoneElses = Reference(all.First(o => o.GetProperty("provider").GetString() != "PRV-YOUNG-MINDS"));
        var refused = await provider.GetAsync($"/api/orders/{someoneElses}");
        var missing = await provider.GetAsync("/api/orders/PO-DOES-NOT-EXIST");
        foreach (var response in new[] { refused, missing })
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await ProblemCodeAsync(response)).Should().Be("UnknownOrder");
        }

        var own = await provider.GetAsync($"/api/orders/{Reference(mine[0])}");
        own.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Orders_AsLeadProfessional_AreTheirCaseloads_AndAdministratorsSeeNone()
    {
        var lead = await AllOrdersAsync("demo-lead-professional");
        var caseload = await JsonAsync("demo-lead-professional", "/api/caseload");
        var subjects = caseload.EnumerateArray().Select(b => b.GetProperty("subject").GetString()).ToHashSet();
        subjects.Should().NotBeEmpty();
        lead.Should().NotBeEmpty().And.OnlyContain(o => subjects.Contains(o.GetProperty("subject").GetString()) || o.GetProperty("requestedBy").GetString() == "LP-WM-01");
        (await AllOrdersAsync("demo-budget-holder")).Count.Should().BeGreaterThan(lead.Count, "a lead professional sees only their own caseload's orders");
        (await AllOrdersAsync("demo-admin")).Should().BeEmpty("administrators manage users, not money");
    }

    [Fact]
    public async Task Caseload_ShowsEachBudgetsStreams_AndIsForbiddenToAProvider()
    {
        var caseload = await JsonAsync("demo-lead-professional", "/api/caseload");
        var first = caseload.EnumerateArray().First();
        first.GetProperty("streams").GetArrayLength().Should().BeGreaterThan(0);
        first.GetProperty("available").GetString().Should().StartWith("£");

        using var provider = site.Browser();
        await provider.SignInOrFailAsync("demo-provider");
        var response = await provider.GetAsync("/api/caseload");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ProblemCodeAsync(response)).Should().Be("NotPermitted");
    }

    [Theory]
    [InlineData("/api/orders?page=0")]
    [InlineData("/api/orders?pageSize=101")]
    [InlineData("/api/orders?page=abc")]
    [InlineData("/api/orders?pageSize=-1")]
    public async Task Orders_WithABadPage_Is400ProblemWithTheCode(string path)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-budget-holder");
        var response = await browser.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemCodeAsync(response)).Should().Be("InvalidRequest");
    }

    [Theory]
    [InlineData("/api/orders")]
    [InlineData("/api/orders/PO-1")]
    [InlineData("/api/caseload")]
    public async Task Api_WhenNotSignedIn_Is401(string path)
    {
        using var browser = site.Browser();
        (await browser.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Orders_ComeInPages_ThatTogetherHoldEveryOrderOnce()
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-budget-holder");
        using var first = JsonDocument.Parse(await browser.GetPageAsync("/api/orders?page=1&pageSize=10"));
        var total = first.RootElement.GetProperty("total").GetInt32();
        var pages = first.RootElement.GetProperty("pages").GetInt32();
        pages.Should().Be((total + 9) / 10);
        first.RootElement.GetProperty("items").GetArrayLength().Should().Be(Math.Min(10, total));
        (await AllOrdersAsync("demo-budget-holder", pageSize: 10)).Select(Reference).Should().OnlyHaveUniqueItems().And.HaveCount(total);
    }

    private static string Reference(JsonElement order) => order.GetProperty("reference").GetString()!;

    private async Task<List<JsonElement>> AllOrdersAsync(string userName, int pageSize = 100)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(userName);
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            using var json = JsonDocument.Parse(await browser.GetPageAsync($"/api/orders?page={page}&pageSize={pageSize}"));
            all.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            if (page >= json.RootElement.GetProperty("pages").GetInt32())
            {
                return all;
            }
        }
    }

    private async Task<JsonElement> JsonAsync(string userName, string path)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(userName);
        using var json = JsonDocument.Parse(await browser.GetPageAsync(path));
        return json.RootElement.Clone();
    }

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("code").GetString();
    }
}
