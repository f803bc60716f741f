using Hangfire;
using Hangfire.Dashboard;
using Ledger.Infrastructure.Identity;
using Ledger.Infrastructure.Jobs;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Web;

/// <summary>Background jobs in the web host: the Hangfire server (unless turned off), the recurring jobs and the dashboard.</summary>
internal static partial class Jobs
{
    /// <summary>The dashboard's path.</summary>
    public const string DashboardPath = "/jobs";

    /// <summary>
    /// Adds Hangfire with storage for the configured database and, unless <c>Ledger:Jobs:Server</c> is
    /// false (a host that only serves pages while a worker runs the jobs), a job server in this process.
    /// </summary>
    public static void AddLedgerJobHosting(this WebApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(builder.Configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions());
        builder.Services.AddLedgerJobs(database);
        if (builder.Configuration.GetValue("Ledger:Jobs:Server", true))
        {
            builder.Services.AddHangfireServer(o => o.ServerName = $"web:{Environment.MachineName}:{Environment.ProcessId}");
        }
    }

    /// <summary>Registers the recurring jobs for every area in the database.</summary>
    public static async Task UseLedgerJobsAsync(this WebApplication app)
    {
        var db = await app.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var areas = await db.Areas.Select(a => a.Code).ToListAsync();
            var schedule = JobsSetup.RegisterRecurringJobs(app.Services.GetRequiredService<IRecurringJobManager>(), areas);
            var ids = string.Join(", ", schedule.Select(j => j.Id));
            LogScheduled(app.Logger, schedule.Count, ids);
        }
    }

    /// <summary>
    /// Maps the dashboard as an endpoint behind the <see cref="Policies.JobsDashboard"/> policy, so someone
    /// not signed in is sent to the sign-in page and a signed-in user of another role to "access denied";
    /// Hangfire's own filter checks the same roles again.
    /// </summary>
    public static void MapLedgerJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new StaffOnly()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Ledger jobs",
            AppPath = "/",
        }).RequireAuthorization(Policies.JobsDashboard);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Count} recurring job(s) in Europe/London: {Ids}")]
    private static partial void LogScheduled(ILogger logger, int count, string ids);

    /// <summary>The dashboard shows every area's jobs, so it is for administrators only; anyone else (including anyone not signed in) is refused.</summary>
    internal sealed class StaffOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true && user.IsInRole(LedgerRoles.Administrator);
        }
    }
}
