using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Browser.Tests;

/// <summary>
/// The main journey of each role, in a real browser, with axe-core on every page on the way: a lead
/// professional buys a service above their delegated limit, a budget holder approves it, the provider
/// invoices, a payment run pays, and the provider's statement shows the payment.
/// </summary>
[Collection(BrowserSiteCollection.Name)]
public sealed partial class PurchaseJourneyTests(BrowserSite site)
{
    private const string Provider = "PRV-YOUNG-MINDS";

    [Fact]
    public async Task A_purchase_above_the_limit_is_approved_invoiced_paid_and_on_the_statement()
    {
        // The lead professional: caseload → budget → catalogue → the purchase form, first sent incomplete.
        await using var leadContext = await site.NewContextAsync();
        var lead = await leadContext.NewPageAsync();
        await lead.SignInAsync("demo-lead-professional");
        var (budget, service, quantity) = await ChooseAsync(lead);

        await lead.GotoAsync("/caseload");
        await lead.GetByRole(AriaRole.Link, new() { Name = budget, Exact = true }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Budget {budget}");
        await Expect(lead.Locator("table caption").First).ToContainTextAsync("Balances by funding stream");
        await lead.AssertNoSeriousViolationsAsync("a child's budget");
        await lead.SaveScreenshotAsync("budget");

        await lead.Locator("#main-content").GetByRole(AriaRole.Link, new() { Name = "Buy a service", Exact = true }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Buy a service");
        await Expect(lead.Locator(".govuk-inset-text")).ToContainTextAsync("Your delegated limit is");
        await lead.GetByLabel("Search the catalogue").FillAsync(service);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await lead.AssertNoSeriousViolationsAsync("the catalogue search");
        await lead.SaveScreenshotAsync("buy");
        await lead.Locator("table.govuk-table tbody tr a", new() { HasText = "Choose" }).First.ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Buy ");

        await lead.GetByLabel(new Regex("^How many")).FillAsync("0");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(lead.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the need this service addresses");
        await Expect(lead).ToHaveTitleAsync(new Regex("^Error: "));
        await lead.AssertNoSeriousViolationsAsync("the purchase form with errors");

        await lead.GetByLabel(new Regex("^How many")).FillAsync(quantity.ToString(CultureInfo.InvariantCulture));
        await lead.GetByLabel("The need this addresses").FillAsync("Low mood after a school move");
        await lead.GetByLabel("The outcome sought").FillAsync("Back in school full time");
        await lead.GetByLabel("The child’s wishes").FillAsync("Wants someone to talk to after school");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(lead.Locator(".govuk-notification-banner")).ToContainTextAsync("waits for a budget holder's approval");
        await Expect(lead.Locator(".govuk-tag").First).ToHaveTextAsync("Waiting for approval");
        var reference = (await lead.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync())!.Trim();
        await lead.AssertNoSeriousViolationsAsync("the order just placed");

        // The budget holder: the approvals queue → the order → approve.
        await using var holderContext = await site.NewContextAsync();
        var holder = await holderContext.NewPageAsync();
        await holder.SignInAsync("demo-budget-holder");
        await holder.Locator("#main-content").GetByRole(AriaRole.Link, new() { Name = "Approvals", Exact = true }).ClickAsync();
        await Expect(holder.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Approvals");
        await holder.AssertNoSeriousViolationsAsync("the approvals queue");
        await holder.SaveScreenshotAsync("approvals");
        await holder.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await holder.AssertNoSeriousViolationsAsync("an order waiting for a decision");
        await holder.GetByLabel("Approve", new() { Exact = true }).CheckAsync();
        await holder.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(holder.Locator(".govuk-notification-banner")).ToContainTextAsync("is approved");
        await Expect(holder.Locator(".govuk-tag").First).ToHaveTextAsync("Approved");

        // The lead professional confirms the service started (R12: the end of time to service, and needed before an invoice).
        await lead.GotoAsync($"/orders/{reference}");
        await lead.AssertNoSeriousViolationsAsync("an approved order with the delivery form");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Confirm delivery" }).ClickAsync();
        await Expect(lead.Locator(".govuk-notification-banner")).ToContainTextAsync("Delivery of order");

        // The provider: the order → invoice it.
        await using var providerContext = await site.NewContextAsync();
        var provider = await providerContext.NewPageAsync();
        await provider.SignInAsync("demo-provider");
        await provider.GotoAsync($"/orders/{reference}");
        await provider.GetByLabel("Your invoice number").FillAsync("YMB-1");
        await provider.AssertNoSeriousViolationsAsync("the invoice form");
        await provider.GetByRole(AriaRole.Button, new() { Name = "Send invoice" }).ClickAsync();
        await Expect(provider.Locator(".govuk-notification-banner")).ToContainTextAsync("Invoice YMB-1");
        await Expect(provider.Locator(".govuk-tag").First).ToHaveTextAsync("Invoiced");

        // The budget holder runs the payment run, then downloads the provider's statement.
        await holder.Locator(".govuk-service-navigation").GetByRole(AriaRole.Link, new() { Name = "Payment runs" }).ClickAsync();
        await holder.AssertNoSeriousViolationsAsync("the payment runs page");
        await holder.GetByRole(AriaRole.Button, new() { Name = "Run payments" }).ClickAsync();
        await Expect(holder.Locator(".govuk-notification-banner")).ToContainTextAsync("Payment run");
        await Expect(holder.Locator("main")).ToContainTextAsync("Invoice YMB-1");
        var run = (await holder.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync())!.Trim();
        await holder.AssertNoSeriousViolationsAsync("a payment run");
        await holder.SaveScreenshotAsync("payment-run");

        await holder.Locator(".govuk-service-navigation").GetByRole(AriaRole.Link, new() { Name = "Statements and reports" }).ClickAsync();
        await Expect(holder.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Statements and reports");
        await holder.AssertNoSeriousViolationsAsync("the statements page");
        await holder.SaveScreenshotAsync("statements");
        var link = holder.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{Provider} provider remittance") });
        var href = await link.GetAttributeAsync("href");
        var pdf = await holder.APIRequest.GetAsync(href!);
        pdf.Status.Should().Be(200);
        using var document = PdfDocument.Open(await pdf.BodyAsync());
        var text = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        text.Should().Contain("YMB-1").And.Contain(run, "the provider's statement shows the invoice and the payment run that paid it");
    }

    // The first budget on the caseload with room for enough units of one of the demo provider's services to pass the delegated limit.
    private static async Task<(string Budget, string Service, int Quantity)> ChooseAsync(IPage page)
    {
        var limit = Pence((await JsonAsync(page, "/api/limits")).GetProperty("largestWithoutApproval").GetString()!);
        var budgets = (await JsonAsync(page, "/api/caseload")).EnumerateArray()
            .Select(b => (Code: b.GetProperty("budget").GetString()!, Available: Pence(b.GetProperty("available").GetString()!))).ToList();
        foreach (var service in (await JsonAsync(page, $"/api/catalogue?search={Provider}")).EnumerateArray())
        {
            var price = Pence(service.GetProperty("unitPrice").GetString()!);
            var quantity = (int)(limit / price) + 1;
            if (budgets.FirstOrDefault(b => b.Available >= price * quantity * 2) is { Code: not null } budget)
            {
                return (budget.Code, service.GetProperty("code").GetString()!, quantity);
            }
        }

        throw new InvalidOperationException("The demo should have a budget with room for a purchase above the lead professional's limit.");
    }

    private static async Task<JsonElement> JsonAsync(IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(path);
        response.Status.Should().Be(200, path);
        return (await response.JsonAsync())!.Value;
    }

    private static long Pence(string money) => (long)(decimal.Parse(NotDigits().Replace(money, string.Empty), CultureInfo.InvariantCulture) * 100);

    [GeneratedRegex(@"[^\d.\-]")]
    private static partial Regex NotDigits();
}
