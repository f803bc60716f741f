using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ledger.Browser.Tests;

/// <summary>
/// The real web host listening on a free loopback port (Kestrel, not the in-memory test server, so a real
/// browser can reach it) on a temporary SQLite file with the demo data, and one headless Debian Chromium
/// driven by Playwright. Shared by every test in the <see cref="BrowserSiteCollection"/>: the demo data takes
/// about half a minute to load. When Chromium is missing nothing is started and each test is skipped —
/// or fails under CI=true.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    /// <summary>Generous for a loaded machine: one page load or click rarely takes more than a second.</summary>
    private const float TimeoutMilliseconds = 60_000;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ledger-browser-tests", Guid.NewGuid().ToString("N"));
    private KestrelHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the host listens, e.g. http://127.0.0.1:40123.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The Chromium executable, or null when there is none.</summary>
    public static string? ChromiumPath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("LEDGER_CHROMIUM");
            var path = string.IsNullOrWhiteSpace(configured) ? "/usr/bin/chromium" : configured;
            return File.Exists(path) ? path : null;
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        if (ChromiumPath is not { } chromium)
        {
            return;
        }

        Directory.CreateDirectory(_folder);
        _host = new KestrelHost(_folder);
        // StartServer migrates the database and loads the demo data before it returns: off the test thread.
        await Task.Run(_host.StartServer);
        var addresses = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The host reports no address.");
        BaseAddress = new Uri(addresses.First());

        Assertions.SetDefaultExpectTimeout(TimeoutMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Timeout = TimeoutMilliseconds });
    }

    /// <summary>
    /// A fresh browser context (its own cookies, like a new private window). Skips the test when Chromium
    /// is missing, except under CI=true where that is a failure.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        if (_browser is null)
        {
            const string missing = "Chromium was not found (set LEDGER_CHROMIUM or apt-get install chromium).";
            if (IsCi)
            {
                throw new InvalidOperationException(missing + " CI=true: the browser tests must run.");
            }

            Assert.Skip(missing);
        }

        var context = await _browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(TimeoutMilliseconds);
        context.SetDefaultNavigationTimeout(TimeoutMilliseconds);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown: the temporary folder is left for the OS to clear.
        }
    }

    /// <summary>The real host (Program) with the demo data on a SQLite file in <paramref name="folder"/>, served by Kestrel on a free port.</summary>
    private sealed class KestrelHost : WebApplicationFactory<Program>
    {
        private readonly string _folder;

        public KestrelHost(string folder)
        {
            _folder = folder;
            UseKestrel(0);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Ledger:Database:Provider", "Sqlite");
            builder.UseSetting("Ledger:Database:ConnectionString", $"Data Source={Path.Combine(_folder, "ledger.db")}");
            builder.UseSetting("Ledger:LoadDemoData", "true");
            builder.UseSetting("Ledger:Jobs:Server", "false");
            builder.UseSetting("Ledger:Outcomes:EvidenceFolder", Path.Combine(_folder, "evidence"));
            // Every journey signs in from 127.0.0.1: the sign-in limit is tested in the web tests.
            builder.UseSetting("Ledger:Security:SignInPermitsPerMinute", "100000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserSiteCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "browser site";
}
