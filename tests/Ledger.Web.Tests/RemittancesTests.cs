using System.Globalization;
using System.Net;
using Ledger.Application.Purchasing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>
/// A provider's remittances on the demo: the payment runs that paid it, each with only its own lines
/// (invoices, outcome claims and clawbacks), as JSON and as a page; no other provider's line shows, and other
/// roles are refused.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class RemittancesTests(DemoSite site)
{
    [Fact]
    public async Task Remittances_AsProvider_ShowOnlyItsOwnLines_AsThePaymentRunsPaidThem()
    {
        var (mine, others) = await GroundTruthAsync("PRV-YOUNG-MINDS");
        mine.Should().NotBeEmpty();
        others.Should().NotBeEmpty("other providers were paid by the same runs");

        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        var remittances = (await ClaimsFlow.GetJsonAsync(provider, "/api/remittances")).EnumerateArray().ToList();
        remittances.Should().NotBeEmpty().And.OnlyContain(r => r.GetProperty("provider").GetString() == "PRV-YOUNG-MINDS");
        var lines = remittances.SelectMany(r => r.GetProperty("lines").EnumerateArray()).ToList();
        lines.Select(l => l.GetProperty("reference").GetString()).Should().BeEquivalentTo(mine);
        lines.Select(l => l.GetProperty("reference").GetString()).Should().NotIntersectWith(others);
        lines.Select(l => l.GetProperty("kind").GetString()).Should().Contain(["Invoice", "OutcomeClaim", "Clawback"]);
        foreach (var r in remittances)
        {
            var sum = r.GetProperty("lines").EnumerateArray().Sum(l => decimal.Parse(l.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture));
            decimal.Parse(r.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture).Should().Be(sum, "a payment is the sum of its lines, clawbacks taken off");
        }

        var page = await provider.GetPageAsync("/remittances");
        page.Should().Contain(remittances[0].GetProperty("run").GetString()).And.Contain("Clawback");
        foreach (var reference in others.Take(20))
        {
            page.Should().NotContain($">{reference}<");
        }
    }

    [Fact]
    public async Task Remittances_LinkToTheProvidersOwnStatementPdf_AndAnotherProvidersStatementIsNotFound()
    {
        var thisMonth = Domain.Calendar.London.Today(NodaTime.SystemClock.Instance).ToString("uuuu-MM", CultureInfo.InvariantCulture);
        var mine = $"/statements/providers/PRV-YOUNG-MINDS/{thisMonth}.pdf";
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        (await provider.GetPageAsync("/remittances")).Should().Contain($"href=\"{mine}\"");

        var pdf = await provider.GetAsync(mine);
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        (await pdf.Content.ReadAsByteArrayAsync()).Should().StartWith("%PDF-"u8.ToArray());

        var theirs = await provider.GetAsync($"/statements/providers/PRV-CLEARSPEAK/{thisMonth}.pdf");
        theirs.StatusCode.Should().Be(HttpStatusCode.NotFound, "a provider reads only its own statement");
        (await ClaimsFlow.ProblemCodeAsync(theirs)).Should().Be("UnknownProvider");
    }

    [Fact]
    public async Task Remittances_OfAnotherProvider_AreItsOwn_AndNeverTheDemoProvidersLines()
    {
        var (clearspeak, _) = await GroundTruthAsync("PRV-CLEARSPEAK");
        var (youngMinds, _) = await GroundTruthAsync("PRV-YOUNG-MINDS");
        clearspeak.Should().NotBeEmpty("Clearspeak invoiced speech therapy sessions in the demo");
        using var other = await ClaimsFlow.SignedInAsync(site, await ClaimsFlow.CreateProviderUserAsync(site, "PRV-CLEARSPEAK"));
        var lines = (await ClaimsFlow.GetJsonAsync(other, "/api/remittances")).EnumerateArray()
            .SelectMany(r => r.GetProperty("lines").EnumerateArray()).Select(l => l.GetProperty("reference").GetString()).ToList();
        lines.Should().BeEquivalentTo(clearspeak);
        lines.Should().NotIntersectWith(youngMinds);
    }

    [Theory]
    [InlineData("demo-budget-holder")]
    [InlineData("demo-auditor")]
    [InlineData("demo-lead-professional")]
    [InlineData("demo-admin")]
    public async Task Remittances_ForOtherRoles_AreRefused(string userName)
    {
        using var browser = await ClaimsFlow.SignedInAsync(site, userName);
        var api = await browser.GetAsync("/api/remittances");
        api.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var page = await browser.GetAsync("/remittances");
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().Contain("access-denied");
    }

    // Every remittance line reference of the area's runs, the provider's own and everyone else's, read from the payment runs themselves.
    private async Task<(List<string> Mine, List<string> Others)> GroundTruthAsync(string providerCode)
    {
        var runs = site.Services.GetRequiredService<PaymentRunService>();
        var mine = new List<string>();
        var others = new List<string>();
        foreach (var run in (await runs.RunsAsync("WESTMOOR")).Value!)
        {
            foreach (var payment in (await runs.ShowAsync("WESTMOOR", run.Reference)).Value!.Payments)
            {
                var references = payment.Lines.Select(l => l.Invoice.Number).Concat(payment.Outcomes.Select(o => o.Claim.Reference));
                (payment.Provider.Code == providerCode ? mine : others).AddRange(references);
            }
        }

        return (mine, others);
    }
}
