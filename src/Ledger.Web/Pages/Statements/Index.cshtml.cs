using Ledger.Application.Access;
using Ledger.Application.Statements;
using Ledger.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Web.Pages.Statements;

/// <summary>Statements and pilot reports to download: every budget, provider, pool and partner statement of the area for a month.</summary>
public sealed class IndexModel(StatementsWorkspace statements, IClock clock) : PageModel
{
    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    /// <summary>The month shown.</summary>
    public YearMonth Month { get; private set; }

    /// <summary>The months to choose from: this one and the previous 23.</summary>
    public IReadOnlyList<YearMonth> Months { get; private set; } = [];

    /// <summary>What may be downloaded for the month.</summary>
    public StatementChoices Choices { get; private set; } = null!;

    /// <summary>Whether the month has not ended (statements are to date).</summary>
    public bool ToDate { get; private set; }

    /// <summary>The pilot reports to choose from: the last eight quarters that have ended.</summary>
    public IReadOnlyList<PilotQuarter> Quarters { get; private set; } = [];

    /// <summary>The month's value for the chooser.</summary>
    public static string Format(YearMonth month) => MonthPattern.Format(month);

    /// <summary>Loads the choices for the month asked for (this month by default).</summary>
    public async Task<IActionResult> OnGetAsync(string? month, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor || !AccessRules.MayReadAreaStatements(actor))
        {
            return Forbid();
        }

        var today = London.Today(clock);
        var thisMonth = today.ToYearMonth();
        Month = month is not null && MonthPattern.Parse(month) is { Success: true } parsed && parsed.Value <= thisMonth ? parsed.Value : thisMonth;
        Months = Enumerable.Range(0, 24).Select(i => thisMonth.OnDayOfMonth(1).PlusMonths(-i).ToYearMonth()).ToList();
        var quarter = PilotQuarter.Containing(today);
        Quarters = Enumerable.Range(0, 8).Select(_ => quarter = quarter.Before()).ToList();
        var choices = await statements.ChoicesAsync(actor, Month, ct);
        if (!choices.Succeeded)
        {
            return Forbid();
        }

        Choices = choices.Value!;
        ToDate = Month == thisMonth;
        return Page();
    }
}
