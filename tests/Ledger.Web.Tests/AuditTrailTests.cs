using System.Net;
using System.Text.Json;
using Ledger.Domain;
using Ledger.Domain.Audit;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
using Ledger.Infrastructure.Identity;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Web.Tests;

/// <summary>
/// The audit trail on the demo: every change is recorded with who and from where (never secrets), reading a
/// child's personal details needs a purpose and is recorded, another caseload's or area's child is 404, and the
/// search shows budget holders and auditors their own area only.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed class AuditTrailTests(DemoSite site)
{
    private const string Address = "203.0.113.7";

    [Fact]
    public async Task ChildDetails_ReadByTheirLeadProfessional_IsRecordedWithWhoWhyAndWhere_AndTheBudgetHolderFindsIt()
    {
        using var factory = FromAddress();
        using var lead = BrowserOn(factory);
        await lead.SignInOrFailAsync("demo-lead-professional");
        var child = await CaseloadChildAsync(lead);
        var readsBefore = await CountReadsAsync(child);

        var response = await lead.GetAsync($"/api/children/{child}/details?purpose=Arranging%20a%20home%20visit");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        using var details = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var name = details.RootElement.GetProperty("fullName").GetString();
        name.Should().NotBeNullOrWhiteSpace();
        details.RootElement.GetProperty("reference").GetString().Should().Be(child);
        (await CountReadsAsync(child)).Should().Be(readsBefore + 1, "the existing PersonalDetailsRead log is kept too");

        using var holder = site.Browser();
        await holder.SignInOrFailAsync("demo-budget-holder");
        var found = await holder.GetAsync($"/api/audit?what={child}&action=Read");
        found.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await found.Content.ReadAsStringAsync();
        text.Should().NotContain(name!, "the audit trail never carries personal details");
        using var page = JsonDocument.Parse(text);
        var newest = page.RootElement.GetProperty("items")[0];
        newest.GetProperty("who").GetString().Should().Be("demo-lead-professional");
        newest.GetProperty("role").GetString().Should().Be("LeadProfessional");
        newest.GetProperty("action").GetString().Should().Be("Read");
        newest.GetProperty("what").GetString().Should().Contain(child);
        newest.GetProperty("detail").GetString().Should().Contain("Arranging a home visit");
        newest.GetProperty("from").GetString().Should().Be(Address);
    }

    [Fact]
    public async Task ChildDetails_WithoutAPurpose_AreNotShown_AndNothingIsRecorded()
    {
        using var lead = site.Browser();
        await lead.SignInOrFailAsync("demo-lead-professional");
        var child = await CaseloadChildAsync(lead);
        var readsBefore = await CountReadsAsync(child);
        var entriesBefore = await CountEntriesAsync(child);

        var api = await lead.GetAsync($"/api/children/{child}/details?purpose=%20%20");
        api.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CodeAsync(api)).Should().Be("ReasonRequired");

        var form = await lead.GetPageAsync($"/children/{child}/details");
        form.Should().Contain("Why do you need these details?").And.Contain("for=\"purpose\"");
        var posted = await lead.PostFormAsync($"/children/{child}/details", $"/children/{child}/details", new Dictionary<string, string> { ["Purpose"] = "" });
        posted.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await posted.Content.ReadAsStringAsync();
        html.Should().Contain("There is a problem").And.Contain("href=\"#purpose\"").And.Contain("govuk-textarea--error").And.NotContain("Date of birth");

        (await CountReadsAsync(child)).Should().Be(readsBefore);
        (await CountEntriesAsync(child)).Should().Be(entriesBefore);

        var shown = await lead.PostFormAsync($"/children/{child}/details", $"/children/{child}/details", new Dictionary<string, string> { ["Purpose"] = "Booking transport" });
        var shownHtml = await shown.Content.ReadAsStringAsync();
        shownHtml.Should().Contain("Date of birth").And.Contain("govuk-summary-list");
        (await CountReadsAsync(child)).Should().Be(readsBefore + 1);
        (await CountEntriesAsync(child)).Should().Be(entriesBefore + 1);
    }

    [Fact]
    public async Task ChildDetails_OfAnotherCaseloadOrArea_Are404_AndOtherRolesAreRefused()
    {
        var (notMine, otherArea) = await StrangersAsync();
        using var lead = site.Browser();
        await lead.SignInOrFailAsync("demo-lead-professional");
        var refused = await lead.GetAsync($"/api/children/{notMine}/details?purpose=Curious");
        var missing = await lead.GetAsync("/api/children/CHILD-NOPE/details?purpose=Curious");
        foreach (var response in new[] { refused, missing })
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await CodeAsync(response)).Should().Be("UnknownSubject");
        }

        (await lead.GetAsync($"/children/{notMine}/details")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var holder = site.Browser();
        await holder.SignInOrFailAsync("demo-budget-holder");
        (await holder.GetAsync($"/api/children/{notMine}/details?purpose=Checking%20an%20approval")).StatusCode.Should().Be(HttpStatusCode.OK,
            "a budget holder reads any child of their area");
        var elsewhere = await holder.GetAsync($"/api/children/{otherArea}/details?purpose=Checking%20an%20approval");
        elsewhere.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CodeAsync(elsewhere)).Should().Be("UnknownSubject");

        foreach (var user in new[] { "demo-provider", "demo-auditor", "demo-admin" })
        {
            using var other = site.Browser();
            await other.SignInOrFailAsync(user);
            (await other.GetAsync($"/api/children/{notMine}/details?purpose=Curious")).StatusCode.Should().Be(HttpStatusCode.Forbidden, user);
            var page = await other.GetAsync($"/children/{notMine}/details");
            page.StatusCode.Should().Be(HttpStatusCode.Redirect, user);
            page.Headers.Location!.AbsolutePath.Should().Be("/access-denied");
        }
    }

    [Fact]
    public async Task AuditSearch_ShowsOnlyTheActorsArea_FiltersByWhoWhatActionAndDates_AndIsRefusedToOtherRoles()
    {
        var tag = $"PROBE-{Guid.NewGuid():N}"[..20];
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            var westmoor = await db.Areas.Where(a => a.Code == DemoAccounts.Area).Select(a => a.Id).SingleAsync();
            var carrowvale = await db.Areas.Where(a => a.Code == "CARROWVALE").Select(a => a.Id).SingleAsync();
            db.Add(AuditEntry.Record(now, "probe-user", "BudgetHolder", westmoor, AuditAction.Modified, $"Budget {tag}-WM", "Status", "198.51.100.1"));
            db.Add(AuditEntry.Record(now, "probe-user", "BudgetHolder", carrowvale, AuditAction.Modified, $"Budget {tag}-CV", "Status", "198.51.100.2"));
            await db.SaveChangesAsync();
        }

        using var auditor = site.Browser();
        await auditor.SignInOrFailAsync("demo-auditor");
        var today = LocalDatePatternIso(London.Today(SystemClock.Instance));
        (await WhatsAsync(auditor, $"what={tag}")).Should().Equal($"Budget {tag}-WM");
        (await WhatsAsync(auditor, $"what={tag}&who=probe-user&action=Modified&from={today}&to={today}")).Should().Equal($"Budget {tag}-WM");
        (await WhatsAsync(auditor, $"what={tag}&who=someone-else")).Should().BeEmpty();
        (await WhatsAsync(auditor, $"what={tag}&action=Added")).Should().BeEmpty();
        (await WhatsAsync(auditor, $"what={tag}&to=2000-01-01")).Should().BeEmpty();
        var bad = await auditor.GetAsync("/api/audit?from=2026-13-45");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CodeAsync(bad)).Should().Be("InvalidRequest");
        (await auditor.GetAsync("/api/audit?pageSize=101")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var holder = site.Browser();
        await holder.SignInOrFailAsync("demo-budget-holder");
        var html = await holder.GetPageAsync($"/audit?what={tag}");
        html.Should().Contain($"Budget {tag}-WM").And.NotContain($"Budget {tag}-CV").And.Contain("198.51.100.1").And.Contain("<caption");
        var badPage = await holder.GetPageAsync("/audit?from=yesterday");
        badPage.Should().Contain("There is a problem").And.Contain("href=\"#from\"");
        (await holder.GetPageAsync("/")).Should().Contain("href=\"/audit\"");

        foreach (var user in new[] { "demo-lead-professional", "demo-provider", "demo-admin" })
        {
            using var other = site.Browser();
            await other.SignInOrFailAsync(user);
            (await other.GetAsync("/api/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden, user);
            var page = await other.GetAsync("/audit");
            page.StatusCode.Should().Be(HttpStatusCode.Redirect, user);
            page.Headers.Location!.AbsolutePath.Should().Be("/access-denied");
        }
    }

    [Fact]
    public async Task Changes_AreRecordedWithWhoAndWhere_InTheSameSave_AndNeverTheSecretColumns()
    {
        var userName = await site.CreateUserAsync(LedgerRoles.LeadProfessional);
        using var factory = FromAddress();
        using var browser = BrowserOn(factory);
        await browser.SignInOrFailAsync(userName);
        (await browser.PostFormAsync("/", "/sign-out", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);

        await using var db = await Contexts.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var westmoor = await db.Areas.Where(a => a.Code == DemoAccounts.Area).Select(a => a.Id).SingleAsync();
        var entries = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.What == $"LedgerUser {userName}").ToListAsync();
        entries = entries.OrderBy(e => e.At).ToList();

        entries.Should().Contain(e => e.Action == AuditAction.Added && e.UserName == "system" && e.Area == westmoor);
        var signOut = entries.Where(e => e.Action == AuditAction.Modified && e.UserName == userName).Should().ContainSingle().Subject;
        signOut.ClientAddress.Should().Be(Address);
        signOut.Role.Should().Be(LedgerRoles.LeadProfessional);
        signOut.Area.Should().Be(westmoor);
        signOut.Detail.Should().Be("credentials", "a new security stamp is recorded as a change of credentials, not by name or value");
        foreach (var entry in entries)
        {
            (entry.Detail ?? string.Empty).Should().NotContain("PasswordHash").And.NotContain("SecurityStamp");
            (entry.What + entry.Detail).Should().NotContain(user.PasswordHash!).And.NotContain(user.SecurityStamp!);
        }

        // The role given at creation is a change too, of the user-role link.
        (await db.Set<AuditEntry>().CountAsync(e => e.What.StartsWith("IdentityUserRole " + user.Id))).Should().Be(1);
    }

    private IDbContextFactory<LedgerDbContext> Contexts => site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>();

    private WebApplicationFactory<Program> FromAddress() =>
        site.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new FixedClientAddress())));

    private static Browser BrowserOn(WebApplicationFactory<Program> factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    private static string LocalDatePatternIso(LocalDate day) => NodaTime.Text.LocalDatePattern.Iso.Format(day);

    private static async Task<string> CaseloadChildAsync(Browser lead)
    {
        using var caseload = JsonDocument.Parse(await lead.GetPageAsync("/api/caseload"));
        return caseload.RootElement.EnumerateArray().First(b => b.GetProperty("kind").GetString() == "Child").GetProperty("subject").GetString()!;
    }

    private async Task<(string NotMine, string OtherArea)> StrangersAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var westmoor = await db.Areas.Where(a => a.Code == DemoAccounts.Area).Select(a => a.Id).SingleAsync();
        var carrowvale = await db.Areas.Where(a => a.Code == "CARROWVALE").Select(a => a.Id).SingleAsync();
        var lead = await db.Practitioners.Where(p => p.Area == westmoor && p.Code == "LP-WM-01").Select(p => p.Id).SingleAsync();
        var mine = await db.Caseloads.Where(c => c.Practitioner == lead).Select(c => c.Subject).ToListAsync();
        var held = await db.Budgets.Where(b => b.Holder == lead && b.Subject != null).Select(b => b.Subject!.Value).ToListAsync();
        var notMine = await db.Subjects.Where(s => s.Area == westmoor && s.Kind == SubjectKind.Child && !mine.Contains(s.Id) && !held.Contains(s.Id))
            .OrderBy(s => s.Reference).Select(s => s.Reference).FirstAsync();
        var otherArea = await db.Subjects.Where(s => s.Area == carrowvale && s.Kind == SubjectKind.Child).OrderBy(s => s.Reference).Select(s => s.Reference).FirstAsync();
        return (notMine, otherArea);
    }

    private async Task<int> CountReadsAsync(string reference)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var subject = await db.Subjects.Where(s => s.Reference == reference).Select(s => s.Id).SingleAsync();
        return await db.PersonalDetailsReads.CountAsync(r => r.Subject == subject);
    }

    private async Task<int> CountEntriesAsync(string reference)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Set<AuditEntry>().CountAsync(e => e.Action == AuditAction.Read && e.What.Contains(reference));
    }

    private static async Task<IReadOnlyList<string>> WhatsAsync(Browser browser, string query)
    {
        var response = await browser.GetAsync($"/api/audit?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, query);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("what").GetString()!).ToList();
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("code").GetString();
    }

    /// <summary>Gives every request a fixed client address, as a real connection would have.</summary>
    private sealed class FixedClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextStep) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(Address);
                return nextStep(context);
            });
            next(app);
        };
    }
}
