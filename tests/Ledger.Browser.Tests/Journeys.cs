using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Browser.Tests;

/// <summary>Signing in and out, as a person does it in the browser, with the demo accounts (password Ledger-demo-2026).</summary>
internal static class Journeys
{
    public const string Password = "Ledger-demo-2026";

    public static async Task OpenSignInAsync(this IPage page)
    {
        await page.GotoAsync("/sign-in");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Ledger" })).ToBeVisibleAsync();
    }

    /// <summary>Fills in the sign-in form that is on the page and submits it.</summary>
    public static async Task SubmitSignInAsync(this IPage page, string userName, string password = Password)
    {
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>Signs in through the form and waits for the home page.</summary>
    public static async Task SignInAsync(this IPage page, string userName)
    {
        await page.OpenSignInAsync();
        await page.SubmitSignInAsync(userName);
        await Expect(page).ToHaveURLAsync(HomePage());
    }

    public static Regex HomePage() => new(@"^https?://[^/]+/$");

    public static Regex Path(string path) => new($@"^https?://[^/]+{Regex.Escape(path)}([?#].*)?$");
}
