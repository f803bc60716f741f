using System.Diagnostics;
using BenchmarkDotNet.Running;
using Ledger.Benchmarks.Scenarios;

namespace Ledger.Benchmarks;

/// <summary>
/// The bench command. "bench" runs the end-to-end scenarios (P1–P5) and prints one table; "micro" hands the
/// rest of the arguments to BenchmarkDotNet for the micro-benchmarks in Micro/.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> Main(string[] args)
    {

        if (args.Length > 0 && args[0] == "load")
        {
            return await Load.MixedLoad.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "micro")
        {
            BenchmarkSwitcher.FromAssembly(typeof(BenchRun).Assembly).Run(args[1..]);
            return 0;
        }

        var scenarios = new IScenario[] { new PostingScenario(), new StatementScenario(), new PilotReportScenario(), new ApiScenario() };
        var selected = new List<string>();
        var quick = false;
        string? markdown = null;
        var folder = Path.Combine(Path.GetTempPath(), "ledger-bench");
        for (var i = args.Length > 0 && args[0] == "bench" ? 1 : 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--markdown" when i + 1 < args.Length:
                    markdown = args[++i];
                    break;
                case "--folder" when i + 1 < args.Length:
                    folder = args[++i];
                    break;
                case "-h" or "--help":
                    Console.WriteLine(BenchRun.Usage);
                    return 0;
                default:
                    if (args[i].StartsWith('-'))
                    {
                        Console.Error.WriteLine($"unknown option {args[i]}\n\n{BenchRun.Usage}");
                        return 2;
                    }

                    selected.Add(args[i].ToUpperInvariant());
                    break;
            }
        }

        var unknown = selected.Where(s => !scenarios.Any(x => x.Rows.Contains(s, StringComparer.Ordinal))).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"unknown row {string.Join(", ", unknown)}: choose from {string.Join(", ", scenarios.SelectMany(s => s.Rows))}\n\n{BenchRun.Usage}");
            return 2;
        }

        // P5 is compared with P1's Ledger figure from the same run.
        if (selected.Contains("P5") && !selected.Contains("P1"))
        {
            selected.Add("P1");
        }

        var run = new BenchRun(quick, folder, selected.Count == 0 ? scenarios.SelectMany(s => s.Rows).ToHashSet() : selected.ToHashSet(), Console.Out);
        run.Say($"Ledger bench — {Environment.ProcessorCount} cores, {(quick ? "quick sizes (a smoke run, not the README's figures)" : "full sizes")}; work folder {folder}");
        var rows = new List<BenchRow>();
        var failed = false;
        var watch = Stopwatch.StartNew();
        foreach (var scenario in scenarios.Where(s => s.Rows.Any(run.Wants)))
        {
            try
            {
                rows.AddRange(await scenario.RunAsync(run, CancellationToken.None));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failed = true;
                Console.Error.WriteLine($"{string.Join("/", scenario.Rows)} failed: {e}");
            }
        }

        Console.WriteLine();
        Console.WriteLine(BenchTable.Text(rows));
        Console.WriteLine($"{rows.Count} rows in {watch.Elapsed.TotalMinutes:N1} min; {rows.Count(r => r.Met)} met their target.");
        if (markdown is not null)
        {
            await File.WriteAllTextAsync(markdown, BenchTable.Markdown(rows));
            Console.WriteLine($"Markdown table written to {markdown}");
        }

        // A failed scenario or a failed verify fails the command; a missed target is a finding, reported in the table.
        return failed || rows.Any(r => r.Notes.Contains("verify FAILED", StringComparison.Ordinal)) ? 1 : 0;
    }
}
