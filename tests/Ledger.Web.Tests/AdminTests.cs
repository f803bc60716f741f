using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>
/// Administrators' users and roles: only administrators reach the pages and endpoints; a new user needs the
/// practitioner or provider code their role acts as, existing in the area, and bad input writes nothing; a
/// changed role applies on the person's next request; an administrator keeps their own administrator role.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class AdminTests(DemoSite site)
{
    public static TheoryData<string> NonAdministrators => ["demo-lead-professional", "demo-broker", "demo-budget-holder", "demo-provider", "demo-auditor"];

    [Theory]
    [MemberData(nameof(NonAdministrators))]
    public async Task AdminPagesAndEndpoints_AsANonAdministrator_AreForbidden(string userName)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync(userName);
        foreach (var page in new[] { "/admin/users", "/admin/users/add", "/admin/users/edit/demo-admin", "/admin/tokens", $"/admin/tokens/{Guid.NewGuid()}/revoke" })
        {
            var response = await browser.GetAsync(page);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, page);
            response.Headers.Location!.AbsolutePath.Should().Be("/access-denied", page);
        }

        var posted = await browser.Client.PostAsync(new Uri("/admin/tokens", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = userName, ["Name"] = "mine" }));
        posted.StatusCode.Should().NotBe(HttpStatusCode.OK);

        var requests = new Func<Task<HttpResponseMessage>>[]
        {
            () => browser.GetAsync("/api/admin/users"),
            () => browser.GetAsync("/api/admin/tokens"),
            () => browser.GetAsync($"/api/admin/tokens/{Guid.NewGuid()}"),
            () => browser.Client.PostAsJsonAsync(new Uri("/api/admin/tokens", UriKind.Relative), new { userName, name = "mine" }),
            () => browser.Client.DeleteAsync(new Uri($"/api/admin/tokens/{Guid.NewGuid()}", UriKind.Relative)),
        };
        foreach (var request in requests)
        {
            var response = await request();
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
    }

    [Fact]
    public async Task AdminEndpoints_WithANonAdministratorsToken_AreForbidden()
    {
        var secret = await ApiTokenTests.CreateTokenAsync(site, "demo-provider", "Provider tries admin");
        using var client = ApiTokenTests.TokenClient(site, secret);
        var response = await client.GetAsync(new Uri("/api/admin/users", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task UsersPage_AsAdministrator_ListsEachUsersRoleAreaAndCode()
    {
        using var admin = await AdminAsync();
        var html = await admin.GetPageAsync("/admin/users");
        html.Should().Contain("demo-lead-professional").And.Contain("Lead professional").And.Contain("LP-WM-01").And.Contain("PRV-YOUNG-MINDS")
            .And.Contain("WESTMOOR").And.Contain("<caption");
        var api = await (await admin.GetAsync("/api/admin/users?pageSize=100")).Content.ReadFromJsonAsync<JsonElement>();
        api.GetProperty("items").EnumerateArray().Should().Contain(u => u.GetProperty("userName").GetString() == "demo-provider"
            && u.GetProperty("role").GetString() == "Provider" && u.GetProperty("providerCode").GetString() == "PRV-YOUNG-MINDS"
            && !u.GetProperty("locked").GetBoolean());
        (await admin.GetAsync("/api/admin/users?pageSize=101")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(LedgerRoles.LeadProfessional, "", "", "practitioner-code")]
    [InlineData(LedgerRoles.LeadProfessional, "LP-NOBODY-99", "", "practitioner-code")]
    [InlineData(LedgerRoles.LeadProfessional, "BR-WM-01", "", "practitioner-code")]
    [InlineData(LedgerRoles.BudgetHolder, "", "", "practitioner-code")]
    [InlineData(LedgerRoles.Provider, "", "", "provider-code")]
    [InlineData(LedgerRoles.Provider, "", "PRV-NOBODY", "provider-code")]
    [InlineData("", "", "", "role")]
    public async Task AddUser_WithAMissingOrUnknownCode_IsRefusedAndWritesNothing(string role, string practitioner, string provider, string field)
    {
        using var admin = await AdminAsync();
        var userName = $"refused-{Guid.NewGuid():N}"[..20];
        var response = await admin.PostFormAsync("/admin/users/add", "/admin/users/add", NewUser(userName, role, practitioner, provider));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain($"id=\"{field}-error\"", "the error is shown next to its field").And.Contain($"href=\"#{field}\"", "and in the summary");
        html.Should().Contain($"value=\"{userName}\"", "what was typed is kept").And.NotContain("Ledger-demo-2026-x!", "the password is never shown again");
        (await FindAsync(userName)).Should().BeNull("nothing is written on bad input");
    }

    [Fact]
    public async Task AddUser_WithAWeakPasswordOrUnknownArea_ShowsEachFieldsErrorAndWritesNothing()
    {
        using var admin = await AdminAsync();
        var userName = $"weak-{Guid.NewGuid():N}"[..20];
        var fields = NewUser(userName, LedgerRoles.InternalAuditor, "", "");
        fields["Password"] = "short";
        fields["AreaCode"] = "NOWHERE";
        var response = await admin.PostFormAsync("/admin/users/add", "/admin/users/add", fields);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("id=\"password-error\"").And.Contain("id=\"area-error\"");
        (await FindAsync(userName)).Should().BeNull();
    }

    [Fact]
    public async Task AddUser_AsAProvidersUser_SignsInAndSeesOnlyThatProvidersOrders()
    {
        using var admin = await AdminAsync();
        var userName = $"prov-{Guid.NewGuid():N}"[..20];
        var response = await admin.PostFormAsync("/admin/users/add", "/admin/users/add", NewUser(userName, LedgerRoles.Provider, "", "prv-young-minds"));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync(response.Headers.Location!.OriginalString)).Should().Contain($"User {userName} added");

        var user = await FindAsync(userName);
        user!.ProviderCode.Should().Be("PRV-YOUNG-MINDS");
        user.PractitionerCode.Should().BeNull();

        using var person = site.Browser();
        (await person.SignInAsync(userName, "Ledger-demo-2026-x!")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var orders = await (await person.GetAsync("/api/orders?pageSize=100")).Content.ReadFromJsonAsync<JsonElement>();
        orders.GetProperty("items").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(o => o.GetProperty("provider").GetString() == "PRV-YOUNG-MINDS");
    }

    [Fact]
    public async Task ChangeRole_AppliesOnTheNextRequest()
    {
        var userName = await site.CreateUserAsync(LedgerRoles.InternalAuditor);
        using var person = site.Browser();
        await person.SignInOrFailAsync(userName);
        (await person.GetAsync("/overview")).StatusCode.Should().Be(HttpStatusCode.OK, "an auditor reads the balances");

        using var admin = await AdminAsync();
        var page = $"/admin/users/edit/{userName}";
        var changed = await admin.PostFormAsync(page, page,
            new Dictionary<string, string> { ["Role"] = LedgerRoles.Provider, ["PractitionerCode"] = "", ["ProviderCode"] = "PRV-YOUNG-MINDS" });
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var next = await person.GetAsync("/overview");
        next.StatusCode.Should().Be(HttpStatusCode.Redirect, "the old role's cookie no longer counts");
        (await person.GetAsync("/api/accounts")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await person.SignInOrFailAsync(userName);
        var overview = await person.GetAsync("/overview");
        overview.Headers.Location!.AbsolutePath.Should().Be("/access-denied", "a provider does not read balances");
        var orders = await (await person.GetAsync("/api/orders?pageSize=100")).Content.ReadFromJsonAsync<JsonElement>();
        orders.GetProperty("items").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(o => o.GetProperty("provider").GetString() == "PRV-YOUNG-MINDS");
    }

    [Fact]
    public async Task ChangeRole_WithAnUnknownCode_IsRefusedAndKeepsTheOldRole()
    {
        var userName = await site.CreateUserAsync(LedgerRoles.InternalAuditor);
        using var admin = await AdminAsync();
        var page = $"/admin/users/edit/{userName}";
        var refused = await admin.PostFormAsync(page, page,
            new Dictionary<string, string> { ["Role"] = LedgerRoles.LeadProfessional, ["PractitionerCode"] = "LP-NOBODY-99", ["ProviderCode"] = "" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("id=\"practitioner-code-error\"");
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LedgerUser>>();
        var user = await users.FindByNameAsync(userName);
        (await users.GetRolesAsync(user!)).Should().Equal(LedgerRoles.InternalAuditor);
        user!.PractitionerCode.Should().BeNull();
    }

    [Fact]
    public async Task ChangeRole_OfTheAdministratorsOwnAccount_CannotRemoveTheAdministratorRole()
    {
        var adminName = await site.CreateUserAsync(LedgerRoles.Administrator);
        using var admin = site.Browser();
        await admin.SignInOrFailAsync(adminName);
        var page = $"/admin/users/edit/{adminName}";
        var refused = await admin.PostFormAsync(page, page,
            new Dictionary<string, string> { ["Role"] = LedgerRoles.InternalAuditor, ["PractitionerCode"] = "", ["ProviderCode"] = "" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("id=\"role-error\"").And.Contain("cannot remove your own administrator role");
        (await admin.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK, "still an administrator");

        var locked = await admin.PostFormAsync(page, page + "?handler=Lock", new Dictionary<string, string>());
        locked.StatusCode.Should().Be(HttpStatusCode.BadRequest, "nor lock themselves out");
        (await admin.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LockAndUnlock_EndsTheSessionAndLetsThemBackIn()
    {
        var userName = await site.CreateUserAsync(LedgerRoles.InternalAuditor);
        using var person = site.Browser();
        await person.SignInOrFailAsync(userName);
        using var admin = await AdminAsync();
        var page = $"/admin/users/edit/{userName}";

        var locked = await admin.PostFormAsync(page, page + "?handler=Lock", new Dictionary<string, string>());
        locked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync(locked.Headers.Location!.OriginalString)).Should().Contain("Account locked").And.Contain("Unlock account");
        (await person.GetAsync("/overview")).Headers.Location!.AbsolutePath.Should().Be("/sign-in");
        (await person.SignInAsync(userName)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a locked account cannot sign in");

        (await admin.PostFormAsync(page, page + "?handler=Unlock", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await person.SignInOrFailAsync(userName);
        (await person.GetAsync("/overview")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HomePage_ForAnAdministrator_LinksToUsersAndTokens()
    {
        using var admin = await AdminAsync();
        var html = await admin.GetPageAsync("/");
        html.Should().Contain("href=\"/admin/users\"").And.Contain("href=\"/admin/tokens\"");
        (await admin.GetPageAsync("/admin/users/add")).Should().Contain("<label class=\"govuk-label\" for=\"practitioner-code\">");
        foreach (var page in new[] { "/admin/users/add", "/admin/users/edit/demo-provider", "/admin/tokens" })
        {
            // The layout's sign-out form has one; each form of the page needs its own, or a browser's post is refused.
            var html2 = await admin.GetPageAsync(page);
            var forms = html2.Split("<form").Skip(1).Select(f => f[..f.IndexOf("</form>", StringComparison.Ordinal)]).ToList();
            forms.Should().OnlyContain(f => f.Contains("__RequestVerificationToken", StringComparison.Ordinal), page);
        }
    }

    private async Task<Browser> AdminAsync()
    {
        var admin = site.Browser();
        await admin.SignInOrFailAsync("demo-admin");
        return admin;
    }

    private async Task<LedgerUser?> FindAsync(string userName)
    {
        using var scope = site.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<LedgerUser>>().FindByNameAsync(userName);
    }

    private static Dictionary<string, string> NewUser(string userName, string role, string practitioner, string provider) => new()
    {
        ["UserName"] = userName,
        ["DisplayName"] = "Test Person",
        ["Role"] = role,
        ["AreaCode"] = "WESTMOOR",
        ["PractitionerCode"] = practitioner,
        ["ProviderCode"] = provider,
        ["Password"] = "Ledger-demo-2026-x!",
    };
}
