using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Domain.Audit;
using Ledger.Infrastructure.Identity;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>Hardening (issue 9): security headers, HSTS, cookie flags, rate limits and secrets kept out of the settings files.</summary>
public sealed class SecurityTests
{
    private static readonly Uri Https = new("https://ledger.example.gov.uk/");

    [Fact]
    public async Task Responses_PagesApiAndRefusals_CarryTheContentSecurityPolicyAndFrameOptions()
    {
        using var site = new LedgerSite(loadDemoData: false);
        using var browser = site.Browser();
        foreach (var path in new[] { "/sign-in", "/api/openapi.json", "/api/orders", "/js/start.js", "/no-such-page" })
        {
            using var response = await browser.GetAsync(path);
            var headers = response.Headers;
            headers.GetValues("Content-Security-Policy").Single().Should().Be(Security.ContentSecurityPolicy, path);
            headers.GetValues("X-Frame-Options").Single().Should().Be("DENY", path);
            headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff", path);
            headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer", path);
            headers.Contains("Strict-Transport-Security").Should().BeFalse($"development serves plain http://localhost ({path})");
        }

        Security.ContentSecurityPolicy.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval").And.Contain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptOrStyle_SoThePolicyNeedsNoUnsafeInline()
    {
        using var site = new LedgerSite(loadDemoData: false);
        using var browser = site.Browser();
        var html = await browser.GetPageAsync("/sign-in");
        System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>").Should().BeEmpty("every script is a file");
        html.Should().NotContain("style=\"").And.NotContain("<style").And.NotContain(" onclick=");
    }

    [Fact]
    public async Task Hsts_OutsideDevelopment_IsSentOverHttps()
    {
        using var site = new LedgerSite(loadDemoData: false, environment: "Production");
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https, AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/sign-in", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Single().Should().Be("max-age=31536000; includeSubDomains");
    }

    [Fact]
    public async Task Cookies_OutsideDevelopment_AreSecureHttpOnlyAndSameSite()
    {
        using var site = new LedgerSite(loadDemoData: false, environment: "Production");
        var user = await CreateUserAsync(site, LedgerRoles.BudgetHolder);
        using var browser = new Browser(site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https, AllowAutoRedirect = false }));

        using var form = await browser.GetAsync("/sign-in");
        var antiforgery = CookieNamed(form, "Ledger.Antiforgery");
        antiforgery.Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=strict");

        using var signedIn = await browser.SignInAsync(user);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var session = CookieNamed(signedIn, "Ledger.SignIn");
        session.Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=lax");
    }

    [Fact]
    public async Task SignIn_AboveTheLimitForAnAddress_IsRefusedWith429BeforeThePasswordIsTried()
    {
        using var site = LimitedSite(signIns: 3);
        var user = await CreateUserAsync(site, LedgerRoles.LeadProfessional);
        using var browser = site.Browser();
        for (var i = 0; i < 3; i++)
        {
            (await browser.SignInAsync(user, "not the password at all")).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests, $"attempt {i + 1} is within the limit");
        }

        using var refused = await browser.SignInAsync(user);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the fourth post in a minute from one address");
        refused.Headers.GetValues("Retry-After").Single().Should().Be("60");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Too many attempts");
        (await browser.GetAsync("/sign-in")).StatusCode.Should().Be(HttpStatusCode.OK, "reading the form is not limited");

        using var scope = site.Services.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<UserManager<LedgerUser>>().FindByNameAsync(user);
        account!.AccessFailedCount.Should().Be(3, "the refused attempt never reached the password check, right password or not");
    }

    [Fact]
    public async Task ApiTokens_IssuingAboveTheLimit_IsRefusedWith429()
    {
        using var site = LimitedSite(tokens: 2);
        var admin = await CreateUserAsync(site, LedgerRoles.Administrator);
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(admin);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/admin/tokens", UriKind.Relative))
            {
                Content = new StringContent(JsonSerializer.Serialize(new { userName = admin, name = $"limit {i}" }), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await browser.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Bearer_RequestsAboveTheLimitForAnAddress_AreRefusedWith429()
    {
        using var site = LimitedSite(bearer: 5);
        using var client = site.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/orders", UriKind.Relative));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", $"ldg_guess{i}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        statuses.Take(5).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.Unauthorized));
        statuses[5].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public void Settings_TheShippedFiles_HoldNoSecret()
    {
        var folder = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var files = Directory.GetFiles(folder, "appsettings*.json");
        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var (name, value) in Leaves(json.RootElement, string.Empty))
            {
                var secretName = name.Contains("secret", StringComparison.OrdinalIgnoreCase) || name.Contains("password", StringComparison.OrdinalIgnoreCase)
                    || name.EndsWith(":key", StringComparison.OrdinalIgnoreCase) || name.Contains("token", StringComparison.OrdinalIgnoreCase);
                (secretName && value.Length > 0).Should().BeFalse($"{Path.GetFileName(file)} sets {name}: secrets come from the environment or a secret store");
                value.Should().NotMatchRegex("(?i)(password|pwd)=", $"{Path.GetFileName(file)}: {name} carries a password");
            }
        }
    }

    [Fact]
    public void Secrets_FromTheEnvironment_ReachTheSettings()
    {
        const string key = "Ledger__Authentication__OpenIdConnect__ClientSecret";
        Environment.SetEnvironmentVariable(key, "from-the-environment");
        try
        {
            using var site = new LedgerSite(loadDemoData: false);
            site.Services.GetRequiredService<OpenIdConnectSettings>().ClientSecret.Should().Be("from-the-environment");
        }
        finally
        {
            Environment.SetEnvironmentVariable(key, null);
        }
    }

    [Fact]
    public async Task DeniedAttempts_AnonymousAndSignedIn_AreInTheAuditTrail()
    {
        using var site = new LedgerSite(loadDemoData: false);
        var provider = await CreateUserAsync(site, LedgerRoles.Provider);
        using (var anonymous = site.Browser())
        {
            (await anonymous.GetAsync("/api/orders")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var browser = site.Browser();
        await browser.SignInOrFailAsync(provider);
        (await browser.GetAsync("/api/admin/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        var denied = await db.Set<AuditEntry>().Where(e => e.Action == AuditAction.Denied).ToListAsync();
        denied.Should().ContainSingle(e => e.UserName == "anonymous" && e.What == "GET /api/orders" && e.Detail!.StartsWith("401", StringComparison.Ordinal));
        var area = await db.Areas.SingleOrDefaultAsync(a => a.Code == DemoAccounts.Area);
        denied.Should().ContainSingle(e => e.UserName == provider && e.Role == LedgerRoles.Provider && e.What == "GET /api/admin/users"
                                           && e.Detail!.StartsWith("403", StringComparison.Ordinal))
            .Which.Area.Should().Be(area?.Id);
    }

    private static LedgerSite LimitedSite(int signIns = 100_000, int tokens = 100_000, int bearer = 100_000) =>
        new(loadDemoData: false, settings: new Dictionary<string, string?>
        {
            ["Ledger:Security:SignInPermitsPerMinute"] = signIns.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ledger:Security:TokenPermitsPerMinute"] = tokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ledger:Security:BearerPermitsPerMinute"] = bearer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    // Without demo data there is no area: the user names Westmoor all the same (the account needs an area claim).
    private static Task<string> CreateUserAsync(LedgerSite site, string role)
    {
        _ = site.Services; // starts the host: roles are created at start-up
        return site.CreateUserAsync(role);
    }

    private static string CookieNamed(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.SingleOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal))?.ToLowerInvariant()
              ?? throw new InvalidOperationException($"No {name} cookie among: {string.Join(" | ", cookies)}")
            : throw new InvalidOperationException($"No cookie set; {name} expected.");

    private static IEnumerable<(string Name, string Value)> Leaves(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var leaf in Leaves(property.Value, path.Length == 0 ? property.Name : path + ":" + property.Name))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var leaf in Leaves(item, $"{path}:{i++}"))
                    {
                        yield return leaf;
                    }
                }

                break;
            default:
                yield return (path, element.ValueKind == JsonValueKind.String ? element.GetString() ?? string.Empty : element.GetRawText());
                break;
        }
    }
}
