using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Browser.Tests;

/// <summary>The pages a signed-in person reaches besides the home page, each checked with axe-core.</summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class PageTests(BrowserSite site)
{
    [Fact]
    public async Task The_budget_holders_overview_shows_the_areas_balances_with_no_serious_accessibility_violations()
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("demo-budget-holder");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Account balances" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Journeys.Path("/overview"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account balances", Level = 1 })).ToBeVisibleAsync();
        var table = page.GetByRole(AriaRole.Table);
        await Expect(table).ToContainTextAsync("Accounts in WESTMOOR");
        (await table.Locator("tbody tr").CountAsync()).Should().BePositive("the demo data has accounts in Westmoor");
        await page.AssertNoSeriousViolationsAsync("the budget holder's overview");
        await page.SaveScreenshotAsync("budget-holder-overview");
    }

    [Fact]
    public async Task A_page_the_role_may_not_open_shows_access_denied_with_no_serious_accessibility_violations()
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("demo-lead-professional");

        await page.GotoAsync("/overview");

        await Expect(page).ToHaveURLAsync(Journeys.Path("/access-denied"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot open this page", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("The page /overview is not open to your role.")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync("the access-denied page");
    }
}
