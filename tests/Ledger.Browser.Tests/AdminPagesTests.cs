using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Browser.Tests;

/// <summary>The administrators' pages in a real browser: users, adding a user with an error, an API token shown once; each accessible.</summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class AdminPagesTests(BrowserSite site)
{
    [Fact]
    public async Task An_administrator_lists_users_is_told_what_is_wrong_when_adding_one_and_creates_a_token()
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("demo-admin");

        await page.Locator("#main-content").GetByRole(AriaRole.Link, new() { Name = "Users and roles" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Journeys.Path("/admin/users"));
        await Expect(page.Locator("table.govuk-table")).ToContainTextAsync("demo-provider");
        await page.AssertNoSeriousViolationsAsync("the users page");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a user" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("browser-lead");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Browser Lead");
        await page.GetByLabel("Role").SelectOptionAsync("LeadProfessional");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("practitioner code");
        await page.AssertNoSeriousViolationsAsync("the add-user form with errors");

        await page.GotoAsync("/admin/tokens");
        await page.GetByLabel("User name").FillAsync("demo-provider");
        await page.GetByLabel("What it is for").FillAsync("Browser test system");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(page.Locator("#new-token")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^ldg_"));
        await page.AssertNoSeriousViolationsAsync("the tokens page with a new token");
    }
}
