using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Browser.Tests;

/// <summary>The caseload and orders pages in a real browser: reached from the home page, narrowed to a child, and accessible.</summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class WorkspacePagesTests(BrowserSite site)
{
    [Fact]
    public async Task A_lead_professional_opens_their_caseload_then_a_childs_orders_and_one_order()
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("demo-lead-professional");

        await page.Locator("#main-content").GetByRole(AriaRole.Link, new() { Name = "Your caseload" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Journeys.Path("/caseload"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your caseload");
        await Expect(page.Locator("table.govuk-table tbody tr").First).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync("the caseload page");
        await page.SaveScreenshotAsync("caseload");

        await page.Locator("table.govuk-table tbody tr a.govuk-link[href^='/orders?subject=']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/orders\?subject="));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Orders for ");
        await page.AssertNoSeriousViolationsAsync("a child's orders");

        var first = page.Locator("table.govuk-table tbody tr a.govuk-link").First;
        var reference = await first.TextContentAsync();
        await first.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(reference!);
        await page.AssertNoSeriousViolationsAsync("an order's page");
    }

    [Fact]
    public async Task A_budget_holder_pages_through_the_areas_orders()
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("demo-budget-holder");

        await page.Locator("#main-content").GetByRole(AriaRole.Link, new() { Name = "Orders", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Journeys.Path("/orders"));
        await Expect(page.Locator("caption")).ToContainTextAsync("Page 1 of");
        await page.AssertNoSeriousViolationsAsync("the orders list");
        await page.SaveScreenshotAsync("orders");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator("caption")).ToContainTextAsync("Page 2 of");
    }
}
