using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Application.Access;
using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Identity;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// P5: the purchase endpoint (<c>POST /api/orders</c>) of the real web host on Kestrel over loopback, on
/// PostgreSQL with the demo data, from 64 concurrent clients each with its own Idempotency-Key per
/// request, as a lead professional's API token. Compared with P1's Ledger figure from the same run.
/// </summary>
internal sealed class ApiScenario : IScenario
{
    private static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("LEDGER_BENCH_P5_CLIENTS"), out var clients) ? clients : 64;

    public IReadOnlyList<string> Rows { get; } = ["P5"];

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchRun run, CancellationToken ct)
    {
        if (!run.Figures.TryGetValue("P1", out var p1))
        {
            throw new InvalidOperationException("P5 is compared with P1's figure: run P1 in the same run.");
        }

        await using var db = await BenchDatabase.PostgresAsync("ledger_bench_api", ct: ct);
        run.Say("P5: starting the web host on PostgreSQL and loading the demo data");
        // The host's content root (its pages and static files): found from the checkout, wherever the command runs.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LEDGER_WEB", Path.Combine(LedgerDatabase.DataRoot(AppContext.BaseDirectory), "src", "Ledger.Web"));
        await using var host = new KestrelHost(db.ConnectionString, Path.Combine(run.Folder, "api-evidence"));
        await Task.Run(host.StartServer, ct);
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var tokens = host.Services.GetRequiredService<ApiTokenService>();
        var created = await tokens.CreateAsync(new Actor("demo-admin", ActorRole.Administrator, "WESTMOOR"), "demo-lead-professional", "P5 benchmark", ct);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Value!.Secret);

        var budgets = (await http.GetFromJsonAsync<JsonElement>("/api/caseload", ct)).EnumerateArray().Select(b => b.GetProperty("budget").GetString()!).ToList();
        var services = (await http.GetFromJsonAsync<JsonElement>("/api/catalogue", ct)).EnumerateArray().Select(s => s.GetProperty("code").GetString()!).ToList();
        await TopUpAsync(host.Services, budgets, ct);
        var today = host.Services.GetRequiredService<IClock>().GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date
            .ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

        // Every (budget, service) pair a lead professional may actually buy: the streams' restrictions rule some out.
        var pairs = new List<(string Budget, string Service)>();
        foreach (var budget in budgets)
        {
            foreach (var service in services)
            {
                if ((await BuyAsync(http, budget, service, today, $"probe-{budget}-{service}")).StatusCode == HttpStatusCode.Created)
                {
                    pairs.Add((budget, service));
                }
            }
        }

        if (pairs.Count == 0)
        {
            throw new InvalidOperationException("No budget on the demo lead professional's caseload can buy any catalogue service.");
        }

        run.Say($"P5: {Clients} clients buying through POST /api/orders ({pairs.Count} budget and service pairs over {budgets.Count} budgets)");
        var transactionsBefore = await TransactionsAsync(db.ConnectionString, ct);
        var result = await LoadRunner.RunAsync(Clients, TimeSpan.FromSeconds(run.Quick ? 2 : 5), TimeSpan.FromSeconds(run.Quick ? 4 : 20), async (c, n) =>
        {
            var (budget, service) = pairs[(int)((c * 7919L + n) % pairs.Count)];
            using var response = await BuyAsync(http, budget, service, today, $"p5-{c}-{n}");
            return response.StatusCode == HttpStatusCode.Created;
        });
        // The server's own count of transactions (each of the purchase path's reads is one) per purchase sent.
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        var perPurchase = (await TransactionsAsync(db.ConnectionString, ct) - transactionsBefore) / (double)Math.Max(1, result.Sent);
        run.Say($"P5: {result.PerSecond:N0} purchases/s ({result.Latency}, {result.Failed} failed, {perPurchase:N1} database transactions per purchase)");
        var verify = await db.VerifyAsync(ct);
        run.Say($"P5: {verify.Summary}");
        return
        [
            new BenchRow("P5", $"POST /api/orders, {Clients} clients (Kestrel, PostgreSQL)", "Ledger's engine alone (P1)", p1, result.PerSecond, "purchases/s",
                0.5, Better.Higher, $"{result.Latency}; {perPurchase:N1} database transactions per purchase; {result.Failed} failed; {verify.Summary}"),
        ];
    }

    private static async Task<long> TransactionsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>One purchase through the API, as the lead professional the client's token belongs to.</summary>
    internal static Task<HttpResponseMessage> BuyAsync(HttpClient http, string budget, string service, string today, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                budget, service, quantity = 1, need = "Needs support after school", outcomeSought = "Attends regularly",
                childWishes = "Wants to take part", needIdentifiedOn = today,
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }

    // The demo budgets hold a few thousand pounds; the benchmark's purchases must not be refused for want of money.
    internal static async Task TopUpAsync(IServiceProvider services, IReadOnlyList<string> budgets, CancellationToken ct)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<LedgerDbContext>>();
        var setup = services.GetRequiredService<ILedgerSetup>();
        var engine = services.GetRequiredService<IPostingService>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking()
            .Where(a => budgets.Contains(a.Owner) && (a.Kind == AccountKind.IndividualBudget || a.Kind == AccountKind.LeadProfessionalBudget)).ToListAsync(ct);
        var today = services.GetRequiredService<IClock>().GetCurrentInstant().InUtc().Date;
        foreach (var account in accounts)
        {
            var funds = await setup.EnsureAccountAsync(AccountKind.StreamFunds, account.Area, "FUNDS", account.Stream, ct);
            var amount = Money.FromPounds(10_000_000);
            var outcome = await engine.ExecuteAsync(new PostEntry($"p5-top-up-{account.Id}", today, "Benchmark top-up",
                [JournalLine.Debit(funds.Id, amount), JournalLine.Credit(account.Id, amount)]), ct);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Topping up {account.Owner} was refused: {outcome.Error}");
            }
        }
    }

    /// <summary>The real host (Program) on the benchmark's PostgreSQL database with the demo data, on Kestrel on a free port.</summary>
    private sealed class KestrelHost : WebApplicationFactory<Program>
    {
        private readonly string _connectionString;
        private readonly string _evidence;

        public KestrelHost(string connectionString, string evidence)
        {
            _connectionString = connectionString;
            _evidence = evidence;
            UseKestrel(0);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Ledger:Database:Provider", "PostgreSql");
            builder.UseSetting("Ledger:Database:ConnectionString", _connectionString);
            builder.UseSetting("Ledger:LoadDemoData", "true");
            builder.UseSetting("Ledger:Jobs:Server", "false");
            builder.UseSetting("Ledger:Outcomes:EvidenceFolder", _evidence);
            // Request logging would measure the console, not Ledger.
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        }
    }
}
