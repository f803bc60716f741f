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

    /// <summary>
    /// Opens every not-built-yet link on the lead professional's home page; they share one template, so
    /// axe-core checks the first of them.
    /// </summary>
    [Fact]
    public async Task The_not_built_yet_pages_say_so_with_no_serious_accessibility_violations()
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("demo-lead-professional");
        var links = await page.Locator("main a.govuk-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var placeholders = links.Where(href => href.StartsWith("/not-built-yet/", StringComparison.Ordinal)).ToList();
        placeholders.Should().NotBeEmpty("the lead professional's pages are still to come");

        foreach (var path in placeholders)
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be(200, $"{path} should open");
            await Expect(page.Locator("main .govuk-caption-l")).ToHaveTextAsync("Not built yet");
            await Expect(page.GetByText("This page is not built yet. It shows no data.")).ToBeVisibleAsync();
            if (path == placeholders[0])
            {
                await page.AssertNoSeriousViolationsAsync($"the placeholder {path}");
            }
        }
    }
}
