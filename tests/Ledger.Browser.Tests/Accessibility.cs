using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ledger.Browser.Tests;

/// <summary>Runs axe-core on the page the browser shows and fails on any serious or critical violation.</summary>
internal static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>
    /// Checks the whole page as it is now. The failure message lists each violation's rule, impact, help
    /// and the elements it was found on, so it can be fixed without running the test again.
    /// </summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page, string what)
    {
        // Every rule runs; only the violations are reported back in full, which keeps each run short.
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact, StringComparer.OrdinalIgnoreCase)).ToList();
        blocking.Select(v => v.Id).Should().BeEmpty($"axe-core should find no serious or critical violation on {what} ({page.Url}):{Environment.NewLine}{Describe(blocking)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"- {v.Id} ({v.Impact}): {v.Help} [{v.HelpUrl}]");
            foreach (var node in v.Nodes)
            {
                text.AppendLine($"    on {node.Target}: {node.Html}");
            }
        }

        return text.ToString();
    }
}
