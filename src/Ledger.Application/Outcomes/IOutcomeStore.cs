using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Outcomes;
using NodaTime;

namespace Ledger.Application.Outcomes;

/// <summary>An outcome definition as stored: its code and its JSON (the catalogue is data, R14).</summary>
public sealed class StoredOutcome
{
    /// <summary>The outcome's code.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>The definition in the catalogue layout (one element of the array).</summary>
    public string Json { get; set; } = string.Empty;

    /// <summary>When it was last imported.</summary>
    public Instant ImportedAt { get; set; }
}

/// <summary>A rate card as stored: the keys it is chosen by, and its JSON (R15).</summary>
public sealed class StoredRateCard
{
    /// <summary>The card's code.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>Its version.</summary>
    public int Version { get; set; }

    /// <summary>The contract it prices.</summary>
    public string Contract { get; set; } = string.Empty;

    /// <summary>The cohort.</summary>
    public int Cohort { get; set; }

    /// <summary>The first day it applies.</summary>
    public LocalDate EffectiveFrom { get; set; }

    /// <summary>The last day, if any.</summary>
    public LocalDate? EffectiveTo { get; set; }

    /// <summary>The card in the documented layout.</summary>
    public string Json { get; set; } = string.Empty;

    /// <summary>When it was imported.</summary>
    public Instant ImportedAt { get; set; }
}

/// <summary>What payment by results reads and writes besides the ledger.</summary>
public interface IOutcomeStore
{
    /// <summary>The outcome catalogue.</summary>
    Task<IReadOnlyList<StoredOutcome>> OutcomesAsync(CancellationToken ct);

    /// <summary>Adds or replaces outcome definitions.</summary>
    Task SaveOutcomesAsync(IReadOnlyList<StoredOutcome> outcomes, CancellationToken ct);

    /// <summary>Every stored rate card, or those of one contract.</summary>
    Task<IReadOnlyList<StoredRateCard>> RateCardsAsync(string? contract, CancellationToken ct);

    /// <summary>The area's contract with this code.</summary>
    Task<OutcomeContract?> ContractAsync(AreaId area, string code, CancellationToken ct);

    /// <summary>Contracts by id.</summary>
    Task<IReadOnlyList<OutcomeContract>> ContractsAsync(IEnumerable<OutcomeContractId> ids, CancellationToken ct);

    /// <summary>The area's contracts, by code.</summary>
    Task<IReadOnlyList<OutcomeContract>> ContractsAsync(AreaId area, CancellationToken ct);

    /// <summary>A subject's enrolment on a contract.</summary>
    Task<Enrolment?> EnrolmentAsync(OutcomeContractId contract, SubjectId subject, CancellationToken ct);

    /// <summary>Enrolments by id.</summary>
    Task<IReadOnlyList<Enrolment>> EnrolmentsAsync(IEnumerable<EnrolmentId> ids, CancellationToken ct);

    /// <summary>The enrolment made under this idempotency key.</summary>
    Task<Enrolment?> EnrolmentByKeyAsync(string key, CancellationToken ct);

    /// <summary>The area's claim with this reference.</summary>
    Task<OutcomeClaim?> ClaimAsync(AreaId area, string reference, CancellationToken ct);

    /// <summary>The claim created under this idempotency key.</summary>
    Task<OutcomeClaim?> ClaimByKeyAsync(string key, CancellationToken ct);

    /// <summary>Claims of the area, optionally of one contract or one enrolment, oldest first.</summary>
    Task<IReadOnlyList<OutcomeClaim>> ClaimsAsync(AreaId area, OutcomeContractId? contract, EnrolmentId? enrolment, CancellationToken ct);

    /// <summary>Approved claims whose payable entry was never posted (a crash between the two writes).</summary>
    Task<IReadOnlyList<OutcomeClaim>> ClaimsOwedButNotPostedAsync(AreaId area, CancellationToken ct);

    /// <summary>Each payer's share of the given claims.</summary>
    Task<IReadOnlyList<OutcomeClaimShare>> SharesAsync(IEnumerable<OutcomeClaimId> claims, CancellationToken ct);

    /// <summary>Removes a claim's shares: only when its approval was undone before any payment was posted.</summary>
    Task RemoveSharesAsync(OutcomeClaimId claim, CancellationToken ct);

    /// <summary>Evidence attached to a claim.</summary>
    Task<IReadOnlyList<EvidenceFile>> EvidenceAsync(OutcomeClaimId claim, CancellationToken ct);

    /// <summary>Recurrences recorded for these children.</summary>
    Task<IReadOnlyList<ProblemRecurrence>> RecurrencesAsync(IEnumerable<SubjectId> children, CancellationToken ct);

    /// <summary>The area's sample with this reference.</summary>
    Task<AssuranceSample?> SampleAsync(AreaId area, string reference, CancellationToken ct);

    /// <summary>The area's samples, newest first.</summary>
    Task<IReadOnlyList<AssuranceSample>> SamplesAsync(AreaId area, CancellationToken ct);

    /// <summary>A sample's spot checks.</summary>
    Task<IReadOnlyList<SpotCheck>> SpotChecksAsync(AssuranceSampleId sample, CancellationToken ct);

    /// <summary>Every spot check of these claims, in any sample.</summary>
    Task<IReadOnlyList<SpotCheck>> SpotChecksOfClaimsAsync(IEnumerable<OutcomeClaimId> claims, CancellationToken ct);

    /// <summary>Adds records and applies versioned changes in one transaction.</summary>
    Task<StoreWrite> SaveAsync(IEnumerable<object> added, IEnumerable<VersionedChange> changed, CancellationToken ct);
}

/// <summary>Where evidence files are kept: by content, so a stored file cannot change without its hash showing it.</summary>
public interface IEvidenceFiles
{
    /// <summary>Stores the content (once per hash) and gives its SHA-256 in lower-case hex.</summary>
    Task<string> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>Reads a file back, or null when it is missing.</summary>
    Task<byte[]?> ReadAsync(string sha256, CancellationToken ct);
}
