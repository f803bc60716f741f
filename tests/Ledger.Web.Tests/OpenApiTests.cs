using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>
/// The OpenAPI document: served without signing in, titled "Ledger API", describing the bearer token and
/// ProblemDetails, and listing every endpoint under /api — including ones added later by others.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed partial class OpenApiTests(DemoSite site)
{
    [Fact]
    public async Task Document_IsServedWithoutSigningIn_WithTitleBearerSchemeAndProblemDetails()
    {
        var doc = await DocumentAsync();
        doc.GetProperty("info").GetProperty("title").GetString().Should().Be("Ledger API");
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiToken");
        scheme.GetProperty("type").GetString().Should().Be("http");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");
        doc.GetProperty("components").GetProperty("schemas").TryGetProperty("ProblemDetails", out _).Should().BeTrue();

        var orders = doc.GetProperty("paths").GetProperty("/api/orders").GetProperty("get");
        orders.GetProperty("summary").GetString().Should().NotBeNullOrWhiteSpace();
        orders.GetProperty("responses").GetProperty("default").GetProperty("content").TryGetProperty("application/problem+json", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Document_ListsEveryApiEndpoint()
    {
        var doc = await DocumentAsync();
        var paths = doc.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.EnumerateObject().Select(o => o.Name.ToUpperInvariant()).ToHashSet());

        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && ("/" + raw.TrimStart('/')).StartsWith("/api/", StringComparison.Ordinal))
            .Where(e => "/" + e.RoutePattern.RawText!.TrimStart('/') != "/api/openapi.json")
            .ToList();
        endpoints.Should().HaveCountGreaterThanOrEqualTo(8, "orders, caseload, accounts and the administrators' endpoints are all under /api");

        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = Parameter().Replace("/" + endpoint.RoutePattern.RawText!.TrimStart('/'), "{$1}");
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            missing.AddRange(methods.Where(m => !paths.TryGetValue(path, out var ops) || !ops.Contains(m)).Select(m => $"{m} {path}"));
        }

        missing.Should().BeEmpty("every /api endpoint must be in the OpenAPI document (give it a summary, do not exclude it)");
        paths.Should().ContainKey("/api/admin/tokens/{id}");
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var browser = site.Browser();
        var response = await browser.GetAsync("/api/openapi.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    // {id:guid}, {*rest}, {name?} as the document writes them: {id}, {rest}, {name}.
    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
