using System.Globalization;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Web.Pages.Claims;

/// <summary>How the claims pages word a claim's status and kind, and read the forms' dates.</summary>
public static class ClaimText
{
    /// <summary>The status in words.</summary>
    public static string Status(ClaimStatus status) => status switch
    {
        ClaimStatus.Draft => "Draft",
        ClaimStatus.Validated => "Waiting for audit sign-off",
        ClaimStatus.SignedOff => "Waiting for approval",
        ClaimStatus.Approved => "Approved, to be paid",
        ClaimStatus.Paid => "Paid",
        ClaimStatus.Rejected => "Rejected",
        ClaimStatus.ClawbackPending => "Found invalid: to be recovered",
        ClaimStatus.ClawedBack => "Recovered",
        _ => status.ToString(),
    };

    /// <summary>The GOV.UK tag colour for the status.</summary>
    public static string TagClass(ClaimStatus status) => status switch
    {
        ClaimStatus.Draft => "govuk-tag--grey",
        ClaimStatus.Validated or ClaimStatus.SignedOff => "govuk-tag--yellow",
        ClaimStatus.Approved => "govuk-tag--blue",
        ClaimStatus.Paid => "govuk-tag--green",
        _ => "govuk-tag--red",
    };

    /// <summary>What is claimed for: the attachment fee, an outcome, or a sustainment payment of one.</summary>
    public static string What(OutcomeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Kind switch
        {
            PaymentKind.Attachment => "Attachment fee",
            PaymentKind.Sustainment => $"{claim.Outcome}, sustainment {claim.Sustainment?.ToString(CultureInfo.InvariantCulture)}",
            _ => claim.Outcome ?? "-",
        };
    }

    /// <summary>The day from a GOV.UK date input's three fields, or null when they do not make a date.</summary>
    public static LocalDate? Date(string? day, string? month, string? year)
    {
        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100 || m is < 1 or > 12
            || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, m))
        {
            return null;
        }

        return new LocalDate(y, m, d);
    }

    /// <summary>A date as the API writes it.</summary>
    public static string Iso(LocalDate day) => LocalDatePattern.Iso.Format(day);

    /// <summary>The form field a domain refusal of a new claim is about.</summary>
    public static string FieldFor(BudgetErrorCode code) => code switch
    {
        BudgetErrorCode.UnknownContract => "contract",
        BudgetErrorCode.UnknownSubject or BudgetErrorCode.NotEnrolled => "subject",
        BudgetErrorCode.UnknownOutcome or BudgetErrorCode.OutcomeNotOnCard => "outcome",
        BudgetErrorCode.InvalidDates => "achieved-on-day",
        _ => "contract",
    };
}

/// <summary>A GOV.UK date input: three fields under one legend.</summary>
/// <param name="Id">The id prefix; the day field is <c>{Id}-day</c>.</param>
/// <param name="Name">The form name prefix: <c>{Name}Day</c>, <c>{Name}Month</c>, <c>{Name}Year</c>.</param>
/// <param name="Legend">The question.</param>
/// <param name="Hint">An example.</param>
/// <param name="Error">The field's error, if any.</param>
/// <param name="Day">The day entered.</param>
/// <param name="Month">The month entered.</param>
/// <param name="Year">The year entered.</param>
public sealed record DateField(string Id, string Name, string Legend, string Hint, string? Error, string? Day, string? Month, string? Year);

/// <summary>A table of claims with its caption.</summary>
/// <param name="Caption">What the table lists.</param>
/// <param name="Claims">The claims.</param>
public sealed record ClaimTable(string Caption, IReadOnlyList<Application.Outcomes.ClaimView> Claims);
