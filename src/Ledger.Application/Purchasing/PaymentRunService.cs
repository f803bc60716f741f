using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Purchasing;
using NodaTime;

namespace Ledger.Application.Purchasing;

/// <summary>Progress of a payment run: one report per provider paid.</summary>
/// <param name="Done">Providers paid so far in this run (including any paid before a restart).</param>
/// <param name="Total">Providers in the run.</param>
/// <param name="Provider">The provider just paid.</param>
/// <param name="Amount">What it was paid.</param>
public sealed record PaymentRunProgress(int Done, int Total, string Provider, Money Amount);

/// <summary>One provider's payment in a run, with the invoices it pays (the remittance lines).</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Amount">The payment: the sum of its lines.</param>
/// <param name="Lines">The invoices paid, one per order.</param>
public sealed record ProviderRemittance(Provider Provider, Money Amount, IReadOnlyList<RunLine> Lines);

/// <summary>A payment run as finance reads it.</summary>
/// <param name="Run">The run.</param>
/// <param name="Payments">One payment per provider, by provider code.</param>
/// <param name="StreamCodes">The code of every stream that paid, for the remittance.</param>
/// <param name="AlreadyCompleted">True when the run had completed before this call (nothing was paid now).</param>
public sealed record PaymentRunResult(PaymentRun Run, IReadOnlyList<ProviderRemittance> Payments, IReadOnlyDictionary<FundingStreamId, string> StreamCodes,
    bool AlreadyCompleted)
{
    /// <summary>The run's total.</summary>
    public Money Total => Payments.Aggregate(Money.Zero, (sum, p) => sum + p.Amount);
}

/// <summary>
/// Payment runs (R13): gathers the area's settled invoices not yet paid, pays each provider once (one
/// ledger entry per provider, a line per stream: the provider payable debited, the stream's funds
/// credited) and gives the remittance. Gathering is one transaction and each payment is keyed by the
/// run and provider, so a run stopped half way and run again pays every payable exactly once.
/// </summary>
public sealed class PaymentRunService(IPurchasingStore store, IBudgetStore budgets, IPostingService engine, ILedgerSetup setup, FundingService funding, IClock clock)
{
    /// <summary>
    /// Runs (or finishes) the area's payment run for <paramref name="runOn"/>, gathering invoices dated on
    /// or before it. Refused while another date's run is unfinished; a completed run is returned as it was.
    /// </summary>
    public async Task<Result<PaymentRunResult>> RunAsync(string areaCode, LocalDate runOn, IProgress<PaymentRunProgress>? progress = null, CancellationToken ct = default)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<PaymentRunResult>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        var run = await store.RunAsync(area.Id, runOn, ct).ConfigureAwait(false);
        if (run is null)
        {
            // Checked before anything is gathered: a payment refused for a closed period would leave the run unable to finish.
            if (await store.IsPeriodClosedAsync(area.Id, runOn, ct).ConfigureAwait(false))
            {
                return Result<PaymentRunResult>.Fail(BudgetErrorCode.PeriodClosed,
                    $"The books for {runOn:MMMM uuuu} are closed; choose a payment date in an open period. Nothing was written.");
            }

            if (await store.UnfinishedRunAsync(area.Id, ct).ConfigureAwait(false) is { } unfinished && unfinished.RunOn != runOn)
            {
                return Result<PaymentRunResult>.Fail(BudgetErrorCode.PaymentRunInProgress,
                    $"Payment run {unfinished.Reference} did not finish; run it again for {unfinished.RunOn:uuuu-MM-dd} before starting another.");
            }

            var started = PaymentRun.Start(PaymentRunId.New(), area.Id, area.Code, runOn, clock.GetCurrentInstant());
            run = await store.StartRunAsync(started, ct).ConfigureAwait(false) == StoreWrite.Saved
                ? started
                : await store.RunAsync(area.Id, runOn, ct).ConfigureAwait(false);
            if (run is null)
            {
                return Result<PaymentRunResult>.Fail(BudgetErrorCode.LedgerRefused, "The payment run could not be started; nothing was written. Try again.");
            }
        }

        if (run.Status == PaymentRunStatus.Completed)
        {
            return await ResultAsync(run, alreadyCompleted: true, ct).ConfigureAwait(false);
        }

        var view = await ResultAsync(run, alreadyCompleted: false, ct).ConfigureAwait(false);
        var paid = (await store.PaymentsAsync(run.Id, ct).ConfigureAwait(false)).Select(p => p.Provider).ToHashSet();
        var streams = (await budgets.StreamsAsync(view.Value!.StreamCodes.Keys, ct).ConfigureAwait(false)).ToDictionary(s => s.Id);
        var done = paid.Count;
        foreach (var payment in view.Value.Payments.Where(p => !paid.Contains(p.Provider.Id)))
        {
            var lines = new List<JournalLine>();
            foreach (var (stream, amount) in payment.Lines.SelectMany(l => l.Streams).GroupBy(s => s.Stream).Select(g => (g.Key, g.Sum(s => s.Amount))).OrderBy(s => s.Key.Value))
            {
                var payable = await setup.EnsureAccountAsync(AccountKind.ProviderPayable, area.Id, payment.Provider.Code, stream, ct).ConfigureAwait(false);
                var funds = await funding.StreamFundsAccountAsync(area.Id, streams[stream], ct).ConfigureAwait(false);
                lines.Add(JournalLine.Debit(payable.Id, Money.FromPence(amount)));
                lines.Add(JournalLine.Credit(funds.Id, Money.FromPence(amount)));
            }

            var outcome = await engine.ExecuteAsync(new PostEntry($"payment:{run.Reference}:{payment.Provider.Code}", run.RunOn,
                $"Payment run {run.Reference}: {payment.Lines.Count} invoice(s) to {payment.Provider.Code}", lines, EntryKind.Payment), ct).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                return Result<PaymentRunResult>.Fail(BudgetErrorCode.LedgerRefused,
                    $"{outcome.Error!.Code}: paying {payment.Provider.Code} in {run.Reference} was refused ({outcome.Error.Message}); the run is unfinished and can be run again.");
            }

            // A duplicate means a concurrent or earlier attempt recorded this payment already: the ledger entry was replayed, not posted twice.
            var record = ProviderPayment.Record(run.Id, payment.Provider.Id, payment.Amount, payment.Lines.Count, outcome.Entry!.Value, clock.GetCurrentInstant());
            var saved = StoreWrite.Conflict;
            for (var attempt = 0; attempt < 20 && saved == StoreWrite.Conflict; attempt++)
            {
                saved = await store.SaveAsync([record], [], ct).ConfigureAwait(false);
            }

            if (saved == StoreWrite.Conflict)
            {
                return Result<PaymentRunResult>.Fail(BudgetErrorCode.LedgerRefused,
                    $"The payment to {payment.Provider.Code} was posted but could not be recorded (the database was busy); run {run.Reference} again to finish it.");
            }

            progress?.Report(new PaymentRunProgress(++done, view.Value.Payments.Count, payment.Provider.Code, payment.Amount));
        }

        for (var attempt = 0; attempt < 20 && run.Status != PaymentRunStatus.Completed; attempt++)
        {
            var read = run.Version;
            run.Complete(clock.GetCurrentInstant());
            if (await store.SaveAsync([], [new VersionedChange(run, read)], ct).ConfigureAwait(false) != StoreWrite.Saved)
            {
                run = (await store.RunAsync(area.Id, runOn, ct).ConfigureAwait(false))!;
            }
        }

        // The lines were gathered when the run started and do not change: the view read above stands, with the completed run.
        return view.Value! with { Run = run };
    }

    /// <summary>A run by reference, with its payments and remittance lines (to produce the files again).</summary>
    public async Task<Result<PaymentRunResult>> ShowAsync(string areaCode, string reference, CancellationToken ct = default)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<PaymentRunResult>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        return await store.RunAsync(area.Id, reference, ct).ConfigureAwait(false) is { } run
            ? await ResultAsync(run, run.Status == PaymentRunStatus.Completed, ct).ConfigureAwait(false)
            : Result<PaymentRunResult>.Fail(BudgetErrorCode.InvalidRequest, $"There is no payment run '{reference}' in {area.Code}.");
    }

    /// <summary>The area's runs, newest first.</summary>
    public async Task<Result<IReadOnlyList<PaymentRun>>> RunsAsync(string areaCode, CancellationToken ct = default) =>
        await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is { } area
            ? Result<IReadOnlyList<PaymentRun>>.Ok(await store.RunsAsync(area.Id, ct).ConfigureAwait(false))
            : Result<IReadOnlyList<PaymentRun>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");

    private async Task<Result<PaymentRunResult>> ResultAsync(PaymentRun run, bool alreadyCompleted, CancellationToken ct)
    {
        var lines = await store.RunLinesAsync(run.Id, ct).ConfigureAwait(false);
        var providers = (await store.ProvidersAsync(lines.Select(l => l.Invoice.Provider).Distinct(), ct).ConfigureAwait(false)).ToDictionary(p => p.Id);
        var payments = lines.GroupBy(l => l.Invoice.Provider)
            .Select(g => new ProviderRemittance(providers[g.Key], Money.FromPence(g.Sum(l => l.Invoice.Amount)),
                g.OrderBy(l => l.Order.Reference, StringComparer.Ordinal).ToList()))
            .OrderBy(p => p.Provider.Code, StringComparer.Ordinal)
            .ToList();
        var streamIds = lines.SelectMany(l => l.Streams).Select(s => s.Stream).Distinct().ToList();
        var codes = (await budgets.StreamsAsync(streamIds, ct).ConfigureAwait(false)).ToDictionary(s => s.Id, s => s.Code);
        return new PaymentRunResult(run, payments, codes, alreadyCompleted);
    }
}
