using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Ledger.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ledger.Infrastructure.Jobs;

/// <summary>One recurring job as registered: its stable id, its cron expression (in Europe/London) and what it does.</summary>
/// <param name="Id">The stable id, e.g. "payment-run:WESTMOOR".</param>
/// <param name="Cron">When it runs, in Europe/London time.</param>
/// <param name="What">What it does, in words.</param>
public sealed record ScheduledJob(string Id, string Cron, string What);

/// <summary>
/// Hangfire set-up: storage follows the database (SQL Server and PostgreSQL keep jobs in the ledger's
/// database, so several hosts share the work; SQLite has no served Hangfire storage, so jobs are kept in
/// memory by the one host), and the recurring jobs with stable ids in Europe/London.
/// </summary>
public static class JobsSetup
{
    /// <summary>The zone every schedule is in.</summary>
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Adds Hangfire with storage for the configured database, and the job classes.</summary>
    public static IServiceCollection AddLedgerJobs(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.ResolveConnectionString();
        services.AddSingleton<LedgerJobs>();
        services.AddSingleton<SealJournalJob>();
        services.TryAddSingleton(new JobOptions());
        // One storage per host, registered before Hangfire's own fallback (JobStorage.Current, a process-wide static):
        // two hosts in one process (the tests start several) must not read or write each other's jobs.
        var storage = new Lazy<JobStorage>(() => options.Provider switch
        {
            DatabaseProvider.SqlServer => new Hangfire.SqlServer.SqlServerStorage(connectionString),
            DatabaseProvider.PostgreSql => new Hangfire.PostgreSql.PostgreSqlStorage(
                new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, new Hangfire.PostgreSql.PostgreSqlStorageOptions()),
                new Hangfire.PostgreSql.PostgreSqlStorageOptions()),
            _ => new Hangfire.InMemory.InMemoryStorage(),
        });
        services.AddSingleton(_ => storage.Value);
        services.AddHangfire(config => config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings().UseStorage(storage.Value));
        return services;
    }

    /// <summary>True when jobs are kept in the database, so a separate worker process can share them.</summary>
    public static bool SharesJobs(DatabaseProvider provider) => provider is DatabaseProvider.SqlServer or DatabaseProvider.PostgreSql;

    /// <summary>The recurring jobs for these areas.</summary>
    public static IReadOnlyList<ScheduledJob> Schedule(IEnumerable<string> areaCodes)
    {
        var jobs = new List<ScheduledJob>
        {
            new("expire-holds", "30 1 * * *", "every night at 01:30: expire holds past their expiry and bring orders into line"),
            new("seal-journal", "*/15 * * * *", "every 15 minutes: seal committed journal entries into each area's hash chain (checked by verify)"),
        };
        foreach (var area in areaCodes.Order(StringComparer.Ordinal))
        {
            jobs.Add(new($"payment-run:{area}", "0 10 * * 5", $"every Friday at 10:00: the {area} payment run"));
            jobs.Add(new($"year-end:{area}", "0 2 1 4 *", $"1 April at 02:00: year-end processing of {area}'s year just ended"));
            jobs.Add(new($"statements:{area}", "0 6 1 * *", $"the 1st of each month at 06:00: {area}'s budget, provider, pool and partner statements for the month just ended"));
            jobs.Add(new($"pilot-report:{area}", "0 7 1 1,4,7,10 *", $"1 January, April, July and October at 07:00: {area}'s pilot report for the quarter just ended"));
        }

        return jobs;
    }

    /// <summary>Registers (or updates) the recurring jobs for these areas; running it again changes nothing.</summary>
    public static IReadOnlyList<ScheduledJob> RegisterRecurringJobs(IRecurringJobManager manager, IEnumerable<string> areaCodes)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var schedule = Schedule(areaCodes);
        var options = new RecurringJobOptions { TimeZone = London };
        foreach (var job in schedule)
        {
            var parts = job.Id.Split(':');
            var area = parts.Length > 1 ? parts[1] : null;
            switch (parts[0])
            {
                case "expire-holds":
                    manager.AddOrUpdate<LedgerJobs>(job.Id, j => j.ExpireHoldsAsync(), job.Cron, options);
                    break;
                case "seal-journal":
                    manager.AddOrUpdate<SealJournalJob>(job.Id, j => j.SealAsync(), job.Cron, options);
                    break;
                case "payment-run":
                    manager.AddOrUpdate<LedgerJobs>(job.Id, j => j.PaymentRunAsync(area!, null), job.Cron, options);
                    break;
                case "statements":
                    manager.AddOrUpdate<LedgerJobs>(job.Id, j => j.MonthlyStatementsAsync(area!, null), job.Cron, options);
                    break;
                case "pilot-report":
                    manager.AddOrUpdate<LedgerJobs>(job.Id, j => j.PilotReportAsync(area!, null), job.Cron, options);
                    break;
                case "year-end":
                    manager.AddOrUpdate<LedgerJobs>(job.Id, j => j.YearEndAsync(area!, null), job.Cron, options);
                    break;
            }
        }

        return schedule;
    }

    /// <summary>The recurring jobs stored, for checks and the CLI.</summary>
    public static IReadOnlyList<RecurringJobDto> StoredRecurringJobs(JobStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs();
    }
}
