using Ledger.Application.Budgets;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Budgets;

/// <summary>The budgets module's storage on EF Core: reads without tracking, adds in one transaction.</summary>
public sealed class EfBudgetStore(IDbContextFactory<LedgerDbContext> contexts) : IBudgetStore
{
    /// <inheritdoc />
    public Task<Area?> AreaAsync(string code, CancellationToken ct) => Read(db => db.Areas.SingleOrDefaultAsync(a => a.Code == code, ct));

    /// <inheritdoc />
    public Task<Agency?> AgencyAsync(AreaId area, string code, CancellationToken ct) =>
        Read(db => db.Agencies.SingleOrDefaultAsync(a => a.Area == area && a.Code == code, ct));

    /// <inheritdoc />
    public Task<Agency?> AgencyAsync(AgencyId id, CancellationToken ct) => Read(db => db.Agencies.SingleOrDefaultAsync(a => a.Id == id, ct));

    /// <inheritdoc />
    public Task<FundingStream?> StreamAsync(AreaId area, string code, CancellationToken ct) =>
        Read(db => db.FundingStreams.SingleOrDefaultAsync(s => s.Area == area && s.Code == code, ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<FundingStream>> StreamsAsync(IEnumerable<FundingStreamId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await Read(db => db.FundingStreams.Where(s => list.Contains(s.Id)).ToListAsync(ct)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Pool?> PoolAsync(AreaId area, string code, CancellationToken ct) =>
        Read(db => db.Pools.SingleOrDefaultAsync(p => p.Area == area && p.Code == code, ct));

    /// <inheritdoc />
    public Task<Pool?> PoolAsync(PoolId id, CancellationToken ct) => Read(db => db.Pools.SingleOrDefaultAsync(p => p.Id == id, ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<Pool>> PoolsAsync(AreaId area, FinancialYear year, CancellationToken ct) =>
        await Read(db => db.Pools.Where(p => p.Area == area && p.Year == year).OrderBy(p => p.Code).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<Practitioner?> PractitionerAsync(AreaId area, string code, CancellationToken ct) =>
        Read(db => db.Practitioners.SingleOrDefaultAsync(p => p.Area == area && p.Code == code, ct));

    /// <inheritdoc />
    public Task<Subject?> SubjectAsync(AreaId area, string reference, CancellationToken ct) =>
        Read(db => db.Subjects.Include(s => s.Members).SingleOrDefaultAsync(s => s.Area == area && s.Reference == reference, ct));

    /// <inheritdoc />
    public Task<Subject?> SubjectAsync(SubjectId id, CancellationToken ct) =>
        Read(db => db.Subjects.Include(s => s.Members).SingleOrDefaultAsync(s => s.Id == id, ct));

    /// <inheritdoc />
    public Task<PersonalDetails?> PersonalDetailsAsync(SubjectId subject, CancellationToken ct) =>
        Read(db => db.PersonalDetails.SingleOrDefaultAsync(p => p.Subject == subject, ct));

    /// <inheritdoc />
    public Task<Assessment?> AssessmentAsync(AssessmentId id, CancellationToken ct) => Read(db => db.Assessments.SingleOrDefaultAsync(a => a.Id == id, ct));

    /// <inheritdoc />
    public Task<Assessment?> AssessmentByKeyAsync(string idempotencyKey, CancellationToken ct) =>
        Read(db => db.Assessments.SingleOrDefaultAsync(a => a.IdempotencyKey == idempotencyKey, ct));

    /// <inheritdoc />
    public Task<Budget?> BudgetAsync(AreaId area, string code, CancellationToken ct) =>
        Read(db => db.Budgets.SingleOrDefaultAsync(b => b.Area == area && b.Code == code, ct));

    /// <inheritdoc />
    public Task<Budget?> BudgetAsync(BudgetId id, CancellationToken ct) => Read(db => db.Budgets.SingleOrDefaultAsync(b => b.Id == id, ct));

    /// <inheritdoc />
    public Task<AccountId?> AccountIdAsync(Domain.Accounting.AccountKind kind, AreaId area, string owner, FundingStreamId stream, CancellationToken ct) =>
        Read(db => db.Accounts.Where(a => a.Kind == kind && a.Area == area && a.Owner == owner && a.Stream == stream)
            .Select(a => (AccountId?)a.Id).SingleOrDefaultAsync(ct));

    /// <inheritdoc />
    public Task<Domain.Accounting.EntryKind?> EntryKindByKeyAsync(string idempotencyKey, CancellationToken ct) =>
        Read(db => db.IdempotencyRecords.Where(r => r.Key == idempotencyKey && r.Entry != null)
            .Join(db.JournalEntries, r => r.Entry, e => e.Id, (r, e) => (Domain.Accounting.EntryKind?)e.Kind).SingleOrDefaultAsync(ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<Budget>> BudgetsAsync(AreaId area, FinancialYear year, CancellationToken ct) =>
        await Read(db => db.Budgets.Where(b => b.Area == area && b.Year == year).OrderBy(b => b.Code).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<AllocationLine>> AllocationsAsync(AreaId area, FinancialYear year, CancellationToken ct) =>
        await Read(async db =>
        {
            var rows = await (from a in db.Allocations
                              join b in db.Budgets on a.Budget equals b.Id
                              join p in db.Pools on b.Pool equals p.Id
                              join s in db.Subjects on b.Subject equals (Domain.SubjectId?)s.Id into subjects
                              from s in subjects.DefaultIfEmpty()
                              where b.Area == area && b.Year == year
                              select new { a, Budget = b.Code, Pool = p.Code, Subject = s == null ? null : s.Reference }).ToListAsync(ct).ConfigureAwait(false);
            // Sorted here: the decision date is a NodaTime value each provider orders alike, but the tie-break on code reads best in memory.
            return (IReadOnlyList<AllocationLine>)rows.Select(r => new AllocationLine(r.a, r.Budget, r.Pool, r.Subject))
                .OrderByDescending(l => l.Allocation.DecidedOn).ThenBy(l => l.Budget, StringComparer.Ordinal).ToList();
        }).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<Allocation?> AllocationByKeyAsync(string idempotencyKey, CancellationToken ct) =>
        Read(db => db.Allocations.SingleOrDefaultAsync(a => a.IdempotencyKey == idempotencyKey, ct));

    /// <inheritdoc />
    public Task<bool> IsYearClosedAsync(AreaId area, FinancialYear year, CancellationToken ct) =>
        Read(db => db.FinancialYearClosures.AnyAsync(c => c.Area == area && c.Year == year, ct));

    /// <inheritdoc />
    public Task<bool> LedgerKeyUsedAsync(string idempotencyKey, CancellationToken ct) =>
        Read(db => db.IdempotencyRecords.AnyAsync(r => r.Key == idempotencyKey, ct));

    /// <inheritdoc />
    public Task<bool> OnCaseloadAsync(PractitionerId practitioner, SubjectId subject, CancellationToken ct) =>
        Read(db => db.Caseloads.AnyAsync(c => c.Practitioner == practitioner && c.Subject == subject, ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<Subject>> CaseloadAsync(PractitionerId practitioner, CancellationToken ct) =>
        await Read(db => db.Subjects.AsNoTracking().Where(s => db.Caseloads.Any(c => c.Practitioner == practitioner && c.Subject == s.Id))
            .OrderBy(s => s.Reference).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<BudgetError?> AddAsync(IEnumerable<object> records, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.AddRange(records);
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return null;
            }
            catch (DbUpdateException e)
            {
                // Nothing was written: SaveChanges runs in one transaction. The usual cause is a code already taken.
                return new BudgetError(BudgetErrorCode.DuplicateCode, "That code or record already exists (" + (e.InnerException?.Message ?? e.Message).Split('\n')[0] + ").");
            }
        }
    }

    private Task<T> Read<T>(Func<LedgerDbContext, Task<T>> query) => contexts.ReadAsync(query);
}
