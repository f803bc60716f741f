using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Browser.Tests;

/// <summary>
/// The outcome-claims journey in a real browser, with axe-core on every page on the way: the provider makes a
/// claim, attaches its evidence and submits it; internal audit signs it off; a budget holder approves it; and
/// internal audit opens the assurance samples. Each step is a different user (R20).
/// </summary>
[Collection(BrowserSiteCollection.Name)]
public sealed class ClaimsJourneyTests(BrowserSite site)
{
    private const string Contract = "WM-EARLY-HELP";
    private const string Outcome = "EH-ATTENDANCE";

    [Fact]
    public async Task A_claim_is_made_evidenced_submitted_signed_off_and_approved_by_three_users()
    {
        // The provider: the claims list → the new claim form → the draft claim.
        await using var providerContext = await site.NewContextAsync();
        var provider = await providerContext.NewPageAsync();
        await provider.SignInAsync("demo-provider");
        var (subject, achieved) = await FreeSubjectAsync(provider);

        await provider.Locator("#main-content").GetByRole(AriaRole.Link, new() { Name = "Outcome claims", Exact = true }).ClickAsync();
        await Expect(provider).ToHaveURLAsync(Journeys.Path("/claims"));
        await Expect(provider.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Outcome claims");
        await provider.AssertNoSeriousViolationsAsync("the provider's claims list");
        await provider.SaveScreenshotAsync("claims");

        await provider.GetByRole(AriaRole.Button, new() { Name = "Make a claim" }).ClickAsync();
        await Expect(provider.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Make an outcome claim");
        await provider.AssertNoSeriousViolationsAsync("the new claim form");
        await provider.GetByLabel("Contract", new() { Exact = true }).SelectOptionAsync(Contract);
        await provider.GetByLabel("Child or family", new() { Exact = true }).SelectOptionAsync(subject);
        await provider.GetByLabel("Outcome", new() { Exact = true }).SelectOptionAsync(Outcome);
        await provider.GetByLabel("Day", new() { Exact = true }).FillAsync(achieved.Day.ToString(CultureInfo.InvariantCulture));
        await provider.GetByLabel("Month", new() { Exact = true }).FillAsync(achieved.Month.ToString(CultureInfo.InvariantCulture));
        await provider.GetByLabel("Year", new() { Exact = true }).FillAsync(achieved.Year.ToString(CultureInfo.InvariantCulture));
        await provider.GetByRole(AriaRole.Button, new() { Name = "Start the claim" }).ClickAsync();

        await Expect(provider.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^CLM-"));
        var reference = (await provider.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync())!.Trim();
        await Expect(Tag(provider)).ToHaveTextAsync("Draft");
        await provider.AssertNoSeriousViolationsAsync("a draft claim with the upload form");

        // The evidence: a small PDF made here (its content starts with the PDF signature, as the evidence rules check).
        await provider.GetByLabel("Which evidence is it?").FillAsync("school attendance record");
        await provider.GetByLabel("That the outcome was achieved").CheckAsync();
        await provider.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "attendance.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes($"%PDF-1.4\n% School attendance for {subject}: 96% over the half term\n%%EOF\n"),
        });
        await provider.GetByRole(AriaRole.Button, new() { Name = "Upload the file" }).ClickAsync();
        await Expect(provider.Locator(".govuk-notification-banner")).ToContainTextAsync("attendance.pdf was attached");
        await Expect(provider.Locator("#main-content table")).ToContainTextAsync("school attendance record");
        await provider.AssertNoSeriousViolationsAsync("a draft claim with its evidence");
        await provider.SaveScreenshotAsync("claim");

        await provider.GetByRole(AriaRole.Button, new() { Name = "Submit the claim" }).ClickAsync();
        await Expect(provider.Locator(".govuk-notification-banner")).ToContainTextAsync("passed the automatic checks");
        await Expect(Tag(provider)).ToHaveTextAsync("Waiting for audit sign-off");
        await provider.AssertNoSeriousViolationsAsync("a submitted claim");

        // Internal audit: the sign-off queue → the claim → sign off.
        await using var auditorContext = await site.NewContextAsync();
        var auditor = await auditorContext.NewPageAsync();
        await auditor.SignInAsync("demo-auditor");
        await auditor.GotoAsync("/claims/sign-off");
        await Expect(auditor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Claims to sign off");
        await auditor.AssertNoSeriousViolationsAsync("the sign-off queue");
        await auditor.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Expect(auditor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(reference);
        await auditor.AssertNoSeriousViolationsAsync("a claim waiting for sign-off");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Sign the claim off" }).ClickAsync();
        await Expect(auditor.Locator(".govuk-notification-banner")).ToBeVisibleAsync();
        await Expect(Tag(auditor)).ToHaveTextAsync("Waiting for approval");

        // The budget holder: the claims queue → the claim → approve.
        await using var holderContext = await site.NewContextAsync();
        var holder = await holderContext.NewPageAsync();
        await holder.SignInAsync("demo-budget-holder");
        await holder.GotoAsync("/claims/queue");
        await Expect(holder.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Claims and samples");
        await holder.AssertNoSeriousViolationsAsync("the claims queue");
        await holder.SaveScreenshotAsync("claims-queue");
        await holder.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Expect(holder.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(reference);
        await holder.AssertNoSeriousViolationsAsync("a claim waiting for approval");
        await holder.GetByRole(AriaRole.Button, new() { Name = "Approve the claim" }).ClickAsync();
        await Expect(holder.Locator(".govuk-notification-banner")).ToContainTextAsync("You approved the claim");
        await Expect(Tag(holder)).ToHaveTextAsync("Approved, to be paid");
        await Expect(holder.Locator(".govuk-summary-list")).ToContainTextAsync("By demo-budget-holder");
        await Expect(holder.Locator(".govuk-summary-list")).ToContainTextAsync("demo-auditor");

        // Internal audit: the assurance samples.
        await auditor.GotoAsync("/samples");
        await Expect(auditor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Assurance samples");
        await auditor.AssertNoSeriousViolationsAsync("the assurance samples");
        await auditor.SaveScreenshotAsync("samples");
    }

    private static ILocator Tag(IPage page) => page.Locator("#main-content .govuk-tag").First;

    /// <summary>
    /// An enrolled child or family on the provider's contract without an attendance claim yet, enrolled before the day the outcome is
    /// said to be achieved: about 17 weeks ago (13 weeks sustained, claimed from 15 working days after), inside the claim window.
    /// </summary>
    private static async Task<(string Subject, NodaTime.LocalDate Achieved)> FreeSubjectAsync(IPage page)
    {
        var claims = new List<JsonElement>();
        for (var number = 1; ; number++)
        {
            var response = await page.APIRequest.GetAsync($"/api/claims?page={number}&pageSize=100");
            response.Status.Should().Be(200);
            var json = (await response.JsonAsync())!.Value;
            claims.AddRange(json.GetProperty("items").EnumerateArray());
            if (number >= json.GetProperty("pages").GetInt32())
            {
                break;
            }
        }

        var achieved = Domain.Calendar.London.Today(NodaTime.SystemClock.Instance).PlusDays(-121);
        var subject = claims.Where(c => c.GetProperty("kind").GetString() == "Attachment")
            .Select(c => (Subject: c.GetProperty("subject").GetString()!, Enrolled: NodaTime.Text.LocalDatePattern.Iso.Parse(c.GetProperty("achievedOn").GetString()!).Value))
            .Where(c => c.Enrolled <= achieved && !claims.Any(x => x.GetProperty("subject").GetString() == c.Subject && x.GetProperty("outcome").GetString() == Outcome))
            .Select(c => c.Subject).Order(StringComparer.Ordinal).FirstOrDefault();
        subject.Should().NotBeNull("the demo should have an enrolled child without an attendance claim");
        return (subject!, achieved);
    }
}
