using Ledger.Application.Access;
using Ledger.Application.Audit;
using Ledger.Domain;
using Ledger.Domain.Audit;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Infrastructure.Audit;

/// <summary>Searches the audit trail: one area's entries, newest first, a page at a time.</summary>
public sealed class EfAuditStore(IDbContextFactory<LedgerDbContext> contexts) : IAuditStore
{
    /// <inheritdoc />
    public Task<Page<AuditEntry>> SearchAsync(AreaId area, AuditFilter filter, PageRequest page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        return contexts.ReadAsync(async db =>
        {
            var query = db.Set<AuditEntry>().Where(e => e.Area == area);
            if (!string.IsNullOrWhiteSpace(filter.UserName))
            {
                var who = filter.UserName.Trim();
                query = query.Where(e => e.UserName == who);
            }

            if (!string.IsNullOrWhiteSpace(filter.WhatContains))
            {
                var what = filter.WhatContains.Trim();
                query = query.Where(e => e.What.Contains(what));
            }

            if (filter.Action is { } action)
            {
                query = query.Where(e => e.Action == action);
            }

            if (filter.Start is { } start)
            {
                query = query.Where(e => e.At >= start);
            }

            if (filter.End is { } end)
            {
                query = query.Where(e => e.At < end);
            }

            var total = await query.CountAsync(ct).ConfigureAwait(false);
            var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Skip((page.Number - 1) * page.Size).Take(page.Size).ToListAsync(ct).ConfigureAwait(false);
            return new Page<AuditEntry>(items, page.Number, page.Size, total);
        });
    }
}
