using System.Globalization;
using Ledger.Domain.Budgets;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Ledger.Web.Pages;

/// <summary>A text input as the GOV.UK Design System draws it, with its label, hint and error.</summary>
/// <param name="Id">The input's id (the error summary links to it).</param>
/// <param name="Name">The form field's name.</param>
/// <param name="Label">The label.</param>
/// <param name="Value">The value to show again.</param>
/// <param name="Error">The error, if any.</param>
/// <param name="Hint">A hint under the label.</param>
/// <param name="Type">The input type ("text", "number"; a textarea with "textarea").</param>
/// <param name="Width">A GOV.UK width class, e.g. "govuk-input--width-10".</param>
public sealed record TextField(string Id, string Name, string Label, string? Value, string? Error, string? Hint = null, string Type = "text", string? Width = null);

/// <summary>A GOV.UK date input: day, month and year fields under one legend.</summary>
/// <param name="Id">The id of the day field (the error summary links to it); the others are Id-month and Id-year.</param>
/// <param name="Name">The field-name prefix: Name.Day, Name.Month, Name.Year.</param>
/// <param name="Legend">The question.</param>
/// <param name="Value">The date to show again.</param>
/// <param name="Error">The error, if any.</param>
/// <param name="Hint">A hint under the legend.</param>
public sealed record DateField(string Id, string Name, string Legend, DateParts Value, string? Error, string? Hint = null);

/// <summary>A date as typed into a GOV.UK date input: three texts, read into a date if they make one.</summary>
public sealed class DateParts
{
    /// <summary>The day typed.</summary>
    public string? Day { get; set; }

    /// <summary>The month typed.</summary>
    public string? Month { get; set; }

    /// <summary>The year typed.</summary>
    public string? Year { get; set; }

    /// <summary>The parts of <paramref name="date"/>.</summary>
    public static DateParts Of(LocalDate date) => new()
    {
        Day = date.Day.ToString(CultureInfo.InvariantCulture),
        Month = date.Month.ToString(CultureInfo.InvariantCulture),
        Year = date.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The date typed, or null when the parts do not make a real date.</summary>
    public LocalDate? ToDate()
    {
        if (!int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || y is < 1900 or > 9998 || m is < 1 or > 12 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, m))
        {
            return null;
        }

        return new LocalDate(y, m, d);
    }
}

/// <summary>A page with a form: its errors, shown in the error summary and next to their fields.</summary>
public abstract class FormPage : PageModel
{
    /// <summary>The errors to show; none when the form has not been posted or was accepted.</summary>
    public List<FieldError> Errors { get; } = [];

    /// <summary>The error for the field <paramref name="fieldId"/>, if any.</summary>
    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    /// <summary>Adds an error against a field.</summary>
    protected void AddError(string fieldId, string message) => Errors.Add(new FieldError(fieldId, message));

    /// <summary>Shows a refusal from the application against the field it is about, so nothing is written and the person can put it right.</summary>
    protected void AddError(BudgetError error, string fieldId)
    {
        ArgumentNullException.ThrowIfNull(error);
        AddError(fieldId, error.Message);
    }

    /// <summary>Marks the page as showing errors (the layout prefixes the title with "Error:").</summary>
    protected void MarkErrors() => ViewData["HasErrors"] = Errors.Count > 0;
}
