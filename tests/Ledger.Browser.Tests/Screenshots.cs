using Microsoft.Playwright;

namespace Ledger.Browser.Tests;

/// <summary>
/// With LEDGER_SCREENSHOTS=1 the journeys save PNGs of the main pages into the checkout's docs/images
/// (web-*.png, the browser window's 1280×900, committed for the README); otherwise they save nothing.
/// </summary>
internal static class Screenshots
{
    public static bool Wanted => Environment.GetEnvironmentVariable("LEDGER_SCREENSHOTS") == "1";

    public static async Task SaveScreenshotAsync(this IPage page, string name)
    {
        if (!Wanted)
        {
            return;
        }

        var folder = Path.Combine(CheckoutFolder(), "docs", "images");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"web-{name}.png") });
    }

    private static string CheckoutFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Ledger.sln was not found above " + AppContext.BaseDirectory);
    }
}
