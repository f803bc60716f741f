using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Application.Outcomes;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>
/// Outcome claims through the JSON API on the demo: a provider drafts, evidences and submits a claim, internal
/// audit signs it off and a budget holder approves it, each step by a different user (R20); another provider's
/// or another area's claim is unknown; an oversized or wrong-type upload is refused with nothing stored; roles
/// without claims are refused; bad input is a 4xx ProblemDetails.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class ClaimsApiTests(DemoSite site)
{
    [Fact]
    public async Task Claim_FullFlow_DraftEvidenceSubmitSignOffApprove_WithSeparationOfDuties()
    {
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        var subject = await ClaimsFlow.FreeSubjectAsync(provider, "EH-ATTENDANCE", pick: 0);

        var created = await ClaimsFlow.DraftAsync(provider, subject.Reference, "EH-ATTENDANCE", subject.AchievedOn, key: $"flow-{Guid.NewGuid():N}");
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var draft = await ClaimsFlow.JsonAsync(created);
        var reference = draft.GetProperty("reference").GetString()!;
        draft.GetProperty("status").GetString().Should().Be("Draft");
        draft.GetProperty("createdBy").GetString().Should().Be("demo-provider");
        created.Headers.Location!.ToString().Should().Be($"/api/claims/{reference}");

        // Submitting without the evidence the outcome requires is refused, and the claim stays a draft.
        var early = await provider.Client.PostAsync(new Uri($"/api/claims/{reference}/submit", UriKind.Relative), null);
        early.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ClaimsFlow.ProblemCodeAsync(early)).Should().Be("EvidenceMissing");

        var upload = await ClaimsFlow.UploadAsync(provider, reference, "attendance.txt", Encoding.UTF8.GetBytes("Attendance 96% over the autumn half term.\n"),
            "Outcome", "school attendance record");
        upload.StatusCode.Should().Be(HttpStatusCode.Created);
        var evidence = await ClaimsFlow.JsonAsync(upload);
        evidence.GetProperty("contentType").GetString().Should().Be("text/plain");
        evidence.GetProperty("sha256").GetString().Should().HaveLength(64);

        var submitted = await ClaimsFlow.PostAsync(provider, $"/api/claims/{reference}/submit");
        submitted.GetProperty("status").GetString().Should().Be("Validated");
        decimal.Parse(submitted.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture).Should().BePositive();
        submitted.GetProperty("working").GetArrayLength().Should().BeGreaterThan(0);
        submitted.GetProperty("evidence").GetArrayLength().Should().Be(1);

        // The provider cannot sign off its own claim: only internal audit signs off, and it stays validated.
        var selfSignOff = await provider.Client.PostAsync(new Uri($"/api/claims/{reference}/sign-off", UriKind.Relative), null);
        selfSignOff.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        selfSignOff.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await ClaimsFlow.GetJsonAsync(provider, $"/api/claims/{reference}")).GetProperty("status").GetString().Should().Be("Validated");

        // A budget holder cannot approve before internal audit has signed it off.
        using var holder = await ClaimsFlow.SignedInAsync(site, "demo-budget-holder");
        var tooSoon = await holder.Client.PostAsync(new Uri($"/api/claims/{reference}/approve", UriKind.Relative), null);
        tooSoon.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ClaimsFlow.ProblemCodeAsync(tooSoon)).Should().Be("ClaimNotInState");

        using var auditor = await ClaimsFlow.SignedInAsync(site, "demo-auditor");
        // Internal audit reads the evidence itself; another provider cannot, as if it did not exist.
        var sha = evidence.GetProperty("sha256").GetString();
        var download = await auditor.GetAsync($"/api/claims/{reference}/evidence/{sha}");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsStringAsync()).Should().Be("Attendance 96% over the autumn half term.\n");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        using (var other = await ClaimsFlow.SignedInAsync(site, await ClaimsFlow.CreateProviderUserAsync(site, "PRV-CLEARSPEAK")))
        {
            (await other.GetAsync($"/api/claims/{reference}/evidence/{sha}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        (await auditor.GetAsync($"/api/claims/{reference}/evidence/{new string('0', 64)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var signedOff = await ClaimsFlow.PostAsync(auditor, $"/api/claims/{reference}/sign-off");
        signedOff.GetProperty("status").GetString().Should().Be("SignedOff");
        signedOff.GetProperty("signedOffBy").GetString().Should().Be("demo-auditor");

        var approved = await ClaimsFlow.PostAsync(holder, $"/api/claims/{reference}/approve");
        approved.GetProperty("status").GetString().Should().Be("Approved");
        approved.GetProperty("approvedBy").GetString().Should().Be("demo-budget-holder");

        var seen = await ClaimsFlow.GetJsonAsync(provider, $"/api/claims/{reference}");
        seen.GetProperty("status").GetString().Should().Be("Approved");
    }

    [Fact]
    public async Task Claim_SignedOffByItsOwnCreator_IsRefusedAsSelfApproval()
    {
        // An auditor account that also made the claim (the same user name) may not sign it off (R20): the domain refuses, whatever the role.
        var (userName, actor) = await ClaimsFlow.ProviderActorAsync(site);
        var workspace = site.Services.GetRequiredService<Application.Access.ClaimsWorkspace>();
        using var provider = await ClaimsFlow.SignedInAsync(site, userName);
        var subject = await ClaimsFlow.FreeSubjectAsync(provider, "EH-ATTENDANCE", pick: 1);
        var draft = await ClaimsFlow.JsonAsync(await ClaimsFlow.DraftAsync(provider, subject.Reference, "EH-ATTENDANCE", subject.AchievedOn, key: "self"));
        var reference = draft.GetProperty("reference").GetString()!;
        (await ClaimsFlow.UploadAsync(provider, reference, "record.txt", "Attendance 93%"u8.ToArray(), "Outcome", "school attendance record"))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await ClaimsFlow.PostAsync(provider, $"/api/claims/{reference}/submit")).GetProperty("status").GetString().Should().Be("Validated");

        var sameUserAsAuditor = actor with { Role = Application.Access.ActorRole.InternalAuditor, Provider = null };
        var refused = await workspace.SignOffAsync(sameUserAsAuditor, reference);
        refused.Succeeded.Should().BeFalse();
        refused.Error!.Code.Should().Be(Domain.Budgets.BudgetErrorCode.SelfApproval);
        (await ClaimsFlow.GetJsonAsync(provider, $"/api/claims/{reference}")).GetProperty("status").GetString().Should().Be("Validated");
    }

    [Fact]
    public async Task Claim_OfAnotherProviderOrArea_Is404_AndTheirContractCannotBeClaimedUnder()
    {
        var mine = await ClaimsFlow.AllClaimsAsync(site, "demo-provider");
        mine.Should().NotBeEmpty().And.OnlyContain(c => c.GetProperty("provider").GetString() == "PRV-YOUNG-MINDS");
        var elsewhere = await site.Services.GetRequiredService<OutcomeService>().ClaimsAsync("CARROWVALE");
        var otherArea = elsewhere.Value![0].Claim.Reference;

        using var other = await ClaimsFlow.SignedInAsync(site, await ClaimsFlow.CreateProviderUserAsync(site, "PRV-CLEARSPEAK"));
        (await ClaimsFlow.AllClaimsAsync(other)).Should().BeEmpty("Clearspeak has no outcome claims");
        foreach (var reference in new[] { mine[0].GetProperty("reference").GetString()!, otherArea, "CLM-DOES-NOT-EXIST" })
        {
            var response = await other.GetAsync($"/api/claims/{reference}");
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await ClaimsFlow.ProblemCodeAsync(response)).Should().Be("UnknownClaim");
            var submit = await other.Client.PostAsync(new Uri($"/api/claims/{reference}/submit", UriKind.Relative), null);
            submit.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        (await provider.GetAsync($"/api/claims/{otherArea}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var holder = await ClaimsFlow.SignedInAsync(site, "demo-budget-holder");
        (await holder.GetAsync($"/api/claims/{otherArea}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var before = mine.Count;
        var refused = await ClaimsFlow.DraftAsync(other, mine[0].GetProperty("subject").GetString()!, "EH-NO-ASB", "2026-10-01", key: "other");
        refused.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ClaimsFlow.ProblemCodeAsync(refused)).Should().Be("UnknownContract");
        (await ClaimsFlow.AllClaimsAsync(site, "demo-provider")).Count.Should().Be(before);
    }

    [Fact]
    public async Task Claim_WhenEvidenceTooLargeOrOfTheWrongType_IsRefusedAndNothingStored()
    {
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        var subject = await ClaimsFlow.FreeSubjectAsync(provider, "EH-NO-ASB", pick: 0);
        var draft = await ClaimsFlow.JsonAsync(await ClaimsFlow.DraftAsync(provider, subject.Reference, "EH-NO-ASB", subject.AchievedOn, key: $"big-{Guid.NewGuid():N}"));
        var reference = draft.GetProperty("reference").GetString()!;
        var files = ClaimsFlow.EvidenceFileCount(site);
        var max = site.Services.GetRequiredService<OutcomeOptions>().EvidenceMaxBytes;

        var justOver = new byte[max + 1];
        justOver.AsSpan().Fill((byte)'a');
        var tooLarge = await ClaimsFlow.UploadAsync(provider, reference, "record.txt", justOver, "Outcome", "police or youth offending record");
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ClaimsFlow.ProblemCodeAsync(tooLarge)).Should().Be("EvidenceTooLarge");

        var huge = new byte[max + ClaimsApiLimits.Overhead + 1024];
        var refusedUnread = await ClaimsFlow.UploadAsync(provider, reference, "record.pdf", huge, "Outcome", "police or youth offending record");
        refusedUnread.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ClaimsFlow.ProblemCodeAsync(refusedUnread)).Should().Be("EvidenceTooLarge");

        var wrongType = await ClaimsFlow.UploadAsync(provider, reference, "record.pdf", "not really a PDF"u8.ToArray(), "Outcome", "police or youth offending record");
        wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ClaimsFlow.ProblemCodeAsync(wrongType)).Should().Be("EvidenceTypeNotAllowed");

        var badPurpose = await ClaimsFlow.UploadAsync(provider, reference, "record.txt", "fine"u8.ToArray(), "Gossip", "police or youth offending record");
        badPurpose.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await ClaimsFlow.GetJsonAsync(provider, $"/api/claims/{reference}")).GetProperty("evidence").GetArrayLength().Should().Be(0);
        ClaimsFlow.EvidenceFileCount(site).Should().Be(files, "a refused upload stores no file");
    }

    [Fact]
    public async Task Claim_DraftWithTheSameIdempotencyKey_ReturnsTheFirstDraft()
    {
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        var subject = await ClaimsFlow.FreeSubjectAsync(provider, "EH-NO-ASB", pick: 1);
        var key = $"same-{Guid.NewGuid():N}";
        var first = await ClaimsFlow.JsonAsync(await ClaimsFlow.DraftAsync(provider, subject.Reference, "EH-NO-ASB", subject.AchievedOn, key));
        var again = await ClaimsFlow.JsonAsync(await ClaimsFlow.DraftAsync(provider, subject.Reference, "EH-NO-ASB", subject.AchievedOn, key));
        again.GetProperty("reference").GetString().Should().Be(first.GetProperty("reference").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"contract\":\"WM-EARLY-HELP\"}")]
    [InlineData("{\"contract\":\"WM-EARLY-HELP\",\"subject\":\"X\",\"outcome\":\"EH-NO-ASB\",\"achievedOn\":\"31/10/2026\"}")]
    [InlineData("{\"contract\":\"WM-EARLY-HELP\",\"subject\":\"X\",\"outcome\":\"EH-NO-ASB\",\"achievedOn\":\"2026-10-01\",\"sustainment\":\"one\"}")]
    public async Task Claim_PostedWithBadJson_Is400Problem(string body)
    {
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await provider.Client.PostAsync(new Uri("/api/claims", UriKind.Relative), content);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ClaimsFlow.ProblemCodeAsync(response)).Should().Be("InvalidRequest");
    }

    [Fact]
    public async Task Claim_ForAChildNotEnrolledOrUnknown_IsA4xxProblem_AndRejectNeedsAReason()
    {
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        var unknown = await ClaimsFlow.DraftAsync(provider, "NOBODY-1", "EH-NO-ASB", "2026-10-01", key: "nobody");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ClaimsFlow.ProblemCodeAsync(unknown)).Should().Be("UnknownSubject");

        using var holder = await ClaimsFlow.SignedInAsync(site, "demo-budget-holder");
        var validated = (await ClaimsFlow.AllClaimsAsync(holder)).First(c => c.GetProperty("status").GetString() == "Validated").GetProperty("reference").GetString();
        using var empty = JsonContent.Create(new { reason = " " });
        var noReason = await holder.Client.PostAsync(new Uri($"/api/claims/{validated}/reject", UriKind.Relative), empty);
        noReason.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ClaimsFlow.ProblemCodeAsync(noReason)).Should().Be("ReasonRequired");
        using var broken = new StringContent("{", Encoding.UTF8, "application/json");
        (await holder.Client.PostAsync(new Uri($"/api/claims/{validated}/reject", UriKind.Relative), broken)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("demo-lead-professional")]
    [InlineData("demo-broker")]
    [InlineData("demo-admin")]
    public async Task Claims_ForRolesWithoutClaims_AreRefused(string userName)
    {
        using var browser = await ClaimsFlow.SignedInAsync(site, userName);
        foreach (var path in new[] { "/api/claims", "/api/claims/CLM-ANY", "/api/samples", "/api/remittances", "/api/claims/contracts" })
        {
            var response = await browser.GetAsync(path);
            response.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        var post = await ClaimsFlow.DraftAsync(browser, "X", "EH-NO-ASB", "2026-10-01", key: "lp");
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Claims_AsBudgetHolder_AreEveryClaimOfTheArea_PagedAndFilteredByStatus()
    {
        using var holder = await ClaimsFlow.SignedInAsync(site, "demo-budget-holder");
        var all = await ClaimsFlow.AllClaimsAsync(holder);
        all.Select(c => c.GetProperty("provider").GetString()).Should().Contain("PRV-YOUNG-MINDS");
        var page = await ClaimsFlow.GetJsonAsync(holder, "/api/claims?page=2&pageSize=5");
        page.GetProperty("page").GetInt32().Should().Be(2);
        page.GetProperty("items").GetArrayLength().Should().BeLessThanOrEqualTo(5);
        page.GetProperty("total").GetInt32().Should().Be(all.Count);
        var signedOff = await ClaimsFlow.GetJsonAsync(holder, "/api/claims?status=SignedOff&pageSize=100");
        signedOff.GetProperty("items").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(c => c.GetProperty("status").GetString() == "SignedOff");
        foreach (var bad in new[] { "/api/claims?pageSize=101", "/api/claims?page=0", "/api/claims?status=Nonsense", "/api/claims?status=1" })
        {
            (await holder.GetAsync(bad)).StatusCode.Should().Be(HttpStatusCode.BadRequest, bad);
        }
    }

    [Fact]
    public async Task Samples_AuditorDrawsShowsAndRecordsFindings_BudgetHolderReadsOnly()
    {
        using var auditor = await ClaimsFlow.SignedInAsync(site, "demo-auditor");
        var samples = await ClaimsFlow.GetJsonAsync(auditor, "/api/samples");
        samples.GetArrayLength().Should().BeGreaterThan(0, "the demo drew a sample in October");

        var drawn = await auditor.Client.PostAsJsonAsync(new Uri("/api/samples", UriKind.Relative),
            new { from = "2026-06-01", to = "2026-11-30", percent = 100, seed = 7 });
        drawn.StatusCode.Should().Be(HttpStatusCode.Created);
        var sample = await ClaimsFlow.JsonAsync(drawn);
        var reference = sample.GetProperty("sample").GetProperty("reference").GetString()!;
        sample.GetProperty("sample").GetProperty("drawnBy").GetString().Should().Be("demo-auditor");
        var checks = sample.GetProperty("checks").EnumerateArray().ToList();
        checks.Should().NotBeEmpty();

        var shown = await ClaimsFlow.GetJsonAsync(auditor, $"/api/samples/{reference}");
        shown.GetProperty("checks").GetArrayLength().Should().Be(checks.Count);
        var claim = checks[0].GetProperty("claim").GetString()!;
        var bundle = await ClaimsFlow.GetJsonAsync(auditor, $"/api/claims/{claim}/bundle");
        bundle.GetProperty("eligibility").GetArrayLength().Should().BeGreaterThan(0);

        var found = await auditor.Client.PostAsJsonAsync(new Uri($"/api/samples/{reference}/findings", UriKind.Relative),
            new { claim, finding = "Valid", note = "Records agree" });
        found.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ClaimsFlow.JsonAsync(found)).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("claim").GetString() == claim)
            .GetProperty("checkedBy").GetString().Should().Be("demo-auditor");

        (await auditor.GetAsync("/api/samples/SMP-NOPE")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var badDraw = await auditor.Client.PostAsJsonAsync(new Uri("/api/samples", UriKind.Relative), new { from = "2026-06-01", to = "2026-11-30", percent = 150, seed = 1 });
        badDraw.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ClaimsFlow.ProblemCodeAsync(badDraw)).Should().Be("InvalidSample");

        using var holder = await ClaimsFlow.SignedInAsync(site, "demo-budget-holder");
        (await holder.GetAsync($"/api/samples/{reference}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await holder.Client.PostAsJsonAsync(new Uri("/api/samples", UriKind.Relative), new { from = "2026-06-01", to = "2026-11-30", percent = 10, seed = 1 }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        (await provider.GetAsync($"/api/samples/{reference}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

/// <summary>The evidence request limit the API applies, for the tests.</summary>
internal static class ClaimsApiLimits
{
    public const long Overhead = Api.ClaimsApi.UploadOverheadBytes;
}

/// <summary>Steps shared by the claims tests: signing in, finding a child to claim for, drafting and uploading through the API.</summary>
internal static class ClaimsFlow
{
    public static async Task<Browser> SignedInAsync(LedgerSite site, string userName)
    {
        var browser = site.Browser();
        await browser.SignInOrFailAsync(userName);
        return browser;
    }

    /// <summary>
    /// An enrolled child or family on the provider's contract with no claim for <paramref name="outcome"/> yet, enrolled before the day
    /// it is said to be achieved, and the day to say the outcome was achieved (inside the claim window); <paramref name="pick"/> chooses among them so
    /// tests do not claim for the same one.
    /// </summary>
    public static async Task<(string Reference, string AchievedOn)> FreeSubjectAsync(Browser provider, string outcome, int pick)
    {
        var claims = await AllClaimsAsync(provider);
        var today = Domain.Calendar.London.Today(NodaTime.SystemClock.Instance);
        // Attendance is paid once sustained for 13 weeks, and claimed from 15 working days after that: achieved about 17 weeks ago.
        var achieved = today.PlusDays(outcome == "EH-ATTENDANCE" ? -121 : -35);
        var candidates = claims.Where(c => c.GetProperty("kind").GetString() == "Attachment")
            .Select(c => (Subject: c.GetProperty("subject").GetString()!, Enrolled: NodaTime.Text.LocalDatePattern.Iso.Parse(c.GetProperty("achievedOn").GetString()!).Value))
            .Where(c => c.Enrolled <= achieved && !claims.Any(x => x.GetProperty("subject").GetString() == c.Subject && x.GetProperty("outcome").GetString() == outcome))
            .OrderBy(c => c.Subject, StringComparer.Ordinal).ToList();
        candidates.Should().HaveCountGreaterThan(pick, $"the demo should have enrolled children without a {outcome} claim");
        return (candidates[pick].Subject, achieved.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
    }

    public static Task<HttpResponseMessage> DraftAsync(Browser browser, string subject, string outcome, string achievedOn, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/claims", UriKind.Relative))
        {
            Content = JsonContent.Create(new { contract = "WM-EARLY-HELP", subject, outcome, achievedOn }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return browser.Client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> UploadAsync(Browser browser, string reference, string fileName, byte[] content, string purpose, string describes)
    {
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(content);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(purpose), "purpose");
        form.Add(new StringContent(describes), "describes");
        return await browser.Client.PostAsync(new Uri($"/api/claims/{reference}/evidence", UriKind.Relative), form);
    }

    public static async Task<JsonElement> PostAsync(Browser browser, string path)
    {
        var response = await browser.Client.PostAsync(new Uri(path, UriKind.Relative), null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"POST {path}: {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }

    public static async Task<JsonElement> GetJsonAsync(Browser browser, string path)
    {
        var response = await browser.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {path}: {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await JsonAsync(response);
        return problem.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    public static async Task<List<JsonElement>> AllClaimsAsync(LedgerSite site, string userName)
    {
        using var browser = await SignedInAsync(site, userName);
        return await AllClaimsAsync(browser);
    }

    public static async Task<List<JsonElement>> AllClaimsAsync(Browser browser)
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var json = await GetJsonAsync(browser, $"/api/claims?page={page}&pageSize=100");
            all.AddRange(json.GetProperty("items").EnumerateArray());
            if (page >= json.GetProperty("pages").GetInt32())
            {
                return all;
            }
        }
    }

    public static int EvidenceFileCount(LedgerSite site)
    {
        var folder = site.Services.GetRequiredService<OutcomeOptions>().EvidenceFolder;
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length : 0;
    }

    /// <summary>A new provider's user in Westmoor acting for <paramref name="providerCode"/>.</summary>
    public static async Task<string> CreateProviderUserAsync(LedgerSite site, string providerCode)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LedgerUser>>();
        var name = $"prv-{Guid.NewGuid():N}"[..20];
        var user = new LedgerUser { UserName = name, DisplayName = "Provider " + name, AreaCode = DemoAccounts.Area, ProviderCode = providerCode, LockoutEnabled = true };
        (await users.CreateAsync(user, DemoAccounts.Password)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, LedgerRoles.Provider)).Succeeded.Should().BeTrue();
        return name;
    }

    /// <summary>A second user of the demo provider, and the application's view of them.</summary>
    public static async Task<(string UserName, Application.Access.Actor Actor)> ProviderActorAsync(LedgerSite site)
    {
        var name = await CreateProviderUserAsync(site, "PRV-YOUNG-MINDS");
        return (name, new Application.Access.Actor(name, Application.Access.ActorRole.Provider, DemoAccounts.Area, null, "PRV-YOUNG-MINDS"));
    }
}
