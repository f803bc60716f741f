using System.Globalization;
using Ledger.Application.Outcomes;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using static Ledger.Cli.Commands.ArgumentReaders;

namespace Ledger.Cli.Commands;

/// <summary>
/// Payment-by-results rate cards from the command line (R15–R19): list the shipped cards, check a
/// card file, and price a payment with its working shown line by line. Reads only; writes nothing.
/// </summary>
internal static class RateCardCommands
{
    public static Task<int> RunAsync(Arguments args, TextWriter output) =>
        Sub(args, "ratecard list | ratecard check --file F | ratecard quote (--file F | --card NAME) --kind attachment|outcome|sustainment ...",
            "list", "check", "quote") switch
        {
            "list" => ListAsync(args, output),
            "check" => CheckAsync(args, output),
            _ => QuoteAsync(args, output),
        };

    private static async Task<int> ListAsync(Arguments args, TextWriter output)
    {
        args.AllowOnly();
        foreach (var (file, json) in RateCardJson.Shipped())
        {
            var card = Check(RateCardJson.Read(json));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{file,-40} {card.Code} v{card.Version}, contract {card.Contract}, cohort {card.Cohort}, from {card.EffectiveFrom:uuuu-MM-dd}"
                + $"{(card.EffectiveTo is { } to ? $" to {to:uuuu-MM-dd}" : string.Empty)}; {card.Outcomes.Count} outcome(s)"));
        }

        return CliApp.Ok;
    }

    private static async Task<int> CheckAsync(Arguments args, TextWriter output)
    {
        args.AllowOnly("file");
        var card = Check(RateCardJson.Read(ReadFile(args.Require("file"))));
        await output.WriteLineAsync($"rate card {card.Code} v{card.Version} is valid: contract {card.Contract}, cohort {card.Cohort}");
        await output.WriteLineAsync($"  attachment {card.AttachmentFee}; {card.Outcomes.Count} outcome(s); {card.Sustainments.Count} sustainment payment(s); "
            + $"cap per participant {card.CapPerParticipant?.ToString() ?? "none"}; {card.Stacking.ToString().ToLowerInvariant()} stacking");
        await output.WriteLineAsync("  payers: " + string.Join(", ", card.CoPayers.Select(c => $"{c.Stream} {c.Percent.ToString("0.##", CultureInfo.InvariantCulture)}%")));
        return CliApp.Ok;
    }

    private static async Task<int> QuoteAsync(Arguments args, TextWriter output)
    {
        args.AllowOnly("file", "card", "kind", "outcome", "factors", "paid", "paid-outcomes");
        var json = (args.Get("file"), args.Get("card")) switch
        {
            ({ } file, null) => ReadFile(file),
            (null, { } name) => RateCardJson.Shipped().TryGetValue(name, out var shipped) ? shipped
                : throw new UsageException($"--card must be one of {string.Join(", ", RateCardJson.Shipped().Keys)}; '{name}' was given"),
            _ => throw new UsageException("give either --file F or --card NAME"),
        };
        var kind = Choice(args, "kind", ("attachment", PaymentKind.Attachment), ("outcome", PaymentKind.Outcome), ("sustainment", PaymentKind.Sustainment));
        var outcome = kind == PaymentKind.Attachment ? null : CodeArg(args, "outcome");
        var factors = BudgetCommands.FactorsArg(args);
        var paid = args.Get("paid") is not null ? MoneyArg(args, "paid", allowZero: true) : Money.Zero;
        var paidOutcomes = (args.Get("paid-outcomes") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var card = Check(RateCardJson.Read(json));
        var quote = Check(Tariff.Quote(card, kind, outcome, factors, PaymentHistory.None with { ForParticipant = paid, OutcomesPaid = paidOutcomes }));
        await output.WriteLineAsync($"{kind.ToString().ToLowerInvariant()}{(outcome is null ? string.Empty : " " + outcome)} on {card.Code} v{card.Version}: {quote.Payable} payable");
        foreach (var line in quote.Working)
        {
            await output.WriteLineAsync("  " + line);
        }

        return CliApp.Ok;
    }

    private static string ReadFile(string path)
    {
        var info = new FileInfo(path);
        return !info.Exists
            ? throw new UsageException($"--file: no file at '{path}'")
            : info.Length > 1_000_000
                ? throw new UsageException("--file: a rate card is at most 1 MB")
                : File.ReadAllText(info.FullName);
    }
}
