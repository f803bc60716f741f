using System.Collections.Concurrent;
using System.Text.Json;
using Hangfire;
using Ledger.Infrastructure.Jobs;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Web.Tests;

/// <summary>
/// Personal details never reach the logs or the background jobs' stored arguments (issue 9). A host with the demo data
/// logs everything at Information and above, every category, EF Core and ASP.NET Core included, while every demo role
/// walks every page and list, a budget holder and a lead professional read a child's details (the audited read), and the
/// area's statements, payment run and pilot report jobs run; then the captured lines and the jobs' arguments are searched
/// for every demo child's and family's name and address.
/// </summary>
public sealed class LogScanTests
{
    private static readonly string[] Roles =
        ["demo-lead-professional", "demo-broker", "demo-budget-holder", "demo-provider", "demo-auditor", "demo-admin"];

    [Fact]
    public async Task Logs_OfAFullDemoRun_NeverNameAChildOrFamily()
    {
        var logs = new CapturedLogs();
        using var site = new LoggedSite(logs);
        using (var first = site.Browser())
        {
            await first.SignInOrFailAsync("demo-budget-holder"); // starts the host: migrations and the demo data, logged
        }

        var requests = 0;
        foreach (var user in Roles)
        {
            using var browser = site.Browser();
            await browser.SignInOrFailAsync(user);
            foreach (var path in ParameterlessPages(site))
            {
                using var response = await browser.GetAsync(path);
                requests++;
            }
        }

        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        var details = await db.PersonalDetails.ToListAsync();
        details.Should().NotBeEmpty("the demo has children and families");

        // The audited read of a child's details, by the two roles that may.
        var caseload = await CaseloadChildAsync(site);
        foreach (var (user, reference) in new[] { ("demo-budget-holder", caseload), ("demo-lead-professional", caseload) })
        {
            using var browser = site.Browser();
            await browser.SignInOrFailAsync(user);
            using var read = await browser.GetAsync($"/api/children/{reference}/details?purpose=Log%20scan%20test");
            read.IsSuccessStatusCode.Should().BeTrue($"{user} reads {reference}'s details");
            requests++;
        }

        var jobs = site.Services.GetRequiredService<LedgerJobs>();
        await jobs.MonthlyStatementsAsync("WESTMOOR", "2026-09");
        await jobs.PilotReportAsync("WESTMOOR", "2026-Q2");
        await jobs.ExpireHoldsAsync();

        var lines = logs.Lines.ToList();
        lines.Count.Should().BeGreaterThan(50, "the run logged its start-up, the demo data, the requests and the jobs");
        var secrets = details.Select(d => d.FullName).Concat(details.Where(d => d.Address is not null).Select(d => d.Address!))
            .Where(s => s.Length >= 5).Distinct().ToList();
        var named = lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.OrdinalIgnoreCase))).Take(5).ToList();
        named.Should().BeEmpty($"{lines.Count} log lines from {requests} requests and the jobs name no child or family");

        var storage = site.Services.GetRequiredService<JobStorage>();
        var arguments = JobsSetup.StoredRecurringJobs(storage).SelectMany(j => j.Job?.Args ?? []).Select(a => JsonSerializer.Serialize(a)).ToList();
        arguments.Should().NotBeEmpty("the recurring jobs carry area codes");
        arguments.Where(a => secrets.Any(s => a.Contains(s, StringComparison.OrdinalIgnoreCase))).Should().BeEmpty("job arguments are codes and dates only");
    }

    private static List<string> ParameterlessPages(LedgerSite site) =>
        site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(t => !t.Contains('{', StringComparison.Ordinal) && !t.StartsWith("/jobs", StringComparison.Ordinal) && t != "/sign-out")
            .Distinct().ToList();

    private static async Task<string> CaseloadChildAsync(LedgerSite site)
    {
        using var browser = site.Browser();
        await browser.SignInOrFailAsync("demo-lead-professional");
        using var caseload = await browser.GetAsync("/api/caseload");
        var json = JsonDocument.Parse(await caseload.Content.ReadAsStringAsync()).RootElement;
        return json.EnumerateArray().Select(b => b.GetProperty("subject").GetString()!).First();
    }

    private sealed class LoggedSite(CapturedLogs logs) : LedgerSite(loadDemoData: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging =>
            {
                logging.AddProvider(logs);
                // This provider hears every category at Information, whatever the settings files say for the console.
                logging.AddFilter<CapturedLogs>(null, LogLevel.Information);
            });
        }
    }

    /// <summary>Keeps every formatted log line (with its exception), from every category.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
