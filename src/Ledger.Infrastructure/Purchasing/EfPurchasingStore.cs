using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Outcomes;
using Ledger.Domain.Purchasing;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Purchasing;

/// <summary>Purchasing's storage on EF Core: reads without tracking; writes in one transaction with version checks.</summary>
public sealed class EfPurchasingStore(IDbContextFactory<LedgerDbContext> contexts) : IPurchasingStore
{
    /// <inheritdoc />
    public Task<Provider?> ProviderAsync(AreaId area, string code, CancellationToken ct) =>
        Read(db => db.Providers.SingleOrDefaultAsync(p => p.Area == area && p.Code == code, ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<Provider>> ProvidersAsync(IEnumerable<ProviderId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await Read(db => db.Providers.Where(p => list.Contains(p.Id)).ToListAsync(ct)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Provider>> ProvidersAsync(AreaId area, CancellationToken ct) =>
        await Read(db => db.Providers.Where(p => p.Area == area).OrderBy(p => p.Code).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<ServiceItem?> ServiceItemAsync(AreaId area, string code, CancellationToken ct) =>
        Read(db => db.ServiceItems.SingleOrDefaultAsync(s => s.Area == area && s.Code == code, ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<ServiceItem>> CatalogueAsync(AreaId area, CancellationToken ct) =>
        await Read(db => db.ServiceItems.Where(s => s.Area == area).OrderBy(s => s.Code).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<DelegatedLimit?> LimitAsync(PractitionerId practitioner, CancellationToken ct) =>
        Read(db => db.DelegatedLimits.SingleOrDefaultAsync(l => l.Practitioner == practitioner, ct));

    /// <inheritdoc />
    public async Task SetLimitAsync(DelegatedLimit limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await db.DelegatedLimits.Where(l => l.Practitioner == limit.Practitioner).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                db.DelegatedLimits.Add(limit);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task<DelegatedMonth?> MonthAsync(PractitionerId practitioner, int month, CancellationToken ct) =>
        Read(db => db.DelegatedMonths.SingleOrDefaultAsync(m => m.Practitioner == practitioner && m.Month == month, ct));

    /// <inheritdoc />
    public Task<PurchaseOrder?> OrderAsync(AreaId area, string reference, CancellationToken ct) =>
        Read(db => db.PurchaseOrders.SingleOrDefaultAsync(o => o.Area == area && o.Reference == reference, ct));

    /// <inheritdoc />
    public Task<PurchaseOrder?> OrderByKeyAsync(string idempotencyKey, CancellationToken ct) =>
        Read(db => db.PurchaseOrders.SingleOrDefaultAsync(o => o.IdempotencyKey == idempotencyKey, ct));

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderView>> OrderViewsAsync(AreaId area, BudgetId? budget, CancellationToken ct) =>
        await Read(async db =>
        {
            var rows = await (from o in db.PurchaseOrders
                              where o.Area == area && (budget == null || o.Budget == budget)
                              join p in db.Providers on o.Provider equals p.Id
                              join b in db.Budgets on o.Budget equals b.Id
                              join s in db.Subjects on o.Subject equals s.Id
                              join r in db.Practitioners on o.RequestedBy equals r.Id
                              join i in db.Invoices on o.Id equals i.Order into invoices
                              from i in invoices.DefaultIfEmpty()
                              select new { o, Provider = p.Code, Budget = b.Code, Subject = s.Reference, RequestedBy = r.Code, Invoice = i })
                .ToListAsync(ct).ConfigureAwait(false);
            return (IReadOnlyList<OrderView>)rows
                .OrderBy(x => x.o.OrderedOn).ThenBy(x => x.o.PlacedAt).ThenBy(x => x.o.Reference, StringComparer.Ordinal)
                .Select(x => new OrderView(x.o, x.Provider, x.Budget, x.Subject, x.RequestedBy, x.Invoice))
                .ToList();
        }).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<(PurchaseOrder Order, HoldStatus Hold)>> OrdersToReconcileAsync(CancellationToken ct) =>
        await Read(async db =>
        {
            var open = new[] { OrderStatus.AwaitingApproval, OrderStatus.Approved };
            var released = new[] { OrderStatus.Rejected, OrderStatus.Cancelled };
            var rows = await (from o in db.PurchaseOrders
                              join h in db.Holds on o.Hold equals h.Id
                              where (open.Contains(o.Status) && (h.Status == HoldStatus.Expired || h.Status == HoldStatus.Voided))
                                  || (released.Contains(o.Status) && h.Status == HoldStatus.Open)
                              select new { o, h.Status })
                .ToListAsync(ct).ConfigureAwait(false);
            return (IReadOnlyList<(PurchaseOrder, HoldStatus)>)rows.Select(r => (r.o, r.Status)).ToList();
        }).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<Invoice?> InvoiceAsync(ProviderId provider, string number, CancellationToken ct) =>
        Read(db => db.Invoices.SingleOrDefaultAsync(i => i.Provider == provider && i.Number == number, ct));

    /// <inheritdoc />
    public Task<Invoice?> InvoiceForOrderAsync(PurchaseOrderId order, CancellationToken ct) =>
        Read(db => db.Invoices.SingleOrDefaultAsync(i => i.Order == order, ct));

    /// <inheritdoc />
    public Task<Hold?> HoldAsync(HoldId hold, CancellationToken ct) =>
        Read(db => db.Holds.Include(h => h.Legs).SingleOrDefaultAsync(h => h.Id == hold, ct));

    /// <inheritdoc />
    public Task<Hold?> HoldByKeyAsync(string idempotencyKey, CancellationToken ct) =>
        Read(async db =>
        {
            var id = await db.IdempotencyRecords.Where(r => r.Key == idempotencyKey).Select(r => r.Hold).SingleOrDefaultAsync(ct).ConfigureAwait(false);
            return id is { } hold ? await db.Holds.Include(h => h.Legs).SingleOrDefaultAsync(h => h.Id == hold, ct).ConfigureAwait(false) : null;
        });

    /// <inheritdoc />
    public Task<StoreWrite> SaveAsync(IEnumerable<object> added, IEnumerable<VersionedChange> changed, CancellationToken ct) => contexts.SaveAsync(added, changed, ct);

    /// <inheritdoc />
    public Task<bool> IsPeriodClosedAsync(AreaId area, LocalDate day, CancellationToken ct) =>
        Read(db => db.PeriodClosures.AnyAsync(c => c.Area == area && c.Year == day.Year && c.Month == day.Month, ct));

    /// <inheritdoc />
    public Task<PaymentRun?> RunAsync(AreaId area, LocalDate runOn, CancellationToken ct) =>
        Read(db => db.PaymentRuns.SingleOrDefaultAsync(r => r.Area == area && r.RunOn == runOn, ct));

    /// <inheritdoc />
    public Task<PaymentRun?> RunAsync(AreaId area, string reference, CancellationToken ct) =>
        Read(db => db.PaymentRuns.SingleOrDefaultAsync(r => r.Area == area && r.Reference == reference, ct));

    /// <inheritdoc />
    public Task<PaymentRun?> UnfinishedRunAsync(AreaId area, CancellationToken ct) =>
        Read(db => db.PaymentRuns.Where(r => r.Area == area && r.Status == PaymentRunStatus.Started).OrderBy(r => r.RunOn).FirstOrDefaultAsync(ct));

    /// <inheritdoc />
    public async Task<StoreWrite> StartRunAsync(PaymentRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                db.PaymentRuns.Add(run);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                // One statement claims the invoices: an invoice another run has claimed is no longer null here.
                await db.Invoices.Where(i => i.Area == run.Area && i.PaymentRun == null && i.InvoicedOn <= run.RunOn)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.PaymentRun, run.Id), ct).ConfigureAwait(false);
                // Approved claims whose payment is owed; the version moves, so a spot-check finding read before this is refused and read again.
                await db.OutcomeClaims.Where(c => c.Area == run.Area && c.PaymentRun == null && c.Status == ClaimStatus.Approved && c.PayableEntry != null
                        && c.ApprovedOn <= run.RunOn)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.PaymentRun, run.Id).SetProperty(c => c.Version, c => c.Version + 1), ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return StoreWrite.Saved;
            }
            catch (DbUpdateException)
            {
                return StoreWrite.Duplicate;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunLine>> RunLinesAsync(PaymentRunId run, CancellationToken ct) =>
        await Read(async db =>
        {
            var rows = await (from i in db.Invoices
                              where i.PaymentRun == run
                              join o in db.PurchaseOrders on i.Order equals o.Id
                              select new { i, o })
                .ToListAsync(ct).ConfigureAwait(false);
            var holds = rows.Select(r => r.o.Hold).ToList();
            var legs = await db.HoldLegs.Where(l => holds.Contains(l.Hold)).ToListAsync(ct).ConfigureAwait(false);
            var byHold = legs.ToLookup(l => l.Hold);
            return (IReadOnlyList<RunLine>)rows
                .Select(r => new RunLine(r.i, r.o, byHold[r.o.Hold].Where(l => l.Posted > 0).OrderBy(l => l.Leg).Select(l => (l.Stream, l.Posted)).ToList()))
                .ToList();
        }).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutcomeRunLine>> OutcomeRunLinesAsync(PaymentRunId run, CancellationToken ct) =>
        await Read(async db =>
        {
            var claims = await db.OutcomeClaims.Where(c => c.PaymentRun == run || c.ClawbackRun == run).ToListAsync(ct).ConfigureAwait(false);
            return (IReadOnlyList<OutcomeRunLine>)Lines(claims.Where(c => c.PaymentRun == run).Select(c => (c, false)).Concat(claims.Where(c => c.ClawbackRun == run).Select(c => (c, true))).ToList(),
                await SharesAsync(db, claims, ct).ConfigureAwait(false));
        }).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutcomeRunLine>> PendingClawbacksAsync(AreaId area, CancellationToken ct) =>
        await Read(async db =>
        {
            var claims = await db.OutcomeClaims.Where(c => c.Area == area && c.Status == ClaimStatus.ClawbackPending && c.PaymentRun != null && c.ClawbackRun == null)
                .ToListAsync(ct).ConfigureAwait(false);
            return (IReadOnlyList<OutcomeRunLine>)Lines(claims.Select(c => (c, true)).ToList(), await SharesAsync(db, claims, ct).ConfigureAwait(false));
        }).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task GatherClawbacksAsync(PaymentRunId run, IReadOnlyList<OutcomeClaim> claims, CancellationToken ct)
    {
        var ids = claims.Select(c => c.Id).ToList();
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.OutcomeClaims.Where(c => ids.Contains(c.Id) && c.Status == ClaimStatus.ClawbackPending && c.ClawbackRun == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClawbackRun, run).SetProperty(c => c.Version, c => c.Version + 1), ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task MarkClaimsPaidAsync(PaymentRunId run, ProviderId provider, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            // Only once the provider's payment is recorded: a claim is paid when the payment that pays it exists.
            if (await db.ProviderPayments.AnyAsync(p => p.Run == run && p.Provider == provider, ct).ConfigureAwait(false))
            {
                await db.OutcomeClaims.Where(c => c.PaymentRun == run && c.Provider == provider && c.Status == ClaimStatus.Approved)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClaimStatus.Paid).SetProperty(c => c.Version, c => c.Version + 1), ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task<ILookup<OutcomeClaimId, OutcomeClaimShare>> SharesAsync(LedgerDbContext db, List<OutcomeClaim> claims, CancellationToken ct)
    {
        var ids = claims.Select(c => c.Id).ToList();
        return (await db.OutcomeClaimShares.Where(s => ids.Contains(s.Claim)).ToListAsync(ct).ConfigureAwait(false)).ToLookup(s => s.Claim);
    }

    private static List<OutcomeRunLine> Lines(List<(OutcomeClaim Claim, bool Clawback)> claims, ILookup<OutcomeClaimId, OutcomeClaimShare> shares) =>
        claims.Select(c => new OutcomeRunLine(c.Claim, c.Clawback, shares[c.Claim.Id].OrderBy(s => s.Payer, StringComparer.Ordinal).Select(s => (s.Stream, s.Amount)).ToList()))
            .ToList();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProviderPayment>> PaymentsAsync(PaymentRunId run, CancellationToken ct) =>
        await Read(db => db.ProviderPayments.Where(p => p.Run == run).ToListAsync(ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PaymentRun>> RunsAsync(AreaId area, CancellationToken ct) =>
        await Read(db => db.PaymentRuns.Where(r => r.Area == area).OrderByDescending(r => r.RunOn).ToListAsync(ct)).ConfigureAwait(false);

    private Task<T> Read<T>(Func<LedgerDbContext, Task<T>> query) => contexts.ReadAsync(query);
}
