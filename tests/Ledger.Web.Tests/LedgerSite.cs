using System.Net;
using System.Text.RegularExpressions;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>
/// The real web host on a fresh SQLite file in a temporary folder, migrated by the real migrations at
/// start-up. Settings are given per instance; nothing touches the checkout's data folder.
/// </summary>
public class LedgerSite : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ledger-web-tests", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;

    public LedgerSite(bool loadDemoData, string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(_folder);
        DatabaseFile = Path.Combine(_folder, "ledger.db");
        _environment = environment;
        var all = new Dictionary<string, string?>
        {
            ["Ledger:Database:Provider"] = "Sqlite",
            ["Ledger:Database:ConnectionString"] = $"Data Source={DatabaseFile}",
            ["Ledger:LoadDemoData"] = loadDemoData ? "true" : "false",
            ["Ledger:Jobs:Server"] = "false",
            ["Ledger:Outcomes:EvidenceFolder"] = Path.Combine(_folder, "evidence"),
            // Every test signs in from the same address; SecurityTests sets the real limits on its own site.
            ["Ledger:Security:SignInPermitsPerMinute"] = "100000",
            ["Ledger:Security:TokenPermitsPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        _settings = all;
    }

    public string DatabaseFile { get; }

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests look at them).</summary>
    public Browser Browser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Creates a user of <paramref name="role"/> in Westmoor, for a test that changes its account (e.g. locks it).</summary>
    public async Task<string> CreateUserAsync(string role, string password = DemoAccounts.Password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LedgerUser>>();
        var name = $"test-{Guid.NewGuid():N}"[..20];
        var user = new LedgerUser { UserName = name, DisplayName = "Test " + name, AreaCode = DemoAccounts.Area, LockoutEnabled = true };
        (await users.CreateAsync(user, password)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        return name;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown: the temporary folder is left for the OS to clear.
            }
        }
    }
}

/// <summary>One site with the demo data loaded, shared by every test in the "demo site" collection (loading takes about 25 s).</summary>
public sealed class DemoSite() : LedgerSite(loadDemoData: true);

[CollectionDefinition(Name)]
public sealed class DemoSiteCollection : ICollectionFixture<DemoSite>
{
    public const string Name = "demo site";
}

/// <summary>An HTTP client that signs in the way a browser does: it reads the antiforgery token from the form it posts.</summary>
public sealed partial class Browser(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<string> GetPageAsync(string path)
    {
        var response = await GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {path} should show the page");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form, with the antiforgery token read from the page at <paramref name="formPage"/> unless told not to.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IDictionary<string, string> fields, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields);
        if (withToken)
        {
            var html = await GetPageAsync(formPage);
            form["__RequestVerificationToken"] = AntiforgeryToken(html);
        }

        using var content = new FormUrlEncodedContent(form);
        return await Client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public Task<HttpResponseMessage> SignInAsync(string userName, string password = Infrastructure.Identity.DemoAccounts.Password, string action = "/sign-in") =>
        PostFormAsync("/sign-in", action, new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });

    public async Task SignInOrFailAsync(string userName)
    {
        var response = await SignInAsync(userName);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{userName} should sign in");
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        match.Success.Should().BeTrue("the page should carry an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
