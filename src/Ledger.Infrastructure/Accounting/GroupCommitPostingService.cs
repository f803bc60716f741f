using System.Threading.Channels;
using Ledger.Application.Accounting;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Persistence;

namespace Ledger.Infrastructure.Accounting;

/// <summary>
/// Configuration section <c>Ledger:Posting</c>: how the posting engine commits.
/// </summary>
public sealed class PostingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ledger:Posting";

    /// <summary>
    /// Gather concurrent requests and commit them together (one transaction, one flush to disk). On by
    /// default on every provider; set <c>Ledger__Posting__GroupCommit=false</c> to commit each call alone.
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>The most requests committed in one transaction; 0 picks the provider's default.</summary>
    public int MaxBatch { get; set; }

    /// <summary>How many transactions may be in flight at once; 0 picks the provider's default.</summary>
    public int MaxInFlight { get; set; }

    /// <summary>
    /// The batch size to use on <paramref name="provider"/>: SQL Server takes one parameter per locked
    /// account and allows 2,100 in a statement, so its batches stay small enough for three-stream holds.
    /// </summary>
    public int BatchFor(DatabaseProvider provider) => MaxBatch > 0 ? MaxBatch : provider == DatabaseProvider.SqlServer ? 128 : 256;

    /// <summary>
    /// Transactions in flight on <paramref name="provider"/>: SQLite has one writer, so one; the servers
    /// take two, so one batch is being decided while the other waits for its flush.
    /// </summary>
    public int InFlightFor(DatabaseProvider provider) => MaxInFlight > 0 ? MaxInFlight : provider == DatabaseProvider.Sqlite ? 1 : 2;
}

/// <summary>
/// Group commit in front of the posting engine. Requests that arrive while a transaction is being
/// written wait in a queue; when a slot frees, everything queued (up to a batch) goes to the engine as
/// one batch: one transaction and one flush to disk for many requests, instead of one each. Nothing
/// waits on a timer, so a lone request is committed at once.
/// </summary>
/// <remarks>
/// Each caller still gets exactly its own outcomes: the engine decides a batch's requests in order and
/// a refused request writes nothing of its own, so a batch gives the same answers as the requests one
/// by one (the idempotency key of each request is checked against the keys before it in the batch as
/// well as the stored ones). If a batch fails as a whole with an error that is not a decided outcome
/// (a bug or a database fault in one request), each caller's requests are run again on their own, so
/// one caller's fault is never another's. A caller that gives up while queued is dropped before its
/// requests are sent; once sent, they are committed or not as a whole, like any database call.
/// </remarks>
public sealed class GroupCommitPostingService : IPostingService, IAsyncDisposable, IDisposable
{
    private readonly IPostingService _engine;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots;
    private readonly int _maxBatch;
    private readonly int _inFlight;
    private readonly Task _gatherer;
    private long _transactions;
    private long _requests;

    /// <summary>Puts group commit in front of <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine that commits one batch in one transaction.</param>
    /// <param name="maxBatch">The most requests in one transaction.</param>
    /// <param name="inFlight">How many transactions may be in flight at once.</param>
    public GroupCommitPostingService(IPostingService engine, int maxBatch, int inFlight)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        _engine = engine;
        _maxBatch = maxBatch;
        _inFlight = inFlight;
        _slots = new SemaphoreSlim(inFlight, inFlight);
        _gatherer = Task.Run(GatherAsync);
    }

    /// <summary>Transactions committed so far (for the benchmarks and the logs: requests / transactions is the batching achieved).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Requests committed so far through the queue.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerOutcome>> ExecuteAsync(IReadOnlyList<LedgerCommand> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        // A caller's batch as big as a group is already what group commit would make of it.
        if (batch.Count >= _maxBatch)
        {
            return await _engine.ExecuteAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        var pending = new Pending(batch, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitPostingService), "The posting engine is shutting down.");
        }

        return await pending.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _gatherer.ConfigureAwait(false);

        // Wait for the transactions in flight to finish before the database goes away.
        for (var i = 0; i < _inFlight; i++)
        {
            await _slots.WaitAsync().ConfigureAwait(false);
        }

        _slots.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task GatherAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await _slots.WaitAsync().ConfigureAwait(false);
            var group = new List<Pending>();
            var commands = 0;
            while (reader.TryPeek(out var next) && (group.Count == 0 || commands + next.Commands.Count <= _maxBatch))
            {
                reader.TryRead(out _);
                if (next.Cancellation.IsCancellationRequested)
                {
                    next.Result.TrySetCanceled(next.Cancellation);
                    continue;
                }

                group.Add(next);
                commands += next.Commands.Count;
            }

            if (group.Count == 0)
            {
                _slots.Release();
                continue;
            }

            // Not awaited: the next group gathers while this one is written, up to the in-flight limit.
            _ = CommitAsync(group);
        }
    }

    private async Task CommitAsync(List<Pending> group)
    {
        try
        {
            var commands = group.Count == 1 ? group[0].Commands : group.SelectMany(p => p.Commands).ToList();
            IReadOnlyList<LedgerOutcome> outcomes;
            try
            {
                outcomes = await _engine.ExecuteAsync(commands, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception) when (group.Count > 1)
            {
                // One caller's fault must not become the others': each runs again on its own.
                foreach (var pending in group)
                {
                    await RunAloneAsync(pending).ConfigureAwait(false);
                }

                return;
            }

            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _requests, commands.Count);
            var offset = 0;
            foreach (var pending in group)
            {
                var own = new LedgerOutcome[pending.Commands.Count];
                for (var i = 0; i < own.Length; i++)
                {
                    own[i] = outcomes[offset + i];
                }

                offset += own.Length;
                pending.Result.TrySetResult(own);
            }
        }
        catch (Exception e)
        {
            foreach (var pending in group)
            {
                pending.Result.TrySetException(e);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task RunAloneAsync(Pending pending)
    {
        try
        {
            var outcomes = await _engine.ExecuteAsync(pending.Commands, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _requests, pending.Commands.Count);
            pending.Result.TrySetResult(outcomes);
        }
        catch (Exception e)
        {
            pending.Result.TrySetException(e);
        }
    }

    private sealed class Pending(IReadOnlyList<LedgerCommand> commands, CancellationToken cancellation)
    {
        public IReadOnlyList<LedgerCommand> Commands { get; } = commands;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<IReadOnlyList<LedgerOutcome>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
