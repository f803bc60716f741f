using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Browser.Tests;

/// <summary>The content security policy (issue 9) in a real browser: the pages' own scripts run, nothing is refused.</summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class SecurityPolicyTests(BrowserSite site)
{
    [Fact]
    public async Task Pages_UnderTheContentSecurityPolicy_RunTheirScriptsAndReportNoViolation()
    {
        await using var browser = await site.NewContextAsync();
        var page = await browser.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };

        var response = await page.GotoAsync("/sign-in");
        (await response!.HeaderValueAsync("content-security-policy")).Should().Contain("script-src 'self'");
        // enable-js.js ran (the body's class), and GOV.UK Frontend started from start.js (the skip link's module is initialised).
        await Expect(page.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("js-enabled"));
        await Expect(page.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("govuk-frontend-supported"));
        await Expect(page.Locator(".govuk-skip-link")).ToHaveAttributeAsync("data-govuk-skip-link-init", new System.Text.RegularExpressions.Regex(".*"));

        await page.SubmitSignInAsync("demo-budget-holder");
        await Expect(page).ToHaveURLAsync(Journeys.HomePage());
        foreach (var path in new[] { "/approvals", "/overview", "/audit", "/statements" })
        {
            await page.GotoAsync(path);
        }

        refused.Should().BeEmpty("no page's script, style, font or image is refused by the policy");
    }
}
