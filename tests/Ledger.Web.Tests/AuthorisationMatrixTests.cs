using System.Net;
using System.Text;
using Ledger.Domain.Audit;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>A demo site of the matrix's own: its requests may change records, so it shares its database with no other test.</summary>
public sealed class MatrixSite() : LedgerSite(loadDemoData: true);

/// <summary>
/// The authorisation matrix (issue 9): every page and API endpoint the host maps × every role (and no one signed in) ×
/// the role's own record, another person's record in the same area, and another area's record. Each request's answer
/// is one of: served (2xx), refused as input (the handler ran and refused the empty form or body: 400, 405, 409, 422), or
/// refused access (401, 403, 404, or a redirect to sign in or to the access-denied page). Checked in every run:
/// another person's and another area's records are never served; no one unsigned gets past sign-in; every refused
/// access is in the audit trail; nothing answers 5xx. The whole matrix is compared with the reviewed copy in
/// docs/authorisation-matrix.md, so any change in who may reach what fails the build until the copy is updated
/// (LEDGER_UPDATE_MATRIX=1 rewrites it).
/// </summary>
public sealed class AuthorisationMatrixTests(MatrixSite site) : IClassFixture<MatrixSite>
{
    private const string Served = "✓";
    private const string Invalid = "~";
    private const string Refused = "✗";
    private const string NotApplicable = "·";

    // The administrator last: its own records are users and tokens, and editing them must not sign out the others mid-walk.
    private static readonly (string User, string Column)[] Roles =
    [
        ("demo-lead-professional", "Lead professional"), ("demo-broker", "Broker"), ("demo-budget-holder", "Budget holder"),
        ("demo-provider", "Provider"), ("demo-auditor", "Internal auditor"), ("demo-admin", "Administrator"),
    ];

    private static readonly string[] Public = ["/sign-in", "/sign-out", "/access-denied", "/api/openapi.json", "/health"];

    [Fact]
    public async Task Matrix_EveryEndpointRoleAndOwnership_MatchesTheReviewedCopy_AndEveryRefusalIsAudited()
    {
        var endpoints = AccessWalk.Endpoints(site).Where(e => !Public.Contains(e.Template))
            .OrderBy(e => e.Template, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
        var other = await AccessWalk.OtherAreaIdsAsync(site);
        var deniedBefore = await DeniedCountAsync();
        var cells = new Dictionary<(string Method, string Template, string Column), string>();
        var refusals = new List<string>();
        var requests = 0;

        async Task<string> TryAsync(Browser browser, string who, string method, string template, string? value, string? token,
            IReadOnlyDictionary<string, List<string>>? records = null)
        {
            if (value is null)
            {
                return NotApplicable;
            }

            var path = template.Contains('{', StringComparison.Ordinal) ? FillWith(template, value, records ?? other) : template;
            using var response = await SendAsync(browser, method, path, token);
            requests++;
            var status = (int)response.StatusCode;
            status.Should().BeLessThan(500, $"{who}: {method} {path} answered {AccessWalk.Start(await response.Content.ReadAsStringAsync())}");
            status.Should().NotBe(429, $"{who}: {method} {path} was rate limited");
            var outcome = Classify(response);
            if (outcome == Refused)
            {
                refusals.Add($"{method} {new Uri(new Uri("http://x"), path).AbsolutePath}");
            }

            return outcome;
        }

        using (var anonymous = site.Browser())
        {
            foreach (var (method, template) in endpoints)
            {
                var outcome = await TryAsync(anonymous, "anonymous", method, template, "X", token: null);
                outcome.Should().Be(Refused, $"no one signed in: {method} {template}");
                cells[(method, template, "Not signed in")] = outcome;
            }
        }

        foreach (var (user, column) in Roles)
        {
            using var browser = site.Browser();
            await browser.SignInOrFailAsync(user);
            var token = Browser.AntiforgeryToken(await browser.GetPageAsync("/"));
            var own = await OwnRecordsAsync(browser, user);
            var hidden = await AccessWalk.HiddenWithinTheAreaAsync(site, browser, user);
            foreach (var (method, template) in endpoints)
            {
                var kind = KindOf(template);
                if (kind is null)
                {
                    cells[(method, template, column)] = await TryAsync(browser, user, method, template, template, token);
                    continue;
                }

                var mine = await TryAsync(browser, user, method, template, First(own, kind), token, own);
                var theirs = await TryAsync(browser, user, method, template, First(hidden, kind), token, hidden);
                var elsewhere = await TryAsync(browser, user, method, template, First(other, kind), token, other);
                theirs.Should().NotBe(Served, $"{user}: {method} {template} with another person's {kind} ({First(hidden, kind)})");
                elsewhere.Should().NotBe(Served, $"{user}: {method} {template} with another area's {kind} ({First(other, kind)})");
                cells[(method, template, column)] = mine + theirs + elsewhere;
            }
        }

        var deniedAfter = await DeniedCountAsync();
        (deniedAfter - deniedBefore).Should().Be(refusals.Count, "every refused request is recorded once in the audit trail");
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync())
        {
            var recorded = (await db.Set<AuditEntry>().Where(e => e.Action == AuditAction.Denied).Select(e => e.What).ToListAsync()).ToHashSet(StringComparer.Ordinal);
            refusals.Where(r => !recorded.Contains(r)).Should().BeEmpty("each refusal is recorded by its method and path");
        }

        requests.Should().BeGreaterThan(1000);
        var matrix = Render(endpoints, cells, requests, refusals.Count);
        var copy = MatrixFile();
        if (Environment.GetEnvironmentVariable("LEDGER_UPDATE_MATRIX") == "1")
        {
            await File.WriteAllTextAsync(copy, matrix);
        }

        File.Exists(copy).Should().BeTrue($"the reviewed matrix is kept at {copy}");
        var reviewed = (await File.ReadAllTextAsync(copy)).ReplaceLineEndings("\n");
        var actual = matrix.ReplaceLineEndings("\n");
        var firstDifference = reviewed.Split('\n').Zip(actual.Split('\n')).FirstOrDefault(p => p.First != p.Second);
        actual.Should().Be(reviewed,
            $"who may reach what must match docs/authorisation-matrix.md; review the change and rerun with LEDGER_UPDATE_MATRIX=1. First difference: reviewed '{firstDifference.First}', now '{firstDifference.Second}'");
    }

    private static string Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return Served;
        }

        if (status is 302 or 303)
        {
            var to = AccessWalk.PathOf(response.Headers.Location!);
            return to.StartsWith("/access-denied", StringComparison.Ordinal) || to.StartsWith("/sign-in", StringComparison.Ordinal) ? Refused : Served;
        }

        return status is 401 or 403 or 404 ? Refused : Invalid;
    }

    // The record kind a template names, or null when it names none (a list, a form, a quarter's report).
    private static string? KindOf(string template)
    {
        if (template.Contains("{reference}", StringComparison.Ordinal))
        {
            return template.StartsWith("/api/orders", StringComparison.Ordinal) || template.StartsWith("/orders", StringComparison.Ordinal) ? "orders"
                : template.Contains("claims", StringComparison.Ordinal) ? "claims"
                : template.Contains("payment-runs", StringComparison.Ordinal) ? "runs"
                : template.Contains("samples", StringComparison.Ordinal) ? "samples"
                : template.Contains("children", StringComparison.Ordinal) ? "subjects" : "orders";
        }

        if (template.Contains("{code}", StringComparison.Ordinal))
        {
            return template.Contains("/providers/", StringComparison.Ordinal) ? "providers"
                : template.Contains("/pools/", StringComparison.Ordinal) ? "pools"
                : template.Contains("/partners/", StringComparison.Ordinal) ? "agencies" : "budgets";
        }

        return template.Contains("{userName}", StringComparison.Ordinal) ? "users"
            : template.Contains("{id", StringComparison.Ordinal) ? "tokens" : null;
    }

    private static string? First(IReadOnlyDictionary<string, List<string>> records, string kind) =>
        records.TryGetValue(kind, out var values) ? values.FirstOrDefault() : null;

    private static string FillWith(string template, string value, IReadOnlyDictionary<string, List<string>> records) =>
        AccessWalk.Fill(template, name => name switch
        {
            "reference" or "code" or "userName" or "id" => value,
            "month" => "2026-09",
            "quarter" => "2026-Q3",
            "service" => First(records, "services") ?? "X",
            _ => "X",
        });

    // A page's post carries the antiforgery token in a form; an API post carries an empty JSON object.
    private static async Task<HttpResponseMessage> SendAsync(Browser browser, string method, string path, string? token)
    {
        if (method == "GET" || path.StartsWith("/api", StringComparison.Ordinal) || token is null)
        {
            return await AccessWalk.SendAsync(browser, method, path);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        return await browser.Client.SendAsync(request);
    }

    // The role's own records: what its own lists show (a lead professional's caseload and orders, a provider's orders
    // and claims), the area's records for the roles that see the whole area, its own account for the user pages.
    private async Task<IReadOnlyDictionary<string, List<string>>> OwnRecordsAsync(Browser browser, string user)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        var area = await db.Areas.SingleAsync(a => a.Code == "WESTMOOR");
        var own = new Dictionary<string, List<string>>
        {
            ["orders"] = await db.PurchaseOrders.Where(o => o.Area == area.Id).OrderBy(o => o.Reference).Select(o => o.Reference).Take(1).ToListAsync(),
            ["claims"] = await db.OutcomeClaims.Where(c => c.Area == area.Id).OrderBy(c => c.Reference).Select(c => c.Reference).Take(1).ToListAsync(),
            ["runs"] = await db.PaymentRuns.Where(r => r.Area == area.Id).OrderBy(r => r.Reference).Select(r => r.Reference).Take(1).ToListAsync(),
            ["samples"] = await db.AssuranceSamples.Where(x => x.Area == area.Id).OrderBy(x => x.Reference).Select(x => x.Reference).Take(1).ToListAsync(),
            ["subjects"] = await db.Subjects.Where(x => x.Area == area.Id).OrderBy(x => x.Reference).Select(x => x.Reference).Take(1).ToListAsync(),
            ["budgets"] = await db.Budgets.Where(b => b.Area == area.Id).OrderBy(b => b.Code).Select(b => b.Code).Take(1).ToListAsync(),
            ["providers"] = await db.Providers.Where(p => p.Area == area.Id).OrderBy(p => p.Code).Select(p => p.Code).Take(1).ToListAsync(),
            ["pools"] = await db.Pools.Where(p => p.Area == area.Id).OrderBy(p => p.Code).Select(p => p.Code).Take(1).ToListAsync(),
            ["agencies"] = await db.Agencies.Where(a => a.Area == area.Id).OrderBy(a => a.Code).Select(a => a.Code).Take(1).ToListAsync(),
            ["users"] = [user],
            ["services"] = await db.ServiceItems.Where(x => x.Area == area.Id).OrderBy(x => x.Code).Select(x => x.Code).Take(1).ToListAsync(),
        };
        switch (user)
        {
            case "demo-lead-professional" or "demo-broker":
                using (var caseload = await browser.GetAsync("/api/caseload"))
                {
                    var budgets = System.Text.Json.JsonDocument.Parse(await caseload.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
                    own["budgets"] = budgets.Select(b => b.GetProperty("budget").GetString()!).Take(1).ToList();
                    own["subjects"] = budgets.Select(b => b.GetProperty("subject").GetString()!).Take(1).ToList();
                }

                own["orders"] = (await AccessWalk.VisibleOrdersAsync(browser)).Order(StringComparer.Ordinal).Take(1).ToList();
                break;
            case "demo-provider":
                var provider = await db.Providers.SingleAsync(p => p.Area == area.Id && p.Code == "PRV-YOUNG-MINDS");
                own["orders"] = await db.PurchaseOrders.Where(o => o.Provider == provider.Id).OrderBy(o => o.Reference).Select(o => o.Reference).Take(1).ToListAsync();
                own["claims"] = await db.OutcomeClaims.Where(c => c.Provider == provider.Id).OrderBy(c => c.Reference).Select(c => c.Reference).Take(1).ToListAsync();
                own["providers"] = [provider.Code];
                break;
        }

        return own;
    }

    private async Task<int> DeniedCountAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        return await db.Set<AuditEntry>().CountAsync(e => e.Action == AuditAction.Denied);
    }

    private static string Render(List<(string Method, string Template)> endpoints, Dictionary<(string, string, string), string> cells, int requests, int refusals)
    {
        var columns = Roles.Select(r => r.Column).Prepend("Not signed in").ToList();
        var text = new StringBuilder();
        text.AppendLine("# Authorisation matrix");
        text.AppendLine();
        text.AppendLine("Generated by `AuthorisationMatrixTests` (tests/Ledger.Web.Tests) against the demo data, and compared with this copy on every");
        text.AppendLine("test run: a change in who may reach what fails the build until this file is reviewed and rewritten");
        text.AppendLine("(`LEDGER_UPDATE_MATRIX=1 dotnet test tests/Ledger.Web.Tests --filter AuthorisationMatrix`).");
        text.AppendLine();
        text.AppendLine("Each cell of an endpoint that names a record holds three marks: the role's **own** record (its caseload's, its");
        text.AppendLine("provider's, its area's), **another person's** record in the same area, and **another area's** record. An endpoint that");
        text.AppendLine("names no record has one mark. Pages answer GET and POST (a form post with the antiforgery token and no fields);");
        text.AppendLine("the API's posts carry an empty JSON object.");
        text.AppendLine();
        text.AppendLine($"- `{Served}` served (2xx, or a redirect onward)");
        text.AppendLine($"- `{Invalid}` reached the handler, which refused the empty input (400, 405, 409, 422): past the role check, nothing done. On another person's or another area's record it means the input was refused before the record was looked up; the feature tests check those records with valid input");
        text.AppendLine($"- `{Refused}` refused access (401, 403, 404, or a redirect to sign in or to the access-denied page), and recorded in the audit trail");
        text.AppendLine($"- `{NotApplicable}` the demo has no such record for this role (e.g. no other provider's claim for a lead professional to try)");
        text.AppendLine();
        text.AppendLine($"Checked in every run: another person's and another area's records are never `{Served}`; no one unsigned gets past");
        text.AppendLine($"sign-in; every `{Refused}` is one `Denied` entry in the audit trail; nothing answers 5xx.");
        text.AppendLine($"This run: {endpoints.Count} endpoints, {columns.Count} columns, {requests} requests, {refusals} refusals recorded.");
        text.AppendLine();
        text.AppendLine("| Endpoint | " + string.Join(" | ", columns) + " |");
        text.AppendLine("|---|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var (method, template) in endpoints)
        {
            text.AppendLine($"| `{method} {template}` | " + string.Join(" | ", columns.Select(c => cells[(method, template, c)])) + " |");
        }

        return text.ToString();
    }

    private static string MatrixFile()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Ledger.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Ledger.sln not found above the test binaries."), "docs", "authorisation-matrix.md");
    }
}
