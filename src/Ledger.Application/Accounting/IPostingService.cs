using Ledger.Domain.Accounting;

namespace Ledger.Application.Accounting;

/// <summary>
/// The posting engine's entry point: the only way money moves. A batch is decided and written in one
/// transaction, but each request in it gets its own outcome: a refused request does not stop the
/// others and writes nothing of its own.
/// </summary>
public interface IPostingService
{
    /// <summary>Executes <paramref name="batch"/> in order; the outcomes are in the same order.</summary>
    Task<IReadOnlyList<LedgerOutcome>> ExecuteAsync(IReadOnlyList<LedgerCommand> batch, CancellationToken cancellationToken = default);
}

/// <summary>Helpers over <see cref="IPostingService"/>.</summary>
public static class PostingServiceExtensions
{
    /// <summary>Executes a single request.</summary>
    public static async Task<LedgerOutcome> ExecuteAsync(this IPostingService service, LedgerCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var outcomes = await service.ExecuteAsync([command], cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }
}

/// <summary>Expires holds whose expiry time has passed (R9): a job-ready sweep, safe to run twice.</summary>
public interface IHoldExpiry
{
    /// <summary>Expires every open hold due by now; returns how many this call expired.</summary>
    Task<int> ExpireDueAsync(CancellationToken cancellationToken = default);
}
