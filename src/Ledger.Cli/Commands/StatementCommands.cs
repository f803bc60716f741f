using System.Globalization;
using Hangfire;
using Ledger.Application.Demo;
using Ledger.Application.Statements;
using Ledger.Infrastructure.Jobs;
using Ledger.Infrastructure.Persistence;
using Ledger.Reports.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Cli.Commands;

/// <summary>
/// Statements and background jobs from the command line: <c>statements</c> writes a month's budget,
/// provider, pool and funding partner statements as PDFs (one whole file each, written to a temporary name and moved), with a
/// progress line per document; <c>jobs</c> lists the recurring schedule; <c>worker</c> runs a Hangfire
/// server against the same database as the web host (PostgreSQL or SQL Server), until Ctrl+C.
/// </summary>
internal static class StatementCommands
{
    /// <summary>
    /// <c>statements --period YYYY-MM [--area A] [--out DIR] [--only budgets,providers,pools,partners]</c>: one
    /// area into DIR, or, without <c>--area</c>, every area into DIR/AREA.
    /// </summary>
    public static async Task<int> StatementsAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "period", "out", "only");
        var area = args.Get("area") is null ? null : ArgumentReaders.CodeArg(args, "area");
        var period = YearMonthPattern.Iso.Parse(args.Require("period")) is { Success: true } parsed
            ? parsed.Value
            : throw new UsageException($"--period '{args.Get("period")}' is not a month yyyy-MM");
        var month = period.ToString("uuuu-MM", CultureInfo.InvariantCulture);
        var kinds = StatementKinds.None;
        foreach (var name in (args.Get("only") ?? "all").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            kinds |= Enum.TryParse<StatementKinds>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && kind != StatementKinds.None
                ? kind
                : throw new UsageException($"--only '{name}' is not one of budgets, providers, pools, partners (comma-separated) or all");
        }

        var today = Domain.Calendar.London.Today(services.GetRequiredService<IClock>());
        if (period.OnDayOfMonth(1).PlusMonths(1) > today)
        {
            throw new UsageException($"{month} has not ended yet; statements are for months that have ended");
        }

        var areas = await AreasAsync(services, area, ct);

        // Every folder is made before any statement is written, so an unwritable path writes nothing at all.
        var folders = areas.ToDictionary(a => a, a => Path.GetFullPath(args.Get("out") is { } dir
            ? area is null ? Path.Combine(ArgumentReaders.PathArg(dir, "out"), a) : ArgumentReaders.PathArg(dir, "out")
            : Path.Combine("data", "statements", a, month)));
        foreach (var folder in folders.Values)
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write to {folder}: {e.Message}");
            }
        }

        var sources = new StatementSources(services.GetRequiredService<IStatementQueries>(), services.GetRequiredService<IProviderStatementQueries>(),
            services.GetRequiredService<IFundsStatementQueries>());
        var progress = new SynchronousProgress<StatementProgress>(p => output.WriteLine($"  {p.Kind,-8} [{p.Done}/{p.Total}] {p.Code}"));
        var written = new List<WrittenStatement>();
        foreach (var code in areas)
        {
            await output.WriteLineAsync($"statements for {code}, {month} ({kinds.ToString().ToLowerInvariant()}):");
            written.AddRange(await StatementRun.WriteMonthAsync(sources, code, period, folders[code], kinds, progress, ct));
        }

        var where = folders.Count == 1 ? folders.Values.Single() : string.Join(", ", folders.Values);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {written.Count:N0} statement(s), {written.Sum(w => w.Bytes) / 1024.0:N0} KB in all (largest {(written.Count == 0 ? 0 : written.Max(w => w.Bytes)) / 1024.0:N0} KB), to {where}"));
        return CliApp.Ok;
    }

    /// <summary>The area asked for (refused when unknown), or every area when none is named; a database not migrated is a clear error.</summary>
    internal static async Task<IReadOnlyList<string>> AreasAsync(IServiceProvider services, string? area, CancellationToken ct)
    {
        var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct);
        await using (db)
        {
            List<string> codes;
            try
            {
                codes = await db.Areas.Where(a => area == null || a.Code == area).OrderBy(a => a.Code).Select(a => a.Code).ToListAsync(ct);
            }
            catch (System.Data.Common.DbException e)
            {
                throw new UsageException($"cannot read the database ({e.Message.ReplaceLineEndings(" ")}); has it been migrated (`ledger migrate`)?");
            }

            return codes.Count > 0 ? codes : throw new UsageException(area is null ? "there are no areas in the database (try `ledger demo`)" : $"there is no area '{area}'");
        }
    }

    /// <summary><c>jobs</c>: the recurring jobs for the areas in the database, with when they run.</summary>
    public static async Task<int> JobsAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly();
        var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct);
        await using (db)
        {
            var areas = await db.Areas.Select(a => a.Code).ToListAsync(ct);
            await output.WriteLineAsync("recurring jobs (times in Europe/London; the web host registers them at start-up):");
            foreach (var job in JobsSetup.Schedule(areas))
            {
                await output.WriteLineAsync($"  {job.Id,-26} {job.Cron,-12} {job.What}");
            }
        }

        var provider = services.GetRequiredService<DatabaseOptions>().Provider;
        await output.WriteLineAsync(JobsSetup.SharesJobs(provider)
            ? $"jobs are kept in the {provider} database: the web host and any `ledger worker` processes share them."
            : "on SQLite jobs are kept in the web host's memory: run them there (a separate worker needs PostgreSQL or SQL Server).");
        return CliApp.Ok;
    }

    /// <summary><c>worker</c>: a Hangfire server on the same database as the web host, until Ctrl+C.</summary>
    public static async Task<int> WorkerAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly();
        var provider = services.GetRequiredService<DatabaseOptions>().Provider;
        if (!JobsSetup.SharesJobs(provider))
        {
            throw new UsageException("a separate worker needs jobs kept in the database (PostgreSQL or SQL Server); on SQLite the web host runs the jobs itself");
        }

        // The worker process has one service provider: jobs are built from it.
        JobActivator.Current = new ServiceActivator(services);
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = $"worker:{Environment.MachineName}:{Environment.ProcessId}" },
            services.GetRequiredService<JobStorage>());
        await output.WriteLineAsync($"worker running against the {provider} database; press Ctrl+C to stop");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("stopping: jobs in progress are handed back to the queue");
        }

        return CliApp.Ok;
    }

    private sealed class ServiceActivator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => ActivatorUtilities.GetServiceOrCreateInstance(services, jobType);
    }
}
