using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Application.Outcomes;
using Ledger.Infrastructure.Identity;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>
/// Bad input at the edges (issue 9): a seeded, deterministic fuzz of every API endpoint the host maps (found through
/// <see cref="EndpointDataSource"/>, so a new endpoint is fuzzed without changing this test). Each write endpoint gets
/// a nearly valid body — one the application refuses late, for a reason no single mutation can remove (an order too
/// big for any budget, a decision on an order already decided, a claim that already exists) — mutated one field at a
/// time with wrong types, missing and extra fields, huge and unicode strings, bad amounts, impossible dates, unknown and
/// another area's ids, and as a whole: malformed, truncated, random and wrongly typed bodies. Read endpoints get
/// their path and query values fuzzed. Every input is sent as the role that may use the endpoint (so it reaches
/// validation) and a sample as the other roles. No input may answer 5xx, and one the API refuses may write nothing:
/// the database (every table but the idempotency store's) and the evidence folder are compared before and after.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed partial class ApiFuzzTests(DemoSite site, ITestOutputHelper output)
{
    /// <summary>The generator's seed; LEDGER_FUZZ_SEED replays another.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("LEDGER_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261124;

    private const string OtherArea = "CARROWVALE";

    private static readonly Dictionary<string, string> UserForRole = new(StringComparer.Ordinal)
    {
        [LedgerRoles.LeadProfessional] = "demo-lead-professional",
        [LedgerRoles.Broker] = "demo-broker",
        [LedgerRoles.BudgetHolder] = "demo-budget-holder",
        [LedgerRoles.Provider] = "demo-provider",
        [LedgerRoles.InternalAuditor] = "demo-auditor",
        [LedgerRoles.Administrator] = "demo-admin",
    };

    [Fact]
    public async Task EveryApiEndpoint_GivenBadInput_NeverAnswers5xx_AndARefusalWritesNothing()
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(Seed);
        var browsers = new Dictionary<string, Browser>(StringComparer.Ordinal);
        try
        {
            foreach (var user in UserForRole.Values)
            {
                var browser = site.Browser();
                await browser.SignInOrFailAsync(user);
                browsers[user] = browser;
            }

            var world = await WorldAsync(browsers);
            output.WriteLine($"signed in and found the starting values in {clock.Elapsed.TotalSeconds:F1} s (the first test to use the demo site waits for it to load)");
            clock.Restart();
            await using var probe = await WriteProbe.OpenAsync(site);
            var run = new FuzzRun(Seed, probe, output);
            var endpoints = Endpoints();
            var timings = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            foreach (var endpoint in endpoints)
            {
                var started = clock.Elapsed;
                var primary = PrimaryUser(endpoint);
                var others = UserForRole.Values.Where(u => u != primary).ToList();
                foreach (var input in Inputs(endpoint, world, random))
                {
                    await run.SendAsync(browsers[primary], primary, endpoint, input);
                    if (random.Next(10) == 0)
                    {
                        var other = others[random.Next(others.Count)];
                        await run.SendAsync(browsers[other], other, endpoint, input);
                    }
                }

                timings[endpoint.ToString()] = clock.Elapsed - started;
            }

            clock.Stop();
            output.WriteLine($"fuzz: {run.Sent} inputs to {endpoints.Count} endpoints, {run.ServerErrors} server errors, {run.RowsWrittenByRefusals} rows written "
                + $"(seed {Seed}, {clock.Elapsed.TotalSeconds:F1} s)");
            output.WriteLine($"  by category: {string.Join(", ", run.ByCategory.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}");
            output.WriteLine($"  slowest inputs: {string.Join("; ", run.Slowest.OrderByDescending(x => x.Took).Take(5).Select(x => $"{x.What} {x.Took.TotalSeconds:F1} s"))}");
            output.WriteLine($"  slowest: {string.Join(", ", timings.OrderByDescending(t => t.Value).Take(8).Select(t => $"{t.Key} {t.Value.TotalSeconds:F1} s"))}");
            output.WriteLine($"  answers: {string.Join(", ", run.ByStatus.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value}"))}");
            foreach (var accepted in run.Accepted.Take(20))
            {
                output.WriteLine($"  accepted as valid: {accepted}");
            }

            run.Failures.Should().BeEmpty($"seed {Seed}: no input may answer 5xx or write when refused");
            run.Sent.Should().BeGreaterThan(3000);
        }
        finally
        {
            foreach (var browser in browsers.Values)
            {
                browser.Dispose();
            }
        }
    }

    [Fact]
    public async Task EvidenceUpload_GivenBadFiles_NeverAnswers5xx_AndARefusalStoresNothing()
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(Seed);
        using var provider = await ClaimsFlow.SignedInAsync(site, "demo-provider");
        using var other = await ClaimsFlow.SignedInAsync(site, "demo-budget-holder");
        // A draft of the test's own, so uploads reach the evidence rules (type, size, name) rather than stopping at the claim's state.
        var subject = await ClaimsFlow.FreeSubjectAsync(provider, "EH-NO-ASB", pick: 0);
        var drafted = await ClaimsFlow.DraftAsync(provider, subject.Reference, "EH-NO-ASB", subject.AchievedOn, key: $"fuzz-{Seed}-{Guid.NewGuid():N}");
        drafted.StatusCode.Should().Be(HttpStatusCode.Created);
        var reference = (await ClaimsFlow.JsonAsync(drafted)).GetProperty("reference").GetString()!;
        var max = site.Services.GetRequiredService<OutcomeOptions>().EvidenceMaxBytes;
        output.WriteLine($"drafted a claim to upload to in {clock.Elapsed.TotalSeconds:F1} s (the first test to use the demo site waits for it to load)");
        clock.Restart();
        await using var probe = await WriteProbe.OpenAsync(site);
        var run = new FuzzRun(Seed, probe, output);
        var endpoint = new Endpoint("POST", "/api/claims/{reference}/evidence", [LedgerRoles.Provider], []);
        var path = $"/api/claims/{reference}/evidence";

        var text = "Attendance 96% over the autumn half term.\n"u8.ToArray();
        byte[] exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. "This program cannot be run in DOS mode"u8];
        var overLimit = new byte[max + 1];
        overLimit.AsSpan().Fill((byte)'a');
        var farOverLimit = new byte[max + ClaimsApiLimits.Overhead + 4096];
        var noise = new byte[4096];
        random.NextBytes(noise);
        var bad = new List<(string Category, string FileName, byte[] Content)>
        {
            ("empty", "empty.txt", []), ("empty", "empty.pdf", []), ("huge", "record.txt", overLimit), ("huge", "record.pdf", farOverLimit),
            ("exe-as-pdf", "report.pdf", exe), ("exe-as-pdf", "report.PDF", exe), ("exe-as-pdf", "report.exe", exe), ("exe-as-pdf", "report.pdf.exe", [.. "%PDF-"u8, .. exe]),
            ("truncated-pdf", "report.pdf", "%PDF"u8.ToArray()), ("truncated-pdf", "report.pdf", "%PD"u8.ToArray()), ("wrong-type", "photo.png", "%PDF-1.7"u8.ToArray()),
            ("wrong-type", "photo.jpg", [0x89, 0x50, 0x4E, 0x47]), ("wrong-type", "notes.txt", [0x00, 0x01, 0x02, 0x1B, 0x7F]), ("wrong-type", "notes.txt", noise),
            ("wrong-type", "notes.csv", [0xFF, 0xFE, 0x00, 0x00]), ("wrong-type", "noextension", text), ("wrong-type", "archive.zip", [0x50, 0x4B, 0x03, 0x04]),
            ("wrong-type", "page.html", "<script>alert(1)</script>"u8.ToArray()), ("wrong-type", "image.svg", "<svg onload=alert(1)>"u8.ToArray()),
            ("path-traversal", "../../x.pdf", exe), ("path-traversal", "..\\..\\x.pdf", exe), ("path-traversal", "/etc/passwd", exe),
            ("unicode-name", "отчёт 📄.pdf", exe), ("unicode-name", "evil\u202Efdp.exe", exe), ("unicode-name", "a\u0000.pdf", exe), ("unicode-name", new string('n', 5000) + ".pdf", exe),
        };
        // Names that must not escape the evidence folder, on a file whose content is fine: accepted or refused, the stored name is a bare file name.
        var names = new[] { "../../x.txt", "..\\..\\x.txt", "/tmp/x.txt", "отчёт 📄.txt", "evil\u202Etxt.txt", new string('n', 300) + ".txt", " .txt", ".txt" };

        foreach (var (category, name, content) in bad)
        {
            foreach (var type in new[] { "application/pdf", "application/x-msdownload" })
            {
                await run.SendAsync(provider, "demo-provider", endpoint, UploadInput(category, path, name, content, type, "Outcome", "police or youth offending record"));
            }
        }

        foreach (var name in names)
        {
            var uploaded = UploadInput("file-name", path, name, text, "text/plain", "Outcome", "police or youth offending record");
            await run.SendAsync(provider, "demo-provider", endpoint, uploaded);
        }

        // The form itself: no file, a bad purpose, an empty or huge description, two files, no boundary, a truncated or wrong body.
        var form = new List<Input>
        {
            UploadInput("form", path, "a.txt", text, "text/plain", "Gossip", "x"), UploadInput("form", path, "a.txt", text, "text/plain", "1", "x"),
            UploadInput("form", path, "a.txt", text, "text/plain", "", "x"), UploadInput("form", path, "a.txt", text, "text/plain", "Outcome", ""),
            UploadInput("form", path, "a.txt", text, "text/plain", "Outcome", new string('d', 5000)), UploadInput("form", path, "a.txt", text, "text/plain", "Outcome", new string('d', 300)),
            UploadInput("form", path, "a.txt", text, "text/plain", "Outcome", "x", fileField: "document"),
            new("form", path, null, "multipart/form-data", Encoding.UTF8.GetBytes("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhalf")),
            new("form", path, null, "multipart/form-data; boundary=B", Encoding.UTF8.GetBytes("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhalf")),
            new("form", path, null, "multipart/form-data; boundary=B", Encoding.UTF8.GetBytes("--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--\r\n")),
            new("form", path, null, "multipart/form-data; boundary=" + new string('b', 200), Encoding.UTF8.GetBytes("--b\r\n\r\n--b--")),
            new("form", path, null, "multipart/form-data; boundary=B", noise), new("form", path, "{\"file\":\"a.txt\"}", "application/json"),
            new("form", path, "file=a.txt&purpose=Outcome&describes=x", "application/x-www-form-urlencoded"), new("form", path, "plain", "text/plain"),
            new("form", path, null, null),
        };
        var twoFiles = Multipart("B", [("file", "a.pdf", "application/pdf", exe), ("file", "b.pdf", "application/pdf", exe), ("purpose", null, null, "Outcome"u8.ToArray()),
            ("describes", null, null, "x"u8.ToArray())]);
        form.Add(new Input("form", path, null, "multipart/form-data; boundary=B", twoFiles));
        foreach (var input in form)
        {
            await run.SendAsync(provider, "demo-provider", endpoint, input);
        }

        // Someone else's claim, another area's, none, and a role that may not upload.
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync())
        {
            var carrow = await db.Areas.SingleAsync(a => a.Code == OtherArea);
            var foreign = await db.OutcomeClaims.Where(c => c.Area == carrow.Id).OrderBy(c => c.Reference).Select(c => c.Reference).FirstAsync();
            foreach (var target in new[] { foreign, "CLM-NONE", "..", new string('c', 3000) })
            {
                await run.SendAsync(provider, "demo-provider", endpoint, UploadInput("path-id", $"/api/claims/{Uri.EscapeDataString(target)}/evidence", "a.txt", text, "text/plain", "Outcome", "x"));
            }
        }

        await run.SendAsync(other, "demo-budget-holder", endpoint, UploadInput("role", path, "a.txt", text, "text/plain", "Outcome", "x"));

        clock.Stop();
        output.WriteLine($"fuzz: {run.Sent} uploads to 1 endpoint, {run.ServerErrors} server errors, {run.RowsWrittenByRefusals} rows written by refusals, "
            + $"{run.Accepted.Count} accepted (seed {Seed}, {clock.Elapsed.TotalSeconds:F1} s)");
        output.WriteLine($"  by category: {string.Join(", ", run.ByCategory.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}");
        output.WriteLine($"  answers: {string.Join(", ", run.ByStatus.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value}"))}");
        output.WriteLine($"  slowest: {string.Join("; ", run.Slowest.OrderByDescending(x => x.Took).Take(5).Select(x => $"{x.What} {x.Took.TotalSeconds:F1} s"))}");
        foreach (var accepted in run.Accepted)
        {
            output.WriteLine($"  accepted as valid: {accepted}");
        }

        run.Failures.Should().BeEmpty($"seed {Seed}: no upload may answer 5xx or store anything when refused");
        run.Accepted.Should().OnlyContain(a => a.Contains("[file-name]", StringComparison.Ordinal), "only good files with odd names are taken");
        var stored = (await ClaimsFlow.GetJsonAsync(provider, $"/api/claims/{reference}")).GetProperty("evidence").EnumerateArray()
            .Select(e => e.GetProperty("fileName").GetString()!).ToList();
        stored.Should().OnlyContain(n => !n.Contains('/', StringComparison.Ordinal) && !n.Contains('\\', StringComparison.Ordinal) && n != ".." && n.Length > 0,
            "a stored evidence file keeps a bare name, never a path");
        var evidenceFolder = Path.GetFullPath(site.Services.GetRequiredService<OutcomeOptions>().EvidenceFolder);
        File.Exists(Path.Combine(evidenceFolder, "..", "..", "x.txt")).Should().BeFalse("a name with ../ stays inside the evidence folder");
    }

    private static Input UploadInput(string category, string path, string fileName, byte[] content, string partType, string purpose, string describes,
        string fileField = "file") =>
        new(category, path, null, "multipart/form-data; boundary=fuzzboundary", Multipart("fuzzboundary",
            [(fileField, fileName, partType, content), ("purpose", null, null, Encoding.UTF8.GetBytes(purpose)), ("describes", null, null, Encoding.UTF8.GetBytes(describes))]));

    // A multipart/form-data body written by hand, so file names go as they are (quotes, separators, UTF-8) and nothing is tidied.
    private static byte[] Multipart(string boundary, IEnumerable<(string Name, string? FileName, string? Type, byte[] Content)> parts)
    {
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var (name, fileName, type, content) in parts)
        {
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"" + (fileName is null ? string.Empty : $"; filename=\"{fileName}\"") + "\r\n");
            if (type is not null)
            {
                Write($"Content-Type: {type}\r\n");
            }

            Write("\r\n");
            body.Write(content);
            Write("\r\n");
        }

        Write($"--{boundary}--\r\n");
        return body.ToArray();
    }

    // ---------------------------------------------------------------- endpoints

    internal sealed record Endpoint(string Method, string Template, IReadOnlyList<string> Roles, IReadOnlyList<string> QueryNames)
    {
        public override string ToString() => $"{Method} {Template}";
    }

    // Every API route the host maps (and the statement and report downloads, whose month and quarter are input too).
    private List<Endpoint> Endpoints()
    {
        var found = new List<Endpoint>();
        foreach (var endpoint in site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (!(template.StartsWith("/api/", StringComparison.Ordinal) || template.StartsWith("/statements/", StringComparison.Ordinal)
                    || template.StartsWith("/reports/", StringComparison.Ordinal)) || template == "/api/openapi.json")
            {
                continue;
            }

            var roles = endpoint.Metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>())
                .SelectMany(r => r.AllowedRoles).Distinct(StringComparer.Ordinal).ToList();
            if (template.StartsWith("/api/admin", StringComparison.Ordinal))
            {
                roles = [LedgerRoles.Administrator];
            }

            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var query = endpoint.Metadata.OfType<IParameterBindingMetadata>()
                .Where(p => !routeNames.Contains(p.Name) && (p.ParameterInfo.ParameterType == typeof(string) || Nullable.GetUnderlyingType(p.ParameterInfo.ParameterType) is not null
                    || p.ParameterInfo.ParameterType.IsPrimitive))
                .Select(p => p.ParameterInfo.GetCustomAttributes(typeof(FromQueryAttribute), false).OfType<FromQueryAttribute>().FirstOrDefault()?.Name ?? p.Name)
                .Distinct(StringComparer.Ordinal).ToList();
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                found.Add(new Endpoint(method, template, roles, query));
            }
        }

        return found.DistinctBy(e => (e.Method, e.Template)).OrderBy(e => e.Template, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
    }

    // The role that may use the endpoint, so input reaches its validation: the first the endpoint names, else by what it does.
    private static string PrimaryUser(Endpoint e)
    {
        if (e.Roles.Count > 0)
        {
            return UserForRole[e.Roles[0]];
        }

        return e.Template switch
        {
            var t when t.EndsWith("/invoice", StringComparison.Ordinal) => UserForRole[LedgerRoles.Provider],
            var t when t.EndsWith("/decision", StringComparison.Ordinal) || t.StartsWith("/api/payment-runs", StringComparison.Ordinal)
                || t.StartsWith("/api/approvals", StringComparison.Ordinal) || t.StartsWith("/api/pools", StringComparison.Ordinal)
                || t.StartsWith("/api/allocations", StringComparison.Ordinal) || t.StartsWith("/statements/", StringComparison.Ordinal)
                || t.StartsWith("/reports/", StringComparison.Ordinal) || t.StartsWith("/api/audit", StringComparison.Ordinal) => UserForRole[LedgerRoles.BudgetHolder],
            _ => UserForRole[LedgerRoles.LeadProfessional],
        };
    }

    // ---------------------------------------------------------------- the world: real ids to start from

    internal sealed class World
    {
        public Dictionary<string, List<string>> Foreign { get; } = new(StringComparer.Ordinal);

        /// <summary>Per endpoint (method and template): the path values and the nearly valid body (fields as raw JSON) to mutate.</summary>
        public Dictionary<string, (Dictionary<string, string> Path, List<(string Name, string Json)> Body, string[] Keep)> Bases { get; } = new(StringComparer.Ordinal);

        public List<string> ForeignIds => Foreign.Values.SelectMany(v => v).Distinct(StringComparer.Ordinal).ToList();
    }

    private async Task<World> WorldAsync(Dictionary<string, Browser> browsers)
    {
        var world = new World();
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        var other = await db.Areas.SingleAsync(a => a.Code == OtherArea);
        world.Foreign["orders"] = await db.PurchaseOrders.Where(o => o.Area == other.Id).OrderBy(o => o.Reference).Select(o => o.Reference).Take(1).ToListAsync();
        world.Foreign["claims"] = await db.OutcomeClaims.Where(c => c.Area == other.Id).OrderBy(c => c.Reference).Select(c => c.Reference).Take(1).ToListAsync();
        world.Foreign["budgets"] = await db.Budgets.Where(b => b.Area == other.Id).OrderBy(b => b.Code).Select(b => b.Code).Take(1).ToListAsync();
        world.Foreign["services"] = await db.ServiceItems.Where(x => x.Area == other.Id).OrderBy(x => x.Code).Select(x => x.Code).Take(1).ToListAsync();
        world.Foreign["subjects"] = await db.Subjects.Where(x => x.Area == other.Id).OrderBy(x => x.Reference).Select(x => x.Reference).Take(1).ToListAsync();
        world.Foreign["contracts"] = await db.OutcomeContracts.Where(x => x.Area == other.Id).OrderBy(x => x.Code).Select(x => x.Code).Take(1).ToListAsync();
        world.Foreign["runs"] = await db.PaymentRuns.Where(r => r.Area == other.Id).OrderBy(r => r.Reference).Select(r => r.Reference).Take(1).ToListAsync();
        world.Foreign["samples"] = await db.AssuranceSamples.Where(x => x.Area == other.Id).OrderBy(x => x.Reference).Select(x => x.Reference).Take(1).ToListAsync();

        var lead = browsers[UserForRole[LedgerRoles.LeadProfessional]];
        var provider = browsers[UserForRole[LedgerRoles.Provider]];
        var holder = browsers[UserForRole[LedgerRoles.BudgetHolder]];
        var auditor = browsers[UserForRole[LedgerRoles.InternalAuditor]];
        var today = Domain.Calendar.London.Today(NodaTime.SystemClock.Instance);
        string Iso(NodaTime.LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        static string J(string? text) => text is null ? "null" : JsonSerializer.Serialize(text);

        var caseload = await JsonAsync(lead, "/api/caseload");
        var budget = caseload.EnumerateArray().First().GetProperty("budget").GetString()!;
        var catalogue = await JsonAsync(lead, "/api/catalogue");
        var service = catalogue.EnumerateArray().First().GetProperty("code").GetString()!;
        // Far more than any budget holds: refused however one other field is changed, so no mutation buys anything.
        world.Bases["POST /api/orders"] = ([], [("budget", J(budget)), ("subject", "null"), ("service", J(service)), ("quantity", "1000000"), ("need", J("Fuzz need")),
            ("outcomeSought", J("Fuzz outcome")), ("childWishes", J("Fuzz wishes")), ("needIdentifiedOn", J(Iso(today.PlusDays(-7)))), ("bestInterestsReason", "null")], ["quantity=12"]);

        var leadOrders = (await JsonAsync(lead, "/api/orders?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var providerOrders = (await JsonAsync(provider, "/api/orders?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var holderOrders = (await JsonAsync(holder, "/api/orders?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var decided = holderOrders.First(o => o.GetProperty("status").GetString() != "AwaitingApproval").GetProperty("reference").GetString()!;
        world.Bases["POST /api/orders/{reference}/decision"] = (new() { ["reference"] = decided }, [("approve", "true"), ("note", J("Fuzz note"))], []);
        var started = leadOrders.Concat(providerOrders).First(o => o.GetProperty("serviceStartedOn").ValueKind == JsonValueKind.String);
        world.Bases["POST /api/orders/{reference}/delivery"] = (new() { ["reference"] = started.GetProperty("reference").GetString()! },
            [("startedOn", J(started.GetProperty("serviceStartedOn").GetString()))], []);
        var invoiced = providerOrders.First(o => o.GetProperty("invoice").ValueKind == JsonValueKind.String);
        world.Bases["POST /api/orders/{reference}/invoice"] = (new() { ["reference"] = invoiced.GetProperty("reference").GetString()! },
            [("number", J(invoiced.GetProperty("invoice").GetString())), ("units", "1"), ("invoicedOn", J(Iso(today.PlusDays(-1))))], []);
        var runs = (await JsonAsync(holder, "/api/payment-runs")).EnumerateArray().ToList();
        // The day of a run already made: the run is answered again, nothing new is paid. A missing day means today, which
        // would pay, so runOn is never left out (the fuzz's other values for it are not real days).
        world.Bases["POST /api/payment-runs"] = ([], [("runOn", J(runs.Count > 0 ? runs[0].GetProperty("runOn").GetString() : "2026-02-30"))],
            ["runOn=null", "runOn=<missing>", "<empty>", "<no-splice>"]);
        if (runs.Count > 0)
        {
            world.Bases["GET /api/payment-runs/{reference}"] = (new() { ["reference"] = runs[0].GetProperty("reference").GetString()! }, [], []);
        }

        var claims = (await JsonAsync(provider, "/api/claims?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var existing = claims.First(c => c.GetProperty("outcome").ValueKind == JsonValueKind.String);
        // A claim for a real child and outcome, achieved next month: refused (an outcome cannot be achieved after today), whatever
        // one other field becomes, and the fuzz never gives achievedOn a real day.
        world.Bases["POST /api/claims"] = ([], [("contract", J(existing.GetProperty("contract").GetString())), ("subject", J(existing.GetProperty("subject").GetString())),
            ("outcome", J(existing.GetProperty("outcome").GetString())), ("sustainment", "null"), ("achievedOn", J(Iso(today.PlusDays(30))))], []);
        var holderClaims = (await JsonAsync(holder, "/api/claims?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        static string? Settled(List<JsonElement> list) =>
            list.Where(c => c.GetProperty("status").GetString() is "Paid" or "Approved" or "Rejected").Select(c => c.GetProperty("reference").GetString()).FirstOrDefault();
        var settled = Settled(holderClaims) ?? "CLM-NONE";
        var providerSettled = Settled(claims) ?? settled;
        world.Bases["POST /api/claims/{reference}/reject"] = (new() { ["reference"] = settled }, [("reason", J("Fuzz reason"))], []);
        world.Bases["POST /api/claims/{reference}/submit"] = (new() { ["reference"] = providerSettled }, [], []);
        world.Bases["POST /api/claims/{reference}/sign-off"] = (new() { ["reference"] = settled }, [], []);
        world.Bases["POST /api/claims/{reference}/approve"] = (new() { ["reference"] = settled }, [], []);
        world.Bases["POST /api/claims/{reference}/evidence"] = (new() { ["reference"] = providerSettled }, [], []);
        world.Bases["GET /api/claims/{reference}"] = (new() { ["reference"] = settled }, [], []);
        world.Bases["GET /api/claims/{reference}/bundle"] = (new() { ["reference"] = settled }, [], []);
        world.Bases["GET /api/claims/{reference}/evidence/{sha256}"] = (new() { ["reference"] = settled, ["sha256"] = new string('0', 64) }, [], []);
        // Two things wrong (the days run backwards and no percentage), so changing one field still draws nothing.
        world.Bases["POST /api/samples"] = ([], [("from", J(Iso(today.PlusDays(-30)))), ("to", J(Iso(today.PlusDays(-60)))), ("percent", "0"), ("seed", "1"),
            ("threshold", "null"), ("volumeFactor", "null"), ("invalidRatePercent", "null")], []);
        var samples = (await JsonAsync(auditor, "/api/samples")).EnumerateArray().ToList();
        var sample = samples.Count > 0 ? samples[0].GetProperty("reference").GetString()! : "SMP-NONE";
        // A claim that is in no sample: the finding is refused, whatever the finding says.
        var unsampled = claims.Where(c => c.GetProperty("status").GetString() == "Draft").Select(c => c.GetProperty("reference").GetString()).FirstOrDefault();
        world.Bases["POST /api/samples/{reference}/findings"] = (new() { ["reference"] = sample }, [("claim", J(unsampled ?? "CLM-NONE")), ("finding", J("Valid")),
                ("note", J("Fuzz note"))], []);
        world.Bases["GET /api/samples/{reference}"] = (new() { ["reference"] = sample }, [], []);
        // No such user: a token is never created, whatever its name.
        world.Bases["POST /api/admin/tokens"] = ([], [("userName", J("no-such-user-fuzz")), ("name", J("Fuzz token"))], []);
        world.Bases["GET /api/budgets/{code}"] = (new() { ["code"] = budget }, [], []);
        world.Bases["GET /api/orders/{reference}"] = (new() { ["reference"] = decided }, [], []);
        return world;
    }

    private static async Task<JsonElement> JsonAsync(Browser browser, string path)
    {
        using var response = await browser.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {path} to find the fuzz's starting values");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    // ---------------------------------------------------------------- inputs

    internal sealed record Input(string Category, string Path, string? Body, string? ContentType, byte[]? Bytes = null, string? IdempotencyKey = null);

    private static readonly string Huge = new('x', 1024 * 1024);

    // Values a JSON field may be given instead of a good one, as raw JSON.
    private static List<(string Category, string Json)> FieldValues(World world, Random random)
    {
        var values = new List<(string, string)>
        {
            ("wrong-type", "null"), ("wrong-type", "true"), ("wrong-type", "[]"), ("wrong-type", "{\"a\":{\"b\":[1]}}"), ("wrong-type", "\"true\""), ("wrong-type", "12"),
            ("amount", "0"), ("amount", "-1"), ("amount", "1.5"), ("amount", "2147483648"), ("amount", "9223372036854775808"), ("amount", "1e308"), ("amount", "-1e308"),
            ("amount", "79228162514264337593543950336"), ("amount", "0.0000000000000000000000000001"), ("amount", "3.14159265358979323846264338327950288"),
            ("amount", "\"NaN\""), ("amount", "\"Infinity\""), ("amount", "\"-1\""), ("amount", "\"12.345\""), ("amount", "\"99999999999999999999.99\""),
            ("amount", "\"１２\""), ("amount", new string('9', 400)),
            ("date", "\"2026-02-30\""), ("date", "\"0000-00-00\""), ("date", "\"9999-12-31T99:99\""), ("date", "\"2026-13-01\""), ("date", "\"2026-11-24T00:00:00Z\""),
            ("date", "\"24/11/2026\""),
            ("string", "\"\""), ("string", "\" \""), ("huge", JsonSerializer.Serialize(Huge)), ("huge", JsonSerializer.Serialize(new string('y', 60_000))),
            ("unicode", "\"a\\u0000b\""), ("unicode", "\"\\ud800\""), ("unicode", "\"\\udc00x\""), ("unicode", "\"\\u202eevil\\u202c\""),
            ("unicode", JsonSerializer.Serialize("مرحبا بالعالم")), ("unicode", "\"👨‍👩‍👧‍👦🔥\""), ("unicode", "\"e\\u0301\\u0301\\u0301\""), ("unicode", "\"\\uFEFF\\uFFFF\""),
            ("injection", "\"' OR 1=1 --\""), ("injection", "\"<script>{0}%s</script>\""),
            ("unknown-id", "\"NO-SUCH-THING\""), ("unknown-id", JsonSerializer.Serialize(RandomGuid(random).ToString())),
        };
        values.AddRange(world.ForeignIds.Select(id => ("foreign-id", JsonSerializer.Serialize(id))));
        // A few random strings from the whole range of characters, surrogates included (escaped, so the JSON itself stays readable).
        for (var i = 0; i < 2; i++)
        {
            var text = new StringBuilder("\"");
            for (var c = 0; c < 20; c++)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{random.Next(0x10000):x4}");
            }

            values.Add(("unicode", text.Append('"').ToString()));
        }

        return values;
    }

    private static Guid RandomGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static IEnumerable<Input> Inputs(Endpoint e, World world, Random random)
    {
        var key = $"{e.Method} {e.Template}";
        var (pathValues, body, keep) = world.Bases.TryGetValue(key, out var b) ? b : ([], [], []);
        var names = RouteNames(e.Template);
        var basePath = Fill(e.Template, n => pathValues.TryGetValue(n, out var v) ? v : DefaultPathValue(n));

        // The path's values: unknown, another area's, malformed.
        foreach (var name in names)
        {
            foreach (var value in PathValues(world))
            {
                yield return new Input("path-id", Fill(e.Template, n => n == name ? value : pathValues.TryGetValue(n, out var v) ? v : DefaultPathValue(n)),
                    e.Method == "GET" ? null : BodyOf(body), e.Method == "GET" ? null : "application/json");
            }
        }

        // The query's values, each alone.
        foreach (var query in e.QueryNames)
        {
            foreach (var value in QueryValues)
            {
                yield return new Input("query", $"{basePath}?{query}={Uri.EscapeDataString(value)}", e.Method == "GET" ? null : BodyOf(body),
                    e.Method == "GET" ? null : "application/json");
            }
        }

        if (e.Method == "GET")
        {
            yield break;
        }

        var valid = BodyOf(body);
        // Each field in turn: wrong types, bad amounts and dates, huge and unicode strings, unknown and foreign ids, missing.
        foreach (var (field, _) in body)
        {
            foreach (var (category, json) in FieldValues(world, random))
            {
                if (keep.Contains($"{field}={json}"))
                {
                    continue; // A value that would make the nearly valid body valid (see the bases).
                }

                yield return new Input(category, basePath, BodyOf(body.Select(f => f.Name == field ? (f.Name, json) : f)), "application/json");
            }

            if (!keep.Contains($"{field}=<missing>"))
            {
                yield return new Input("missing-field", basePath, BodyOf(body.Where(f => f.Name != field)), "application/json");
            }

            yield return new Input("case", basePath, BodyOf(body.Select(f => f.Name == field ? (f.Name.ToUpperInvariant(), f.Json) : f)), "application/json");
            yield return new Input("duplicate-field", basePath, valid.TrimEnd('}') + (body.Count > 0 ? "," : string.Empty) + $"\"{field}\":\"dup\"}}", "application/json");
        }

        // Whole bodies: malformed, truncated, random, of the wrong type, with extra fields, nested too deep.
        var wholes = new List<(string Category, string Json)>
        {
            ("malformed", "{"), ("malformed", "}"), ("malformed", "{\"a\":}"), ("malformed", "{'a':1}"), ("malformed", "{\"a\":1,}"), ("malformed", "{a:1}"),
            ("malformed", "[{]"), ("malformed", "{\"a\":\"unterminated}"), ("malformed", "\"\\u12\""), ("malformed", "{\"a\":1}{\"b\":2}"), ("malformed", "NaN"),
            ("malformed", "{\"a\":01}"), ("malformed", "{\"a\":.5}"), ("malformed", "{\"a\":+1}"), ("malformed", "// comment\n{}"), ("malformed", "\u0000"),
            ("wrong-root", "null"), ("wrong-root", "[]"), ("wrong-root", "[" + valid + "]"), ("wrong-root", "0"), ("wrong-root", "-1e308"), ("wrong-root", "\"text\""),
            ("wrong-root", "true"), ("wrong-root", string.Empty), ("wrong-root", " "),
            ("extra-fields", valid.TrimEnd('}') + (body.Count > 0 ? "," : string.Empty) + "\"unexpected\":1,\"area\":\"CARROWVALE\",\"id\":\"" + RandomGuid(random) + "\"}"),
            ("extra-fields", valid.TrimEnd('}') + (body.Count > 0 ? "," : string.Empty) + "\"x\":" + JsonSerializer.Serialize(new string('z', 50_000)) + "}"),
            ("deep", new string('[', 5000) + new string(']', 5000)), ("deep", string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)),
            ("huge", "{\"a\":" + JsonSerializer.Serialize(Huge) + "}"), ("huge", "[" + string.Join(',', Enumerable.Repeat("1", 200_000)) + "]"),
        };
        if (!keep.Contains("<empty>"))
        {
            wholes.Add(("wrong-root", "{}"));
        }

        foreach (var (category, json) in wholes)
        {
            yield return new Input(category, basePath, json, "application/json");
        }

        // The valid body cut short at random points (every cut is invalid JSON), and with random bytes spliced in.
        var cuts = Enumerable.Range(0, 8).Select(_ => random.Next(Math.Max(1, valid.Length - 1))).Append(valid.Length - 1).Distinct();
        foreach (var cut in cuts)
        {
            yield return new Input("truncated", basePath, valid[..cut], "application/json");
        }

        for (var i = 0; i < (keep.Contains("<no-splice>") ? 0 : 6); i++)
        {
            var bytes = Encoding.UTF8.GetBytes(valid);
            for (var n = 0; n < 1 + random.Next(4); n++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            yield return new Input("random-bytes", basePath, null, "application/json", bytes);
        }

        for (var i = 0; i < 3; i++)
        {
            var bytes = new byte[random.Next(1, 2000)];
            random.NextBytes(bytes);
            yield return new Input("random-bytes", basePath, null, "application/json", bytes);
        }

        // The good body with the wrong content type, or none, or a charset it is not written in.
        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=utf-16",
            "application/json; charset=nonsense", "APPLICATION/JSON", "application/jsonx", "application/problem+json", "*/*" })
        {
            yield return new Input("content-type", basePath, valid, type);
        }

        yield return new Input("content-type", basePath, null, null, Encoding.Unicode.GetBytes(valid));
        yield return new Input("content-type", basePath, null, "application/json", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)]);
        yield return new Input("content-type", basePath, null, "application/json", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(valid)]);

        // The Idempotency-Key header itself: blank, too long, unicode.
        foreach (var header in new[] { " ", new string('k', 101), new string('k', 10_000), "%F0%9F%94%91" })
        {
            yield return new Input("idempotency-key", basePath, BodyOf(body.Select(f => (f.Name, f.Name == body[0].Name ? "[]" : f.Json)).DefaultIfEmpty(("x", "1"))),
                "application/json", IdempotencyKey: header);
        }
    }

    private static readonly string[] QueryValues =
    [
        "", "-1", "0", "2147483648", "99999999999999999999", "1e3", "NaN", "１", "abc", "2026-02-30", "0000-00-00", "9999-12-31", "9999-12-31T99:99",
        "-0001-01-01", "2026-13", "9999-12", "\u0000", "\u202eevil", "👨‍👩‍👧‍👦", new string('q', 10_000), "' OR 1=1 --", "CARROWVALE", "Draft,Nonsense",
    ];

    // (Not NUL: Kestrel refuses a NUL in the path itself with 400, before the application; the test server throws on it instead.)
    private static IEnumerable<string> PathValues(World world) =>
    [
        "X", " ", "..", "a/b", "\u202eevil", "👨‍👩‍👧‍👦", new string('r', 5000), "' OR 1=1 --", "-1", "99999999999999999999", "2026-13", "0000-00", "9999-12",
        "2026-Q5", "9999-Q4", "0000-Q1", "2026-02-30", Raw + "%ED%A0%80", Raw + "%FF%FE", Raw + "..%2F..%2Fetc", Raw + "%",
        "6f1c0a52-7b1e-4c8e-9d3a-2f4b5c6d7e8f", Guid.Empty.ToString(), new string('z', 64), .. world.ForeignIds,
    ];

    private static string DefaultPathValue(string name) => name switch
    {
        "month" => "2026-10",
        "quarter" => "2026-Q3",
        "id" => "6f1c0a52-7b1e-4c8e-9d3a-2f4b5c6d7e8f",
        "sha256" => new string('0', 64),
        _ => "X",
    };

    private static List<string> RouteNames(string template) => RouteParameter().Matches(template).Select(m => m.Groups[1].Value).ToList();

    // A path value sent as it is, not escaped: bad percent-encodings.
    private const string Raw = "raw:";

    private static string Fill(string template, Func<string, string> value) =>
        RouteParameter().Replace(template, m => value(m.Groups[1].Value) is var v && v.StartsWith(Raw, StringComparison.Ordinal) ? v[Raw.Length..] : Uri.EscapeDataString(v));

    private static string BodyOf(IEnumerable<(string Name, string Json)> fields) => "{" + string.Join(',', fields.Select(f => $"\"{f.Name}\":{f.Json}")) + "}";

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    // ---------------------------------------------------------------- sending and checking

    internal sealed class FuzzRun(int seed, WriteProbe probe, ITestOutputHelper output)
    {
        public int Sent { get; private set; }

        public int ServerErrors { get; private set; }

        public long RowsWrittenByRefusals { get; private set; }

        public List<string> Failures { get; } = [];

        public List<string> Accepted { get; } = [];

        public Dictionary<string, int> ByCategory { get; } = new(StringComparer.Ordinal);

        public Dictionary<int, int> ByStatus { get; } = [];

        /// <summary>The slowest inputs, for keeping the run short.</summary>
        public List<(TimeSpan Took, string What)> Slowest { get; } = [];

        public async Task SendAsync(Browser browser, string user, Endpoint endpoint, Input input)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), new Uri(input.Path, UriKind.Relative));
            if (input.Bytes is not null || input.Body is not null)
            {
                var content = new ByteArrayContent(input.Bytes ?? Encoding.UTF8.GetBytes(input.Body!));
                if (input.ContentType is not null)
                {
                    content.Headers.TryAddWithoutValidation("Content-Type", input.ContentType);
                }

                request.Content = content;
            }

            if (input.IdempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", input.IdempotencyKey);
            }

            int status;
            string answer;
            var timer = Stopwatch.StartNew();
            try
            {
                using var response = await browser.Client.SendAsync(request);
                status = (int)response.StatusCode;
                answer = await response.Content.ReadAsStringAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The test server rethrows what the application did not handle: a crash, as a 500 would be.
                status = 500;
                answer = e.GetType().Name + ": " + e.Message;
            }

            Slowest.Add((timer.Elapsed, $"{endpoint.Method} {Start(input.Path, 80)} [{input.Category}] {Start(input.Body ?? string.Empty, 60)}"));
            if (Slowest.Count > 10)
            {
                Slowest.Remove(Slowest.MinBy(x => x.Took));
            }

            Sent++;
            ByCategory[input.Category] = ByCategory.GetValueOrDefault(input.Category) + 1;
            ByStatus[status] = ByStatus.GetValueOrDefault(status) + 1;
            var written = await probe.WrittenSinceLastAsync();
            var what = $"seed {seed}: {user} {endpoint.Method} {Start(input.Path, 150)} [{input.Category}] body {Start(input.Body ?? (input.Bytes is null ? "(none)" : Convert.ToHexString(input.Bytes)), 150)}"
                + $" as {input.ContentType ?? "(no type)"}";
            if (status >= 500)
            {
                ServerErrors++;
                Record($"{what} answered {status}: {Start(answer, 600)}");
            }

            if (written.Count > 0)
            {
                if (status is >= 200 and < 300)
                {
                    Accepted.Add($"{what} answered {status}, writing {string.Join(", ", written.Select(w => $"{w.Key} {w.Value:+#;-#}"))}");
                }
                else
                {
                    RowsWrittenByRefusals += written.Values.Sum(Math.Abs);
                    Record($"{what} answered {status} but wrote {string.Join(", ", written.Select(w => $"{w.Key} {w.Value:+#;-#}"))}");
                }
            }
        }

        private void Record(string failure)
        {
            if (Failures.Count < 40)
            {
                Failures.Add(failure);
                output.WriteLine(failure);
            }
        }
    }

    internal static string Start(string text, int length) =>
        (text.Length > length ? text[..length] + "…" : text).Replace("\0", "\\0", StringComparison.Ordinal);

    /// <summary>
    /// Sees writes to the site's database from a connection of its own: SQLite's data_version changes when any other
    /// connection commits, and then every table's newest row (and the evidence folder's files) say what was written.
    /// The idempotency store is left out: it remembers refusals by design.
    /// </summary>
    internal sealed class WriteProbe : IAsyncDisposable
    {
        private static readonly string[] Ignored = ["ApiIdempotencyKeys", "__EFMigrationsHistory"];
        private readonly SqliteConnection _connection;
        private readonly string _evidence;
        private long _version;
        private Dictionary<string, long> _counts = [];
        private string[] _tables = [];

        private WriteProbe(SqliteConnection connection, string evidence)
        {
            _connection = connection;
            _evidence = evidence;
        }

        public static async Task<WriteProbe> OpenAsync(LedgerSite site)
        {
            var connection = new SqliteConnection($"Data Source={site.DatabaseFile};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            var probe = new WriteProbe(connection, site.Services.GetRequiredService<OutcomeOptions>().EvidenceFolder);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
                var tables = new List<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var name = reader.GetString(0);
                    if (!Ignored.Contains(name, StringComparer.Ordinal) && !name.Contains("hangfire", StringComparison.OrdinalIgnoreCase))
                    {
                        tables.Add(name);
                    }
                }

                probe._tables = [.. tables];
            }

            probe._version = await probe.VersionAsync();
            probe._counts = await probe.CountsAsync();
            return probe;
        }

        /// <summary>What changed since the last call: table (or "evidence files") and how far its newest row moved.</summary>
        public async Task<Dictionary<string, long>> WrittenSinceLastAsync()
        {
            var version = await VersionAsync();
            var files = EvidenceFiles();
            if (version == _version && files == _counts.GetValueOrDefault("evidence files"))
            {
                return [];
            }

            _version = version;
            var counts = await CountsAsync();
            var changed = counts.Where(c => c.Value != _counts.GetValueOrDefault(c.Key)).ToDictionary(c => c.Key, c => c.Value - _counts.GetValueOrDefault(c.Key));
            _counts = counts;
            return changed;
        }

        private async Task<long> VersionAsync()
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA data_version";
            return (long)(await command.ExecuteScalarAsync())!;
        }

        private async Task<Dictionary<string, long>> CountsAsync()
        {
            await using var command = _connection.CreateCommand();
            // The newest row of each table (rows are added at the end), read from the end so it costs little however big the table:
            // a write adds a row somewhere, since every change made through the application also adds an audit entry. Audit
            // entries for refused requests ("Denied", where the audit trail records them) are the refusal's own record, not a write.
            command.CommandText = "SELECT " + string.Join(", ", _tables.Select(t =>
                $"IFNULL((SELECT rowid FROM \"{t}\"{(t == "AuditEntries" ? " WHERE \"Action\" <> 'Denied'" : string.Empty)} ORDER BY rowid DESC LIMIT 1), 0)"));
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var counts = _tables.Select((t, i) => (t, reader.GetInt64(i))).ToDictionary(x => x.t, x => x.Item2, StringComparer.Ordinal);
            counts["evidence files"] = EvidenceFiles();
            return counts;
        }

        private long EvidenceFiles() => Directory.Exists(_evidence) ? Directory.EnumerateFiles(_evidence, "*", SearchOption.AllDirectories).LongCount() : 0;

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }
}
