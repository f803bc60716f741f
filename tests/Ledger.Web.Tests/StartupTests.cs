using System.Net;
using Ledger.Infrastructure.Identity;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Startup_WithoutDemoData_CreatesTheRolesButNoAccounts()
    {
        using var site = new LedgerSite(loadDemoData: false);
        using var browser = site.Browser();
        (await browser.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        (await db.Roles.Select(r => r.Name).ToListAsync()).Should().BeEquivalentTo(LedgerRoles.All);
        (await db.Users.CountAsync()).Should().Be(0);
        (await browser.SignInAsync("demo-admin")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void Startup_InProductionWithDemoData_Refuses()
    {
        using var site = new LedgerSite(loadDemoData: true, environment: "Production");
        var start = () => site.CreateClient();
        start.Should().Throw<InvalidOperationException>().WithMessage("*LoadDemoData*Production*");
    }

    [Fact]
    public void StartupMessage_WithDemoData_PrintsTheUrlAndEachDemoSignIn()
    {
        var lines = Startup.StartupMessage("http://localhost:5080/", DemoAccounts.All);
        var text = string.Join('\n', lines);
        text.Should().Contain("Ledger is running at http://localhost:5080\n").And.Contain("http://localhost:5080/sign-in")
            .And.Contain($"password is {DemoAccounts.Password}");
        foreach (var account in DemoAccounts.All)
        {
            lines.Should().Contain(l => l.Contains(account.UserName, StringComparison.Ordinal) && l.Contains(LedgerRoles.Describe(account.Role), StringComparison.Ordinal));
        }

        text.Should().NotContain("none yet");
    }

    [Fact]
    public void StartupMessage_WithoutDemoData_SaysThereAreNoDemoSignIns()
    {
        var text = string.Join('\n', Startup.StartupMessage("http://localhost:5080", []));
        text.Should().Contain("Demo sign-ins: none").And.NotContain(DemoAccounts.Password);
    }

    [Fact]
    public async Task OpenIdConnect_WhenNotConfigured_AddsNoSchemeAndNoButton()
    {
        using var site = new LedgerSite(loadDemoData: false);
        using var browser = site.Browser();
        (await browser.GetPageAsync("/sign-in")).Should().NotContain("Sign in with");
        var schemes = site.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        (await schemes.GetSchemeAsync("oidc")).Should().BeNull();
    }

    [Fact]
    public async Task OpenIdConnect_WhenConfigured_AddsTheSchemeAndTheButton()
    {
        using var site = new LedgerSite(loadDemoData: false, settings: new Dictionary<string, string?>
        {
            ["Ledger:Authentication:OpenIdConnect:Authority"] = "https://login.example.test/realms/westmoor",
            ["Ledger:Authentication:OpenIdConnect:ClientId"] = "ledger",
            ["Ledger:Authentication:OpenIdConnect:DisplayName"] = "Westmoor staff sign-in",
        });
        using var browser = site.Browser();
        (await browser.GetPageAsync("/sign-in")).Should().Contain("Sign in with Westmoor staff sign-in");
        var schemes = site.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        var scheme = await schemes.GetSchemeAsync("oidc");
        scheme.Should().NotBeNull();
        scheme!.HandlerType.Name.Should().Be("OpenIdConnectHandler");
    }
}
