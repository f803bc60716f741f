using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>The area's pools and allocations for budget holders and auditors (R3, R5): every figure from the ledger, nobody else let in.</summary>
[Collection(DemoSiteCollection.Name)]
public sealed class FundsTests(DemoSite site)
{
    [Fact]
    public async Task Pools_ForABudgetHolder_ShowEachStreamsPositionFromTheLedger()
    {
        using var holder = site.Browser();
        await holder.SignInOrFailAsync("demo-budget-holder");
        var pools = await holder.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/pools", UriKind.Relative));
        pools.GetArrayLength().Should().BeGreaterThan(0);
        // Every figure is the ledger's own position of the pool (R3), as the funding service reports it.
        var funding = site.Services.GetRequiredService<Application.Budgets.FundingService>();
        foreach (var pool in pools.EnumerateArray())
        {
            var position = (await funding.PositionAsync("WESTMOOR", pool.GetProperty("code").GetString()!)).Value!;
            var streams = pool.GetProperty("streams").EnumerateArray().ToList();
            streams.Select(s => s.GetProperty("stream").GetString()).Should().Equal(position.Select(p => p.Stream));
            foreach (var (json, expected) in streams.Zip(position))
            {
                Pence(json, "contributed").Should().Be(expected.Contributed.Pence).And.BeGreaterThan(0);
                Pence(json, "allocated").Should().Be(expected.Allocated.Pence);
                Pence(json, "available").Should().Be(expected.Available.Pence);
                Pence(json, "held").Should().Be(expected.Held.Pence);
            }
        }

        var page = await holder.GetPageAsync("/funds");
        var first = pools.EnumerateArray().First();
        page.Should().Contain(first.GetProperty("code").GetString()).And.Contain(first.GetProperty("streams")[0].GetProperty("stream").GetString());
    }

    [Fact]
    public async Task Allocations_ShowTheResourceAllocationWorking_AndNarrowToAPool()
    {
        using var auditor = site.Browser();
        await auditor.SignInOrFailAsync("demo-auditor");
        var all = await auditor.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/allocations?pageSize=100", UriKind.Relative));
        all.GetProperty("total").GetInt32().Should().BeGreaterThan(0);
        var first = all.GetProperty("items")[0];
        first.GetProperty("working").GetString().Should().NotBeNullOrWhiteSpace();
        var pool = first.GetProperty("pool").GetString()!;
        var narrowed = await auditor.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/allocations?pool={pool}&pageSize=100", UriKind.Relative));
        narrowed.GetProperty("items").EnumerateArray().Should().OnlyContain(a => a.GetProperty("pool").GetString() == pool);

        var html = WebUtility.HtmlDecode(await auditor.GetPageAsync("/allocations"));
        html.Should().Contain(first.GetProperty("budget").GetString()).And.Contain(first.GetProperty("working").GetString());
    }

    [Theory]
    [InlineData("demo-lead-professional")]
    [InlineData("demo-provider")]
    [InlineData("demo-admin")]
    public async Task PoolsAndAllocations_ForOtherRoles_AreRefused(string user)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(user);
        foreach (var path in new[] { "/api/pools", "/api/allocations" })
        {
            var response = await browser.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        foreach (var path in new[] { "/funds", "/allocations" })
        {
            (await browser.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Redirect, $"{path} sends {user} to the access-denied page");
        }
    }

    private static long Pence(JsonElement e, string name) =>
        (long)(decimal.Parse(e.GetProperty(name).GetString()!.Replace("£", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture) * 100);
}
