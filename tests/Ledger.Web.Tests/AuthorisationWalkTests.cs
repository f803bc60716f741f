using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>
/// The authorisation walk (issue 7's test of done): every page and API endpoint the host maps, with every
/// role of Westmoor and with no one signed in, asked for another area's records (Carrow Vale's orders,
/// budgets, claims, runs, samples, children, providers, pools, partners) and for records within the area that
/// the role may not see (another provider's orders and claims; budgets and orders off a lead professional's
/// caseload; any money at all for an administrator). Nothing may answer 2xx, nothing may fail with a 5xx,
/// and no list a role can read may mention the other area. New endpoints are walked without changing this test.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class AuthorisationWalkTests(DemoSite site)
{
    private static readonly string[] Roles =
        ["demo-lead-professional", "demo-broker", "demo-budget-holder", "demo-provider", "demo-auditor", "demo-admin"];

    // Open to anyone: signing in, the API's description, the health check and the access-denied page.
    private static readonly string[] Public = ["/sign-in", "/sign-out", "/access-denied", "/api/openapi.json", "/health"];

    [Fact]
    public async Task EveryEndpoint_WhenNotSignedIn_AsksForSignIn()
    {
        using var anonymous = site.Browser();
        var walked = 0;
        foreach (var (method, template) in AccessWalk.Endpoints(site).Where(e => !Public.Contains(e.Template)))
        {
            var path = AccessWalk.Fill(template, _ => "X");
            using var response = await AccessWalk.SendAsync(anonymous, method, path);
            walked++;
            if (path.StartsWith("/api", StringComparison.Ordinal))
            {
                response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{method} {path} without signing in");
            }
            else if (method == "GET")
            {
                response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{method} {path} without signing in");
                AccessWalk.PathOf(response.Headers.Location!).Should().StartWith("/sign-in", $"{method} {path}");
            }
            else
            {
                ((int)response.StatusCode).Should().BeOneOf([400, 302], $"{method} {path}: a form post without a session or token writes nothing");
            }
        }

        walked.Should().BeGreaterThan(60, "the walk covers the whole application");
    }

    [Fact]
    public async Task EveryEndpointWithAnId_ForEveryRole_RefusesAnotherAreasAndOtherPeoplesRecords()
    {
        var other = await AccessWalk.OtherAreaIdsAsync(site);
        foreach (var kind in new[] { "orders", "claims", "runs", "subjects", "budgets", "providers", "pools", "agencies" })
        {
            other[kind].Should().NotBeEmpty($"the demo's other area has {kind} to try");
        }

        var requests = 0;
        foreach (var user in Roles)
        {
            using var browser = site.Browser();
            await browser.SignInOrFailAsync(user);
            var hidden = await AccessWalk.HiddenWithinTheAreaAsync(site, browser, user);
            foreach (var (method, template) in AccessWalk.Endpoints(site).Where(e => e.Template.Contains('{', StringComparison.Ordinal) && !Public.Contains(e.Template)))
            {
                foreach (var path in AccessWalk.Candidates(template, other, hidden))
                {
                    using var response = await AccessWalk.SendAsync(browser, method, path);
                    requests++;
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync();
                    status.Should().NotBeInRange(200, 299, $"{user}: {method} {path} must not reach a record it may not see");
                    status.Should().BeLessThan(500, $"{user}: {method} {path} answered {body}");
                    if (status == 302)
                    {
                        AccessWalk.PathOf(response.Headers.Location!).Should().StartWith("/access-denied", $"{user}: {method} {path}");
                    }
                }
            }
        }

        requests.Should().BeGreaterThan(500);
    }

    [Fact]
    public async Task EveryListAndPage_ForEveryRole_NeverMentionsAnotherArea()
    {
        var other = await AccessWalk.OtherAreaIdsAsync(site);
        var tokens = other.Values.SelectMany(v => v).Append(AccessWalk.OtherArea).Append("Carrow Vale").ToList();
        foreach (var user in Roles)
        {
            using var browser = site.Browser();
            await browser.SignInOrFailAsync(user);
            foreach (var (_, template) in AccessWalk.Endpoints(site).Where(e => e.Method == "GET" && !e.Template.Contains('{', StringComparison.Ordinal) && !Public.Contains(e.Template)))
            {
                using var response = await browser.GetAsync(template);
                ((int)response.StatusCode).Should().BeLessThan(500, $"{user}: GET {template} answered {AccessWalk.Start(await response.Content.ReadAsStringAsync())}");
                // An administrator sees every area's job names on /background-jobs (no money): the one page meant to span areas.
                if (response.StatusCode == HttpStatusCode.OK && !(user == "demo-admin" && template == "/background-jobs"))
                {
                    var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                    tokens.Where(t => body.Contains(t, StringComparison.Ordinal)).Should().BeEmpty($"{user}: GET {template} shows only their own area");
                }
            }
        }
    }
}
