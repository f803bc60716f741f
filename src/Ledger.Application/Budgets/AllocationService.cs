using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.People;
using NodaTime;

namespace Ledger.Application.Budgets;

/// <summary>Records an assessment of need for a child or family, priced by a pool's rule (R5); with a key, recording it twice keeps one.</summary>
public sealed record AssessmentRequest(string Area, string Subject, string Pool, LocalDate Date, string AssessedBy, ClientGroup ClientGroup,
    IReadOnlyDictionary<EveryChildMattersArea, int> Needs, DifficultyFactors Factors, string? IdempotencyKey = null);

/// <summary>
/// The budget holder's decision on an assessment (R5): the final amount and why, who holds the budget
/// and whether it is cash or notional.
/// </summary>
public sealed record AllocationRequest(string IdempotencyKey, string Area, AssessmentId Assessment, Money FinalAmount, string Reason, string DecidedBy,
    LocalDate Date, HolderMode HolderMode, string Holder, BudgetMode Mode = BudgetMode.Cash);

/// <summary>A lead professional's delegated budget (R4), allocated the same way as an individual budget.</summary>
public sealed record LeadProfessionalAllocationRequest(string IdempotencyKey, string Area, string Pool, string LeadProfessional, Money Amount,
    string Reason, string DecidedBy, LocalDate Date, ClientGroup ClientGroup = ClientGroup.EarlyHelp);

/// <summary>
/// Assessment and allocation (R4, R5): the indicative amount with its working, the final amount with
/// a reason, and the ledger entry moving money from the pool's streams to the budget's, split by the
/// pool's policy over the streams whose restrictions allow the client group.
/// </summary>
public sealed class AllocationService(IBudgetStore store, ILedgerSetup setup, IPostingService engine, IPoolQueries pools, IClock clock)
{
    /// <summary>Records and prices an assessment.</summary>
    public async Task<Result<Assessment>> AssessAsync(AssessmentRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Assessment>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        if (await store.SubjectAsync(area.Id, request.Subject, ct).ConfigureAwait(false) is not { } subject)
        {
            return Result<Assessment>.Fail(BudgetErrorCode.UnknownSubject, $"There is no child or family '{request.Subject}' in {area.Code}.");
        }

        if (await store.PoolAsync(area.Id, request.Pool, ct).ConfigureAwait(false) is not { } pool)
        {
            return Result<Assessment>.Fail(BudgetErrorCode.UnknownPool, $"There is no pool '{request.Pool}' in {area.Code}.");
        }

        if (request.IdempotencyKey is { } key && await store.AssessmentByKeyAsync(key, ct).ConfigureAwait(false) is { } done)
        {
            return done.SameAs(area.Id, subject.Id, pool.Id, request.Date, request.AssessedBy, request.ClientGroup, request.Needs, request.Factors)
                ? done
                : Result<Assessment>.Fail(BudgetErrorCode.LedgerRefused, $"{LedgerErrorCode.IdempotencyConflict}: the key '{key}' was used for a different assessment.");
        }

        var assessment = Assessment.Record(AssessmentId.New(), area.Id, subject.Id, pool.Id, request.Date, request.AssessedBy, request.ClientGroup,
            request.Needs, request.Factors, pool.Rule, request.IdempotencyKey);
        if (!assessment.Succeeded)
        {
            return assessment;
        }

        var error = await store.AddAsync(assessment.Value!, ct).ConfigureAwait(false);
        if (error is not null && request.IdempotencyKey is { } raced && await store.AssessmentByKeyAsync(raced, ct).ConfigureAwait(false) is { } first)
        {
            return first;
        }

        return error is null ? assessment : Result<Assessment>.Fail(error);
    }

    /// <summary>
    /// Allocates the final amount to the subject's budget for the pool's year, opening the budget if
    /// needed. Replaying the same key returns the first allocation and moves no more money.
    /// </summary>
    public async Task<Result<Allocation>> AllocateAsync(AllocationRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Allocation>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        if (await store.AllocationByKeyAsync(request.IdempotencyKey, ct).ConfigureAwait(false) is { } done)
        {
            return await ReplayAsync(done, area.Id, request.Assessment, request.FinalAmount, request.Reason, request.DecidedBy, request.Date, ct).ConfigureAwait(false);
        }

        if (await store.AssessmentAsync(request.Assessment, ct).ConfigureAwait(false) is not { } assessment || assessment.Area != area.Id)
        {
            return Result<Allocation>.Fail(BudgetErrorCode.UnknownAssessment, $"There is no assessment {request.Assessment} in {area.Code}.");
        }

        if (Check(request.FinalAmount, request.Reason, request.IdempotencyKey) is { } invalid)
        {
            return Result<Allocation>.Fail(invalid);
        }

        if (await store.PractitionerAsync(area.Id, request.DecidedBy, ct).ConfigureAwait(false) is not { Role: PractitionerRole.BudgetHolder })
        {
            return Result<Allocation>.Fail(BudgetErrorCode.UnknownPractitioner, $"'{request.DecidedBy}' is not a budget holder in {area.Code}.");
        }

        var wantedRole = request.HolderMode == HolderMode.Broker ? PractitionerRole.Broker : PractitionerRole.LeadProfessional;
        if (!Enum.IsDefined(request.HolderMode) || !Enum.IsDefined(request.Mode)
            || await store.PractitionerAsync(area.Id, request.Holder, ct).ConfigureAwait(false) is not { } holder || holder.Role != wantedRole)
        {
            return Result<Allocation>.Fail(BudgetErrorCode.HolderRequired,
                $"A {request.HolderMode} budget needs a {wantedRole} as its holder; '{request.Holder}' is not one in {area.Code}.");
        }

        var pool = (await store.PoolAsync(assessment.Pool, ct).ConfigureAwait(false))!;
        var subject = (await store.SubjectAsync(assessment.Subject, ct).ConfigureAwait(false))!;

        // A lead professional holds (or, for a direct payment, supports) budgets only for their own caseload (DOMAIN.md §2).
        if (holder.Role == PractitionerRole.LeadProfessional && !await store.OnCaseloadAsync(holder.Id, subject.Id, ct).ConfigureAwait(false))
        {
            return Result<Allocation>.Fail(BudgetErrorCode.NotOnCaseload, $"{subject.Reference} is not on {holder.Code}'s caseload.");
        }

        var existing = await store.BudgetAsync(area.Id, Budget.CodeFor(BudgetKind.Individual, subject.Reference, pool.Year), ct).ConfigureAwait(false);
        if (existing is not null && SameTerms(existing, pool, assessment.ClientGroup, holder.Id, request.HolderMode, request.Mode) is { } differs)
        {
            return Result<Allocation>.Fail(differs);
        }

        var budget = existing
            ?? Budget.Individual(BudgetId.New(), area.Id, subject.Reference, subject.Id, pool.Id, pool.Year, holder.Id, request.HolderMode, request.Mode,
                assessment.ClientGroup, clock.GetCurrentInstant());
        var indicative = new IndicativeAmount(Money.FromPence(assessment.IndicativeAmount), assessment.Working);
        return await PostAsync(request.IdempotencyKey, area.Id, pool, budget, assessment.ClientGroup, indicative, request.FinalAmount, request.Reason,
            request.DecidedBy, request.Date, assessment.Id, ct).ConfigureAwait(false);
    }

    /// <summary>Allocates a lead professional's delegated budget from a pool (R4).</summary>
    public async Task<Result<Allocation>> AllocateLeadProfessionalAsync(LeadProfessionalAllocationRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Allocation>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        if (await store.AllocationByKeyAsync(request.IdempotencyKey, ct).ConfigureAwait(false) is { } done)
        {
            return await ReplayAsync(done, area.Id, null, request.Amount, request.Reason, request.DecidedBy, request.Date, ct).ConfigureAwait(false);
        }

        if (await store.PoolAsync(area.Id, request.Pool, ct).ConfigureAwait(false) is not { } pool)
        {
            return Result<Allocation>.Fail(BudgetErrorCode.UnknownPool, $"There is no pool '{request.Pool}' in {area.Code}.");
        }

        if (Check(request.Amount, request.Reason, request.IdempotencyKey) is { } invalid)
        {
            return Result<Allocation>.Fail(invalid);
        }

        if (await store.PractitionerAsync(area.Id, request.DecidedBy, ct).ConfigureAwait(false) is not { Role: PractitionerRole.BudgetHolder })
        {
            return Result<Allocation>.Fail(BudgetErrorCode.UnknownPractitioner, $"'{request.DecidedBy}' is not a budget holder in {area.Code}.");
        }

        if (await store.PractitionerAsync(area.Id, request.LeadProfessional, ct).ConfigureAwait(false) is not { Role: PractitionerRole.LeadProfessional } lp)
        {
            return Result<Allocation>.Fail(BudgetErrorCode.UnknownPractitioner, $"There is no lead professional '{request.LeadProfessional}' in {area.Code}.");
        }

        var existing = await store.BudgetAsync(area.Id, Budget.CodeFor(BudgetKind.LeadProfessional, lp.Code, pool.Year), ct).ConfigureAwait(false);
        if (existing is not null && SameTerms(existing, pool, request.ClientGroup, lp.Id, HolderMode.LeadProfessional, BudgetMode.Cash) is { } differs)
        {
            return Result<Allocation>.Fail(differs);
        }

        var budget = existing
            ?? Budget.LeadProfessional(BudgetId.New(), area.Id, lp.Code, lp.Id, pool.Id, pool.Year, request.ClientGroup, clock.GetCurrentInstant());
        var indicative = new IndicativeAmount(request.Amount, $"Delegated budget for lead professional {lp.Code}, set by the budget holder");
        return await PostAsync(request.IdempotencyKey, area.Id, pool, budget, request.ClientGroup, indicative, request.Amount, request.Reason,
            request.DecidedBy, request.Date, null, ct).ConfigureAwait(false);
    }

    // R25: a replay gets the first answer; the same key with a different decision is refused, as the ledger would refuse it.
    // A replay is answered only inside the area that made the allocation (R1), and only for the same request (R25).
    private async Task<Result<Allocation>> ReplayAsync(Allocation done, AreaId area, AssessmentId? assessment, Money final, string reason, string decidedBy,
        LocalDate date, CancellationToken ct) =>
        (await store.BudgetAsync(done.Budget, ct).ConfigureAwait(false))?.Area == area
            && done.Assessment == assessment && done.FinalAmount == final.Pence && done.Reason == (reason ?? string.Empty).Trim()
            && done.DecidedBy == decidedBy && done.DecidedOn == date
            ? done
            : Result<Allocation>.Fail(BudgetErrorCode.LedgerRefused,
                $"{LedgerErrorCode.IdempotencyConflict}: the key '{done.IdempotencyKey}' was used for a different allocation.");

    // One budget per child (or lead professional) per year: later money must come on the same terms,
    // or ring-fenced money would sit in a budget labelled for another client group or holder.
    private static BudgetError? SameTerms(Budget existing, Pool pool, ClientGroup clientGroup, PractitionerId holder, HolderMode holderMode, BudgetMode mode) =>
        (existing.Pool == pool.Id || existing.CarriedFrom is not null) && existing.ClientGroup == clientGroup && existing.Holder == holder && existing.HolderMode == holderMode && existing.Mode == mode
            ? null
            : new BudgetError(BudgetErrorCode.BudgetTermsDiffer,
                $"Budget {existing.Code} already exists with pool, client group {existing.ClientGroup}, holder mode {existing.HolderMode} and mode {existing.Mode}; "
                + "allocate on the same terms.");

    private static BudgetError? Check(Money amount, string reason, string key) =>
        string.IsNullOrWhiteSpace(key) || key.Length > LedgerCommand.MaxKeyLength
            ? new BudgetError(BudgetErrorCode.InvalidRequest, "An idempotency key of 1–200 characters is required.")
            : !amount.IsPositive
                ? new BudgetError(BudgetErrorCode.InvalidAmount, "The final amount must be above zero.")
                : string.IsNullOrWhiteSpace(reason) || reason.Length > 1000
                    ? new BudgetError(BudgetErrorCode.ReasonRequired, "The budget holder must give a reason (up to 1,000 characters) for the final amount.")
                    : null;

    private async Task<Result<Allocation>> PostAsync(string key, AreaId area, Pool pool, Budget budget, ClientGroup clientGroup, IndicativeAmount indicative,
        Money final, string reason, string decidedBy, LocalDate date, AssessmentId? assessment, CancellationToken ct)
    {
        if (!pool.Year.Contains(date))
        {
            return Result<Allocation>.Fail(BudgetErrorCode.OutsideFinancialYear, $"{date:uuuu-MM-dd} is outside the pool's year {pool.Year}.");
        }

        // After year end nothing more goes into the year's budgets: it would miss year-end processing.
        if (await store.IsYearClosedAsync(area, pool.Year, ct).ConfigureAwait(false))
        {
            return Result<Allocation>.Fail(BudgetErrorCode.FinancialYearClosed, $"{pool.Year} has been closed by year-end processing.");
        }

        // Only streams whose restrictions allow the client group may fund the budget (R2).
        var funds = await pools.StreamFundsAsync(pool, ct).ConfigureAwait(false);
        var streams = (await store.StreamsAsync(funds.Select(f => f.Stream), ct).ConfigureAwait(false)).ToDictionary(s => s.Id);
        var allowed = funds.Where(f => streams[f.Stream].Restrictions.Allows(clientGroup)).ToList();
        if (allowed.Count == 0)
        {
            return Result<Allocation>.Fail(BudgetErrorCode.ClientGroupNotAllowed, $"No stream of pool {pool.Code} may pay for the client group {clientGroup}.");
        }

        var split = StreamSplitter.Split(final, allowed.Select(f => new StreamCandidate(f.Stream, f.Available, f.Contributed.Pence,
            streams[f.Stream].Restrictions.RestrictsCategories || streams[f.Stream].ClientGroups.Count > 0)).ToList(), pool.SplitPolicy);
        if (!split.Succeeded)
        {
            return Result<Allocation>.Fail(split.Error!);
        }

        var lines = new List<JournalLine>();
        foreach (var (stream, amount) in split.Value!)
        {
            var from = await setup.EnsureAccountAsync(AccountKind.Pool, area, pool.Code, stream, ct).ConfigureAwait(false);
            var to = await setup.EnsureAccountAsync(budget.AccountKind, area, budget.Code, stream, ct).ConfigureAwait(false);
            lines.Add(JournalLine.Debit(from.Id, amount));
            lines.Add(JournalLine.Credit(to.Id, amount));
        }

        var outcome = await engine.ExecuteAsync(new PostEntry(key, date, $"Allocation from pool {pool.Code} to budget {budget.Code}", lines, EntryKind.Allocation), ct)
            .ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            return Result<Allocation>.Fail(outcome.Error!.Code == LedgerErrorCode.InsufficientFunds ? BudgetErrorCode.InsufficientPoolFunds : BudgetErrorCode.LedgerRefused,
                $"{outcome.Error.Code}: {outcome.Error.Message}");
        }

        // The ledger entry is keyed, so a retry after a failure here replays it and records the decision once.
        // The allocation names the stored budget: another decision may have opened it since it was read.
        var stored = await store.BudgetAsync(area, budget.Code, ct).ConfigureAwait(false);
        var allocation = Allocation.Record(AllocationId.New(), (stored ?? budget).Id, assessment, indicative, final, reason, decidedBy, date, outcome.Entry!.Value, key);
        var error = await store.AddAsync(stored is null ? [budget, allocation] : [allocation], ct).ConfigureAwait(false);
        if (error is not null && stored is null && await store.BudgetAsync(area, budget.Code, ct).ConfigureAwait(false) is { } opened
            && await store.AllocationByKeyAsync(key, ct).ConfigureAwait(false) is null)
        {
            // A concurrent decision opened the budget between the read and the write: record this one against it.
            allocation = Allocation.Record(AllocationId.New(), opened.Id, assessment, indicative, final, reason, decidedBy, date, outcome.Entry!.Value, key);
            error = await store.AddAsync(allocation, ct).ConfigureAwait(false);
        }

        if (error is not null)
        {
            return await store.AllocationByKeyAsync(key, ct).ConfigureAwait(false) is { } raced ? raced : Result<Allocation>.Fail(error);
        }

        return allocation;
    }
}
