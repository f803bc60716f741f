using Ledger.Infrastructure.Identity;

namespace Ledger.Web.Pages.Admin;

/// <summary>A GOV.UK text input with its label, hint and error, drawn by <c>_TextField.cshtml</c>.</summary>
/// <param name="Id">The input's id (the error summary links to it).</param>
/// <param name="Name">The form field's name (the bound property).</param>
/// <param name="Label">The label's text.</param>
/// <param name="Value">The value to show again.</param>
/// <param name="Error">The field's error, if any.</param>
/// <param name="Hint">A hint under the label, if any.</param>
/// <param name="Type">The input type.</param>
/// <param name="Autocomplete">The autocomplete token.</param>
public sealed record TextField(string Id, string Name, string Label, string? Value, string? Error, string? Hint = null, string Type = "text",
    string Autocomplete = "off");

/// <summary>What the administration pages share: the field ids of a user's form and how a service's field errors map to them.</summary>
internal static class AdminForm
{
    /// <summary>The input id for a <see cref="NewUser"/> or <see cref="UserChange"/> property.</summary>
    public static string FieldId(string property) => property switch
    {
        nameof(NewUser.UserName) => "user-name",
        nameof(NewUser.DisplayName) => "display-name",
        nameof(NewUser.Role) => "role",
        nameof(NewUser.AreaCode) => "area",
        nameof(NewUser.PractitionerCode) => "practitioner-code",
        nameof(NewUser.ProviderCode) => "provider-code",
        nameof(NewUser.Password) => "password",
        _ => "user-name",
    };

    /// <summary>The service's field errors as the page's, one per field (the first), in the form's order.</summary>
    public static IReadOnlyList<FieldError> Errors(IEnumerable<UserFieldError> fields)
    {
        string[] order = ["user-name", "display-name", "role", "area", "practitioner-code", "provider-code", "password"];
        return fields.Select(f => new FieldError(FieldId(f.Field), f.Message)).GroupBy(e => e.FieldId).Select(g => g.First())
            .OrderBy(e => Array.IndexOf(order, e.FieldId)).ToList();
    }

    /// <summary>The error for a field, if any.</summary>
    public static string? For(IReadOnlyList<FieldError> errors, string fieldId) => errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;
}
