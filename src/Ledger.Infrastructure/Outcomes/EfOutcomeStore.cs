using Ledger.Application.Outcomes;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Outcomes;

/// <summary>Payment by results' storage on EF Core: reads without tracking; writes in one transaction with version checks.</summary>
public sealed class EfOutcomeStore(IDbContextFactory<LedgerDbContext> contexts) : IOutcomeStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredOutcome>> OutcomesAsync(CancellationToken ct) =>
        await Read(db => db.Outcomes.OrderBy(o => o.Code).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task SaveOutcomesAsync(IReadOnlyList<StoredOutcome> outcomes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var codes = outcomes.Select(o => o.Code).ToList();
            var existing = await db.Outcomes.Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, ct).ConfigureAwait(false);
            foreach (var outcome in outcomes)
            {
                if (existing.TryGetValue(outcome.Code, out var row))
                {
                    row.Json = outcome.Json;
                    row.ImportedAt = outcome.ImportedAt;
                }
                else
                {
                    db.Outcomes.Add(outcome);
                }
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredRateCard>> RateCardsAsync(string? contract, CancellationToken ct) =>
        await Read(db => db.RateCards.Where(c => contract == null || c.Contract == contract).OrderBy(c => c.Code).ThenBy(c => c.Version).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<OutcomeContract?> ContractAsync(AreaId area, string code, CancellationToken ct) =>
        Read(db => db.OutcomeContracts.SingleOrDefaultAsync(c => c.Area == area && c.Code == code, ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutcomeContract>> ContractsAsync(IEnumerable<OutcomeContractId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await Read(db => db.OutcomeContracts.Where(c => list.Contains(c.Id)).ToListAsync(ct)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutcomeContract>> ContractsAsync(AreaId area, CancellationToken ct) =>
        await Read(db => db.OutcomeContracts.Where(c => c.Area == area).OrderBy(c => c.Code).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<Enrolment?> EnrolmentAsync(OutcomeContractId contract, SubjectId subject, CancellationToken ct) =>
        Read(db => db.Enrolments.SingleOrDefaultAsync(e => e.Contract == contract && e.Subject == subject, ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<Enrolment>> EnrolmentsAsync(IEnumerable<EnrolmentId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await Read(db => db.Enrolments.Where(e => list.Contains(e.Id)).ToListAsync(ct)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Enrolment?> EnrolmentByKeyAsync(string key, CancellationToken ct) =>
        Read(db => db.Enrolments.SingleOrDefaultAsync(e => e.IdempotencyKey == key, ct));

    /// <inheritdoc />
    public Task<OutcomeClaim?> ClaimAsync(AreaId area, string reference, CancellationToken ct) =>
        Read(db => db.OutcomeClaims.SingleOrDefaultAsync(c => c.Area == area && c.Reference == reference, ct));

    /// <inheritdoc />
    public Task<OutcomeClaim?> ClaimByKeyAsync(string key, CancellationToken ct) =>
        Read(db => db.OutcomeClaims.SingleOrDefaultAsync(c => c.IdempotencyKey == key, ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutcomeClaim>> ClaimsAsync(AreaId area, OutcomeContractId? contract, EnrolmentId? enrolment, CancellationToken ct) =>
        await Read(db => db.OutcomeClaims.Where(c => c.Area == area && (contract == null || c.Contract == contract) && (enrolment == null || c.Enrolment == enrolment))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Reference).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutcomeClaim>> ClaimsOwedButNotPostedAsync(AreaId area, CancellationToken ct) =>
        await Read(db => db.OutcomeClaims.Where(c => c.Area == area && c.Status == ClaimStatus.Approved && c.PayableEntry == null).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutcomeClaimShare>> SharesAsync(IEnumerable<OutcomeClaimId> claims, CancellationToken ct)
    {
        var ids = claims.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        // In chunks: a large contract's history would otherwise make one very long IN list.
        var shares = new List<OutcomeClaimShare>();
        foreach (var chunk in ids.Chunk(500))
        {
            shares.AddRange(await Read(db => db.OutcomeClaimShares.Where(s => chunk.Contains(s.Claim)).ToListAsync(ct)).ConfigureAwait(false));
        }

        return shares;
    }

    /// <inheritdoc />
    public async Task RemoveSharesAsync(OutcomeClaimId claim, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.OutcomeClaimShares.Where(s => s.Claim == claim).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EvidenceFile>> EvidenceAsync(OutcomeClaimId claim, CancellationToken ct) =>
        await Read(db => db.EvidenceFiles.Where(e => e.Claim == claim).OrderBy(e => e.AddedAt).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProblemRecurrence>> RecurrencesAsync(IEnumerable<SubjectId> children, CancellationToken ct)
    {
        var ids = children.Distinct().ToList();
        return await Read(db => db.ProblemRecurrences.Where(r => ids.Contains(r.Child)).OrderBy(r => r.OccurredOn).ToListAsync(ct)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<AssuranceSample?> SampleAsync(AreaId area, string reference, CancellationToken ct) =>
        Read(db => db.AssuranceSamples.SingleOrDefaultAsync(s => s.Area == area && s.Reference == reference, ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<AssuranceSample>> SamplesAsync(AreaId area, CancellationToken ct) =>
        await Read(db => db.AssuranceSamples.Where(s => s.Area == area).OrderByDescending(s => s.DrawnAt).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpotCheck>> SpotChecksAsync(AssuranceSampleId sample, CancellationToken ct) =>
        await Read(db => db.SpotChecks.Where(s => s.Sample == sample).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpotCheck>> SpotChecksOfClaimsAsync(IEnumerable<OutcomeClaimId> claims, CancellationToken ct)
    {
        var checks = new List<SpotCheck>();
        foreach (var chunk in claims.Distinct().Chunk(500))
        {
            checks.AddRange(await Read(db => db.SpotChecks.Where(s => chunk.Contains(s.Claim)).ToListAsync(ct)).ConfigureAwait(false));
        }

        return checks;
    }

    /// <inheritdoc />
    public Task<StoreWrite> SaveAsync(IEnumerable<object> added, IEnumerable<VersionedChange> changed, CancellationToken ct) => contexts.SaveAsync(added, changed, ct);

    private Task<T> Read<T>(Func<LedgerDbContext, Task<T>> query) => contexts.ReadAsync(query);
}

/// <summary>
/// Evidence files on disk, named by the SHA-256 of their content (two levels of folders by the hash's
/// first characters). Written to a temporary name and moved into place, so a half-written file is never
/// found under a hash; a file already present is not written again.
/// </summary>
public sealed class FileEvidenceStore(string folder) : IEvidenceFiles
{
    /// <inheritdoc />
    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content.Span));
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            return hash;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), ct).ConfigureAwait(false);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another writer stored the same content first: same bytes, same name.
            File.Delete(temporary);
        }

        return hash;
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var path = PathOf(sha256);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false) : null;
    }

    private string PathOf(string hash) => Path.Combine(folder, hash[..2], hash[2..4], hash);
}
