using Ledger.Application.Demo;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Web;

/// <summary>Start-up steps for the host: migrate, load demo data into an empty database, say where we are.</summary>
internal static partial class Startup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var db = await app.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var applied = await Migrator.MigrateAsync(db);
            LogMigrated(app.Logger, db.Database.ProviderName, applied.Count);
            var empty = !await db.Accounts.AnyAsync();
            if (empty && app.Configuration.GetValue("Ledger:LoadDemoData", false))
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                LogDemoLoading(app.Logger);
                var demo = ActivatorUtilities.CreateInstance<DemoLedger>(app.Services);
                var summary = await demo.LoadAsync(new SynchronousProgress<string>(m => LogDemoProgress(app.Logger, m)));
                LogDemoLoaded(app.Logger, summary.Areas, summary.Children, summary.Families, summary.Budgets + summary.LeadProfessionalBudgets, summary.Orders,
                    summary.PaymentRuns, summary.Written, watch.Elapsed.TotalSeconds);
            }
        }
    }

    public static void AnnounceStartup(this WebApplication app)
    {
        var url = app.Urls.FirstOrDefault() ?? "http://localhost:5080";
        Console.WriteLine();
        Console.WriteLine($"Ledger is running at {url}");
        Console.WriteLine($"  Read-only ledger overview: balances per account and funding stream (demo areas {string.Join(" and ", DemoLedger.AreaCodes)}).");
        Console.WriteLine("  Demo sign-ins: none yet — accounts, roles and pages arrive with the web application (issue 7).");
        Console.WriteLine("  Press Ctrl+C to stop.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Provider}: {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string? provider, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is empty: loading the demo data")]
    private static partial void LogDemoLoading(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Step}")]
    private static partial void LogDemoProgress(ILogger logger, string step);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Loaded the demo data: {Areas} areas, {Children} children, {Families} families, {Budgets} budgets, {Orders} orders, {Runs} payment runs ({Written} records and ledger requests written in {Seconds:F1} s)")]
    private static partial void LogDemoLoaded(ILogger logger, int areas, int children, int families, int budgets, int orders, int runs, int written, double seconds);
}
