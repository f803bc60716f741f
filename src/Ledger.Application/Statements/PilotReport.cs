using System.Globalization;
using Ledger.Domain;
using NodaTime;

namespace Ledger.Application.Statements;

/// <summary>A calendar quarter: Q1 is January–March, Q2 April–June, Q3 July–September, Q4 October–December.</summary>
/// <param name="Year">The calendar year.</param>
/// <param name="Number">1–4.</param>
public sealed record PilotQuarter(int Year, int Number)
{
    /// <summary>The quarter's first month.</summary>
    public YearMonth Start => new(Year, ((Number - 1) * 3) + 1);

    /// <summary>The first day.</summary>
    public LocalDate From => Start.OnDayOfMonth(1);

    /// <summary>The last day.</summary>
    public LocalDate To => From.PlusMonths(3).PlusDays(-1);

    /// <summary>"2026-Q3".</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}");

    /// <summary>The quarter before this one.</summary>
    public PilotQuarter Before() => Number == 1 ? new PilotQuarter(Year - 1, 4) : new PilotQuarter(Year, Number - 1);

    /// <summary>The quarter containing <paramref name="day"/>.</summary>
    public static PilotQuarter Containing(LocalDate day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    /// <summary>Reads "YYYY-Qn" (years 1900 to 9998); null when it is not one.</summary>
    public static PilotQuarter? Parse(string? text)
    {
        // Not 9999: the quarter's last day is found from the month after it, which 9999-Q4 does not have (the API fuzz's
        // GET /reports/pilot/9999-Q4.pdf was a 500 from a calendar overflow).
        if (text is not { Length: 7 } || char.ToUpperInvariant(text[5]) != 'Q' || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || text[6] is < '1' or > '4' || year is < 1900 or > 9998)
        {
            return null;
        }

        return new PilotQuarter(year, text[6] - '0');
    }
}

/// <summary>Small-number suppression (DOMAIN.md §3.5, §3.6): a count of 1–4 people is shown as "&lt;5", and figures derived from it are withheld.</summary>
public static class Suppression
{
    /// <summary>The smallest count shown.</summary>
    public const int Threshold = 5;

    /// <summary>True when a count must not be shown (1–4; zero is shown).</summary>
    public static bool Hides(int count) => count is > 0 and < Threshold;

    /// <summary>The count as it may be published.</summary>
    public static string Show(int count) => Hides(count) ? "<5" : count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A total of counts as it may be published: withheld ("*") when a part is hidden, since the total less the shown parts would reveal it.</summary>
    public static string ShowTotal(IEnumerable<int> parts)
    {
        var list = parts.ToList();
        return list.Any(Hides) ? "*" : Show(list.Sum());
    }
}

/// <summary>Spend from one funding stream in the quarter.</summary>
/// <param name="Stream">The stream's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Invoices">Invoices settled in the quarter from this stream.</param>
/// <param name="Outcomes">Its share of outcome payments approved in the quarter.</param>
public sealed record PilotStreamSpend(string Stream, string Name, Money Invoices, Money Outcomes)
{
    /// <summary>Invoices + outcome payments.</summary>
    public Money Total => Invoices + Outcomes;
}

/// <summary>One difficulty band of the creaming/parking monitor: people enrolled by the end of the quarter, by the sum of their enrolment difficulty factors.</summary>
/// <param name="Band">"0–1", "2–3", "4+".</param>
/// <param name="Enrolled">Enrolments in the band (all enrolled by the end of the quarter).</param>
/// <param name="Achieved">Of them, with at least one outcome approved by the end of the quarter (not clawed back).</param>
/// <param name="NeverClaimed">Of them, never claimed for (no outcome claim at all).</param>
/// <param name="Paid">Outcome payments (excluding attachment fees) approved for them by the end of the quarter, not clawed back.</param>
/// <param name="MedianDaysToClaim">Median days from enrolment to the first outcome claim, for those claimed for.</param>
/// <param name="Withheld">True for a line summing bands of which one hides a count (the sum less the shown bands would reveal it): nothing of it is published.</param>
public sealed record DifficultyBandLine(string Band, int Enrolled, int Achieved, int NeverClaimed, Money Paid, int? MedianDaysToClaim, bool Withheld = false)
{
    /// <summary>True when one of the line's counts is hidden.</summary>
    public bool HidesACount => Suppression.Hides(Enrolled) || Suppression.Hides(Achieved) || Suppression.Hides(NeverClaimed);

    /// <summary>The share achieving an outcome, withheld when either count is 1–4.</summary>
    public decimal? ShareAchieved => Withheld || Enrolled == 0 || Suppression.Hides(Enrolled) || Suppression.Hides(Achieved) || Suppression.Hides(Enrolled - Achieved)
        ? null
        : Math.Round((decimal)Achieved / Enrolled, 3);

    /// <summary>Outcome payments per person enrolled, withheld when fewer than 5 are enrolled.</summary>
    public Money? PaidPerEnrolment => Withheld || Enrolled == 0 || Suppression.Hides(Enrolled) ? null : Money.FromPence(Paid.Pence / Enrolled);

    /// <summary>The median days to claim, withheld when fewer than 5 were claimed for.</summary>
    public int? MedianDaysToClaimShown => Withheld || Suppression.Hides(Enrolled - NeverClaimed) ? null : MedianDaysToClaim;
}

/// <summary>Planned vs actual outcome payments for one outcome: claims submitted in the quarter.</summary>
/// <param name="Outcome">The outcome's code.</param>
/// <param name="Claims">Claims submitted in the quarter (not drafts, not rejected).</param>
/// <param name="Planned">What they were validated at.</param>
/// <param name="Approved">Of that, approved (by the report's last day).</param>
/// <param name="Paid">Of that, paid by a payment run and not clawed back.</param>
public sealed record PlannedActualLine(string Outcome, int Claims, Money Planned, Money Approved, Money Paid);

/// <summary>The estimated social value of outcomes approved in the quarter, by the agency whose costs fall (R22).</summary>
/// <param name="Agency">The agency's code ("none recorded" when the catalogue has no estimate).</param>
/// <param name="Outcomes">Outcome payments counted.</param>
/// <param name="CostAvoidance">Estimated costs avoided that are not cashable.</param>
/// <param name="Cashable">Estimated cashable savings.</param>
public sealed record AgencyValueLine(string Agency, int Outcomes, Money CostAvoidance, Money Cashable);

/// <summary>
/// The quarterly pilot report for one area (DOMAIN.md §3.5): who was supported, spend by stream, category
/// and provider sector, spend per person, time to service, outcomes and cost per outcome, the
/// creaming/parking monitor by difficulty band with the worst-off tail, planned vs actual outcome
/// payments, and cost avoidance vs cashable savings by agency. Spend is invoices settled (dated) in the
/// quarter plus outcome payments (attachment fees, outcomes, sustainments) approved in the quarter. All
/// counts of people are published through <see cref="Suppression"/>.
/// </summary>
/// <param name="Area">The area's code.</param>
/// <param name="AreaName">Its name.</param>
/// <param name="Quarter">The quarter.</param>
/// <param name="Streams">Spend by funding stream, largest first.</param>
/// <param name="ByCategory">Spend by service category (invoices), then outcome payments as one line.</param>
/// <param name="BySector">Spend by provider sector (invoices and outcome payments).</param>
/// <param name="Children">Children with spend in the quarter.</param>
/// <param name="Families">Families (households) with spend in the quarter.</param>
/// <param name="DaysToService">Days from need identified to service started, for each order whose service started in the quarter, ascending.</param>
/// <param name="OutcomesPaid">Outcome and sustainment payments approved in the quarter and not clawed back.</param>
/// <param name="OutcomesAmount">Their amount.</param>
/// <param name="ClawedBack">Outcome payments approved in the quarter and since clawed back (not counted above).</param>
/// <param name="Bands">The creaming/parking monitor, lowest band first.</param>
/// <param name="PlannedActual">Planned vs actual outcome payments by outcome.</param>
/// <param name="Agencies">Social value by agency.</param>
public sealed record PilotReport(string Area, string AreaName, PilotQuarter Quarter, IReadOnlyList<PilotStreamSpend> Streams,
    IReadOnlyList<(string Category, Money Amount)> ByCategory, IReadOnlyList<(string Sector, Money Amount)> BySector, int Children, int Families,
    IReadOnlyList<int> DaysToService, int OutcomesPaid, Money OutcomesAmount, int ClawedBack, IReadOnlyList<DifficultyBandLine> Bands,
    IReadOnlyList<PlannedActualLine> PlannedActual, IReadOnlyList<AgencyValueLine> Agencies)
{
    /// <summary>The bands: factor sums 0–1, 2–3 and 4 or more.</summary>
    public static IReadOnlyList<string> BandNames { get; } = ["0–1", "2–3", "4+"];

    /// <summary>The band of a sum of difficulty factors.</summary>
    public static int BandOf(int factorSum) => factorSum <= 1 ? 0 : factorSum <= 3 ? 1 : 2;

    /// <summary>True when the quarter has anything to report.</summary>
    public bool HasData => TotalSpend != Money.Zero || DaysToService.Count > 0 || Bands.Any(b => b.Enrolled > 0) || PlannedActual.Count > 0 || ClawedBack > 0;

    /// <summary>Invoices settled in the quarter.</summary>
    public Money Invoiced => Streams.Aggregate(Money.Zero, (sum, s) => sum + s.Invoices);

    /// <summary>Outcome payments (including attachment fees) approved in the quarter.</summary>
    public Money OutcomePayments => Streams.Aggregate(Money.Zero, (sum, s) => sum + s.Outcomes);

    /// <summary>All spend in the quarter.</summary>
    public Money TotalSpend => Invoiced + OutcomePayments;

    /// <summary>Children and families with spend.</summary>
    public int People => Children + Families;

    /// <summary>Spend per child or family supported; withheld when fewer than 5, or when the children or the families are (total spend ÷ it would reveal the other).</summary>
    public Money? SpendPerPerson => People == 0 || Suppression.Hides(People) || Suppression.Hides(Children) || Suppression.Hides(Families) ? null : Money.FromPence(TotalSpend.Pence / People);

    /// <summary>Median days to service (nearest rank); withheld when fewer than 5 services started.</summary>
    public int? MedianDaysToService => Percentile(50);

    /// <summary>90th percentile days to service (nearest rank); withheld when fewer than 5 services started.</summary>
    public int? Percentile90DaysToService => Percentile(90);

    /// <summary>All spend in the quarter per outcome paid; withheld when fewer than 5 outcomes.</summary>
    public Money? CostPerOutcome => OutcomesPaid == 0 || Suppression.Hides(OutcomesPaid) ? null : Money.FromPence(TotalSpend.Pence / OutcomesPaid);

    /// <summary>The worst-off tail: the highest band.</summary>
    public DifficultyBandLine Tail => Bands[^1];

    /// <summary>Every band but the highest, together.</summary>
    public DifficultyBandLine Rest => new("0–3", Bands.Take(Bands.Count - 1).Sum(b => b.Enrolled), Bands.Take(Bands.Count - 1).Sum(b => b.Achieved),
        Bands.Take(Bands.Count - 1).Sum(b => b.NeverClaimed), Bands.Take(Bands.Count - 1).Aggregate(Money.Zero, (s, b) => s + b.Paid), null,
        Bands.Take(Bands.Count - 1).Any(b => b.HidesACount));

    /// <summary>The nearest-rank percentile of <see cref="DaysToService"/>: the value at rank ⌈p/100 × n⌉.</summary>
    public int? Percentile(int p)
    {
        if (DaysToService.Count == 0 || Suppression.Hides(DaysToService.Count))
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * DaysToService.Count);
        return DaysToService[Math.Max(rank, 1) - 1];
    }
}

/// <summary>Reads pilot reports from the ledger.</summary>
public interface IPilotReportQueries
{
    /// <summary>The report for one area and calendar quarter (1–4); null when there is no such area. A quarter with no data gives a report whose <see cref="PilotReport.HasData"/> is false.</summary>
    Task<PilotReport?> PilotReportAsync(string areaCode, int year, int quarter, CancellationToken ct);

    /// <summary>The report of every area for the quarter, from one snapshot, ordered by area code (for comparing areas).</summary>
    Task<IReadOnlyList<PilotReport>> CompareAreasAsync(int year, int quarter, CancellationToken ct);
}
