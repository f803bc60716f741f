using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Ledger.Web.Tests;

/// <summary>
/// The claims and samples pages on the demo: each role's pages render with GOV.UK markup; a provider makes,
/// evidences and submits a claim, internal audit signs it off and a budget holder approves it, all through the
/// forms; bad input and oversized or wrong-type uploads are field errors that write nothing; another provider's
/// claim is not found; roles without claims are refused.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed partial class ClaimsPagesTests(DemoSite site)
{
    [Theory]
    [InlineData("demo-provider", "/claims", "Outcome claims")]
    [InlineData("demo-provider", "/claims/new", "Make an outcome claim")]
    [InlineData("demo-provider", "/remittances", "Remittances")]
    [InlineData("demo-budget-holder", "/claims/queue", "Claims and samples")]
    [InlineData("demo-budget-holder", "/claims", "Outcome claims")]
    [InlineData("demo-budget-holder", "/samples", "Assurance samples")]
    [InlineData("demo-auditor", "/claims/sign-off", "Claims to sign off")]
    [InlineData("demo-auditor", "/samples", "Assurance samples")]
    [InlineData("demo-auditor", "/claims?status=Paid&page=2", "Outcome claims")]
    public async Task Page_RendersForItsRole_WithGovUkMarkup(string userName, string path, string heading)
    {
        using var browser = await ClaimsFlow.SignedInAsync(site, userName);
        var html = await browser.GetPageAsync(path);
        html.Should().Contain($"<h1 class=\"govuk-heading-l\">{heading}</h1>");
        html.Should().Contain("govuk-template");
        if (html.Contains("<table", StringComparison.Ordinal))
        {
            html.Should().Contain("govuk-table__caption").And.Contain("scope=\"col\"");
        }
    }

    [Theory]
    [InlineData("demo-provider", "/claims", "/remittances")]
    [InlineData("demo-budget-holder", "/claims/queue", null)]
    [InlineData("demo-auditor", "/claims/sign-off", "/samples")]
    public async Task Home_LinksToTheBuiltClaimsPages(string userName, string first, string? second)
    {
        using var browser = await ClaimsFlow.SignedInAsync(site, userName);
        var home = await browser.GetPageAsync("/");
        home.Should().Contain($"href=\"{first}\"");
        if (second is not null)
        {
            home.Should().Contain($"href=\"{second}\"");
        }
    }

    [Fact]
    public async Task ClaimPages_ShowEachRoleItsActions_AndBundleAndSample()
    {
        using var holder = await ClaimsFlow.SignedInAsync(site, "demo-budget-holder");
        var signedOff = (await ClaimsFlow.AllClaimsAsync(holder)).First(c => c.GetProperty("status").GetString() == "SignedOff").GetProperty("reference").GetString()!;
        var page = await holder.GetPageAsync($"/claims/{signedOff}");
        page.Should().Contain("Approve the claim").And.Contain("Reject the claim").And.Contain("How the amount was worked out").And.NotContain("Upload the file");
        (await holder.GetPageAsync($"/claims/{signedOff}/bundle")).Should().Contain("Spot-check bundle").And.Contain("Eligibility");

        using var auditor = await ClaimsFlow.SignedInAsync(site, "demo-auditor");
        var auditorView = await auditor.GetPageAsync($"/claims/{signedOff}");
        auditorView.Should().NotContain("Approve the claim").And.NotContain("Sign the claim off");
        var samples = await auditor.GetPageAsync("/samples");
        var sample = SampleLink().Match(samples).Groups[1].Value;
        sample.Should().NotBeEmpty();
        (await auditor.GetPageAsync($"/samples/{sample}")).Should().Contain("Chosen because");
        (await auditor.GetAsync("/samples/SMP-NOPE")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        var draft = (await ClaimsFlow.AllClaimsAsync(provider)).First(c => c.GetProperty("status").GetString() == "Draft").GetProperty("reference").GetString()!;
        (await provider.GetPageAsync($"/claims/{draft}")).Should().Contain("Upload the file").And.Contain("Submit the claim").And.Contain("enctype=\"multipart/form-data\"");
        (await provider.GetAsync("/samples")).StatusCode.Should().Be(HttpStatusCode.Redirect, "providers do not see samples");
    }

    [Fact]
    public async Task Claim_MadeThroughTheForms_IsSubmittedSignedOffAndApprovedByThreeUsers()
    {
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        var subject = await ClaimsFlow.FreeSubjectAsync(provider, "EH-ATTENDANCE", pick: 2);
        var day = NodaTime.Text.LocalDatePattern.Iso.Parse(subject.AchievedOn).Value;
        var created = await provider.PostFormAsync("/claims/new", "/claims/new", new Dictionary<string, string>
        {
            ["Contract"] = "WM-EARLY-HELP", ["Subject"] = subject.Reference, ["Outcome"] = "EH-ATTENDANCE", ["Sustainment"] = "",
            ["AchievedOnDay"] = day.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AchievedOnMonth"] = day.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AchievedOnYear"] = day.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["FormKey"] = Guid.NewGuid().ToString("N"),
        });
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var path = created.Headers.Location!.ToString();
        path.Should().StartWith("/claims/CLM-");

        var uploaded = await UploadAsync(provider, path, "attendance.csv", Encoding.UTF8.GetBytes("week,attendance\n1,95\n2,97\n"), "Outcome", "school attendance record");
        uploaded.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await provider.GetPageAsync(path)).Should().Contain("attendance.csv was attached").And.Contain("school attendance record");

        var link = Regex.Match(await provider.GetPageAsync(path), "href=\"(/claims/CLM-[^\"]+handler=Evidence[^\"]+)\"").Groups[1].Value;
        var file = await provider.GetAsync(System.Net.WebUtility.HtmlDecode(link));
        file.StatusCode.Should().Be(HttpStatusCode.OK);
        (await file.Content.ReadAsStringAsync()).Should().Be("week,attendance\n1,95\n2,97\n");

        (await provider.PostFormAsync(path, $"{path}?handler=Submit", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await provider.GetPageAsync(path)).Should().Contain("Waiting for audit sign-off").And.NotContain("Upload the file");

        using var auditor = await ClaimsFlow.SignedInAsync(site, "demo-auditor");
        (await auditor.GetPageAsync("/claims/sign-off")).Should().Contain(path);
        (await auditor.PostFormAsync(path, $"{path}?handler=SignOff", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var holder = await ClaimsFlow.SignedInAsync(site, "demo-budget-holder");
        (await holder.GetPageAsync("/claims/queue")).Should().Contain(path);
        (await holder.PostFormAsync(path, $"{path}?handler=Approve", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var approved = await holder.GetPageAsync(path);
        approved.Should().Contain("Approved, to be paid").And.Contain("By demo-budget-holder").And.Contain("demo-auditor");
    }

    [Fact]
    public async Task NewClaim_WithBadInput_ShowsFieldErrors_AndWritesNothing()
    {
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        var before = (await ClaimsFlow.AllClaimsAsync(provider)).Count;
        var response = await provider.PostFormAsync("/claims/new", "/claims/new", new Dictionary<string, string>
        {
            ["Contract"] = "", ["Subject"] = "", ["Outcome"] = "", ["Sustainment"] = "two", ["AchievedOnDay"] = "31", ["AchievedOnMonth"] = "2", ["AchievedOnYear"] = "2026",
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("govuk-error-summary").And.Contain("<title>Error: Make an outcome claim")
            .And.Contain("href=\"#contract\"").And.Contain("href=\"#subject\"").And.Contain("href=\"#outcome\"").And.Contain("href=\"#sustainment\"")
            .And.Contain("href=\"#achieved-on-day\"").And.Contain("id=\"achieved-on-error\"");

        var notEnrolled = await provider.PostFormAsync("/claims/new", "/claims/new", new Dictionary<string, string>
        {
            ["Contract"] = "WM-EARLY-HELP", ["Subject"] = "NOBODY-1", ["Outcome"] = "EH-NO-ASB", ["AchievedOnDay"] = "1", ["AchievedOnMonth"] = "10", ["AchievedOnYear"] = "2026",
        });
        notEnrolled.StatusCode.Should().Be(HttpStatusCode.OK);
        (await notEnrolled.Content.ReadAsStringAsync()).Should().Contain("id=\"subject-error\"");
        (await ClaimsFlow.AllClaimsAsync(provider)).Count.Should().Be(before);
    }

    [Fact]
    public async Task Claim_WhenEvidenceTooLargeOrOfTheWrongType_IsAFieldError_AndNothingStored()
    {
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        var subject = await ClaimsFlow.FreeSubjectAsync(provider, "EH-NO-ASB", pick: 2);
        var draft = await ClaimsFlow.JsonAsync(await ClaimsFlow.DraftAsync(provider, subject.Reference, "EH-NO-ASB", subject.AchievedOn, key: $"page-{Guid.NewGuid():N}"));
        var path = $"/claims/{draft.GetProperty("reference").GetString()}";
        var files = ClaimsFlow.EvidenceFileCount(site);
        var max = site.Services.GetService(typeof(Application.Outcomes.OutcomeOptions)) is Application.Outcomes.OutcomeOptions o ? o.EvidenceMaxBytes : 0;

        var huge = await UploadAsync(provider, path, "record.pdf", new byte[max + ClaimsApiLimits.Overhead + 1024], "Outcome", "police or youth offending record");
        huge.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var shown = await provider.GetPageAsync(huge.Headers.Location!.ToString());
        shown.Should().Contain("id=\"file-error\"").And.Contain("must be smaller than").And.Contain("govuk-error-summary");

        var justOver = new byte[max + 1];
        justOver.AsSpan().Fill((byte)'a');
        var over = await UploadAsync(provider, path, "record.txt", justOver, "Outcome", "police or youth offending record");
        over.StatusCode.Should().Be(HttpStatusCode.OK);
        (await over.Content.ReadAsStringAsync()).Should().Contain("id=\"file-error\"").And.Contain("must be smaller than");

        var wrongType = await UploadAsync(provider, path, "record.png", "not a picture"u8.ToArray(), "Outcome", "police or youth offending record");
        wrongType.StatusCode.Should().Be(HttpStatusCode.OK);
        (await wrongType.Content.ReadAsStringAsync()).Should().Contain("id=\"file-error\"").And.Contain("content is not");

        var noPurpose = await UploadAsync(provider, path, "record.txt", "fine"u8.ToArray(), "", "");
        (await noPurpose.Content.ReadAsStringAsync()).Should().Contain("id=\"purpose-error\"").And.Contain("id=\"describes-error\"");

        (await provider.GetPageAsync(path)).Should().Contain("No evidence has been attached.");
        ClaimsFlow.EvidenceFileCount(site).Should().Be(files);
    }

    [Fact]
    public async Task ClaimPage_OfAnotherProvider_IsNotFound_AndRolesWithoutClaimsAreRefused()
    {
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        var reference = (await ClaimsFlow.AllClaimsAsync(provider))[0].GetProperty("reference").GetString()!;
        using var other = await ClaimsFlow.SignedInAsync(site, await ClaimsFlow.CreateProviderUserAsync(site, "PRV-CLEARSPEAK"));
        (await other.GetAsync($"/claims/{reference}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetPageAsync("/claims")).Should().Contain("There are no claims to show.");

        foreach (var user in new[] { "demo-lead-professional", "demo-admin" })
        {
            using var browser = await ClaimsFlow.SignedInAsync(site, user);
            foreach (var path in new[] { "/claims", $"/claims/{reference}", "/claims/queue", "/claims/sign-off", "/samples", "/remittances", "/claims/new" })
            {
                var response = await browser.GetAsync(path);
                response.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
                response.Headers.Location!.ToString().Should().Contain("access-denied", path);
            }
        }
    }

    [Fact]
    public async Task Samples_DrawWithBadInput_ShowsFieldErrors_AndABudgetHolderCannotDraw()
    {
        using var auditor = await ClaimsFlow.SignedInAsync(site, "demo-auditor");
        var before = await ClaimsFlow.GetJsonAsync(auditor, "/api/samples");
        var response = await auditor.PostFormAsync("/samples", "/samples", new Dictionary<string, string>
        {
            ["FromDay"] = "1", ["FromMonth"] = "13", ["FromYear"] = "2026", ["ToDay"] = "", ["ToMonth"] = "", ["ToYear"] = "", ["Percent"] = "150", ["Seed"] = "x",
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("href=\"#from-day\"").And.Contain("href=\"#to-day\"").And.Contain("href=\"#percent\"")
            .And.Contain("href=\"#seed\"");
        (await ClaimsFlow.GetJsonAsync(auditor, "/api/samples")).GetArrayLength().Should().Be(before.GetArrayLength());

        var drawn = await auditor.PostFormAsync("/samples", "/samples", new Dictionary<string, string>
        {
            ["FromDay"] = "1", ["FromMonth"] = "7", ["FromYear"] = "2026", ["ToDay"] = "30", ["ToMonth"] = "9", ["ToYear"] = "2026", ["Percent"] = "50", ["Seed"] = "11",
        });
        drawn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        drawn.Headers.Location!.ToString().Should().StartWith("/samples/SMP-");

        using var holder = await ClaimsFlow.SignedInAsync(site, "demo-budget-holder");
        (await holder.GetPageAsync("/samples")).Should().NotContain("Draw the sample");
    }

    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, string path, string fileName, byte[] content, string purpose, string describes)
    {
        var token = Browser.AntiforgeryToken(await browser.GetPageAsync(path));
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(content);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent(describes), "Describes");
        form.Add(new StringContent(purpose), "Purpose");
        form.Add(file, "Document", fileName);
        return await browser.Client.PostAsync(new Uri($"{path}?handler=Upload", UriKind.Relative), form);
    }

    [GeneratedRegex("href=\"/samples/(SMP-[A-Z0-9]+)\"")]
    private static partial Regex SampleLink();
}
