using System.Diagnostics;
using System.Globalization;
using Ledger.Application.Demo;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Cli.Commands;

/// <summary>
/// Loads the demo data set (<see cref="DemoLedger"/>) with progress shown: migrates the database
/// first, then creates what is missing. Running it again writes nothing.
/// </summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly();
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"demo takes no arguments; '{args.Positional[0]}' was given");
        }

        var watch = Stopwatch.StartNew();
        var contexts = services.GetRequiredService<IDbContextFactory<LedgerDbContext>>();
        var db = await contexts.CreateDbContextAsync(ct);
        await using (db)
        {
            var applied = await Migrator.MigrateAsync(db, ct);
            if (applied.Count > 0)
            {
                await output.WriteLineAsync($"applied {applied.Count} migration(s)");
            }
        }

        var demo = ActivatorUtilities.CreateInstance<DemoLedger>(services);
        DemoSummary summary;
        try
        {
            summary = await demo.LoadAsync(new SynchronousProgress<string>(m => output.WriteLine($"  {m} ({watch.Elapsed.TotalSeconds:N1} s)")), ct);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("The demo data was refused", StringComparison.Ordinal))
        {
            await output.FlushAsync(ct);
            throw new UsageException(e.Message);
        }

        await output.WriteLineAsync(summary.Written == 0
            ? $"demo: the demo data was already loaded; nothing written ({watch.Elapsed.TotalSeconds:N1} s)"
            : $"demo: loaded in {watch.Elapsed.TotalSeconds:N1} s ({summary.Written:N0} records and ledger requests written)");
        await output.WriteLineAsync($"  {summary.Areas} areas ({string.Join(", ", DemoLedger.AreaCodes)}), {summary.Agencies} agencies, {summary.Streams} funding streams for {DemoLedger.Year}, "
            + $"{summary.Pools} pools holding {summary.Contributed} in contributions");
        await output.WriteLineAsync($"  {summary.Practitioners} practitioners, {summary.Children} children, {summary.Families} families (pseudonymous references; invented names)");
        await output.WriteLineAsync($"  {summary.Budgets} individual budgets and {summary.LeadProfessionalBudgets} lead-professional budgets, {summary.Allocated} allocated");
        await output.WriteLineAsync($"  {summary.Providers} providers ({summary.SuspendedProviders} suspended), {summary.CatalogueEntries} catalogue entries; {summary.Orders} orders: "
            + $"{summary.CommittedAtOnce} committed at once, {summary.Approved} approved above delegated limits ({summary.PanelDecisions} by a panel), "
            + $"{summary.Rejected} rejected, {summary.Cancelled} cancelled, {summary.Waiting} waiting for approval");
        await output.WriteLineAsync($"  {summary.Started} services started, median {Days(summary.MedianDaysToService)} from need to service (90th percentile {Days(summary.Percentile90DaysToService)}); "
            + $"{summary.Invoices} invoices ({summary.PartInvoices} for fewer units than ordered)");
        await output.WriteLineAsync($"  {summary.PaymentRuns} payment runs paid {summary.Paid}; {summary.Owed} invoiced since the last run is still owed");
        await output.WriteLineAsync("  try: ledger pool position --area WESTMOOR --pool PATHFINDER-2026, ledger orders --area CARROWVALE, ledger balances --area CARROWVALE, ledger verify");
        return CliApp.Ok;
    }

    private static string Days(decimal? days) => days is { } d ? $"{d.ToString("0.#", CultureInfo.InvariantCulture)} days" : "none yet";
}
