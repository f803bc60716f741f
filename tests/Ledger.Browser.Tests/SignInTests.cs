using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Browser.Tests;

/// <summary>The sign-in form, the header's sign-out button and each role's home page, in a real browser.</summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class SignInTests(BrowserSite site)
{
    public static TheoryData<string, string, string> DemoAccounts => new()
    {
        { "demo-lead-professional", "Lead professional", "Harriet Quillfeather" },
        { "demo-broker", "Broker", "Bernard Fennimore-Oakes" },
        { "demo-budget-holder", "Budget holder", "Gwendolyn Pellowe" },
        { "demo-provider", "Provider", "Tamsin Gorsebrook" },
        { "demo-auditor", "Internal auditor", "Perpetua Tallyworth" },
        { "demo-admin", "Administrator", "Cuthbert Keyes-Montague" },
    };

    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public async Task Each_demo_role_signs_in_through_the_form_and_lands_on_a_home_page_showing_its_role(string userName, string role, string name)
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.OpenSignInAsync();

        await page.SubmitSignInAsync(userName);

        await Expect(page).ToHaveURLAsync(Journeys.HomePage());
        await Expect(page).ToHaveTitleAsync("Home – Ledger");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await Expect(page.Locator("main .govuk-caption-l")).ToHaveTextAsync(role);
        await Expect(page.GetByText($"Signed in as {name} ({role}, WESTMOOR)")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync($"the {role.ToLowerInvariant()}'s home page");
        if (userName == "demo-lead-professional")
        {
            await page.SaveScreenshotAsync("lead-professional-home");
        }
    }

    [Fact]
    public async Task The_sign_in_page_has_a_labelled_form_and_no_serious_accessibility_violations()
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");

        await Expect(page).ToHaveURLAsync(Journeys.Path("/sign-in"));
        await Expect(page).ToHaveTitleAsync("Sign in – Ledger");
        await Expect(page.GetByLabel("User name")).ToBeEditableAsync();
        await Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("type", "password");
        await page.AssertNoSeriousViolationsAsync("the sign-in page");
        await page.SaveScreenshotAsync("sign-in");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_summary_focused_and_linked_to_the_field()
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.OpenSignInAsync();

        await page.SubmitSignInAsync("demo-broker", "not-the-password");

        await Expect(page).ToHaveTitleAsync("Error: Sign in – Ledger");
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        var link = summary.GetByRole(AriaRole.Link, new() { Name = "The user name or password is not right" });
        await Expect(link).ToHaveAttributeAsync("href", "#user-name");
        var field = page.GetByLabel("User name");
        await Expect(field).ToHaveAttributeAsync("aria-describedby", "user-name-error");
        await Expect(page.Locator("#user-name-error")).ToContainTextAsync("The user name or password is not right");
        await page.AssertNoSeriousViolationsAsync("the sign-in page with an error");

        await link.ClickAsync();
        await Expect(field).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Signing_out_from_the_header_returns_to_the_sign_in_page_and_ends_the_session()
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("demo-admin");
        await page.GotoAsync("/sign-out");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign out of Ledger", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync("the sign-out page");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Journeys.Path("/sign-in"));
        await Expect(page.GetByText("You have signed out")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync("the sign-in page after signing out");

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(Journeys.Path("/sign-in"));
    }
}
