using System.Diagnostics;
using System.Globalization;
using Ledger.Application.Statements;
using Ledger.Infrastructure.Jobs;
using Ledger.Reports.PilotReport;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Cli.Commands;

/// <summary>
/// <c>report pilot --quarter YYYY-Qn [--area A] [--out FILE]</c>: the quarterly pilot report for an area, or
/// without <c>--area</c> for every area in one document (calendar quarters: Q1 is January–March), with
/// the areas compared at the end, written whole (to a temporary name and moved). A quarter with no data
/// gives a report that says so.
/// </summary>
internal static class PilotReportCommand
{
    private const string Usage = "report pilot --quarter YYYY-Qn [--area A] [--out FILE]";

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentReaders.Sub(args, Usage, "pilot");
        args.AllowOnly("area", "quarter", "out");
        var area = args.Get("area") is null ? null : ArgumentReaders.CodeArg(args, "area");
        var quarter = PilotQuarter.Parse(args.Require("quarter")) ?? throw new UsageException($"--quarter '{args.Get("quarter")}' is not a quarter YYYY-Qn, e.g. 2026-Q3");
        var today = Domain.Calendar.London.Today(services.GetRequiredService<IClock>());
        if (quarter.To >= today)
        {
            throw new UsageException($"{quarter.Label} has not ended yet; pilot reports are for quarters that have ended");
        }

        await StatementCommands.AreasAsync(services, area, ct);
        var file = Path.GetFullPath(args.Get("out") is { } o ? ArgumentReaders.PathArg(o, "out") : Path.Combine("data", "reports", area ?? "all", $"pilot-{area ?? "all"}-{quarter.Label}.pdf"));
        var clock = Stopwatch.StartNew();
        var queries = services.GetRequiredService<IPilotReportQueries>();
        await output.WriteLineAsync($"pilot report for {area ?? "every area"}, {quarter.Label} ({quarter.From:uuuu-MM-dd} to {quarter.To:uuuu-MM-dd}):");
        var areas = await queries.CompareAreasAsync(quarter.Year, quarter.Number, ct);
        var reports = area is null ? areas : areas.Where(r => r.Area == area).ToList();
        foreach (var report in reports)
        {
            await output.WriteLineAsync(report.HasData
                ? string.Create(CultureInfo.InvariantCulture, $"  {report.Area}: {report.TotalSpend} spent, {Suppression.Show(report.People)} children/families, {Suppression.Show(report.OutcomesPaid)} outcome(s) paid")
                : $"  {report.Area}: no data for this quarter (the report says so)");
        }

        await output.WriteLineAsync($"  compared {areas.Count} area(s)");
        long bytes;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            (area is null ? PilotReportDocument.BuildAll(areas) : PilotReportDocument.Build(reports.Single(), areas)).WritePdf(file);
            bytes = new FileInfo(file).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {file}: {e.Message}");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {file} ({bytes / 1024.0:N0} KB) in {clock.Elapsed.TotalSeconds:N1} s"));
        return CliApp.Ok;
    }
}
