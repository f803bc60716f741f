using System.Net;
using Ledger.Infrastructure.Identity;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

[Collection(DemoSiteCollection.Name)]
public sealed class SignInTests(DemoSite site)
{
    [Fact]
    public async Task Site_UsesTheTemporaryDatabase_NotTheCheckoutsDataFolder()
    {
        using var browser = site.Browser();
        (await browser.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        File.Exists(site.DatabaseFile).Should().BeTrue();
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        db.Database.GetConnectionString().Should().Contain(site.DatabaseFile);
    }

    [Fact]
    public async Task SignIn_WithDemoLeadProfessional_ShowsTheirHomePage()
    {
        using var browser = site.Browser();
        var response = await browser.SignInAsync("demo-lead-professional");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");

        var home = await browser.GetPageAsync("/");
        home.Should().Contain("Harriet Quillfeather").And.Contain("Lead professional").And.Contain("Westmoor County Council (WESTMOOR)")
            .And.Contain("LP-WM-01").And.Contain("href=\"/caseload\"").And.Contain("href=\"/caseload#buy\"").And.NotContain("not built yet");
        home.Should().NotContain("/overview", "a lead professional does not see every account's balance");
    }

    [Theory]
    [InlineData("demo-lead-professional", "Lead professional", "LP-WM-01")]
    [InlineData("demo-broker", "Broker", "BR-WM-01")]
    [InlineData("demo-budget-holder", "Budget holder", "BH-WM-01")]
    [InlineData("demo-provider", "Provider", "Moorland Young Minds (a fictional charity) (PRV-YOUNG-MINDS)")]
    [InlineData("demo-auditor", "Internal auditor", "Perpetua Tallyworth")]
    [InlineData("demo-admin", "Administrator", "Cuthbert Keyes-Montague")]
    public async Task SignIn_WithEachDemoAccount_ShowsTheirRoleAreaAndWhomTheyActAs(string userName, string role, string actsAs)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(userName);
        var home = await browser.GetPageAsync("/");
        home.Should().Contain($"<span class=\"govuk-caption-l\">{role}</span>").And.Contain("Westmoor County Council (WESTMOOR)")
            .And.Contain(WebUtility.HtmlEncode(actsAs).Replace("&#x27;", "'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsTheErrorSummaryAndStaysSignedOut()
    {
        using var browser = site.Browser();
        var response = await browser.SignInAsync("demo-budget-holder", "not-the-password");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<title>Error: Sign in").And.Contain("govuk-error-summary").And.Contain("<a href=\"#user-name\">The user name or password is not right</a>")
            .And.Contain("govuk-form-group--error");
        html.Should().NotContain("not-the-password", "a password is never written back into the page");
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_WithEmptyFields_ShowsAnErrorForEachField()
    {
        using var browser = site.Browser();
        var response = await browser.SignInAsync("", "");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<a href=\"#user-name\">Enter your user name</a>").And.Contain("<a href=\"#password\">Enter your password</a>")
            .And.Contain("id=\"user-name-error\"").And.Contain("id=\"password-error\"");
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_LocksTheAccount()
    {
        var userName = await site.CreateUserAsync(LedgerRoles.LeadProfessional);
        using var browser = site.Browser();
        for (var i = 1; i <= 4; i++)
        {
            var wrong = await browser.SignInAsync(userName, "wrong-password-" + i);
            (await wrong.Content.ReadAsStringAsync()).Should().Contain("The user name or password is not right");
        }

        var fifth = await browser.SignInAsync(userName, "wrong-password-5");
        (await fifth.Content.ReadAsStringAsync()).Should().Contain("This account is locked after 5 wrong passwords. Try again in 15 minutes");

        var right = await browser.SignInAsync(userName);
        right.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the right password does not open a locked account");
        (await right.Content.ReadAsStringAsync()).Should().Contain("This account is locked");

        using var scope = site.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<LedgerUser>>().FindByNameAsync(userName);
        user!.LockoutEnd.Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(15), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task SignIn_WithFourWrongPasswordsThenTheRightOne_SignsIn()
    {
        var userName = await site.CreateUserAsync(LedgerRoles.LeadProfessional);
        using var browser = site.Browser();
        for (var i = 1; i <= 4; i++)
        {
            await browser.SignInAsync(userName, "wrong-password-" + i);
        }

        (await browser.SignInAsync(userName)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        using var browser = site.Browser();
        var response = await browser.PostFormAsync("/sign-in", "/sign-in",
            new Dictionary<string, string> { ["UserName"] = "demo-admin", ["Password"] = DemoAccounts.Password }, withToken: false);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_WithALocalReturnUrl_GoesBackThere()
    {
        using var browser = site.Browser();
        var response = await browser.SignInAsync("demo-budget-holder", action: "/sign-in?ReturnUrl=%2Foverview");
        response.Headers.Location!.OriginalString.Should().Be("/overview");
    }

    [Fact]
    public async Task SignIn_WithAReturnUrlToAnotherSite_GoesHomeInstead()
    {
        using var browser = site.Browser();
        var response = await browser.SignInAsync("demo-budget-holder", action: "/sign-in?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused()
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-lead-professional");
        var response = await browser.PostFormAsync("/", "/sign-out", new Dictionary<string, string>(), withToken: false);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "still signed in");
    }

    [Fact]
    public async Task SignOut_WithToken_SignsOutAndTheOldCookieNoLongerWorks()
    {
        using var browser = site.Browser();
        var signIn = await browser.SignInAsync("demo-auditor");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Ledger.SignIn=", StringComparison.Ordinal)).Split(';')[0];
        (await browser.GetPageAsync("/")).Should().Contain("Sign out");

        var response = await browser.PostFormAsync("/", "/sign-out", new Dictionary<string, string>());
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().StartWith("/sign-in");
        (await browser.GetPageAsync(response.Headers.Location.OriginalString)).Should().Contain("You have signed out");
        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // Someone who copied the cookie before the sign-out cannot use it afterwards.
        using var copy = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var replay = await copy.SendAsync(request);
        replay.StatusCode.Should().Be(HttpStatusCode.Redirect);
        replay.Headers.Location!.AbsolutePath.Should().Be("/sign-in");
    }

    [Fact]
    public async Task Accounts_AreStoredWithHashedPasswordsAndUniqueUserNames()
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LedgerUser>>();
        var user = await users.FindByNameAsync("demo-provider");
        user!.PasswordHash.Should().NotBeNullOrEmpty().And.NotContain(DemoAccounts.Password);
        (await users.CheckPasswordAsync(user, DemoAccounts.Password)).Should().BeTrue();

        var twin = new LedgerUser { UserName = "demo-provider", DisplayName = "Twin", AreaCode = DemoAccounts.Area };
        var result = await users.CreateAsync(twin, DemoAccounts.Password);
        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Code == "DuplicateUserName");
    }

    [Fact]
    public async Task DemoAccounts_AreLinkedToTheDemoDatasPeopleAndProvider()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        var area = await db.Areas.SingleAsync(a => a.Code == DemoAccounts.Area);
        foreach (var account in DemoAccounts.All)
        {
            var user = await db.Users.SingleAsync(u => u.UserName == account.UserName);
            user.AreaCode.Should().Be(DemoAccounts.Area);
            var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            roles.Should().Equal(account.Role);
            if (account.PractitionerCode is { } code)
            {
                var practitioner = await db.Practitioners.SingleAsync(p => p.Area == area.Id && p.Code == code);
                practitioner.Role.ToString().Should().Be(account.Role);
                user.DisplayName.Should().Be(practitioner.Name);
            }

            if (account.ProviderCode is { } provider)
            {
                (await db.Providers.AnyAsync(p => p.Area == area.Id && p.Code == provider)).Should().BeTrue();
            }
        }
    }
}
