namespace Ledger.Domain;

/// <summary>
/// Short identifiers used in account names (area codes, owner references, stream codes):
/// 1–64 characters of letters, digits, '-', '_' and '.'. They must never contain personal
/// details: an owner is a pseudonymous reference, never a name.
/// </summary>
public static class Code
{
    /// <summary>The longest code accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>True when <paramref name="value"/> is a valid code.</summary>
    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Returns <paramref name="value"/> or throws when it is not a valid code.</summary>
    /// <exception cref="ArgumentException">The value is not a valid code.</exception>
    public static string Require(string? value, string paramName) =>
        IsValid(value)
            ? value!
            : throw new ArgumentException(
                $"'{value}' is not a valid code (1–{MaxLength} letters, digits, '-', '_' or '.').", paramName);
}
