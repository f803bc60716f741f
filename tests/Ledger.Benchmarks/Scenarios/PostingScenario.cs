using Ledger.Application.Accounting;
using Ledger.Benchmarks.Baselines;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Infrastructure.Accounting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Benchmarks.Scenarios;

/// <summary>
/// P1 (PostgreSQL) and P2 (SQLite): purchase-shaped requests — a hold split over a budget's three funding
/// streams — from 32 concurrent clients over 1,000 budgets, through Ledger's posting engine (group commit
/// on, as configured by default) and through the baseline, on the same database in the same run.
/// P1-HOT: every client on one budget, against the spread figure.
/// </summary>
internal sealed class PostingScenario : IScenario
{
    private const int Clients = 32;
    private static readonly LocalDate Today = new(2026, 10, 1);

    public IReadOnlyList<string> Rows { get; } = ["P1", "P1-HOT", "P2"];

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchRun run, CancellationToken ct)
    {
        var rows = new List<BenchRow>();
        var budgets = run.Quick ? 100 : 1_000;
        var warmUp = TimeSpan.FromSeconds(run.Quick ? 1 : 3);
        var measure = TimeSpan.FromSeconds(run.Quick ? 3 : 15);
        if (run.Wants("P1") || run.Wants("P1-HOT"))
        {
            await using var db = await BenchDatabase.PostgresAsync("ledger_bench_posting", ct: ct);
            await using var services = db.Services();
            var world = await World.CreateAsync(services, budgets, run, ct);
            await using var baseline = await NpgsqlHolds.CreateAsync(db.ConnectionString, world.BaselineAccounts());
            var sync = await baseline.SynchronousCommitAsync();
            var ledger = services.GetRequiredService<IPostingService>();

            run.Say($"P1: baseline (Npgsql, one transaction per purchase), {Clients} clients over {budgets:N0} budgets, synchronous_commit={sync}");
            var wal = await db.WalPositionAsync(ct);
            var spreadBase = await LoadRunner.RunAsync(Clients, warmUp, measure, (c, n) => baseline.HoldAsync($"b-{c}-{n}", world.BaselineBudget(c, n), world.Amount(c, n)));
            var baseWal = (double)(await db.WalPositionAsync(ct) - wal) / spreadBase.Sent;
            run.Say($"P1: baseline {spreadBase.PerSecond:N0} purchases/s ({spreadBase.Latency}, {baseWal:N0} WAL bytes/purchase); now Ledger");
            wal = await db.WalPositionAsync(ct);
            var (spread, batching) = await MeasureLedgerAsync(ledger, "s", world, warmUp, measure);
            var ledgerWal = (double)(await db.WalPositionAsync(ct) - wal) / spread.Sent;
            run.Say($"P1: Ledger {spread.PerSecond:N0} purchases/s ({spread.Latency}, {batching}, {ledgerWal:N0} WAL bytes/purchase)");
            run.Figures["P1"] = spread.PerSecond;
            if (run.Wants("P1"))
            {
                rows.Add(new BenchRow("P1", $"PostgreSQL: split holds, {Clients} clients, {budgets:N0} budgets", "Npgsql, a transaction each",
                    spreadBase.PerSecond, spread.PerSecond, "holds/s", 4, Better.Higher,
                    $"Ledger {spread.Latency}, {batching}, {ledgerWal:N0} WAL bytes/purchase; baseline {spreadBase.Latency}, {baseWal:N0} WAL bytes/purchase; synchronous_commit={sync}"));
            }

            if (run.Wants("P1-HOT"))
            {
                run.Say("P1-HOT: every client on one budget");
                var hotBase = await LoadRunner.RunAsync(Clients, warmUp, measure, (c, n) => baseline.HoldAsync($"bh-{c}-{n}", world.BaselineHot, world.Amount(c, n)));
                var (hot, hotBatching) = await MeasureLedgerAsync(ledger, "h", world, warmUp, measure, hotOnly: true);
                run.Say($"P1-HOT: Ledger {hot.PerSecond:N0} purchases/s ({hot.Latency}); baseline on one budget {hotBase.PerSecond:N0}/s");
                rows.Add(new BenchRow("P1-HOT", $"PostgreSQL: all {Clients} clients on one budget", $"Ledger spread over {budgets:N0} (P1)",
                    spread.PerSecond, hot.PerSecond, "holds/s", 0.5, Better.Higher,
                    $"Ledger {hot.Latency}, {hotBatching}; the Npgsql baseline on one budget: {hotBase.PerSecond:N0}/s"));
            }

            var verify = await db.VerifyAsync(ct);
            run.Say($"P1: {verify.Summary}");
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i] = rows[i] with { Notes = rows[i].Notes + "; " + verify.Summary };
            }
        }

        if (run.Wants("P2"))
        {
            await using var db = await BenchDatabase.SqliteAsync(run.Folder, "posting", ct: ct);
            await using var services = db.Services();
            var world = await World.CreateAsync(services, budgets, run, ct);
            using var baseline = await EfCoreHolds.CreateAsync(db.ConnectionString, world.BaselineAccounts());
            var ledger = services.GetRequiredService<IPostingService>();

            run.Say($"P2: baseline (EF Core, one SaveChanges per purchase), {Clients} clients over {budgets:N0} budgets");
            var spreadBase = await LoadRunner.RunAsync(Clients, warmUp, measure, (c, n) => baseline.HoldAsync($"b-{c}-{n}", world.BaselineBudget(c, n), world.Amount(c, n)));
            run.Say($"P2: baseline {spreadBase.PerSecond:N0} purchases/s ({spreadBase.Latency}); now Ledger");
            var (spread, batching) = await MeasureLedgerAsync(ledger, "s", world, warmUp, measure);
            run.Say($"P2: Ledger {spread.PerSecond:N0} purchases/s ({spread.Latency}, {batching})");
            var verify = await db.VerifyAsync(ct);
            run.Say($"P2: {verify.Summary}");
            rows.Add(new BenchRow("P2", $"SQLite: split holds, {Clients} clients, {budgets:N0} budgets", "EF Core, a SaveChanges each",
                spreadBase.PerSecond, spread.PerSecond, "holds/s", 3, Better.Higher,
                $"Ledger {spread.Latency}, {batching}; baseline {spreadBase.Latency}; {verify.Summary}"));
        }

        return rows;
    }

    private static async Task<(LoadResult Result, string Batching)> MeasureLedgerAsync(IPostingService ledger, string prefix, World world,
        TimeSpan warmUp, TimeSpan measure, bool hotOnly = false)
    {
        var group = ledger as GroupCommitPostingService;
        var (transactions, requests) = (group?.Transactions ?? 0, group?.Requests ?? 0);
        var result = await LoadRunner.RunAsync(Clients, warmUp, measure, async (c, n) =>
        {
            var budget = hotOnly ? 0 : world.BudgetIndex(c, n);
            var outcome = await ledger.ExecuteAsync(new ReserveSplitHold($"{prefix}-{c}-{n}", Today, "Purchase order",
                Money.FromPence(world.Amount(c, n)), world.Candidates[budget], SplitPolicy.ProRata, null));
            return outcome.Succeeded;
        });
        var batching = group is null
            ? "group commit off"
            : $"{(group.Requests - requests) / (double)Math.Max(1, group.Transactions - transactions):N1} requests per transaction";
        return (result, batching);
    }

    /// <summary>An area with three funding streams, <c>budgets</c> budgets funded in each, and ten providers.</summary>
    private sealed class World
    {
        private readonly Guid[][] _baseline;

        private World(IReadOnlyList<IReadOnlyList<SplitCandidate>> candidates, IReadOnlyList<Account[]> accounts)
        {
            Candidates = candidates;
            // The baseline's rows for the same budgets: the same number of accounts with the same starting money.
            _baseline = accounts.Select(a => a.Select(_ => Guid.NewGuid()).ToArray()).ToArray();
        }

        public const long Funding = 100_000_000_00; // £100m a stream: no purchase is refused for want of money

        public IReadOnlyList<IReadOnlyList<SplitCandidate>> Candidates { get; }

        public Guid[] BaselineHot => _baseline[0];

        public static async Task<World> CreateAsync(IServiceProvider services, int budgets, BenchRun run, CancellationToken ct)
        {
            var setup = services.GetRequiredService<ILedgerSetup>();
            var engine = services.GetRequiredService<IPostingService>();
            var year = FinancialYear.StartingIn(2026);
            var area = await setup.EnsureAreaAsync("BENCH", "Benchmark area", ct);
            var streams = new List<FundingStream>();
            foreach (var code in new[] { "CSC", "HEALTH", "GRANT" })
            {
                streams.Add(await setup.EnsureStreamAsync(area.Id, code, $"{code} stream", year, ct));
            }

            run.Say($"opening {budgets * 3:N0} budget accounts and funding them");
            var providers = new List<Account[]>();
            for (var p = 0; p < 10; p++)
            {
                var row = new Account[3];
                for (var s = 0; s < 3; s++)
                {
                    row[s] = await setup.EnsureAccountAsync(AccountKind.ProviderPayable, area.Id, $"PROV-{p:D2}", streams[s].Id, ct);
                }

                providers.Add(row);
            }

            var accounts = new List<Account[]>();
            var candidates = new List<IReadOnlyList<SplitCandidate>>();
            for (var b = 0; b < budgets; b++)
            {
                var row = new Account[3];
                for (var s = 0; s < 3; s++)
                {
                    row[s] = await setup.EnsureAccountAsync(AccountKind.IndividualBudget, area.Id, $"CHILD-{b:D4}", streams[s].Id, ct);
                }

                accounts.Add(row);
                var provider = providers[b % providers.Count];
                candidates.Add(row.Select((a, s) => new SplitCandidate(a.Id, provider[s].Id, Restricted: false)).ToList());
            }

            for (var s = 0; s < 3; s++)
            {
                var funds = await setup.EnsureAccountAsync(AccountKind.StreamFunds, area.Id, "FUNDS", streams[s].Id, ct);
                foreach (var chunk in accounts.Chunk(100))
                {
                    var lines = chunk.Select(a => JournalLine.Credit(a[s].Id, Money.FromPence(Funding)))
                        .Prepend(JournalLine.Debit(funds.Id, Money.FromPence(Funding * chunk.Length))).ToList();
                    var outcome = await engine.ExecuteAsync(new PostEntry($"fund-{s}-{accounts.IndexOf(chunk[0])}", Today, "Funding", lines), ct);
                    if (!outcome.Succeeded)
                    {
                        throw new InvalidOperationException($"Funding the benchmark's budgets was refused: {outcome.Error}");
                    }
                }
            }

            return new World(candidates, accounts);
        }

        public IEnumerable<(Guid Id, long Balance)> BaselineAccounts() => _baseline.SelectMany(b => b.Select(id => (id, Funding)));

        /// <summary>The budget client <paramref name="client"/> buys for on its <paramref name="n"/>th request: spread evenly, the same every run.</summary>
        public int BudgetIndex(int client, long n) => (int)((Mix(client, n, 17) % (ulong)Candidates.Count));

        public Guid[] BaselineBudget(int client, long n) => _baseline[BudgetIndex(client, n)];

        /// <summary>A fixed scramble (SplitMix64) of the client and request numbers, so every run sends the same requests.</summary>
        private static ulong Mix(int client, long n, ulong salt)
        {
            var z = unchecked(((ulong)client << 40) ^ (ulong)n ^ (salt * 0x9E3779B97F4A7C15UL));
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            return z ^ (z >> 31);
        }

        /// <summary>£5.00 to £300.00, varying by request.</summary>
        public long Amount(int client, long n) => 500 + (long)(Mix(client, n, 31) % 29_500UL);
    }
}
