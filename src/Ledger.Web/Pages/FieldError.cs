namespace Ledger.Web.Pages;

/// <summary>A form error: shown in the error summary, linked to its field, and again next to the field.</summary>
/// <param name="FieldId">The id of the input it is about.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record FieldError(string FieldId, string Message);
