using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Domain;
using UglyToad.PdfPig;

namespace Ledger.Web.Tests;

/// <summary>A demo site of its own: these tests buy, approve, invoice and pay, which the shared demo site's readers must not see.</summary>
public sealed class PurchasingSite() : LedgerSite(loadDemoData: true);

/// <summary>
/// The purchasing journey over the JSON API on the demo (R9–R13): a lead professional buys above their
/// delegated limit, a budget holder approves, the provider invoices, a payment run pays, and the statements
/// show it. Each step is refused to the roles that may not take it, with ProblemDetails and nothing written.
/// </summary>
public sealed class PurchasingApiTests(PurchasingSite site) : IClassFixture<PurchasingSite>
{
    private const string Provider = "PRV-YOUNG-MINDS";

    [Fact]
    public async Task Purchase_AboveDelegatedLimit_WaitsForApproval_ThenIsInvoicedPaidAndOnTheStatements()
    {
        using var lead = await SignedInAsync("demo-lead-professional");
        using var holder = await SignedInAsync("demo-budget-holder");
        using var provider = await SignedInAsync("demo-provider");

        var (order, budget) = await BuyAboveLimitAsync(lead, "journey-1");
        order.GetProperty("status").GetString().Should().Be("AwaitingApproval", "the amount is above the lead professional's delegated limit (R11)");
        var reference = order.GetProperty("reference").GetString()!;

        // The lead professional cannot approve their own purchase; the provider cannot invoice before approval.
        (await ProblemAsync(await PostAsync(lead, $"/api/orders/{reference}/decision", new { approve = true }), HttpStatusCode.Forbidden)).Should().Be("NotPermitted");
        (await ProblemAsync(await PostAsync(provider, $"/api/orders/{reference}/invoice", new { number = "YM-J1", units = 1, invoicedOn = Today }), HttpStatusCode.Conflict))
            .Should().NotBeNullOrEmpty();

        var queue = await JsonAsync(holder, "/api/approvals?pageSize=100");
        queue.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("reference").GetString()).Should().Contain(reference);
        var approved = await PostAsync(holder, $"/api/orders/{reference}/decision", new { approve = true });
        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("Approved");
        (await JsonAsync(holder, "/api/approvals?pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(o => o.GetProperty("reference").GetString()).Should().NotContain(reference);

        var started = await PostAsync(lead, $"/api/orders/{reference}/delivery", new { startedOn = Today });
        started.StatusCode.Should().Be(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        var units = order.GetProperty("quantity").GetInt32();
        var invoiced = await PostAsync(provider, $"/api/orders/{reference}/invoice", new { number = "YM-J1", units, invoicedOn = Today });
        invoiced.StatusCode.Should().Be(HttpStatusCode.Created, await invoiced.Content.ReadAsStringAsync());
        (await invoiced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("Invoiced");

        (await ProblemAsync(await PostAsync(lead, "/api/payment-runs", new { }), HttpStatusCode.Forbidden)).Should().Be("NotPermitted");
        var run = await PostAsync(holder, "/api/payment-runs", new { });
        run.StatusCode.Should().Be(HttpStatusCode.Created, await run.Content.ReadAsStringAsync());
        var paid = await run.Content.ReadFromJsonAsync<JsonElement>();
        var remittance = paid.GetProperty("payments").EnumerateArray().Single(p => p.GetProperty("provider").GetString() == Provider);
        remittance.GetProperty("invoices").EnumerateArray().Select(i => i.GetString()).Should().Contain("YM-J1");

        var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var remittanceText = await PdfTextAsync(provider, $"/api/statements/providers/{Provider}/{month}.pdf");
        remittanceText.Should().Contain("YM-J1").And.Contain(paid.GetProperty("reference").GetString());
        var budgetText = await PdfTextAsync(lead, $"/statements/budgets/{budget}/{month}.pdf");
        budgetText.Should().Contain(reference);
    }

    [Fact]
    public async Task Purchase_WithTheSameIdempotencyKey_PlacesOneOrder()
    {
        using var lead = await SignedInAsync("demo-lead-professional");
        var (first, _) = await BuyAboveLimitAsync(lead, "journey-replay");
        var (again, _) = await BuyAboveLimitAsync(lead, "journey-replay");
        again.GetProperty("reference").GetString().Should().Be(first.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Purchase_ByABudgetHolderOrProvider_IsRefused_AndAnotherCaseloadsBudgetIsUnknown()
    {
        using var holder = await SignedInAsync("demo-budget-holder");
        var body = new { budget = "X", service = "Y", quantity = 1, need = "n", outcomeSought = "o", childWishes = "w", needIdentifiedOn = Today };
        (await ProblemAsync(await PostAsync(holder, "/api/orders", body), HttpStatusCode.Forbidden)).Should().Be("NotPermitted");
        using var provider = await SignedInAsync("demo-provider");
        (await ProblemAsync(await PostAsync(provider, "/api/orders", body), HttpStatusCode.Forbidden)).Should().Be("NotPermitted");

        using var lead = await SignedInAsync("demo-lead-professional");
        var mine = (await JsonAsync(lead, "/api/caseload")).EnumerateArray().Select(b => b.GetProperty("budget").GetString()).ToHashSet();
        var everyBudget = await AreaBudgetsAsync(holder);
        var someoneElses = everyBudget.First(b => !mine.Contains(b));
        (await ProblemAsync(await lead.GetAsync($"/api/budgets/{someoneElses}"), HttpStatusCode.NotFound)).Should().Be("UnknownBudget");
        (await ProblemAsync(await lead.GetAsync("/api/budgets/NO-SUCH-BUDGET"), HttpStatusCode.NotFound)).Should().Be("UnknownBudget");
        var service = (await JsonAsync(lead, "/api/catalogue")).EnumerateArray().First().GetProperty("code").GetString();
        (await ProblemAsync(await PostAsync(lead, "/api/orders", body with { budget = someoneElses, service = service! }), HttpStatusCode.NotFound))
            .Should().Be("UnknownBudget", "a budget off the caseload is answered as unknown, so its existence does not leak");
        (await JsonAsync(holder, $"/api/budgets/{someoneElses}")).GetProperty("budget").GetString().Should().Be(someoneElses);
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"budget\":\"B\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"budget\":\"B\",\"service\":\"S\",\"quantity\":99999999999999999999,\"need\":\"n\",\"outcomeSought\":\"o\",\"childWishes\":\"w\",\"needIdentifiedOn\":\"2026-01-01\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"budget\":\"B\",\"service\":\"S\",\"quantity\":1,\"need\":\"n\",\"outcomeSought\":\"o\",\"childWishes\":\"w\",\"needIdentifiedOn\":\"1 Jan\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("budget=B", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Purchase_WithMalformedInput_IsProblemDetails_NotA500(string body, string contentType, HttpStatusCode expected)
    {
        using var lead = await SignedInAsync("demo-lead-professional");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        var response = await lead.Client.PostAsync(new Uri("/api/orders", UriKind.Relative), content);
        (await ProblemAsync(response, expected)).Should().Be("InvalidRequest");
    }

    [Fact]
    public async Task Purchase_WithNegativeQuantity_IsRefusedWithItsCode_AndNothingIsHeld()
    {
        using var lead = await SignedInAsync("demo-lead-professional");
        var budget = (await JsonAsync(lead, "/api/caseload")).EnumerateArray().First().GetProperty("budget").GetString()!;
        var before = (await JsonAsync(lead, $"/api/budgets/{budget}")).GetProperty("available").GetString();
        var service = (await JsonAsync(lead, "/api/catalogue")).EnumerateArray().First().GetProperty("code").GetString();
        var response = await PostAsync(lead, "/api/orders", new { budget, service, quantity = -3, need = "n", outcomeSought = "o", childWishes = "w", needIdentifiedOn = Today });
        (await ProblemAsync(response, HttpStatusCode.BadRequest)).Should().Be("InvalidQuantity");
        (await JsonAsync(lead, $"/api/budgets/{budget}")).GetProperty("available").GetString().Should().Be(before);
    }

    [Fact]
    public async Task Decision_OnAnotherAreasOrUnknownOrder_Is404_AndRejectionNeedsAReason()
    {
        using var lead = await SignedInAsync("demo-lead-professional");
        using var holder = await SignedInAsync("demo-budget-holder");
        (await ProblemAsync(await PostAsync(holder, "/api/orders/PO-NOPE/decision", new { approve = true }), HttpStatusCode.NotFound)).Should().Be("UnknownOrder");
        var (order, _) = await BuyAboveLimitAsync(lead, "journey-reject");
        var reference = order.GetProperty("reference").GetString();
        (await ProblemAsync(await PostAsync(holder, $"/api/orders/{reference}/decision", new { approve = false }), HttpStatusCode.BadRequest)).Should().Be("ReasonRequired");
        var rejected = await PostAsync(holder, $"/api/orders/{reference}/decision", new { approve = false, note = "Not the right service" });
        (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("Rejected");
    }

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<Browser> SignedInAsync(string user)
    {
        var browser = site.Browser();
        await browser.SignInOrFailAsync(user);
        return browser;
    }

    // Buys the first catalogue service from the demo provider, enough units to pass the delegated limit, for the first budget with room for it.
    private static async Task<(JsonElement Order, string Budget)> BuyAboveLimitAsync(Browser lead, string key)
    {
        var limit = Parse((await JsonAsync(lead, "/api/limits")).GetProperty("largestWithoutApproval").GetString()!);
        var caseload = (await JsonAsync(lead, "/api/caseload")).EnumerateArray().ToList();
        foreach (var service in (await JsonAsync(lead, $"/api/catalogue?search={Provider}")).EnumerateArray())
        {
            var price = Parse(service.GetProperty("unitPrice").GetString()!);
            var quantity = (int)(limit.Pence / price.Pence) + 1;
            foreach (var budget in caseload.Where(b => Parse(b.GetProperty("available").GetString()!).Pence >= price.Pence * quantity))
            {
                var code = budget.GetProperty("budget").GetString()!;
                var response = await PostAsync(lead, "/api/orders", new
                {
                    budget = code, service = service.GetProperty("code").GetString(), quantity, need = "Low mood after a school move",
                    outcomeSought = "Back in school full time", childWishes = "Wants someone to talk to after school", needIdentifiedOn = Today,
                }, key);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return (await response.Content.ReadFromJsonAsync<JsonElement>(), code);
                }
            }
        }

        throw new InvalidOperationException("The demo should let the lead professional buy a service from the demo provider above their limit.");
    }

    private static async Task<IReadOnlyList<string>> AreaBudgetsAsync(Browser holder)
    {
        var page = await JsonAsync(holder, "/api/orders?pageSize=100");
        return page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("budget").GetString()!).Distinct().ToList();
    }

    private static Money Parse(string text) => Money.TryParse(text.Replace("£", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal), out var m)
        ? m
        : throw new FormatException(text);

    private static async Task<HttpResponseMessage> PostAsync(Browser browser, string path, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await browser.Client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(Browser browser, string path)
    {
        var response = await browser.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {path}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string?> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(text).RootElement.GetProperty("code").GetString();
    }

    private static async Task<string> PdfTextAsync(Browser browser, string path)
    {
        var response = await browser.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return string.Join('\n', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }
}
