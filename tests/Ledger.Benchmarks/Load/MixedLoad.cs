using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ledger.Benchmarks.Load;

/// <summary>
/// The mixed load test (issue 9): the real web host as its own process (<c>Ledger.Web.dll</c>, Kestrel on loopback,
/// PostgreSQL, the demo data) under sustained load from lead professionals buying, providers claiming and reading their
/// remittances, and budget holders and providers downloading statements, each an API token's closed loop. Prints each
/// kind's count, error rate and latency percentiles, and the host's memory (its resident set, sampled every
/// ten seconds) from the first part of the run to the last, then runs verify on the database. Exit 1 on any error response or
/// failed verify.
/// </summary>
internal static partial class MixedLoad
{
    public const string Usage = "load [--minutes M] [--database NAME] [--reads-only]   the mixed load test (default 10 minutes; --reads-only: no purchases or claims, so the data does not grow)";

    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = 10.0;
        var database = "ledger_load";
        var readsOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--minutes" when i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0:
                    minutes = m;
                    i++;
                    break;
                case "--database" when i + 1 < args.Length:
                    database = args[++i];
                    break;
                case "--reads-only":
                    readsOnly = true;
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}");
                    return 2;
            }
        }

        await using var db = await BenchDatabase.PostgresAsync(database);
        var root = Ledger.Infrastructure.Persistence.LedgerDatabase.DataRoot(AppContext.BaseDirectory);
        var webDll = Path.Combine(root, "src", "Ledger.Web", "bin", "Release", "net10.0", "Ledger.Web.dll");
        if (!File.Exists(webDll))
        {
            Console.Error.WriteLine($"{webDll} is missing: run this command with -c Release (it builds the web host).");
            return 2;
        }

        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(root, "src", "Ledger.Web") };
        info.ArgumentList.Add(webDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Urls"] = address.ToString();
        info.Environment["Ledger__Database__Provider"] = "PostgreSql";
        info.Environment["Ledger__Database__ConnectionString"] = db.ConnectionString;
        info.Environment["Ledger__LoadDemoData"] = "true";
        info.Environment["Ledger__Jobs__Server"] = "false";
        info.Environment["Ledger__Outcomes__EvidenceFolder"] = Path.Combine(Path.GetTempPath(), "ledger-load-evidence");
        // Every client comes from 127.0.0.1: the per-address token limit is for the internet, not for this test.
        info.Environment["Ledger__Security__BearerPermitsPerMinute"] = "10000000";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // The host logs its managed heap every 10 s: RSS alone cannot tell a leak from a runtime keeping what it collected.
        info.Environment["Ledger__Diagnostics__MemoryReportSeconds"] = "10";
        info.Environment["Logging__LogLevel__Ledger.Web.MemoryReport"] = "Information";
        Console.WriteLine($"load: starting the web host on {address} (PostgreSQL {database}, demo data)");
        using var host = Process.Start(info) ?? throw new InvalidOperationException("could not start the web host");
        var errors = new List<string>();
        host.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.Add(e.Data);
                }
            }
        };
        host.BeginErrorReadLine();
        try
        {
            while (await host.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("Ledger is running", StringComparison.Ordinal))
                {
                    break;
                }
            }

            var heap = new List<(DateTime At, double HeapMb, double Gen2Mb)>();
            _ = Task.Run(async () =>
            {
                while (await host.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (HeapLine().Match(line) is { Success: true } m)
                    {
                        lock (heap)
                        {
                            heap.Add((DateTime.UtcNow, double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
                        }
                    }
                }
            });
            return await DriveAsync(host, address, minutes, db, heap, readsOnly);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    private static async Task<int> DriveAsync(Process host, Uri address, double minutes, BenchDatabase db, List<(DateTime At, double HeapMb, double Gen2Mb)> heap, bool readsOnly)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        var admin = await SignInAsync(address, "demo-admin");
        HttpClient Client(string user)
        {
            var created = admin.PostAsJsonAsync("/api/admin/tokens", new { userName = user, name = "load test" }).GetAwaiter().GetResult();
            created.EnsureSuccessStatusCode();
            var secret = created.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult().GetProperty("secret").GetString();
            var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            return client;
        }

        using var lead = Client("demo-lead-professional");
        using var provider = Client("demo-provider");
        using var holder = Client("demo-budget-holder");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var month = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var budgets = (await lead.GetFromJsonAsync<JsonElement>("/api/caseload")).EnumerateArray().Select(b => b.GetProperty("budget").GetString()!).ToList();
        var services = (await lead.GetFromJsonAsync<JsonElement>("/api/catalogue")).EnumerateArray().Select(s => s.GetProperty("code").GetString()!).ToList();
        var claims = (await provider.GetFromJsonAsync<JsonElement>("/api/claims?pageSize=100")).GetProperty("items").EnumerateArray()
            .Where(c => c.GetProperty("outcome").ValueKind == JsonValueKind.String).ToList();
        var statementBudgets = budgets;
        if (budgets.Count == 0 || services.Count == 0 || claims.Count == 0)
        {
            throw new InvalidOperationException("the demo data gives the load test nothing to buy or claim");
        }

        // As P5: the demo budgets are topped up so purchases are not refused for want of money, and only the (budget, service)
        // pairs a lead professional may buy (the streams' restrictions rule some out) are bought.
        await using (var ledger = db.Services())
        {
            await Scenarios.ApiScenario.TopUpAsync(ledger, budgets, CancellationToken.None);
        }

        var pairs = new List<(string Budget, string Service)>();
        foreach (var budget in budgets)
        {
            foreach (var service in services)
            {
                using var probe = await Scenarios.ApiScenario.BuyAsync(lead, budget, service, today, $"load-probe-{budget}-{service}");
                if (probe.StatusCode == HttpStatusCode.Created)
                {
                    pairs.Add((budget, service));
                }
            }
        }

        var providerCode = "PRV-YOUNG-MINDS";
        var kinds = new (string Name, int Clients, Func<int, long, Task<HttpResponseMessage>> Send)[]
        {
            ("buy (lead professional, POST /api/orders)", 8, (c, n) =>
            {
                var (budget, service) = pairs[(int)((c * 7919L + n) % pairs.Count)];
                return Scenarios.ApiScenario.BuyAsync(lead, budget, service, today, $"load-buy-{c}-{n}");
            }),
            ("claim (provider, POST /api/claims)", 4, (c, n) =>
            {
                var claim = claims[(int)((c * 13 + n) % claims.Count)];
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/claims")
                {
                    Content = JsonContent.Create(new
                    {
                        contract = claim.GetProperty("contract").GetString(), subject = claim.GetProperty("subject").GetString(),
                        outcome = claim.GetProperty("outcome").GetString(), sustainment = (string?)null, achievedOn = today,
                    }),
                };
                request.Headers.Add("Idempotency-Key", $"load-claim-{c}-{n}");
                return provider.SendAsync(request);
            }),
            ("remittances (provider, GET /api/remittances)", 2, (_, _) => provider.GetAsync("/api/remittances")),
            ("statement PDF (budget holder, budget)", 3, (c, n) => holder.GetAsync($"/api/statements/budgets/{statementBudgets[(int)((c * 7 + n) % statementBudgets.Count)]}/{month}.pdf")),
            ("statement PDF (provider, remittance)", 2, (_, _) => provider.GetAsync($"/api/statements/providers/{providerCode}/{month}.pdf")),
            ("approvals (budget holder, GET /api/approvals)", 1, (_, _) => holder.GetAsync("/api/approvals")),
        };

        if (readsOnly)
        {
            // Without the writers the data stays the size it is: a heap that still grows is not the data's doing.
            kinds = kinds.Where(k => k.Name.StartsWith("statement", StringComparison.Ordinal) || k.Name.StartsWith("remittances", StringComparison.Ordinal)
                || k.Name.StartsWith("approvals", StringComparison.Ordinal)).ToArray();
        }

        Console.WriteLine($"load: {kinds.Sum(k => k.Clients)} clients for {minutes:0.##} min: " + string.Join("; ", kinds.Select(k => $"{k.Clients} × {k.Name}")));
        var stats = kinds.Select(_ => new KindStats()).ToArray();
        var memory = new List<(double Minute, long Rss)>();
        var clock = Stopwatch.StartNew();
        var started = DateTime.UtcNow;
        var end = TimeSpan.FromMinutes(minutes);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                host.Refresh();
                lock (memory)
                {
                    memory.Add((clock.Elapsed.TotalMinutes, host.WorkingSet64));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {clock.Elapsed.TotalMinutes,5:N1} min: {stats.Sum(s => s.Count):N0} requests, {stats.Sum(s => s.Errors):N0} errors; host RSS {host.WorkingSet64 / 1048576.0:N0} MB"));
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var loops = kinds.SelectMany((kind, k) => Enumerable.Range(0, kind.Clients).Select(c => Task.Run(async () =>
        {
            for (long n = 0; clock.Elapsed < end; n++)
            {
                var began = clock.Elapsed;
                int status;
                try
                {
                    using var response = await kind.Send(c, n);
                    await response.Content.LoadIntoBufferAsync();
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                }

                stats[k].Add(status, (clock.Elapsed - began).TotalMilliseconds);
            }
        }))).ToArray();
        await Task.WhenAll(loops);
        await sampling.CancelAsync();
        await sampler;

        Console.WriteLine();
        Console.WriteLine($"| Kind | Clients | Requests | Per second | Errors (5xx, failed) | Refused (4xx) | p50 ms | p95 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        for (var k = 0; k < kinds.Length; k++)
        {
            var s = stats[k];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kinds[k].Name} | {kinds[k].Clients} | {s.Count:N0} | {s.Count / clock.Elapsed.TotalSeconds:N1} | {s.Errors} | {s.Refused} ({s.RefusedCodes}) | {s.Percentile(0.50):N0} | {s.Percentile(0.95):N0} | {s.Percentile(0.99):N0} |"));
        }

        var total = stats.Sum(s => s.Count);
        var errorsTotal = stats.Sum(s => s.Errors);
        var first = memory.Where(m => m.Minute <= Math.Max(1, minutes / 10)).ToList();
        var last = memory.Where(m => m.Minute >= minutes - Math.Max(1, minutes / 10)).ToList();
        static double Mb(IEnumerable<long> values) => values.DefaultIfEmpty(0).Average() / 1048576.0;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {total:N0} requests in {clock.Elapsed.TotalMinutes:N1} min, {errorsTotal} errors ({100.0 * errorsTotal / Math.Max(1, total):N3}%)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: host RSS {Mb(first.Select(m => m.Rss)):N0} MB in the first part, {Mb(last.Select(m => m.Rss)):N0} MB in the last, peak {memory.Max(m => m.Rss) / 1048576.0:N0} MB ({memory.Count} samples, every 10 s)"));
        List<(double Minute, double HeapMb, double Gen2Mb)> managed;
        lock (heap)
        {
            managed = heap.Select(h => ((h.At - started).TotalMinutes, h.HeapMb, h.Gen2Mb)).Where(h => h.Item1 >= 0).ToList();
        }

        if (managed.Count > 0)
        {
            var early = managed.Where(m => m.Minute <= Math.Max(1, minutes / 10)).DefaultIfEmpty(managed[0]).ToList();
            var late = managed.Where(m => m.Minute >= minutes - Math.Max(1, minutes / 10)).DefaultIfEmpty(managed[^1]).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"managed heap after collection: {early.Average(m => m.HeapMb):N0} MB in the first part, {late.Average(m => m.HeapMb):N0} MB in the last (gen-2 {early.Average(m => m.Gen2Mb):N0} → {late.Average(m => m.Gen2Mb):N0} MB), peak {managed.Max(m => m.HeapMb):N0} MB"));
            Console.WriteLine("  by minute: " + string.Join(", ", managed.GroupBy(m => (int)m.Minute).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}:{g.Average(m => m.HeapMb):N0}"))));
        }

        var verify = await db.VerifyAsync(CancellationToken.None);
        Console.WriteLine($"verify: {verify.Summary}");
        return errorsTotal == 0 && !verify.Summary.Contains("FAILED", StringComparison.Ordinal) ? 0 : 1;
    }

    private static async Task<HttpClient> SignInAsync(Uri address, string user)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = address };
        var form = await client.GetStringAsync("/sign-in");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = Ledger.Infrastructure.Identity.DemoAccounts.Password, ["__RequestVerificationToken"] = token,
        });
        var signedIn = await client.PostAsync("/sign-in", content);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{user} could not sign in: {signedIn.StatusCode}");
        }

        return client;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"managed heap ([\d.]+) MB after the last collection, gen-2 ([\d.]+) MB")]
    private static partial Regex HeapLine();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed class KindStats
    {
        private readonly List<double> _latencies = [];
        private readonly Dictionary<int, long> _refused = [];

        public long Count { get; private set; }

        public long Errors { get; private set; }

        public long Refused { get; private set; }

        public string RefusedCodes => _refused.Count == 0 ? "none" : string.Join(", ", _refused.OrderBy(r => r.Key).Select(r => $"{r.Key}×{r.Value}"));

        public void Add(int status, double milliseconds)
        {
            lock (_latencies)
            {
                Count++;
                _latencies.Add(milliseconds);
                if (status is 0 or >= 500)
                {
                    Errors++;
                }
                else if (status >= 400)
                {
                    Refused++;
                    _refused[status] = _refused.GetValueOrDefault(status) + 1;
                }
            }
        }

        public double Percentile(double p)
        {
            lock (_latencies)
            {
                var sorted = _latencies.Order().ToArray();
                return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            }
        }
    }
}
