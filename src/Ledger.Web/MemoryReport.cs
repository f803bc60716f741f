namespace Ledger.Web;

/// <summary>
/// Logs the host's memory every <c>Ledger:Diagnostics:MemoryReportSeconds</c> seconds (off by default): the managed heap
/// after the last garbage collection, the oldest generation's share of it, what the runtime has committed and the
/// process's working set. The load test (issue 9) reads these lines to tell a growing heap (a leak, or data that grows)
/// from a runtime that simply keeps memory it has collected.
/// </summary>
internal sealed partial class MemoryReport(ILogger<MemoryReport> logger, TimeSpan every) : BackgroundService
{
    public static void AddLedgerMemoryReport(WebApplicationBuilder builder)
    {
        var seconds = builder.Configuration.GetValue("Ledger:Diagnostics:MemoryReportSeconds", 0);
        if (seconds > 0)
        {
            builder.Services.AddHostedService(s => new MemoryReport(s.GetRequiredService<ILogger<MemoryReport>>(), TimeSpan.FromSeconds(seconds)));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!logger.IsEnabled(LogLevel.Information))
                {
                    continue;
                }

                var info = GC.GetGCMemoryInfo();
                using var process = System.Diagnostics.Process.GetCurrentProcess();
                #pragma warning disable CA1873 // checked above: the figures are only read when the line is logged
                LogMemory(logger, Mb(info.HeapSizeBytes), Mb(info.GenerationInfo[2].SizeAfterBytes), GC.CollectionCount(2), Mb(info.TotalCommittedBytes), Mb(process.WorkingSet64));
#pragma warning restore CA1873
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private static double Mb(long bytes) => bytes / 1048576.0;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Memory: managed heap {HeapMb:F1} MB after the last collection, gen-2 {Gen2Mb:F1} MB ({Gen2Collections} gen-2 collections), {CommittedMb:F1} MB committed, working set {WorkingSetMb:F1} MB")]
    private static partial void LogMemory(ILogger logger, double heapMb, double gen2Mb, int gen2Collections, double committedMb, double workingSetMb);
}
