using Ledger.Infrastructure.Accounting;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Jobs;

/// <summary>
/// The recurring <c>seal-journal</c> job: appends every area's committed entries to its hash chain
/// (<see cref="JournalSealer"/>), off the posting path. Safe to run twice or on two hosts at once.
/// </summary>
public sealed partial class SealJournalJob(JournalSealer sealer, ILogger<SealJournalJob> logger)
{
    /// <summary>Seals what is old enough in every area and logs each area's new head.</summary>
    public async Task SealAsync()
    {
        var results = await sealer.SealAsync().ConfigureAwait(false);
        foreach (var r in results)
        {
            LogSealed(logger, r.AreaCode, r.Sealed, r.HeadSequence, r.HeadHash, r.Contended);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal sealed for {Area}: {Sealed} entr(y/ies) added, head #{Head} {Hash} (another sealer was running: {Contended})")]
    private static partial void LogSealed(ILogger logger, string area, int @sealed, long head, string hash, bool contended);
}
