using System.Globalization;
using Ledger.Application.Accounting;
using Ledger.Application.Purchasing;
using Ledger.Infrastructure.Export;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Cli.Commands;

internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly();
        var options = services.GetRequiredService<DatabaseOptions>();
        var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct);
        await using (db)
        {
            var applied = await Migrator.MigrateAsync(db, ct);
            await output.WriteLineAsync(applied.Count == 0
                ? $"{options.Provider}: the database is up to date."
                : $"{options.Provider}: applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        }

        return CliApp.Ok;
    }
}

internal static class VerifyCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly();
        var report = await services.GetRequiredService<ILedgerVerifier>().VerifyAsync(ct);
        foreach (var check in report.Checks)
        {
            await output.WriteLineAsync($"{(check.Passed ? "PASS" : "FAIL")}  {check.Name} — {check.Detail}");
        }

        var failed = report.Checks.Count(c => !c.Passed);
        await output.WriteLineAsync(failed == 0
            ? $"verify: all {report.Checks.Count} checks passed"
            : $"verify: {failed} of {report.Checks.Count} checks FAILED");
        return failed == 0 ? CliApp.Ok : CliApp.Failed;
    }
}

internal static class ExportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("format", "out");
        if (args.Positional is not ["journal"])
        {
            throw new UsageException("usage: export journal --format hledger --out FILE");
        }

        if (args.Require("format") != "hledger")
        {
            throw new UsageException($"unknown format '{args.Get("format")}'; the only format is hledger");
        }

        var path = Path.GetFullPath(ArgumentReaders.PathArg(args.Require("out"), "out"));
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"folder {folder} does not exist");
        }

        // Write beside the target and move into place, so a failed export never leaves half a file.
        var temp = path + ".partial";
        ExportSummary summary;
        var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false));
        await using (writer)
        {
            summary = await services.GetRequiredService<HledgerJournalExporter>().ExportAsync(writer, ct);
        }

        File.Move(temp, path, overwrite: true);
        await output.WriteLineAsync($"wrote {summary.Entries:N0} entries, {summary.Postings:N0} postings, {summary.Accounts:N0} accounts to {path}");
        return CliApp.Ok;
    }
}

internal static class BalancesCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area");
        var rows = await services.GetRequiredService<IBalanceQueries>().ListAsync(args.Get("area"), ct);
        await output.WriteLineAsync($"{"account",-60} {"posted",14} {"held",14} {"available",14}");
        foreach (var row in rows)
        {
            await output.WriteLineAsync($"{row.Name,-60} {row.Posted,14} {row.Held,14} {row.Available,14}");
        }

        await output.WriteLineAsync($"{rows.Count:N0} accounts");
        return CliApp.Ok;
    }
}

internal static class ClosePeriodCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "month");
        var code = args.Require("area");
        var monthText = args.Require("month");
        var parsed = YearMonthPattern.CreateWithInvariantCulture("uuuu-MM").Parse(monthText);
        if (!parsed.Success)
        {
            throw new UsageException($"--month must look like 2026-04; '{monthText}' was given");
        }

        var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct);
        Domain.Area? area;
        await using (db)
        {
            area = await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == code, ct);
        }

        if (area is null)
        {
            throw new UsageException($"no area has the code '{code}'");
        }

        // A payment run dated in the month must finish first: once the month is closed its payments could never be posted.
        if (await services.GetRequiredService<Application.Purchasing.IPurchasingStore>().UnfinishedRunAsync(area.Id, ct) is { } run
            && run.RunOn.Year == parsed.Value.Year && run.RunOn.Month == parsed.Value.Month)
        {
            throw new UsageException($"PaymentRunInProgress: payment run {run.Reference} is unfinished; run `ledger payment-run --area {area.Code} --date {run.RunOn:yyyy-MM-dd}` to finish it before closing {parsed.Value:uuuu-MM}");
        }

        var closure = await services.GetRequiredService<ILedgerSetup>().ClosePeriodAsync(area.Id, parsed.Value, ct);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{area.Code} {parsed.Value:uuuu-MM} is closed (since {InstantPattern.General.Format(closure.ClosedAt)})"));
        return CliApp.Ok;
    }
}

internal static class ExpireHoldsCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly();
        var expired = await services.GetRequiredService<IHoldExpiry>().ExpireDueAsync(ct);
        await output.WriteLineAsync($"expired {expired:N0} hold(s)");

        // Orders follow their holds (R9): an order whose hold expired is marked expired; a rejected or cancelled order whose release did not finish is released.
        var orders = await services.GetRequiredService<PurchasingService>().SweepAsync(ct);
        await output.WriteLineAsync($"brought {orders:N0} order(s) into line with their holds");
        return CliApp.Ok;
    }
}
