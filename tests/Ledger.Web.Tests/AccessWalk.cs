using System.Text;
using System.Text.Json;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>
/// What the authorisation walk and matrix share: every endpoint the host maps, the demo's records in the other area
/// (Carrow Vale) and those within Westmoor a role may not see, and how a template is filled and sent.
/// </summary>
internal static class AccessWalk
{
    /// <summary>The demo's other area.</summary>
    public const string OtherArea = "CARROWVALE";

    // Every route the host maps, with its methods: Razor pages answer GET and POST.
    public static List<(string Method, string Template)> Endpoints(LedgerSite site)
    {
        var found = new List<(string, string)>();
        foreach (var endpoint in site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (template.StartsWith("/jobs", StringComparison.Ordinal) || template.Contains("{**", StringComparison.Ordinal))
            {
                continue; // Hangfire's dashboard is its own application, walked by JobsTests.
            }

            // A minimal-API endpoint names its methods; a Razor page answers GET and its POST handlers.
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            found.AddRange(methods.Where(m => m is "GET" or "POST" or "DELETE").Select(m => (m, template)));
        }

        return found.Distinct().ToList();
    }

    public static IEnumerable<string> Candidates(string template, IReadOnlyDictionary<string, List<string>> other, IReadOnlyDictionary<string, List<string>> hidden)
    {
        var names = System.Text.RegularExpressions.Regex.Matches(template, @"\{(\w+)").Select(m => m.Groups[1].Value).ToList();
        var idName = names.FirstOrDefault(n => n is "reference" or "code" or "service" or "userName" or "id" or "sha256");
        if (idName is null)
        {
            yield break; // Only a month or quarter: nothing of anyone's to reach (the pilot report compares areas by design).
        }

        var values = Values(idName, other).Concat(Values(idName, hidden)).Distinct().ToList();
        foreach (var value in values)
        {
            yield return Fill(template, name => name == idName ? value : name == "month" ? "2026-09" : name == "quarter" ? "2026-Q3" : Values(name, other).FirstOrDefault() ?? "X");
        }
    }

    public static IEnumerable<string> Values(string name, IReadOnlyDictionary<string, List<string>> ids) => name switch
    {
        "reference" => ids["orders"].Concat(ids["claims"]).Concat(ids["runs"]).Concat(ids["samples"]).Concat(ids["subjects"]),
        "code" => ids["budgets"].Concat(ids["providers"]).Concat(ids["pools"]).Concat(ids["agencies"]),
        "service" => ids["services"],
        "userName" => ["no-such-user"],
        "id" => [Guid.NewGuid().ToString()],
        "sha256" => [new string('a', 64)],
        _ => [],
    };

    public static string Start(string body) => body.Length > 3000 ? body[..3000] : body;

    public static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    public static string Fill(string template, Func<string, string> value) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)(:[^}]*)?\}", m => Uri.EscapeDataString(value(m.Groups[1].Value)));

    public static async Task<HttpResponseMessage> SendAsync(Browser browser, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await browser.Client.SendAsync(request);
    }

    // A few of each kind of Carrow Vale's records, read from the database.
    public static async Task<IReadOnlyDictionary<string, List<string>>> OtherAreaIdsAsync(LedgerSite site)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        var area = await db.Areas.SingleAsync(a => a.Code == OtherArea);
        var mine = await db.Areas.SingleAsync(a => a.Code == "WESTMOOR");
        // A code both areas use (the same service code or child reference) is reachable in Westmoor by right: left out.
        var shared = new HashSet<string>(StringComparer.Ordinal);
        shared.UnionWith(await db.Budgets.Where(b => b.Area == mine.Id).Select(b => b.Code).ToListAsync());
        shared.UnionWith(await db.Subjects.Where(x => x.Area == mine.Id).Select(x => x.Reference).ToListAsync());
        shared.UnionWith(await db.Providers.Where(p => p.Area == mine.Id).Select(p => p.Code).ToListAsync());
        shared.UnionWith(await db.Pools.Where(p => p.Area == mine.Id).Select(p => p.Code).ToListAsync());
        shared.UnionWith(await db.Agencies.Where(a => a.Area == mine.Id).Select(a => a.Code).ToListAsync());
        shared.UnionWith(await db.ServiceItems.Where(x => x.Area == mine.Id).Select(x => x.Code).ToListAsync());
        List<string> Own(IEnumerable<string> codes, int count) => codes.Where(c => !shared.Contains(c)).Take(count).ToList();
        return new Dictionary<string, List<string>>
        {
            ["orders"] = await db.PurchaseOrders.Where(o => o.Area == area.Id).OrderBy(o => o.Reference).Select(o => o.Reference).Take(2).ToListAsync(),
            ["claims"] = await db.OutcomeClaims.Where(c => c.Area == area.Id).OrderBy(c => c.Reference).Select(c => c.Reference).Take(2).ToListAsync(),
            ["runs"] = await db.PaymentRuns.Where(r => r.Area == area.Id).OrderBy(r => r.Reference).Select(r => r.Reference).Take(1).ToListAsync(),
            ["samples"] = await db.AssuranceSamples.Where(x => x.Area == area.Id).OrderBy(x => x.Reference).Select(x => x.Reference).Take(1).ToListAsync(),
            ["subjects"] = Own(await db.Subjects.Where(x => x.Area == area.Id).OrderBy(x => x.Reference).Select(x => x.Reference).ToListAsync(), 1),
            ["budgets"] = Own(await db.Budgets.Where(b => b.Area == area.Id).OrderBy(b => b.Code).Select(b => b.Code).ToListAsync(), 2),
            ["providers"] = Own(await db.Providers.Where(p => p.Area == area.Id).OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(), 1),
            ["pools"] = Own(await db.Pools.Where(p => p.Area == area.Id).OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(), 1),
            ["agencies"] = Own(await db.Agencies.Where(a => a.Area == area.Id).OrderBy(a => a.Code).Select(a => a.Code).ToListAsync(), 1),
            ["services"] = Own(await db.ServiceItems.Where(x => x.Area == area.Id).OrderBy(x => x.Code).Select(x => x.Code).ToListAsync(), 1),
        };
    }

    // Within Westmoor: what this role may not see, found by comparing what the budget holder sees with what the role's own lists show.
    public static async Task<IReadOnlyDictionary<string, List<string>>> HiddenWithinTheAreaAsync(LedgerSite site, Browser browser, string user)
    {
        var none = new Dictionary<string, List<string>>
        {
            ["orders"] = [], ["claims"] = [], ["runs"] = [], ["samples"] = [], ["subjects"] = [], ["budgets"] = [], ["providers"] = [], ["pools"] = [],
            ["agencies"] = [], ["services"] = [],
        };
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        var area = await db.Areas.SingleAsync(a => a.Code == "WESTMOOR");
        var orders = await db.PurchaseOrders.Where(o => o.Area == area.Id).Select(o => new { o.Reference, o.Provider }).ToListAsync();
        var youngMinds = await db.Providers.SingleAsync(p => p.Area == area.Id && p.Code == "PRV-YOUNG-MINDS");
        switch (user)
        {
            case "demo-provider":
                none["orders"] = orders.Where(o => o.Provider != youngMinds.Id).Select(o => o.Reference).Order(StringComparer.Ordinal).Take(2).ToList();
                none["claims"] = await db.OutcomeClaims.Where(c => c.Area == area.Id && c.Provider != youngMinds.Id).OrderBy(c => c.Reference).Select(c => c.Reference)
                    .Take(2).ToListAsync();
                none["providers"] = await db.Providers.Where(p => p.Area == area.Id && p.Id != youngMinds.Id).OrderBy(p => p.Code).Select(p => p.Code).Take(1).ToListAsync();
                none["budgets"] = await db.Budgets.Where(b => b.Area == area.Id).OrderBy(b => b.Code).Select(b => b.Code).Take(1).ToListAsync();
                break;
            case "demo-lead-professional" or "demo-broker":
                var visibleOrders = await VisibleOrdersAsync(browser);
                none["orders"] = orders.Select(o => o.Reference).Where(r => !visibleOrders.Contains(r)).Order(StringComparer.Ordinal).Take(2).ToList();
                var caseload = await browser.GetAsync("/api/caseload");
                var visibleBudgets = caseload.IsSuccessStatusCode
                    ? JsonDocument.Parse(await caseload.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(b => b.GetProperty("budget").GetString()!).ToHashSet()
                    : [];
                none["budgets"] = (await db.Budgets.Where(b => b.Area == area.Id).OrderBy(b => b.Code).Select(b => b.Code).ToListAsync())
                    .Where(c => !visibleBudgets.Contains(c)).Take(2).ToList();
                break;
            case "demo-admin":
                none["orders"] = orders.Select(o => o.Reference).Order(StringComparer.Ordinal).Take(2).ToList();
                none["budgets"] = await db.Budgets.Where(b => b.Area == area.Id).OrderBy(b => b.Code).Select(b => b.Code).Take(2).ToListAsync();
                none["subjects"] = await db.Subjects.Where(s => s.Area == area.Id).OrderBy(s => s.Reference).Select(s => s.Reference).Take(1).ToListAsync();
                none["claims"] = await db.OutcomeClaims.Where(c => c.Area == area.Id).OrderBy(c => c.Reference).Select(c => c.Reference).Take(1).ToListAsync();
                break;
        }

        return none;
    }

    public static async Task<HashSet<string>> VisibleOrdersAsync(Browser browser)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var response = await browser.GetAsync($"/api/orders?pageSize=100&page={page}");
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            foreach (var item in json.GetProperty("items").EnumerateArray())
            {
                seen.Add(item.GetProperty("reference").GetString()!);
            }

            if (page >= json.GetProperty("pages").GetInt32())
            {
                return seen;
            }
        }
    }
}
