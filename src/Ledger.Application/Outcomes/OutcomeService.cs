using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Outcomes;
using Ledger.Domain.People;
using NodaTime;

namespace Ledger.Application.Outcomes;

/// <summary>
/// Payment by results (R14–R20): the outcome catalogue and rate cards, contracts, enrolments with their
/// attachment fee, and claims from draft to approval. An approved claim becomes a provider payable (the
/// contract's pool debited, each co-payer's share from its own stream) and is paid by the next payment run.
/// </summary>
public sealed class OutcomeService(IOutcomeStore store, IBudgetStore budgets, IPurchasingStore purchasing, IPoolQueries pools, IPostingService engine, ILedgerSetup setup,
    IEvidenceFiles files, OutcomeOptions options, IClock clock)
{
    private const int Attempts = 20;

    /// <summary>Imports outcome definitions (R14), adding new ones and replacing those with the same code.</summary>
    public async Task<Result<IReadOnlyList<OutcomeDefinition>>> ImportOutcomesAsync(string json, CancellationToken ct = default)
    {
        var read = OutcomeCatalogueJson.Read(json);
        if (!read.Succeeded)
        {
            return read;
        }

        var now = clock.GetCurrentInstant();
        await store.SaveOutcomesAsync(read.Value!.Select(o => new StoredOutcome { Code = o.Code, Json = OutcomeCatalogueJson.Write([o]), ImportedAt = now }).ToList(), ct)
            .ConfigureAwait(false);
        return read;
    }

    /// <summary>The outcome catalogue, by code.</summary>
    public async Task<IReadOnlyDictionary<string, OutcomeDefinition>> CatalogueAsync(CancellationToken ct = default)
    {
        var stored = await store.OutcomesAsync(ct).ConfigureAwait(false);
        return stored.SelectMany(s => OutcomeCatalogueJson.Read(s.Json).Value ?? []).ToDictionary(o => o.Code, StringComparer.Ordinal);
    }

    /// <summary>
    /// Imports a rate card (R15–R19). Refused, with nothing written, when the card does not check, names
    /// an outcome not in the catalogue, overlaps another card of its contract and cohort, or reuses a
    /// version already imported with other content. Importing the same card again changes nothing.
    /// </summary>
    public async Task<Result<RateCard>> ImportRateCardAsync(string json, CancellationToken ct = default)
    {
        var read = RateCardJson.Read(json);
        if (!read.Succeeded)
        {
            return read;
        }

        var card = read.Value!;
        var catalogue = await CatalogueAsync(ct).ConfigureAwait(false);
        if (card.Outcomes.Select(o => o.Outcome).Concat(card.Sustainments.Select(s => s.Outcome)).FirstOrDefault(o => !catalogue.ContainsKey(o)) is { } unknown)
        {
            return Result<RateCard>.Fail(BudgetErrorCode.UnknownOutcome, $"Rate card {card.Code} prices outcome {unknown}, which is not in the outcome catalogue; import the outcome first.");
        }

        if (card.Sustainments.FirstOrDefault(s => card.Outcomes.All(o => o.Outcome != s.Outcome)) is { } orphan)
        {
            return Result<RateCard>.Fail(BudgetErrorCode.InvalidRateCard, $"Rate card {card.Code}: sustainment of {orphan.Outcome} needs the outcome itself priced on the card.");
        }

        var stored = await store.RateCardsAsync(card.Contract, ct).ConfigureAwait(false);
        var canonical = RateCardJson.Write(card);
        // A card's code and version are unique whatever its contract.
        if ((await store.RateCardsAsync(null, ct).ConfigureAwait(false)).SingleOrDefault(s => s.Code == card.Code && s.Version == card.Version) is { } same)
        {
            return same.Json == canonical
                ? card
                : Result<RateCard>.Fail(BudgetErrorCode.InvalidRateCard, $"Rate card {card.Code} v{card.Version} was imported with other content; publish a new version instead.");
        }

        if (stored.Select(s => RateCardJson.Read(s.Json).Value!).FirstOrDefault(card.Overlaps) is { } other)
        {
            return Result<RateCard>.Fail(BudgetErrorCode.RateCardOverlap,
                $"Rate card {card.Code} v{card.Version} and {other.Code} v{other.Version} would both price contract {card.Contract} cohort {card.Cohort} on some days; end one before the other starts.");
        }

        var row = new StoredRateCard
        {
            Code = card.Code, Version = card.Version, Contract = card.Contract, Cohort = card.Cohort, EffectiveFrom = card.EffectiveFrom, EffectiveTo = card.EffectiveTo,
            Json = canonical, ImportedAt = clock.GetCurrentInstant(),
        };
        return await store.SaveAsync([row], [], ct).ConfigureAwait(false) == StoreWrite.Saved
            ? card
            : Result<RateCard>.Fail(BudgetErrorCode.InvalidRateCard, $"Rate card {card.Code} v{card.Version} was imported by another request at the same time; import it again to check.");
    }

    /// <summary>The stored rate cards, optionally of one contract.</summary>
    public async Task<IReadOnlyList<RateCard>> RateCardsAsync(string? contract = null, CancellationToken ct = default) =>
        (await store.RateCardsAsync(contract, ct).ConfigureAwait(false)).Select(s => RateCardJson.Read(s.Json).Value!).OrderBy(c => c.Code, StringComparer.Ordinal)
            .ThenBy(c => c.Version).ToList();

    /// <summary>Creates a contract with a provider, drawing on a pool.</summary>
    public async Task<Result<OutcomeContract>> CreateContractAsync(ContractRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await budgets.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<OutcomeContract>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        if (await purchasing.ProviderAsync(area.Id, request.Provider, ct).ConfigureAwait(false) is not { } provider)
        {
            return Result<OutcomeContract>.Fail(BudgetErrorCode.UnknownProvider, $"There is no provider '{request.Provider}' in {area.Code}.");
        }

        if (await budgets.PoolAsync(area.Id, request.Pool, ct).ConfigureAwait(false) is not { } pool)
        {
            return Result<OutcomeContract>.Fail(BudgetErrorCode.UnknownPool, $"There is no pool '{request.Pool}' in {area.Code}.");
        }

        if (await store.ContractAsync(area.Id, request.Code, ct).ConfigureAwait(false) is { } existing)
        {
            return existing.Provider == provider.Id && existing.Pool == pool.Id && existing.Name == request.Name.Trim() && existing.StartsOn == request.StartsOn
                && existing.EndsOn == request.EndsOn
                ? existing
                : Result<OutcomeContract>.Fail(BudgetErrorCode.InvalidRequest, $"Contract {request.Code} already exists in {area.Code} with other terms.");
        }

        var created = OutcomeContract.Create(OutcomeContractId.New(), area.Id, request.Code, request.Name, provider.Id, pool.Id, request.StartsOn, request.EndsOn,
            clock.GetCurrentInstant());
        if (!created.Succeeded)
        {
            return created;
        }

        return await store.SaveAsync([created.Value!], [], ct).ConfigureAwait(false) == StoreWrite.Saved
            ? created
            : await store.ContractAsync(area.Id, request.Code, ct).ConfigureAwait(false) is { } raced
                ? raced
                : Result<OutcomeContract>.Fail(BudgetErrorCode.InvalidRequest, $"Contract {request.Code} could not be saved; nothing was written.");
    }

    /// <summary>The area's contracts.</summary>
    public async Task<Result<IReadOnlyList<OutcomeContract>>> ContractsAsync(string areaCode, CancellationToken ct = default) =>
        await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is { } area
            ? Result<IReadOnlyList<OutcomeContract>>.Ok(await store.ContractsAsync(area.Id, ct).ConfigureAwait(false))
            : Result<IReadOnlyList<OutcomeContract>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");

    /// <summary>
    /// Enrols a child or family on a contract under the card for its contract, cohort and date, recording
    /// the difficulty factors (R16), and makes the card's attachment fee owed to the provider at once (R15).
    /// A repeated request returns the first enrolment.
    /// </summary>
    public async Task<Result<(Enrolment Enrolment, OutcomeClaim? Attachment)>> EnrolAsync(EnrolRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.IdempotencyKey ?? $"enrol:{request.Area}:{request.Contract}:{request.Subject}";
        if (await budgets.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Fail<(Enrolment, OutcomeClaim?)>(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        if (await store.EnrolmentByKeyAsync(key, ct).ConfigureAwait(false) is { } replay)
        {
            var claims = await store.ClaimsAsync(area.Id, null, replay.Id, ct).ConfigureAwait(false);
            var attachment = claims.FirstOrDefault(c => c.Kind == PaymentKind.Attachment);
            if (attachment is { Status: ClaimStatus.Approved, PayableEntry: null })
            {
                var finished = await PostOwedAsync(area.Id, attachment, ct).ConfigureAwait(false);
                if (!finished.Succeeded)
                {
                    return Result<(Enrolment, OutcomeClaim?)>.Fail(finished.Error!);
                }

                attachment = finished.Value;
            }

            return (replay, attachment);
        }

        if (request.EnrolledOn > Today())
        {
            return Fail<(Enrolment, OutcomeClaim?)>(BudgetErrorCode.InvalidDates, $"An enrolment cannot be dated after today ({request.EnrolledOn:uuuu-MM-dd}).");
        }

        if (await store.ContractAsync(area.Id, request.Contract, ct).ConfigureAwait(false) is not { } contract)
        {
            return Fail<(Enrolment, OutcomeClaim?)>(BudgetErrorCode.UnknownContract, $"There is no contract '{request.Contract}' in {area.Code}.");
        }

        if (await budgets.SubjectAsync(area.Id, request.Subject, ct).ConfigureAwait(false) is not { } subject)
        {
            return Fail<(Enrolment, OutcomeClaim?)>(BudgetErrorCode.UnknownSubject, $"There is no child or family '{request.Subject}' in {area.Code}.");
        }

        if (await store.EnrolmentAsync(contract.Id, subject.Id, ct).ConfigureAwait(false) is not null)
        {
            return Fail<(Enrolment, OutcomeClaim?)>(BudgetErrorCode.AlreadyEnrolled, $"{subject.Reference} is already enrolled on {contract.Code}.");
        }

        var cards = (await RateCardsAsync(contract.Code, ct).ConfigureAwait(false)).Where(c => c.AppliesOn(request.EnrolledOn) && (request.Cohort is null || c.Cohort == request.Cohort))
            .ToList();
        if (cards.Count != 1)
        {
            return cards.Count == 0
                ? Fail<(Enrolment, OutcomeClaim?)>(BudgetErrorCode.NoRateCard,
                    $"No rate card prices contract {contract.Code}{(request.Cohort is { } c ? $" cohort {c}" : string.Empty)} on {request.EnrolledOn:uuuu-MM-dd}.")
                : Fail<(Enrolment, OutcomeClaim?)>(BudgetErrorCode.NoRateCard,
                    $"Cards for cohorts {string.Join(", ", cards.Select(c => c.Cohort))} all apply to {contract.Code} on {request.EnrolledOn:uuuu-MM-dd}; say which cohort.");
        }

        var card = cards[0];
        var now = clock.GetCurrentInstant();
        var enrolled = Enrolment.Create(EnrolmentId.New(), contract, subject.Id, card, request.EnrolledOn, request.AgeAtEnrolment, request.Factors, key, now);
        if (!enrolled.Succeeded)
        {
            return Result<(Enrolment, OutcomeClaim?)>.Fail(enrolled.Error!);
        }

        var enrolment = enrolled.Value!;
        OutcomeClaim? fee = null;
        var added = new List<object> { enrolment };
        var changed = new List<VersionedChange>();
        if (card.AttachmentFee.IsPositive)
        {
            if (await budgets.IsYearClosedAsync(area.Id, FinancialYear.Containing(request.EnrolledOn), ct).ConfigureAwait(false)
                || await purchasing.IsPeriodClosedAsync(area.Id, request.EnrolledOn, ct).ConfigureAwait(false))
            {
                return Fail<(Enrolment, OutcomeClaim?)>(BudgetErrorCode.PeriodClosed,
                    $"The books for {request.EnrolledOn:MMMM uuuu} are closed; the attachment fee cannot be dated then. Nothing was written.");
            }

            var history = await HistoryAsync(area.Id, contract, enrolment.Id, null, ct).ConfigureAwait(false);
            var quote = Tariff.Quote(card, PaymentKind.Attachment, null, enrolment.Factors, history);
            if (!quote.Succeeded)
            {
                return Result<(Enrolment, OutcomeClaim?)>.Fail(quote.Error!);
            }

            var feeId = OutcomeClaimId.New();
            var feeShares = await SharesAsync(area.Id, contract, feeId, quote.Value!, ct).ConfigureAwait(false);
            if (!feeShares.Succeeded)
            {
                return Result<(Enrolment, OutcomeClaim?)>.Fail(feeShares.Error!);
            }

            fee = OutcomeClaim.Attachment(feeId, enrolment, contract.Provider, quote.Value!, request.By, $"attachment:{key}", now);
            added.Add(fee);
            added.AddRange(feeShares.Value!);
            contract.Touch();
            changed.Add(new VersionedChange(contract, contract.Version - 1));
        }

        switch (await store.SaveAsync(added, changed, ct).ConfigureAwait(false))
        {
            case StoreWrite.Conflict:
                // Another approval under the contract moved its caps: enrol again from a fresh read.
                return await EnrolAsync(request, ct).ConfigureAwait(false);
            case StoreWrite.Duplicate:
                return await store.EnrolmentByKeyAsync(key, ct).ConfigureAwait(false) is not null
                    ? await EnrolAsync(request, ct).ConfigureAwait(false)
                    : Fail<(Enrolment, OutcomeClaim?)>(BudgetErrorCode.AlreadyEnrolled, $"{subject.Reference} is already enrolled on {contract.Code}.");
        }

        if (fee is null)
        {
            return (enrolment, null);
        }

        var owed = await PostOwedAsync(area.Id, fee, ct).ConfigureAwait(false);
        return owed.Succeeded ? (enrolment, owed.Value) : Result<(Enrolment, OutcomeClaim?)>.Fail(owed.Error!);
    }

    /// <summary>Starts a draft claim for an enrolled child or family. A repeated request returns the first draft.</summary>
    public async Task<Result<OutcomeClaim>> DraftAsync(DraftClaimRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.ClaimByKeyAsync(request.IdempotencyKey, ct).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var context = await EnrolledAsync(request.Area, request.Contract, request.Subject, ct).ConfigureAwait(false);
        if (!context.Succeeded)
        {
            return Result<OutcomeClaim>.Fail(context.Error!);
        }

        var (_, contract, enrolment, _) = context.Value;
        if (request.AchievedOn > Today())
        {
            return Result<OutcomeClaim>.Fail(BudgetErrorCode.InvalidDates, $"An outcome cannot be achieved after today ({request.AchievedOn:uuuu-MM-dd}).");
        }

        var catalogue = await CatalogueAsync(ct).ConfigureAwait(false);
        if (!catalogue.ContainsKey(request.Outcome))
        {
            return Result<OutcomeClaim>.Fail(BudgetErrorCode.UnknownOutcome, $"There is no outcome '{request.Outcome}' in the catalogue.");
        }

        var card = await CardAsync(enrolment, ct).ConfigureAwait(false);
        var priced = request.Sustainment is null ? card.Outcomes.Any(o => o.Outcome == request.Outcome) : card.Sustainments.Any(s => s.Outcome == request.Outcome);
        if (!priced)
        {
            return Result<OutcomeClaim>.Fail(BudgetErrorCode.OutcomeNotOnCard,
                $"{(request.Sustainment is null ? "Outcome" : "Sustainment of")} {request.Outcome} is not priced on card {card.Code} v{card.Version}, which prices this enrolment.");
        }

        var draft = OutcomeClaim.Draft(OutcomeClaimId.New(), enrolment, contract.Provider, request.Sustainment is null ? PaymentKind.Outcome : PaymentKind.Sustainment,
            request.Outcome, request.Sustainment, request.AchievedOn, request.By, request.IdempotencyKey, clock.GetCurrentInstant());
        if (!draft.Succeeded)
        {
            return draft;
        }

        return await store.SaveAsync([draft.Value!], [], ct).ConfigureAwait(false) == StoreWrite.Saved
            ? draft
            : await store.ClaimByKeyAsync(request.IdempotencyKey, ct).ConfigureAwait(false) is { } raced
                ? raced
                : Result<OutcomeClaim>.Fail(BudgetErrorCode.InvalidRequest, "The claim could not be saved; nothing was written.");
    }

    /// <summary>
    /// Attaches a file to a draft claim (R20): checked for size and type by content, stored by its SHA-256.
    /// Attaching the same content for the same purpose again returns the first record.
    /// </summary>
    public async Task<Result<EvidenceFile>> AttachEvidenceAsync(EvidenceRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await ClaimInAreaAsync(request.Area, request.Claim, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return Result<EvidenceFile>.Fail(found.Error!);
        }

        var claim = found.Value.Claim;
        if (claim.Status != ClaimStatus.Draft)
        {
            return Result<EvidenceFile>.Fail(BudgetErrorCode.ClaimNotInState, $"Claim {claim.Reference} is {claim.Status}; evidence is attached to drafts.");
        }

        var type = EvidencePolicy.Check(request.FileName, request.Content.Span, options.EvidenceMaxBytes);
        if (!type.Succeeded)
        {
            return Result<EvidenceFile>.Fail(type.Error!);
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(request.Content.Span));
        var existing = await store.EvidenceAsync(claim.Id, ct).ConfigureAwait(false);
        if (existing.FirstOrDefault(e => e.Sha256 == hash && string.Equals(e.Describes, request.Describes.Trim(), StringComparison.OrdinalIgnoreCase)) is { } same)
        {
            return same;
        }

        var record = EvidenceFile.Record(EvidenceFileId.New(), claim.Id, request.Describes ?? string.Empty, request.Purpose, request.FileName, type.Value!,
            request.Content.Length, hash, request.By, clock.GetCurrentInstant());
        if (!record.Succeeded)
        {
            return record;
        }

        // The file is written first: a record never points at a missing file. A file without a record is harmless (stored by content).
        await files.SaveAsync(request.Content, ct).ConfigureAwait(false);
        return await store.SaveAsync([record.Value!], [], ct).ConfigureAwait(false) == StoreWrite.Saved
            ? record
            : Result<EvidenceFile>.Fail(BudgetErrorCode.InvalidRequest, "The evidence could not be recorded; nothing was attached. Try again.");
    }

    /// <summary>
    /// Submits a draft: the automatic rules run (eligibility, window, evidence, whole family, already paid,
    /// stacking, caps — <see cref="ClaimRules"/>) and, if all pass, the claim is validated at the amount they
    /// priced. If any fails the claim stays a draft and the first rule broken is reported.
    /// </summary>
    public async Task<Result<OutcomeClaim>> SubmitAsync(string areaCode, string reference, LocalDate claimedOn, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var found = await ClaimInAreaAsync(areaCode, reference, ct).ConfigureAwait(false);
            if (!found.Succeeded)
            {
                return Result<OutcomeClaim>.Fail(found.Error!);
            }

            var (area, claim) = found.Value;
            if (claimedOn > Today())
            {
                return Result<OutcomeClaim>.Fail(BudgetErrorCode.InvalidDates, $"A claim cannot be dated after today ({claimedOn:uuuu-MM-dd}). Nothing was written.");
            }

            if (claim.Status != ClaimStatus.Draft)
            {
                return claim.Status == ClaimStatus.Validated && claim.ClaimedOn == claimedOn
                    ? claim
                    : Result<OutcomeClaim>.Fail(BudgetErrorCode.ClaimNotInState, $"Claim {claim.Reference} is {claim.Status}; only a draft is submitted.");
            }

            var quote = await ValidateAsync(area, claim, claimedOn, ct).ConfigureAwait(false);
            if (!quote.Succeeded)
            {
                return Result<OutcomeClaim>.Fail(quote.Error!);
            }

            var read = claim.Version;
            claim.Submit(claimedOn, quote.Value!, clock.GetCurrentInstant());
            if (await store.SaveAsync([], [new VersionedChange(claim, read)], ct).ConfigureAwait(false) == StoreWrite.Saved)
            {
                return claim;
            }
        }

        return Result<OutcomeClaim>.Fail(BudgetErrorCode.LedgerRefused, $"Claim {reference} kept changing; nothing was written. Try again.");
    }

    /// <summary>Internal audit signs a validated claim off.</summary>
    public Task<Result<OutcomeClaim>> SignOffAsync(string areaCode, string reference, string by, CancellationToken ct = default) =>
        StepAsync(areaCode, reference, (c, now) => c.Status == ClaimStatus.SignedOff && c.SignedOffBy == by ? null : c.SignOff(by, now), ct);

    /// <summary>Rejects a claim not yet approved, with a reason.</summary>
    public Task<Result<OutcomeClaim>> RejectAsync(string areaCode, string reference, string reason, CancellationToken ct = default) =>
        StepAsync(areaCode, reference, (c, now) => c.Status == ClaimStatus.Rejected && c.Reason == reason?.Trim() ? null : c.Reject(reason ?? string.Empty, now), ct);

    /// <summary>
    /// A budget holder approves a signed-off claim: the rules run again (other claims may have used a cap
    /// since), the amount is fixed, and the payment becomes owed to the provider, each payer's share from
    /// its own stream through the contract's pool (R19). Approving again does not pay again.
    /// </summary>
    public async Task<Result<OutcomeClaim>> ApproveAsync(string areaCode, string reference, string by, LocalDate approvedOn, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var found = await ClaimInAreaAsync(areaCode, reference, ct).ConfigureAwait(false);
            if (!found.Succeeded)
            {
                return Result<OutcomeClaim>.Fail(found.Error!);
            }

            var (area, claim) = found.Value;
            if (claim.Status is ClaimStatus.Approved or ClaimStatus.Paid && string.Equals(claim.ApprovedBy, by?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return claim.PayableEntry is null ? await PostOwedAsync(area, claim, ct).ConfigureAwait(false) : claim;
            }

            if (claim.Status != ClaimStatus.SignedOff)
            {
                return Result<OutcomeClaim>.Fail(BudgetErrorCode.ClaimNotInState, $"Claim {claim.Reference} is {claim.Status}; only a claim signed off by internal audit is approved.");
            }

            if (approvedOn > Today())
            {
                return Result<OutcomeClaim>.Fail(BudgetErrorCode.InvalidDates, $"A claim cannot be approved with a date after today ({approvedOn:uuuu-MM-dd}). Nothing was written.");
            }

            if (await purchasing.IsPeriodClosedAsync(area, approvedOn, ct).ConfigureAwait(false))
            {
                return Result<OutcomeClaim>.Fail(BudgetErrorCode.PeriodClosed, $"The books for {approvedOn:MMMM uuuu} are closed; approve with a date in an open period. Nothing was written.");
            }

            var quote = await ValidateAsync(area, claim, claim.ClaimedOn!.Value, ct).ConfigureAwait(false);
            if (!quote.Succeeded)
            {
                return Result<OutcomeClaim>.Fail(quote.Error!);
            }

            // Each payer's share as the tariff priced it (a payer's own cap may cut its share, R17, R19), saved with the approval.
            var contract = (await store.ContractsAsync([claim.Contract], ct).ConfigureAwait(false)).Single();
            var shares = await SharesAsync(area, contract, claim.Id, quote.Value!, ct).ConfigureAwait(false);
            if (!shares.Succeeded)
            {
                return Result<OutcomeClaim>.Fail(shares.Error!);
            }

            var enrolment = (await store.EnrolmentsAsync([claim.Enrolment], ct).ConfigureAwait(false)).Single();
            var read = claim.Version;
            if (claim.Approve(by ?? string.Empty, approvedOn, quote.Value!, clock.GetCurrentInstant()) is { } refused)
            {
                return Result<OutcomeClaim>.Fail(refused);
            }

            // The enrolment and contract versions move with every approval, so two approvals that read the same caps cannot both pass them (R17).
            enrolment.Touch();
            contract.Touch();
            var saved = await store.SaveAsync(shares.Value!, [new VersionedChange(claim, read), new VersionedChange(enrolment, enrolment.Version - 1),
                new VersionedChange(contract, contract.Version - 1)], ct).ConfigureAwait(false);
            if (saved == StoreWrite.Saved)
            {
                return await PostOwedAsync(area, claim, ct).ConfigureAwait(false);
            }
        }

        return Result<OutcomeClaim>.Fail(BudgetErrorCode.LedgerRefused, $"Claim {reference} kept changing; nothing was written. Try again.");
    }

    /// <summary>Posts the payable entries of approved claims whose entry was never posted (a crash between the two writes). Safe to run at any time.</summary>
    public async Task<int> FinishOwedAsync(AreaId area, CancellationToken ct = default)
    {
        var finished = 0;
        foreach (var claim in await store.ClaimsOwedButNotPostedAsync(area, ct).ConfigureAwait(false))
        {
            if ((await PostOwedAsync(area, claim, ct).ConfigureAwait(false)).Succeeded)
            {
                finished++;
            }
        }

        return finished;
    }

    /// <summary>Records that a problem started again for a child (R21, whole-family rule).</summary>
    public async Task<Result<ProblemRecurrence>> RecordRecurrenceAsync(string areaCode, string childReference, string outcome, LocalDate occurredOn, string? note,
        CancellationToken ct = default)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<ProblemRecurrence>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        if (await budgets.SubjectAsync(area.Id, childReference, ct).ConfigureAwait(false) is not { Kind: SubjectKind.Child } child)
        {
            return Result<ProblemRecurrence>.Fail(BudgetErrorCode.UnknownSubject, $"There is no child '{childReference}' in {area.Code}.");
        }

        if (!(await CatalogueAsync(ct).ConfigureAwait(false)).ContainsKey(outcome))
        {
            return Result<ProblemRecurrence>.Fail(BudgetErrorCode.UnknownOutcome, $"There is no outcome '{outcome}' in the catalogue.");
        }

        var record = ProblemRecurrence.Record(ProblemRecurrenceId.New(), area.Id, child.Id, outcome, occurredOn, note, clock.GetCurrentInstant());
        if (record.Succeeded)
        {
            await store.SaveAsync([record.Value!], [], ct).ConfigureAwait(false);
        }

        return record;
    }

    /// <summary>A claim with what explains it.</summary>
    public async Task<Result<ClaimView>> ClaimAsync(string areaCode, string reference, CancellationToken ct = default)
    {
        var found = await ClaimInAreaAsync(areaCode, reference, ct).ConfigureAwait(false);
        return found.Succeeded
            ? (await ViewsAsync([found.Value.Claim], withEvidence: true, ct).ConfigureAwait(false)).Single()
            : Result<ClaimView>.Fail(found.Error!);
    }

    /// <summary>The area's claims, optionally of one contract, oldest first.</summary>
    public async Task<Result<IReadOnlyList<ClaimView>>> ClaimsAsync(string areaCode, string? contractCode = null, CancellationToken ct = default)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<IReadOnlyList<ClaimView>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        OutcomeContractId? contract = null;
        if (contractCode is not null)
        {
            if (await store.ContractAsync(area.Id, contractCode, ct).ConfigureAwait(false) is not { } c)
            {
                return Result<IReadOnlyList<ClaimView>>.Fail(BudgetErrorCode.UnknownContract, $"There is no contract '{contractCode}' in {area.Code}.");
            }

            contract = c.Id;
        }

        return Result<IReadOnlyList<ClaimView>>.Ok(await ViewsAsync(await store.ClaimsAsync(area.Id, contract, null, ct).ConfigureAwait(false), withEvidence: false, ct).ConfigureAwait(false));
    }

    /// <summary>Views of claims: contract, enrolment, subject, provider, shares and, when asked (one claim shown in full), its evidence.</summary>
    internal async Task<IReadOnlyList<ClaimView>> ViewsAsync(IReadOnlyList<OutcomeClaim> claims, bool withEvidence, CancellationToken ct)
    {
        var contracts = (await store.ContractsAsync(claims.Select(c => c.Contract).Distinct(), ct).ConfigureAwait(false)).ToDictionary(c => c.Id);
        var enrolments = (await store.EnrolmentsAsync(claims.Select(c => c.Enrolment).Distinct(), ct).ConfigureAwait(false)).ToDictionary(e => e.Id);
        var providers = (await purchasing.ProvidersAsync(claims.Select(c => c.Provider).Distinct(), ct).ConfigureAwait(false)).ToDictionary(p => p.Id, p => p.Code);
        var shares = (await store.SharesAsync(claims.Select(c => c.Id), ct).ConfigureAwait(false)).ToLookup(s => s.Claim);
        var subjects = new Dictionary<SubjectId, string>();
        var views = new List<ClaimView>();
        foreach (var claim in claims)
        {
            if (!subjects.TryGetValue(claim.Subject, out var subject))
            {
                subject = (await budgets.SubjectAsync(claim.Subject, ct).ConfigureAwait(false))?.Reference ?? claim.Subject.ToString();
                subjects[claim.Subject] = subject;
            }

            var evidence = withEvidence ? await store.EvidenceAsync(claim.Id, ct).ConfigureAwait(false) : [];
            views.Add(new ClaimView(claim, contracts[claim.Contract], enrolments[claim.Enrolment], subject, providers.GetValueOrDefault(claim.Provider, "?"),
                shares[claim.Id].ToList(), evidence));
        }

        return views;
    }

    /// <summary>The card an enrolment is priced by.</summary>
    internal async Task<RateCard> CardAsync(Enrolment enrolment, CancellationToken ct) =>
        (await RateCardsAsync(null, ct).ConfigureAwait(false)).Single(c => c.Code == enrolment.Card && c.Version == enrolment.CardVersion);

    private async Task<Result<TariffQuote>> ValidateAsync(AreaId area, OutcomeClaim claim, LocalDate claimedOn, CancellationToken ct)
    {
        var enrolment = (await store.EnrolmentsAsync([claim.Enrolment], ct).ConfigureAwait(false)).Single();
        var contract = (await store.ContractsAsync([claim.Contract], ct).ConfigureAwait(false)).Single();
        var card = await CardAsync(enrolment, ct).ConfigureAwait(false);
        if (!(await CatalogueAsync(ct).ConfigureAwait(false)).TryGetValue(claim.Outcome!, out var definition))
        {
            return Result<TariffQuote>.Fail(BudgetErrorCode.UnknownOutcome, $"Outcome {claim.Outcome} is no longer in the catalogue.");
        }

        var subject = await budgets.SubjectAsync(claim.Subject, ct).ConfigureAwait(false);
        var recurrences = subject is { Kind: SubjectKind.Family }
            ? await store.RecurrencesAsync(subject.Members.Select(m => m.Child), ct).ConfigureAwait(false)
            : [];
        var evidence = (await store.EvidenceAsync(claim.Id, ct).ConfigureAwait(false)).Select(e => e.Describes).ToList();
        var history = await HistoryAsync(area, contract, enrolment.Id, claim.Id, ct).ConfigureAwait(false);
        var facts = new ClaimFacts(card, definition, enrolment, subject?.Kind ?? SubjectKind.Child, claim.Kind, claim.Sustainment, claim.AchievedOn, claimedOn, evidence,
            history, recurrences);
        return ClaimRules.Validate(facts, WorkingDayCalendar.EnglandAndWales);
    }

    // What has been paid under the contract (approved or paid, not recovered), and what is claimed for the person (R17, R20).
    private async Task<PaymentHistory> HistoryAsync(AreaId area, OutcomeContract contract, EnrolmentId enrolment, OutcomeClaimId? excluding, CancellationToken ct)
    {
        var claims = (await store.ClaimsAsync(area, contract.Id, null, ct).ConfigureAwait(false)).Where(c => c.Id != excluding).ToList();
        var paid = claims.Where(c => c.CountsAsPaid).ToList();
        var shares = await store.SharesAsync(paid.Select(c => c.Id), ct).ConfigureAwait(false);
        var mine = claims.Where(c => c.Enrolment == enrolment).ToList();
        return new PaymentHistory(
            Money.FromPence(paid.Where(c => c.Enrolment == enrolment).Sum(c => c.Amount)),
            mine.Where(c => c.InFlight && c.Kind == PaymentKind.Outcome).Select(c => c.Outcome!).ToHashSet(StringComparer.Ordinal),
            mine.Where(c => c.InFlight && c.Kind == PaymentKind.Sustainment).GroupBy(c => c.Outcome!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Money.FromPence(paid.Sum(c => c.Amount)),
            shares.GroupBy(s => s.Payer).ToDictionary(g => g.Key, g => Money.FromPence(g.Sum(s => s.Amount)), StringComparer.Ordinal));
    }

    // Each payer's share resolved to its stream, checked against what the pool holds from that stream.
    private async Task<Result<IReadOnlyList<OutcomeClaimShare>>> SharesAsync(AreaId area, OutcomeContract contract, OutcomeClaimId claim, TariffQuote quote, CancellationToken ct)
    {
        var pool = (await budgets.PoolAsync(contract.Pool, ct).ConfigureAwait(false))!;
        var funds = (await pools.StreamFundsAsync(pool, ct).ConfigureAwait(false)).ToDictionary(f => f.Stream, f => f.Available);
        var shares = new List<OutcomeClaimShare>();
        foreach (var (payer, amount) in quote.Shares)
        {
            if (await budgets.StreamAsync(area, payer, ct).ConfigureAwait(false) is not { } stream)
            {
                return Result<IReadOnlyList<OutcomeClaimShare>>.Fail(BudgetErrorCode.UnknownStream, $"The card's payer {payer} is not a stream of this area.");
            }

            if (funds.GetValueOrDefault(stream.Id) < amount)
            {
                return Result<IReadOnlyList<OutcomeClaimShare>>.Fail(BudgetErrorCode.InsufficientFunds,
                    $"Pool {pool.Code} has {funds.GetValueOrDefault(stream.Id)} available from {payer}; its share is {amount}. Nothing was written.");
            }

            shares.Add(new OutcomeClaimShare(claim, stream.Id, payer, amount.Pence));
        }

        return shares;
    }

    // Makes an approved claim's payment owed: one entry keyed by the claim, the pool debited and the provider's payable credited per payer stream.
    private async Task<Result<OutcomeClaim>> PostOwedAsync(AreaId area, OutcomeClaim claim, CancellationToken ct)
    {
        var contract = (await store.ContractsAsync([claim.Contract], ct).ConfigureAwait(false)).Single();
        var shares = await store.SharesAsync([claim.Id], ct).ConfigureAwait(false);
        if (shares.Count == 0 || shares.Sum(s => s.Amount) != claim.Amount)
        {
            return Result<OutcomeClaim>.Fail(BudgetErrorCode.LedgerRefused, $"Claim {claim.Reference}'s payers' shares do not add up to its amount; nothing was posted.");
        }

        var pool = (await budgets.PoolAsync(contract.Pool, ct).ConfigureAwait(false))!;
        var provider = (await purchasing.ProvidersAsync([claim.Provider], ct).ConfigureAwait(false)).Single();
        var subject = (await budgets.SubjectAsync(claim.Subject, ct).ConfigureAwait(false))?.Reference ?? "?";
        var lines = new List<JournalLine>();
        foreach (var share in shares.OrderBy(s => s.Payer, StringComparer.Ordinal))
        {
            var from = await setup.EnsureAccountAsync(AccountKind.Pool, area, pool.Code, share.Stream, ct).ConfigureAwait(false);
            var to = await setup.EnsureAccountAsync(AccountKind.ProviderPayable, area, provider.Code, share.Stream, ct).ConfigureAwait(false);
            lines.Add(JournalLine.Debit(from.Id, Money.FromPence(share.Amount)));
            lines.Add(JournalLine.Credit(to.Id, Money.FromPence(share.Amount)));
        }

        var what = claim.Kind == PaymentKind.Attachment ? "attachment fee" : claim.Kind == PaymentKind.Sustainment ? $"sustainment {claim.Sustainment} of {claim.Outcome}" : $"outcome {claim.Outcome}";
        var outcome = await engine.ExecuteAsync(new PostEntry($"claim:{claim.Id}", claim.ApprovedOn!.Value,
            $"Claim {claim.Reference}: {what} for {subject} under {contract.Code}, owed to {provider.Code}", lines, EntryKind.OutcomePayment), ct).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            return await RefuseApprovalAsync(claim, new BudgetError(BudgetErrorCode.LedgerRefused, $"{outcome.Error!.Code}: {outcome.Error.Message}"), ct).ConfigureAwait(false);
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var read = claim.Version;
            claim.Owed(outcome.Entry!.Value, clock.GetCurrentInstant());
            if (await store.SaveAsync([], [new VersionedChange(claim, read)], ct).ConfigureAwait(false) == StoreWrite.Saved)
            {
                return claim;
            }

            claim = (await store.ClaimAsync(area, claim.Reference, ct).ConfigureAwait(false))!;
            if (claim.PayableEntry is not null)
            {
                return claim;
            }
        }

        return Result<OutcomeClaim>.Fail(BudgetErrorCode.LedgerRefused, $"Claim {claim.Reference}'s payment was posted but not recorded; approve it again to finish.");
    }

    // The ledger refused the payment: the approval is undone (and its shares removed) so the claim can be approved again later.
    private async Task<Result<OutcomeClaim>> RefuseApprovalAsync(OutcomeClaim claim, BudgetError why, CancellationToken ct)
    {
        var read = claim.Version;
        if (claim.ApprovalRefused(why.Message, clock.GetCurrentInstant()) is null
            && await store.SaveAsync([], [new VersionedChange(claim, read)], ct).ConfigureAwait(false) == StoreWrite.Saved)
        {
            await store.RemoveSharesAsync(claim.Id, ct).ConfigureAwait(false);
        }

        return Result<OutcomeClaim>.Fail(why);
    }

    private async Task<Result<(AreaId Area, OutcomeContract Contract, Enrolment Enrolment, Subject Subject)>> EnrolledAsync(string areaCode, string contractCode, string subjectRef,
        CancellationToken ct)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Fail<(AreaId, OutcomeContract, Enrolment, Subject)>(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        if (await store.ContractAsync(area.Id, contractCode, ct).ConfigureAwait(false) is not { } contract)
        {
            return Fail<(AreaId, OutcomeContract, Enrolment, Subject)>(BudgetErrorCode.UnknownContract, $"There is no contract '{contractCode}' in {area.Code}.");
        }

        if (await budgets.SubjectAsync(area.Id, subjectRef, ct).ConfigureAwait(false) is not { } subject)
        {
            return Fail<(AreaId, OutcomeContract, Enrolment, Subject)>(BudgetErrorCode.UnknownSubject, $"There is no child or family '{subjectRef}' in {area.Code}.");
        }

        return await store.EnrolmentAsync(contract.Id, subject.Id, ct).ConfigureAwait(false) is { } enrolment
            ? (area.Id, contract, enrolment, subject)
            : Fail<(AreaId, OutcomeContract, Enrolment, Subject)>(BudgetErrorCode.NotEnrolled, $"{subject.Reference} is not enrolled on {contract.Code}: enrol them before claiming (R20).");
    }

    internal async Task<Result<(AreaId Area, OutcomeClaim Claim)>> ClaimInAreaAsync(string areaCode, string reference, CancellationToken ct)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Fail<(AreaId, OutcomeClaim)>(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        return await store.ClaimAsync(area.Id, reference, ct).ConfigureAwait(false) is { } claim
            ? (area.Id, claim)
            : Fail<(AreaId, OutcomeClaim)>(BudgetErrorCode.UnknownClaim, $"There is no claim '{reference}' in {area.Code}.");
    }

    private async Task<Result<OutcomeClaim>> StepAsync(string areaCode, string reference, Func<OutcomeClaim, Instant, BudgetError?> step, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var found = await ClaimInAreaAsync(areaCode, reference, ct).ConfigureAwait(false);
            if (!found.Succeeded)
            {
                return Result<OutcomeClaim>.Fail(found.Error!);
            }

            var claim = found.Value.Claim;
            var read = claim.Version;
            if (step(claim, clock.GetCurrentInstant()) is { } refused)
            {
                return Result<OutcomeClaim>.Fail(refused);
            }

            if (claim.Version == read || await store.SaveAsync([], [new VersionedChange(claim, read)], ct).ConfigureAwait(false) == StoreWrite.Saved)
            {
                return claim;
            }
        }

        return Result<OutcomeClaim>.Fail(BudgetErrorCode.LedgerRefused, $"Claim {reference} kept changing; nothing was written. Try again.");
    }

    private static Result<T> Fail<T>(BudgetErrorCode code, string message) => Result<T>.Fail(code, message);

    private LocalDate Today() => London.Today(clock);
}
