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

/// <summary>One provider's payment in a run, with the invoices and outcome claims it pays and the clawbacks it nets (the remittance lines).</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Amount">The payment: the sum of its lines, clawbacks subtracted.</param>
/// <param name="Lines">The invoices paid, one per order.</param>
/// <param name="Outcomes">The outcome claims paid and the clawbacks netted (R20, R21).</param>
public sealed record ProviderRemittance(Provider Provider, Money Amount, IReadOnlyList<RunLine> Lines, IReadOnlyList<OutcomeRunLine> Outcomes)
{
    /// <summary>Remittance lines in all: invoices, claims and clawbacks.</summary>
    public int LineCount => Lines.Count + Outcomes.Count;
}

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
/// Payment runs (R13, R20, R21): gathers the area's settled invoices and approved outcome claims not yet
/// paid, nets any clawbacks of claims found invalid since they were paid (each by a reversing entry of the
/// claim's payment), pays each provider once (one ledger entry per provider, a line per stream: the
/// provider payable debited, the stream's funds credited) and gives the remittance. Gathering is one
/// transaction and each payment and reversal is keyed, so a run stopped half way and run again pays
/// every payable exactly once.
/// </summary>
public sealed class PaymentRunService(IPurchasingStore store, IBudgetStore budgets, IPostingService engine, ILedgerSetup setup, FundingService funding,
    Outcomes.OutcomeService outcomes, IClock clock)
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

            // Claims approved but whose payment was never posted (a crash between the writes) are finished first, so the run can gather them.
            await outcomes.FinishOwedAsync(area.Id, ct).ConfigureAwait(false);
            var started = PaymentRun.Start(PaymentRunId.New(), area.Id, area.Code, runOn, clock.GetCurrentInstant());
            if (await store.StartRunAsync(started, ct).ConfigureAwait(false) == StoreWrite.Saved)
            {
                run = started;
                // A crash here leaves the clawbacks pending, not lost: the next run gathers them.
                Reliability.CrashPoint.Reached("payment-run:started");
                await GatherClawbacksAsync(run, area.Id, ct).ConfigureAwait(false);
            }
            else
            {
                run = await store.RunAsync(area.Id, runOn, ct).ConfigureAwait(false);
            }

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
            // Clawbacks first: each reverses the claim's payment, taking it back out of what the provider is owed (R21, example 9).
            foreach (var clawback in payment.Outcomes.Where(o => o.Clawback))
            {
                if (await RecoverAsync(run, clawback.Claim, ct).ConfigureAwait(false) is { } refused)
                {
                    return Result<PaymentRunResult>.Fail(refused);
                }
            }

            var net = payment.Lines.SelectMany(l => l.Streams)
                .Concat(payment.Outcomes.SelectMany(o => o.Streams.Select(s => (s.Stream, Amount: o.Clawback ? -s.Amount : s.Amount))))
                .GroupBy(s => s.Stream).Select(g => (g.Key, g.Sum(s => s.Amount))).Where(s => s.Item2 != 0).OrderBy(s => s.Key.Value).ToList();
            var lines = new List<JournalLine>();
            foreach (var (stream, amount) in net)
            {
                var payable = await setup.EnsureAccountAsync(AccountKind.ProviderPayable, area.Id, payment.Provider.Code, stream, ct).ConfigureAwait(false);
                var funds = await funding.StreamFundsAccountAsync(area.Id, streams[stream], ct).ConfigureAwait(false);
                lines.Add(JournalLine.Debit(payable.Id, Money.FromPence(amount)));
                lines.Add(JournalLine.Credit(funds.Id, Money.FromPence(amount)));
            }

            var outcome = await engine.ExecuteAsync(new PostEntry($"payment:{run.Reference}:{payment.Provider.Code}", run.RunOn,
                $"Payment run {run.Reference}: {Describe(payment)} to {payment.Provider.Code}", lines, EntryKind.Payment), ct).ConfigureAwait(false);
            Reliability.CrashPoint.Reached("payment-run:posted");
            if (!outcome.Succeeded)
            {
                return Result<PaymentRunResult>.Fail(BudgetErrorCode.LedgerRefused,
                    $"{outcome.Error!.Code}: paying {payment.Provider.Code} in {run.Reference} was refused ({outcome.Error.Message}); the run is unfinished and can be run again.");
            }

            // A duplicate means a concurrent or earlier attempt recorded this payment already: the ledger entry was replayed, not posted twice.
            var record = ProviderPayment.Record(run.Id, payment.Provider.Id, payment.Amount, payment.LineCount, outcome.Entry!.Value, clock.GetCurrentInstant());
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

            Reliability.CrashPoint.Reached("payment-run:recorded");
            await store.MarkClaimsPaidAsync(run.Id, payment.Provider.Id, ct).ConfigureAwait(false);
            progress?.Report(new PaymentRunProgress(++done, view.Value.Payments.Count, payment.Provider.Code, payment.Amount));
        }

        // Claims of providers paid before a restart are marked paid too (marking is idempotent).
        foreach (var payment in view.Value.Payments.Where(p => paid.Contains(p.Provider.Id)))
        {
            await store.MarkClaimsPaidAsync(run.Id, payment.Provider.Id, ct).ConfigureAwait(false);
        }

        Reliability.CrashPoint.Reached("payment-run:paid-all");
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

    private static string Describe(ProviderRemittance payment)
    {
        var parts = new List<string> { $"{payment.Lines.Count} invoice(s)" };
        if (payment.Outcomes.Count(o => !o.Clawback) is > 0 and var claims)
        {
            parts.Add($"{claims} outcome claim(s)");
        }

        if (payment.Outcomes.Count(o => o.Clawback) is > 0 and var clawbacks)
        {
            parts.Add($"{clawbacks} clawback(s) netted");
        }

        return string.Join(", ", parts);
    }

    // Nets clawbacks into the run just started (R21): a clawback is taken, in claim order, only while the provider's lines in this run cover
    // it in every stream and leave a payment above zero; one that does not fit waits for a later run, so the payable never goes below zero.
    private async Task GatherClawbacksAsync(PaymentRun run, AreaId area, CancellationToken ct)
    {
        var pending = await store.PendingClawbacksAsync(area, ct).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return;
        }

        var owed = (await store.RunLinesAsync(run.Id, ct).ConfigureAwait(false)).SelectMany(l => l.Streams.Select(s => (l.Invoice.Provider, s.Stream, s.Amount)))
            .Concat((await store.OutcomeRunLinesAsync(run.Id, ct).ConfigureAwait(false)).SelectMany(o => o.Streams.Select(s => (o.Claim.Provider, s.Stream, s.Amount))))
            .GroupBy(x => (x.Provider, x.Stream)).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        var total = owed.GroupBy(o => o.Key.Provider).ToDictionary(g => g.Key, g => g.Sum(o => o.Value));
        var taken = new List<Domain.Outcomes.OutcomeClaim>();
        foreach (var line in pending.OrderBy(p => p.Claim.Reference, StringComparer.Ordinal))
        {
            var provider = line.Claim.Provider;
            if (total.GetValueOrDefault(provider) > line.Claim.Amount && line.Streams.All(s => owed.GetValueOrDefault((provider, s.Stream)) >= s.Amount))
            {
                foreach (var (stream, amount) in line.Streams)
                {
                    owed[(provider, stream)] -= amount;
                }

                total[provider] -= line.Claim.Amount;
                taken.Add(line.Claim);
            }
        }

        if (taken.Count > 0)
        {
            await store.GatherClawbacksAsync(run.Id, taken, ct).ConfigureAwait(false);
        }
    }

    // Reverses a clawed-back claim's payment (keyed, so a restart does not reverse twice) and records the recovery on the claim.
    private async Task<BudgetError?> RecoverAsync(PaymentRun run, Domain.Outcomes.OutcomeClaim claim, CancellationToken ct)
    {
        var reversal = await engine.ExecuteAsync(new ReverseEntry($"clawback:{claim.Id}", claim.PayableEntry!.Value, run.RunOn,
            $"Clawback of claim {claim.Reference} in payment run {run.Reference}: {claim.Reason}"), ct).ConfigureAwait(false);
        if (!reversal.Succeeded)
        {
            return new BudgetError(BudgetErrorCode.LedgerRefused,
                $"{reversal.Error!.Code}: the clawback of {claim.Reference} in {run.Reference} was refused ({reversal.Error.Message}); the run is unfinished and can be run again.");
        }

        for (var attempt = 0; attempt < 20 && claim.Status == Domain.Outcomes.ClaimStatus.ClawbackPending; attempt++)
        {
            var read = claim.Version;
            claim.Recovered(reversal.Entry!.Value, run.Id, clock.GetCurrentInstant());
            if (await store.SaveAsync([], [new VersionedChange(claim, read)], ct).ConfigureAwait(false) != StoreWrite.Saved)
            {
                // Read it again from the run that gathered it (it is no longer pending, so the pending list would not hold it).
                claim = (await store.OutcomeRunLinesAsync(run.Id, ct).ConfigureAwait(false)).Where(l => l.Clawback).Select(l => l.Claim).Single(c => c.Id == claim.Id);
            }
        }

        return null;
    }

    private async Task<Result<PaymentRunResult>> ResultAsync(PaymentRun run, bool alreadyCompleted, CancellationToken ct)
    {
        var lines = await store.RunLinesAsync(run.Id, ct).ConfigureAwait(false);
        var claims = await store.OutcomeRunLinesAsync(run.Id, ct).ConfigureAwait(false);
        var providers = (await store.ProvidersAsync(lines.Select(l => l.Invoice.Provider).Concat(claims.Select(c => c.Claim.Provider)).Distinct(), ct).ConfigureAwait(false))
            .ToDictionary(p => p.Id);
        var invoicesBy = lines.ToLookup(l => l.Invoice.Provider);
        var claimsBy = claims.ToLookup(c => c.Claim.Provider);
        var payments = providers.Values
            .Select(p => new ProviderRemittance(p, Money.FromPence(invoicesBy[p.Id].Sum(l => l.Invoice.Amount) + claimsBy[p.Id].Sum(c => c.Amount)),
                invoicesBy[p.Id].OrderBy(l => l.Order.Reference, StringComparer.Ordinal).ToList(),
                claimsBy[p.Id].OrderBy(c => c.Clawback).ThenBy(c => c.Claim.Reference, StringComparer.Ordinal).ToList()))
            .OrderBy(p => p.Provider.Code, StringComparer.Ordinal)
            .ToList();
        var streamIds = lines.SelectMany(l => l.Streams).Select(s => s.Stream).Concat(claims.SelectMany(c => c.Streams).Select(s => s.Stream)).Distinct().ToList();
        var codes = (await budgets.StreamsAsync(streamIds, ct).ConfigureAwait(false)).ToDictionary(s => s.Id, s => s.Code);
        return new PaymentRunResult(run, payments, codes, alreadyCompleted);
    }
}
