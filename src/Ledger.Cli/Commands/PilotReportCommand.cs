using System.Diagnostics;
using System.Globalization;
using Ledger.Application.Statements;
using Ledger.Infrastructure.Jobs;
using Ledger.Reports.PilotReport;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Cli.Commands;

/// <summary>
/// <c>report pilot --area A --quarter YYYY-Qn [--out FILE]</c>: the quarterly pilot report for an area
/// (calendar quarters: Q1 is January–March), with every area compared at the end, written whole (to a
/// temporary name and moved). A quarter with no data gives a report that says so.
/// </summary>
internal static class PilotReportCommand
{
    private const string Usage = "report pilot --area A --quarter YYYY-Qn [--out FILE]";

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentReaders.Sub(args, Usage, "pilot");
        args.AllowOnly("area", "quarter", "out");
        var area = ArgumentReaders.CodeArg(args, "area");
        var quarter = PilotQuarter.Parse(args.Require("quarter")) ?? throw new UsageException($"--quarter '{args.Get("quarter")}' is not a quarter YYYY-Qn, e.g. 2026-Q3");
        var today = Domain.Calendar.London.Today(services.GetRequiredService<IClock>());
        if (quarter.To >= today)
        {
            throw new UsageException($"{quarter.Label} has not ended yet; pilot reports are for quarters that have ended");
        }

        var file = Path.GetFullPath(args.Get("out") ?? Path.Combine("data", "reports", area, $"pilot-{area}-{quarter.Label}.pdf"));
        var clock = Stopwatch.StartNew();
        var queries = services.GetRequiredService<IPilotReportQueries>();
        await output.WriteLineAsync($"pilot report for {area}, {quarter.Label} ({quarter.From:uuuu-MM-dd} to {quarter.To:uuuu-MM-dd}):");
        var report = await queries.PilotReportAsync(area, quarter.Year, quarter.Number, ct) ?? throw new UsageException($"there is no area '{area}'");
        await output.WriteLineAsync(report.HasData
            ? string.Create(CultureInfo.InvariantCulture, $"  read the ledger: {report.TotalSpend} spent, {Suppression.Show(report.People)} children/families, {Suppression.Show(report.OutcomesPaid)} outcome(s) paid")
            : "  read the ledger: no data for this quarter (the report says so)");
        var areas = await queries.CompareAreasAsync(quarter.Year, quarter.Number, ct);
        await output.WriteLineAsync($"  compared {areas.Count} area(s)");
        long bytes;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            PilotReportDocument.Build(report, areas).WritePdf(file);
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
