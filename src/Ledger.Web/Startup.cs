using Ledger.Application.Budgets;
using Ledger.Application.Demo;
using Ledger.Application.Purchasing;
using Ledger.Infrastructure.Identity;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Web;

/// <summary>The demo sign-ins that exist in this host's database, for the start-up message.</summary>
internal sealed class DemoSignIns
{
    /// <summary>The demo accounts, empty when the demo data is not loaded.</summary>
    public IReadOnlyList<DemoAccount> Accounts { get; set; } = [];
}

/// <summary>Start-up steps for the host: migrate, load demo data into an empty database, say where we are.</summary>
internal static partial class Startup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var loadDemo = app.Configuration.GetValue("Ledger:LoadDemoData", false);
        // The demo accounts share a password printed on the console: a production host must never make them.
        if (loadDemo && app.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Ledger:LoadDemoData is true in the Production environment. The demo data brings demo sign-ins with a published password; "
                + "turn it off, or run in the Development environment (dotnet run uses it).");
        }

        bool empty;
        var db = await app.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var applied = await Migrator.MigrateAsync(db);
            LogMigrated(app.Logger, db.Database.ProviderName, applied.Count);
            empty = !await db.Accounts.AnyAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var roles = await IdentitySetup.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        if (roles > 0)
        {
            LogRolesCreated(app.Logger, roles);
        }

        if (!loadDemo)
        {
            return;
        }

        if (empty)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            LogDemoLoading(app.Logger);
            var demo = ActivatorUtilities.CreateInstance<DemoLedger>(app.Services);
            var summary = await demo.LoadAsync(new SynchronousProgress<string>(m => LogDemoProgress(app.Logger, m)));
            LogDemoLoaded(app.Logger, summary.Areas, summary.Children, summary.Families, summary.Budgets + summary.LeadProfessionalBudgets, summary.Orders,
                summary.PaymentRuns, summary.Written, watch.Elapsed.TotalSeconds);
        }

        await EnsureDemoAccountsAsync(app, scope.ServiceProvider, loadedNow: empty);
    }

    // Demo data loaded by the CLI (`ledger demo`) gets its sign-ins too; a database holding other data does not.
    private static async Task EnsureDemoAccountsAsync(WebApplication app, IServiceProvider services, bool loadedNow)
    {
        var budgets = services.GetRequiredService<IBudgetStore>();
        if (!loadedNow && await budgets.AreaAsync(DemoAccounts.Area, CancellationToken.None) is null)
        {
            LogNoDemoData(app.Logger);
            return;
        }

        try
        {
            var created = await DemoAccounts.EnsureAsync(services.GetRequiredService<UserManager<LedgerUser>>(), budgets,
                services.GetRequiredService<IPurchasingStore>());
            LogDemoAccounts(app.Logger, created.Count);
            app.Services.GetRequiredService<DemoSignIns>().Accounts = DemoAccounts.All;
        }
        catch (InvalidOperationException e) when (!loadedNow)
        {
            LogDemoAccountsSkipped(app.Logger, e.Message);
        }
    }

    public static void AnnounceStartup(this WebApplication app)
    {
        var url = app.Urls.FirstOrDefault() ?? "http://localhost:5080";
        Console.WriteLine();
        foreach (var line in StartupMessage(url, app.Services.GetRequiredService<DemoSignIns>().Accounts))
        {
            Console.WriteLine(line);
        }
    }

    /// <summary>What the host prints once it listens: where it is and, with the demo data, whom to sign in as.</summary>
    internal static IReadOnlyList<string> StartupMessage(string url, IReadOnlyList<DemoAccount> demo)
    {
        url = url.TrimEnd('/');
        var lines = new List<string> { $"Ledger is running at {url}", $"  Sign in at {url}/sign-in." };
        if (demo.Count == 0)
        {
            lines.Add("  Demo sign-ins: none (they come with the demo data: Ledger:LoadDemoData, on in the Development environment).");
        }
        else
        {
            lines.Add($"  Demo sign-ins, one per role (every account's password is {DemoAccounts.Password}):");
            var width = demo.Max(a => a.UserName.Length);
            lines.AddRange(demo.Select(a =>
                $"    {a.UserName.PadRight(width)}  {LedgerRoles.Describe(a.Role),-18} {a.AreaCode} {a.PractitionerCode ?? a.ProviderCode ?? "—"}"));
        }

        lines.Add($"  Account balances for budget holders and auditors: {url}/overview; background jobs: {url}/background-jobs (the full Hangfire dashboard for administrators: {url}{Jobs.DashboardPath})");
        lines.Add("  Press Ctrl+C to stop.");
        return lines;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Provider}: {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string? provider, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Count} sign-in role(s)")]
    private static partial void LogRolesCreated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is empty: loading the demo data")]
    private static partial void LogDemoLoading(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Step}")]
    private static partial void LogDemoProgress(ILogger logger, string step);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Loaded the demo data: {Areas} areas, {Children} children, {Families} families, {Budgets} budgets, {Orders} orders, {Runs} payment runs ({Written} records and ledger requests written in {Seconds:F1} s)")]
    private static partial void LogDemoLoaded(ILogger logger, int areas, int children, int families, int budgets, int orders, int runs, int written, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo sign-ins: {Count} account(s) created")]
    private static partial void LogDemoAccounts(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger:LoadDemoData is on but the database holds other data than the demo's: no demo sign-ins")]
    private static partial void LogNoDemoData(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No demo sign-ins: {Reason}")]
    private static partial void LogDemoAccountsSkipped(ILogger logger, string reason);
}
