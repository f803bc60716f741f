using Ledger.Application.Outcomes;
using Ledger.Application.Statements;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Outcomes;
using Ledger.Domain.People;
using Ledger.Domain.Purchasing;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Statements;

/// <summary>
/// Pilot reports from one database snapshot. Invoice spend by stream is read from the settlement entries'
/// postings to the provider payable accounts; outcome payments by stream from each claim's payers' shares.
/// </summary>
public sealed class EfPilotReportQueries(IDbContextFactory<LedgerDbContext> contexts) : IPilotReportQueries
{
    /// <inheritdoc />
    public async Task<PilotReport?> PilotReportAsync(string areaCode, int year, int quarter, CancellationToken ct)
    {
        var q = Quarter(year, quarter);
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await using var snapshot = await Snapshot.BeginAsync(db, ct).ConfigureAwait(false);
            var area = await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == areaCode, ct).ConfigureAwait(false);
            return area is null ? null : await BuildAsync(db, area, q, await CatalogueAsync(db, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PilotReport>> CompareAreasAsync(int year, int quarter, CancellationToken ct)
    {
        var q = Quarter(year, quarter);
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await using var snapshot = await Snapshot.BeginAsync(db, ct).ConfigureAwait(false);
            var catalogue = await CatalogueAsync(db, ct).ConfigureAwait(false);
            var reports = new List<PilotReport>();
            foreach (var area in (await db.Areas.AsNoTracking().ToListAsync(ct).ConfigureAwait(false)).OrderBy(a => a.Code, StringComparer.Ordinal))
            {
                reports.Add(await BuildAsync(db, area, q, catalogue, ct).ConfigureAwait(false));
            }

            return reports;
        }
    }

    private static PilotQuarter Quarter(int year, int quarter) =>
        quarter is >= 1 and <= 4 && year is >= 1900 and <= 9999 ? new PilotQuarter(year, quarter) : throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1–4.");

    private static async Task<Dictionary<string, OutcomeDefinition>> CatalogueAsync(LedgerDbContext db, CancellationToken ct)
    {
        var stored = await db.Outcomes.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        return stored.SelectMany(s => OutcomeCatalogueJson.Read(s.Json).Value ?? []).GroupBy(o => o.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    private static async Task<PilotReport> BuildAsync(LedgerDbContext db, Area area, PilotQuarter q, Dictionary<string, OutcomeDefinition> catalogue, CancellationToken ct)
    {
        var (first, last) = (q.From, q.To);
        var streams = await db.FundingStreams.AsNoTracking().ToDictionaryAsync(s => s.Id, ct).ConfigureAwait(false);
        var providers = await db.Providers.AsNoTracking().Where(p => p.Area == area.Id).ToDictionaryAsync(p => p.Id, p => p.Sector, ct).ConfigureAwait(false);

        // Invoices settled in the quarter, and how each settlement split across streams (credits to the payable accounts, stored negative).
        var invoices = await (from i in db.Invoices.AsNoTracking()
                              where i.Area == area.Id && i.InvoicedOn >= first && i.InvoicedOn <= last
                              join o in db.PurchaseOrders.AsNoTracking() on i.Order equals o.Id
                              select new { i.Amount, i.SettlementEntry, i.Provider, o.Category, o.Subject }).ToListAsync(ct).ConfigureAwait(false);
        var entries = invoices.Select(i => i.SettlementEntry).ToList();
        var settled = await (from p in db.Postings.AsNoTracking()
                             where entries.Contains(p.Entry)
                             join a in db.Accounts.AsNoTracking() on p.Account equals a.Id
                             where a.Kind == AccountKind.ProviderPayable
                             select new { p.Stream, p.Amount }).ToListAsync(ct).ConfigureAwait(false);

        // Outcome payments approved in the quarter (every claim of the area is read: the monitor looks at enrolments to date).
        var claims = await db.OutcomeClaims.AsNoTracking().Where(c => c.Area == area.Id).ToListAsync(ct).ConfigureAwait(false);
        var approved = claims.Where(c => c.PayableEntry != null && c.ApprovedOn >= first && c.ApprovedOn <= last).ToList();
        var approvedIds = approved.Select(c => c.Id).ToList();
        var shares = await db.OutcomeClaimShares.AsNoTracking().Where(s => approvedIds.Contains(s.Claim)).Select(s => new { s.Stream, s.Amount })
            .ToListAsync(ct).ConfigureAwait(false);

        var byStream = settled.Select(s => (s.Stream, Invoice: -s.Amount, Outcome: 0L)).Concat(shares.Select(s => (s.Stream, Invoice: 0L, Outcome: s.Amount)))
            .GroupBy(s => s.Stream)
            .Select(g => new PilotStreamSpend(streams[g.Key].Code, streams[g.Key].Name, Money.FromPence(g.Sum(x => x.Invoice)), Money.FromPence(g.Sum(x => x.Outcome))))
            .OrderByDescending(s => s.Total.Pence).ThenBy(s => s.Stream, StringComparer.Ordinal).ToList();

        var byCategory = invoices.GroupBy(i => i.Category).Select(g => (Category: Vocabulary(g.Key.ToString()), Amount: Money.FromPence(g.Sum(i => i.Amount))))
            .OrderByDescending(c => c.Amount.Pence).ThenBy(c => c.Category, StringComparer.Ordinal).ToList();
        if (approved.Count > 0)
        {
            byCategory.Add(("outcome payments (payment by results)", Money.FromPence(approved.Sum(c => c.Amount))));
        }

        var bySector = invoices.Select(i => (Sector: providers[i.Provider], i.Amount)).Concat(approved.Select(c => (Sector: providers[c.Provider], c.Amount)))
            .GroupBy(x => x.Sector).Select(g => (Sector: SectorText(g.Key), Amount: Money.FromPence(g.Sum(x => x.Amount))))
            .OrderByDescending(s => s.Amount.Pence).ThenBy(s => s.Sector, StringComparer.Ordinal).ToList();

        var supported = invoices.Select(i => i.Subject).Concat(approved.Select(c => c.Subject)).Distinct().ToList();
        var kinds = await db.Subjects.AsNoTracking().Where(s => supported.Contains(s.Id)).Select(s => s.Kind).ToListAsync(ct).ConfigureAwait(false);

        // Time to service: orders whose service started in the quarter.
        var started = await db.PurchaseOrders.AsNoTracking().Where(o => o.Area == area.Id && o.ServiceStartedOn >= first && o.ServiceStartedOn <= last)
            .Select(o => new { o.NeedIdentifiedOn, o.ServiceStartedOn }).ToListAsync(ct).ConfigureAwait(false);
        var days = started.Select(o => Period.Between(o.NeedIdentifiedOn, o.ServiceStartedOn!.Value, PeriodUnits.Days).Days).Order().ToList();

        static bool Kept(OutcomeClaim c) => c.Status is not (ClaimStatus.ClawbackPending or ClaimStatus.ClawedBack);
        var outcomes = approved.Where(c => c.Kind != PaymentKind.Attachment && Kept(c)).ToList();

        // The creaming/parking monitor: everyone enrolled by the end of the quarter, by the sum of their difficulty factors.
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.Area == area.Id && e.EnrolledOn <= last).ToListAsync(ct).ConfigureAwait(false);
        var claimsByEnrolment = claims.Where(c => c.Kind != PaymentKind.Attachment).ToLookup(c => c.Enrolment);
        var bands = enrolments
            .Select(e =>
            {
                var mine = claimsByEnrolment[e.Id].ToList();
                var claimed = mine.Where(c => c.ClaimedOn is { } on && on <= last).ToList();
                var achieved = mine.Where(c => c.CountsAsPaid && c.ApprovedOn is { } on && on <= last).ToList();
                var f = e.Factors;
                return new
                {
                    Band = PilotReport.BandOf(f.YearsInCare + f.RiskFactors + f.DisabilitySeverity + f.PreviousExclusions),
                    Claimed = claimed.Count > 0,
                    Achieved = achieved.Count > 0,
                    Paid = achieved.Sum(c => c.Amount),
                    DaysToClaim = claimed.Count > 0 ? Period.Between(e.EnrolledOn, claimed.Min(c => c.ClaimedOn!.Value), PeriodUnits.Days).Days : (int?)null,
                };
            })
            .ToList();
        var bandLines = PilotReport.BandNames.Select((name, band) =>
            {
                var inBand = bands.Where(b => b.Band == band).ToList();
                var waits = inBand.Where(b => b.DaysToClaim is not null).Select(b => b.DaysToClaim!.Value).Order().ToList();
                return new DifficultyBandLine(name, inBand.Count, inBand.Count(b => b.Achieved), inBand.Count(b => !b.Claimed), Money.FromPence(inBand.Sum(b => b.Paid)),
                    waits.Count == 0 ? null : waits[(int)Math.Ceiling(waits.Count / 2.0) - 1]);
            })
            .ToList();

        // Planned (validated) vs actual (approved, paid) outcome payments for claims submitted in the quarter.
        var planned = claims.Where(c => c.Kind != PaymentKind.Attachment && c.ClaimedOn >= first && c.ClaimedOn <= last && c.Status is not (ClaimStatus.Draft or ClaimStatus.Rejected))
            .GroupBy(c => c.Outcome ?? "?", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PlannedActualLine(g.Key, g.Count(), Money.FromPence(g.Sum(c => c.Amount)), Money.FromPence(g.Where(c => c.ApprovedOn is not null).Sum(c => c.Amount)),
                Money.FromPence(g.Where(c => c.PaymentRun is not null && c.Status == ClaimStatus.Paid).Sum(c => c.Amount))))
            .ToList();

        // Social value (as OutcomeReports.SocialValueAsync): outcome claims approved in the quarter and counting as paid, valued from the catalogue.
        var agencies = approved.Where(c => c.Kind == PaymentKind.Outcome && c.CountsAsPaid)
            .Select(c => catalogue.GetValueOrDefault(c.Outcome!)?.SocialValue)
            .GroupBy(v => v is null || v.Agency.Length == 0 ? "none recorded" : v.Agency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgencyValueLine(g.Key, g.Count(), Money.FromPence(g.Where(v => v is { Cashable: false }).Sum(v => v!.CostAvoided.Pence)),
                Money.FromPence(g.Where(v => v is { Cashable: true }).Sum(v => v!.CostAvoided.Pence))))
            .ToList();

        return new PilotReport(area.Code, area.Name, q, byStream, byCategory, bySector, kinds.Count(k => k == SubjectKind.Child), kinds.Count(k => k == SubjectKind.Family),
            days, outcomes.Count, Money.FromPence(outcomes.Sum(c => c.Amount)), approved.Count(c => !Kept(c)), bandLines, planned, agencies);
    }

    private static string SectorText(ProviderSector sector) => sector switch
    {
        ProviderSector.InHouse => "in-house",
        _ => sector.ToString().ToLowerInvariant(),
    };

    private static string Vocabulary(string name) => System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])([A-Z])", " $1").ToLowerInvariant();
}
