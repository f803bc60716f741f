using Microsoft.EntityFrameworkCore;

namespace Ledger.Benchmarks.Baselines;

/// <summary>
/// P2's baseline: the simplest honest EF Core way to hold money on SQLite — one <c>SaveChanges</c> per
/// purchase: load the budget's stream rows, split pro rata, add to what each holds, add the hold and its
/// legs, save. SQLite has one writer, so each purchase's read-then-write runs under an in-process lock
/// (without it two purchases could read the same figures and overspend).
/// </summary>
internal sealed class EfCoreHolds : IDisposable
{
    private readonly DbContextOptions<HoldsContext> _options;
    private readonly SemaphoreSlim _writer = new(1, 1);

    private EfCoreHolds(DbContextOptions<HoldsContext> options) => _options = options;

    public static async Task<EfCoreHolds> CreateAsync(string connectionString, IEnumerable<(Guid Id, long Balance)> accounts)
    {
        var options = new DbContextOptionsBuilder<HoldsContext>().UseSqlite(connectionString).Options;
        await using var db = new HoldsContext(options);
        // The baseline's own tables in the same file as the ledger (the ledger's migrations do not know them).
        await db.Database.ExecuteSqlRawAsync("""
            DROP TABLE IF EXISTS bench_hold_legs; DROP TABLE IF EXISTS bench_holds; DROP TABLE IF EXISTS bench_accounts;
            CREATE TABLE bench_accounts (Id TEXT PRIMARY KEY, Balance INTEGER NOT NULL, Held INTEGER NOT NULL, Version INTEGER NOT NULL);
            CREATE TABLE bench_holds (Id TEXT PRIMARY KEY, IdempotencyKey TEXT NOT NULL UNIQUE, Amount INTEGER NOT NULL, CreatedAt TEXT NOT NULL);
            CREATE TABLE bench_hold_legs (HoldId TEXT NOT NULL REFERENCES bench_holds(Id), FromAccount TEXT NOT NULL, Amount INTEGER NOT NULL,
                PRIMARY KEY (HoldId, FromAccount));
            """);
        db.Accounts.AddRange(accounts.Select(a => new BenchAccount { Id = a.Id, Balance = a.Balance }));
        await db.SaveChangesAsync();
        return new EfCoreHolds(options);
    }

    /// <summary>Holds <paramref name="amount"/> pence across <paramref name="accounts"/>; false when they have too little.</summary>
    public async Task<bool> HoldAsync(string key, Guid[] accounts, long amount)
    {
        await _writer.WaitAsync();
        try
        {
            await using var db = new HoldsContext(_options);
            var rows = await db.Accounts.Where(a => accounts.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
            var shares = HoldSplit.ProRata(amount, accounts.Select(a => rows[a].Balance - rows[a].Held).ToArray());
            if (shares is null)
            {
                return false;
            }

            var hold = new BenchHold { Id = Guid.NewGuid(), IdempotencyKey = key, Amount = amount, CreatedAt = DateTimeOffset.UtcNow };
            db.Holds.Add(hold);
            for (var i = 0; i < accounts.Length; i++)
            {
                rows[accounts[i]].Held += shares[i];
                rows[accounts[i]].Version++;
                if (shares[i] > 0)
                {
                    db.Legs.Add(new BenchHoldLeg { HoldId = hold.Id, FromAccount = accounts[i], Amount = shares[i] });
                }
            }

            await db.SaveChangesAsync();
            return true;
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();

    internal sealed class HoldsContext(DbContextOptions<HoldsContext> options) : DbContext(options)
    {
        public DbSet<BenchAccount> Accounts => Set<BenchAccount>();

        public DbSet<BenchHold> Holds => Set<BenchHold>();

        public DbSet<BenchHoldLeg> Legs => Set<BenchHoldLeg>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<BenchAccount>().ToTable("bench_accounts");
            modelBuilder.Entity<BenchHold>().ToTable("bench_holds");
            modelBuilder.Entity<BenchHoldLeg>().ToTable("bench_hold_legs").HasKey(l => new { l.HoldId, l.FromAccount });
            modelBuilder.Entity<BenchHoldLeg>().HasOne<BenchHold>().WithMany().HasForeignKey(l => l.HoldId);
        }
    }

    internal sealed class BenchAccount
    {
        public Guid Id { get; set; }

        public long Balance { get; set; }

        public long Held { get; set; }

        public long Version { get; set; }
    }

    internal sealed class BenchHold
    {
        public Guid Id { get; set; }

        public required string IdempotencyKey { get; set; }

        public long Amount { get; set; }

        public DateTimeOffset CreatedAt { get; set; }
    }

    internal sealed class BenchHoldLeg
    {
        public Guid HoldId { get; set; }

        public Guid FromAccount { get; set; }

        public long Amount { get; set; }
    }
}
