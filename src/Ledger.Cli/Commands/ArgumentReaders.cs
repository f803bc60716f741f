using System.Security.Cryptography;
using System.Text;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Cli.Commands;

/// <summary>
/// Reading and checking command-line options, shared by every command so each kind of value is
/// parsed and explained the same way: a bad value is a usage error (exit 2) before anything is written.
/// </summary>
internal static class ArgumentReaders
{
    /// <summary>The sub-command word (e.g. "add"); anything else is a usage error.</summary>
    public static string Sub(Arguments args, string usage, params string[] allowed) =>
        args.Positional.Count == 1 && allowed.Contains(args.Positional[0], StringComparer.Ordinal)
            ? args.Positional[0]
            : throw new UsageException($"usage: {usage}");

    /// <summary>The value of a service's result, or its refusal as one line with the stable code.</summary>
    public static T Check<T>(Result<T> result) =>
        result.Succeeded ? result.Value! : throw new UsageException($"{result.Error!.Code}: {OneLine(result.Error.Message)}");

    /// <summary>Text on one line.</summary>
    public static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>A required code (area, stream, provider, reference…).</summary>
    public static string CodeArg(Arguments args, string name)
    {
        var value = args.Require(name);
        return Code.IsValid(value)
            ? value
            : throw new UsageException($"--{name} must be a code of 1–{Code.MaxLength} letters, digits, '-', '_' or '.'; '{value}' was given");
    }

    /// <summary>Required free text of 1 to <paramref name="max"/> characters.</summary>
    public static string Text(Arguments args, string name, int max)
    {
        var value = args.Require(name);
        return string.IsNullOrWhiteSpace(value) || value.Length > max
            ? throw new UsageException($"--{name} must be 1–{max} characters")
            : value;
    }

    /// <summary>
    /// A file or folder path given as <c>--name</c>: not blank and free of characters no path may hold, so the file system is
    /// never handed one it throws on (the argument fuzz found <c>--file ""</c> and <c>--file</c> with a NUL ending in an
    /// unhandled ArgumentException and a stack trace).
    /// </summary>
    public static string PathArg(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) || text.IndexOfAny(Path.GetInvalidPathChars()) >= 0
            ? throw new UsageException($"--{name} must be a path; '{OneLine(text ?? string.Empty).Replace("\0", "\\0", StringComparison.Ordinal)}' was given")
            : text;

    /// <summary>A required amount in pounds with at most two decimals.</summary>
    public static Money MoneyArg(Arguments args, string name, bool allowZero = false)
    {
        var text = args.Require(name);
        return Money.TryParse(text, out var money) && (money.IsPositive || (allowZero && money.IsZero))
            ? money
            : throw new UsageException($"--{name} must be {(allowZero ? "zero or more" : "above zero")}, in pounds with at most two decimals such as 100.00; '{text}' was given");
    }

    /// <summary>A required ISO date, yyyy-MM-dd.</summary>
    public static LocalDate DateArg(Arguments args, string name)
    {
        var text = args.Require(name);
        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success && text.Length == 10
            ? parsed.Value
            : throw new UsageException($"--{name} must be a date such as 2026-04-01; '{text}' was given");
    }

    /// <summary>A required financial year such as 2026/27.</summary>
    public static FinancialYear YearArg(Arguments args, string name)
    {
        var text = args.Require(name);
        return FinancialYear.TryParse(text, out var year)
            ? year
            : throw new UsageException($"--{name} must be a financial year such as 2026/27; '{text}' was given");
    }

    /// <summary>An enum value by its exact name (case-insensitive); numbers are refused.</summary>
    public static T EnumArg<T>(Arguments args, string name)
        where T : struct, Enum
    {
        var text = args.Require(name);
        return ParseEnum<T>(text) ?? throw new UsageException($"--{name} must be one of {string.Join('|', Enum.GetNames<T>())}; '{text}' was given");
    }

    /// <summary>An enum value by name, or null.</summary>
    public static T? ParseEnum<T>(string text)
        where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } found ? Enum.Parse<T>(found) : null;

    /// <summary>"any" for no restriction, or a comma-separated list of names.</summary>
    public static HashSet<T> EnumSet<T>(Arguments args, string name)
        where T : struct, Enum
    {
        var text = args.Require(name);
        if (string.Equals(text.Trim(), "any", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var set = new HashSet<T>();
        foreach (var part in text.Split(','))
        {
            if (ParseEnum<T>(part) is not { } value || !set.Add(value))
            {
                throw new UsageException($"--{name} must be 'any' or distinct names from {string.Join(',', Enum.GetNames<T>())}; '{text}' was given");
            }
        }

        return set;
    }

    /// <summary>One of a few words, each standing for a value.</summary>
    public static T Choice<T>(Arguments args, string name, params (string Word, T Value)[] choices)
    {
        var text = args.Require(name);
        foreach (var (word, value) in choices)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new UsageException($"--{name} must be {string.Join(" or ", choices.Select(c => c.Word))}; '{text}' was given");
    }

    /// <summary>
    /// The idempotency key: --key when given, else "cli:{what}:" and a hash of the parsed request, so
    /// the same command (however its amounts are spelled) gets the same key and never pays twice.
    /// </summary>
    public static string KeyArg(Arguments args, string what, params string[] parts) => KeyArg(args, LedgerCommand.MaxKeyLength, what, parts);

    /// <summary>As <see cref="KeyArg(Arguments, string, string[])"/>, with a shorter limit for keys the service extends.</summary>
    public static string KeyArg(Arguments args, int max, string what, params string[] parts)
    {
        if (args.Get("key") is { } key)
        {
            return string.IsNullOrWhiteSpace(key) || key.Length > max
                ? throw new UsageException($"--key must be 1–{max} characters")
                : key;
        }

        var canonical = string.Join('\u001f', parts);
        return $"cli:{what}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..32]}";
    }
}
