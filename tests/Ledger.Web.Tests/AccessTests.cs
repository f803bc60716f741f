using System.Net;
using System.Text.Json;

namespace Ledger.Web.Tests;

[Collection(DemoSiteCollection.Name)]
public sealed class AccessTests(DemoSite site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/overview")]
    [InlineData("/approvals")]
    public async Task Page_WhenNotSignedIn_RedirectsToSignIn(string path)
    {
        using var browser = site.Browser();
        var response = await browser.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().Be("/sign-in?ReturnUrl=" + Uri.EscapeDataString(path));
    }

    [Fact]
    public async Task Overview_WhenNotSignedIn_RedirectsToSignIn()
    {
        using var browser = site.Browser();
        var response = await browser.GetAsync("/overview");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.Should().Be("/sign-in");
    }

    [Fact]
    public async Task Overview_AsBudgetHolder_ShowsTheirAreasAccountsOnly()
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-budget-holder");
        var html = await browser.GetPageAsync("/overview");
        html.Should().Contain("Accounts in WESTMOOR").And.Contain(":WESTMOOR:").And.Contain("govuk-table");
        html.Should().NotContain(":CARROWVALE:");
    }

    [Theory]
    [InlineData("demo-lead-professional")]
    [InlineData("demo-broker")]
    [InlineData("demo-provider")]
    [InlineData("demo-admin")]
    public async Task Overview_AsARoleWithoutIt_IsForbidden(string userName)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(userName);
        var response = await browser.GetAsync("/overview");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.Should().Be("/access-denied");
        var denied = await browser.GetAsync(response.Headers.Location.PathAndQuery);
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await denied.Content.ReadAsStringAsync()).Should().Contain("You cannot open this page");
    }

    [Fact]
    public async Task Api_WhenNotSignedIn_Returns401()
    {
        using var browser = site.Browser();
        var response = await browser.GetAsync("/api/accounts");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull("an API caller gets a status code, not a redirect to a form");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("demo-provider")]
    [InlineData("demo-admin")]
    public async Task Api_AsARoleWithoutIt_Returns403(string userName)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(userName);
        var response = await browser.GetAsync("/api/accounts");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Api_AsInternalAuditor_ReturnsTheirAreasAccounts()
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-auditor");
        var response = await browser.GetAsync("/api/accounts");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var accounts = json.RootElement.EnumerateArray().Select(a => a.GetProperty("account").GetString()!).ToList();
        accounts.Should().NotBeEmpty().And.OnlyContain(a => a.Contains(":WESTMOOR:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JobsDashboard_WhenNotSignedIn_RedirectsToSignIn()
    {
        using var browser = site.Browser();
        var response = await browser.GetAsync("/jobs");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.Should().Be("/sign-in");
    }

    [Theory]
    [InlineData("demo-lead-professional")]
    [InlineData("demo-provider")]
    [InlineData("demo-auditor")]
    [InlineData("demo-budget-holder")]
    public async Task JobsDashboard_ShowingEveryArea_IsForbiddenToAllButAdministrators(string userName)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(userName);
        foreach (var path in new[] { "/jobs", "/jobs/recurring" })
        {
            var response = await browser.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} may not open {path}");
            response.Headers.Location!.AbsolutePath.Should().Be("/access-denied");
        }
    }

    [Fact]
    public async Task JobsDashboard_AsAdministrator_IsShown()
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-admin");
        var html = await browser.GetPageAsync("/jobs/recurring");
        html.Should().Contain("<title>Recurring Jobs – Ledger jobs</title>");
        (await browser.GetPageAsync("/background-jobs")).Should().Contain("payment-run:WESTMOOR").And.Contain("payment-run:CARROWVALE").And.Contain("href=\"/jobs\"");
    }

    [Fact]
    public async Task BackgroundJobs_ForABudgetHolder_ShowOnlyTheirAreasJobsAndTheSharedOnes()
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-budget-holder");
        (await browser.GetPageAsync("/")).Should().Contain("href=\"/background-jobs\"");
        var html = await browser.GetPageAsync("/background-jobs");
        html.Should().Contain("payment-run:WESTMOOR").And.Contain("statements:WESTMOOR").And.Contain("expire-holds")
            .And.NotContain("CARROWVALE", "a budget holder sees their own area's jobs only");
        using var lead = site.Browser();
        await lead.SignInOrFailAsync("demo-lead-professional");
        (await lead.GetAsync("/background-jobs")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("demo-lead-professional")]
    [InlineData("demo-broker")]
    [InlineData("demo-budget-holder")]
    [InlineData("demo-provider")]
    [InlineData("demo-auditor")]
    [InlineData("demo-admin")]
    public async Task Home_ForEachRole_LinksOnlyToPagesThatOpen(string user)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(user);
        var home = await browser.GetPageAsync("/");
        var links = System.Text.RegularExpressions.Regex.Matches(home, "<li><a class=\"govuk-link\" href=\"([^\"]+)\">").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        links.Should().NotBeEmpty();
        foreach (var link in links)
        {
            var path = link.Split('#')[0];
            (await browser.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, $"{user}'s home page links to {link}");
        }

        (await browser.GetAsync("/not-built-yet/buy-a-service")).StatusCode.Should().Be(HttpStatusCode.NotFound, "every page is built: there are no placeholders left");
    }

    [Fact]
    public async Task Pages_AreGovUkStyledAndAccessible()
    {
        using var browser = site.Browser();
        var signIn = await browser.GetPageAsync("/sign-in");
        signIn.Should().Contain("<html lang=\"en-GB\" class=\"govuk-template\">")
            .And.Contain("<a href=\"#main-content\" class=\"govuk-skip-link\"")
            .And.Contain("id=\"main-content\"")
            .And.Contain("<link rel=\"stylesheet\" href=\"/govuk/govuk-frontend.min.css\">")
            .And.Contain("<label class=\"govuk-label\" for=\"user-name\">User name</label>")
            .And.Contain("<label class=\"govuk-label\" for=\"password\">Password</label>")
            .And.Contain("govuk-service-navigation__service-name")
            .And.Contain("govuk-footer");

        await browser.SignInOrFailAsync("demo-budget-holder");
        var home = await browser.GetPageAsync("/");
        home.Should().Contain("aria-label=\"Menu\"").And.Contain("action=\"/sign-out\"").And.Contain("__RequestVerificationToken");

        foreach (var file in new[] { "/govuk/govuk-frontend.min.css", "/govuk/govuk-frontend.min.js", "/assets/fonts/bold-b542beb274-v2.woff2", "/assets/images/favicon.ico" })
        {
            (await browser.GetAsync(file)).StatusCode.Should().Be(HttpStatusCode.OK, file);
        }
    }
}
