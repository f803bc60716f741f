using System.Data.Common;
using System.Globalization;
using Ledger.Application.Outcomes;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using static Ledger.Cli.Commands.ArgumentReaders;

namespace Ledger.Cli.Commands;

/// <summary>
/// Payment-by-results rate cards from the command line (R15–R19): list the shipped and imported cards,
/// check a card file, import cards into the database and export them again, and price a payment with its
/// working shown line by line. <c>check</c> and <c>quote</c> read only. An import refused by a rule
/// (an overlap, a version reused with other content, an outcome not in the catalogue, a card that does
/// not add up) prints <c>Code: message</c>, exits 1 and writes nothing; importing the same card again
/// changes nothing.
/// </summary>
internal static class RateCardCommands
{
    private const string UsageText = "ratecard list | ratecard check --file F | ratecard import (--file F | --shipped NAME | --shipped all) | "
        + "ratecard export --card CODE [--version N] [--out F] | ratecard quote (--file F | --card NAME) --kind attachment|outcome|sustainment ...";

    public static Task<int> RunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct) =>
        Sub(args, UsageText, "list", "check", "quote", "import", "export") switch
        {
            "list" => ListAsync(services, args, output, ct),
            "check" => CheckAsync(args, output),
            "import" => ImportAsync(services, args, output, ct),
            "export" => ExportAsync(services, args, output, ct),
            _ => QuoteAsync(args, output),
        };

    private static async Task<int> ListAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly();
        await output.WriteLineAsync("rate cards shipped with Ledger (import one with `ledger ratecard import --shipped NAME`, or all with `--shipped all`):");
        foreach (var (file, json) in RateCardJson.Shipped())
        {
            var card = Check(RateCardJson.Read(json));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {file,-40} {card.Code} v{card.Version}, contract {card.Contract}, cohort {card.Cohort}, from {card.EffectiveFrom:uuuu-MM-dd}"
                + $"{(card.EffectiveTo is { } to ? $" to {to:uuuu-MM-dd}" : string.Empty)}; {card.Outcomes.Count} outcome(s)"));
        }

        IReadOnlyList<StoredRateCard> stored;
        try
        {
            stored = await services.GetRequiredService<IOutcomeStore>().RateCardsAsync(null, ct);
        }
        catch (DbException e)
        {
            // Listing the shipped cards needs no database; say why the imported ones cannot be shown.
            await output.WriteLineAsync($"rate cards imported into the database: cannot be read ({OneLine(e.Message)}); has it been migrated (`ledger migrate`)?");
            return CliApp.Ok;
        }

        if (stored.Count == 0)
        {
            await output.WriteLineAsync("no rate card has been imported into the database yet");
            return CliApp.Ok;
        }

        await output.WriteLineAsync("rate cards imported into the database (the card for an enrolment is chosen by contract, cohort and date):");
        var rows = stored.Select(s => (Stored: s, Card: RateCardJson.Read(s.Json).Value!)).Select(x => new[]
        {
            x.Card.Code, x.Card.Version.ToString(CultureInfo.InvariantCulture), x.Card.Contract, x.Card.Cohort.ToString(CultureInfo.InvariantCulture), Iso(x.Card.EffectiveFrom),
            x.Card.EffectiveTo is { } to ? Iso(to) : "open", x.Card.AttachmentFee.ToString(), x.Card.Outcomes.Count.ToString(CultureInfo.InvariantCulture),
            x.Card.Sustainments.Count.ToString(CultureInfo.InvariantCulture), x.Card.CapPerParticipant?.ToString() ?? "none",
            string.Join(", ", x.Card.CoPayers.Select(c => $"{c.Stream} {c.Percent.ToString("0.##", CultureInfo.InvariantCulture)}%")),
            InstantPattern.General.Format(x.Stored.ImportedAt),
        }).ToList();
        await OutcomeCommands.WriteTableAsync(output, "  ", ["code", "version", "contract", "cohort", "from", "to", "attachment", "outcomes", "sustainments", "cap per person", "payers",
            "imported"], rows, 1, 3, 6, 7, 8, 9);
        return CliApp.Ok;
    }

    private static async Task<int> ImportAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("file", "shipped");
        var shipped = RateCardJson.Shipped();
        List<(string Source, string Json)> files = (args.Get("file"), args.Get("shipped")) switch
        {
            ({ } file, null) => [(file, ReadFile(file))],
            (null, "all") => [.. shipped.Select(s => (s.Key, s.Value))],
            (null, { } name) => shipped.TryGetValue(name, out var json) ? [(name, json)]
                : throw new UsageException($"--shipped must be all or one of {string.Join(", ", shipped.Keys)}; '{name}' was given"),
            _ => throw new UsageException("give either --file F, --shipped NAME or --shipped all"),
        };

        var outcomes = services.GetRequiredService<OutcomeService>();
        var before = await outcomes.RateCardsAsync(null, ct);
        var cards = files.Select(f => (f.Source, f.Json, Card: OutcomeCommands.Accepted(RateCardJson.Read(f.Json)))).ToList();
        if (cards.Count > 1)
        {
            // Several cards are checked against the catalogue, the database and each other first, so a refusal imports none of them.
            await CheckBatchAsync(outcomes, before, [.. cards.Select(c => c.Card)], ct);
        }

        foreach (var (source, json, read) in cards)
        {
            var card = OutcomeCommands.Accepted(await outcomes.ImportRateCardAsync(json, ct));
            var replay = before.Any(b => b.Code == card.Code && b.Version == card.Version);
            await output.WriteLineAsync(replay
                ? $"rate card {card.Code} v{card.Version} ({source}) was already imported with the same content: nothing written"
                : $"imported rate card {card.Code} v{card.Version} ({source}): contract {card.Contract}, cohort {card.Cohort}, from {Iso(card.EffectiveFrom)}"
                    + (card.EffectiveTo is { } to ? $" to {Iso(to)}" : " with no end date"));
            await output.WriteLineAsync($"  attachment {card.AttachmentFee}; {card.Outcomes.Count} outcome(s), {card.Sustainments.Count} sustainment payment(s); "
                + $"cap per participant {card.CapPerParticipant?.ToString() ?? "none"}; {card.Stacking.ToString().ToLowerInvariant()} stacking; payers "
                + string.Join(", ", card.CoPayers.Select(c => $"{c.Stream} {c.Percent.ToString("0.##", CultureInfo.InvariantCulture)}%")));
        }

        return CliApp.Ok;
    }

    // The service's own import checks, for a batch: unknown outcomes, a version reused with other content, and overlaps with stored cards or each other.
    private static async Task CheckBatchAsync(OutcomeService outcomes, IReadOnlyList<RateCard> stored, IReadOnlyList<RateCard> cards, CancellationToken ct)
    {
        var catalogue = await outcomes.CatalogueAsync(ct);
        foreach (var card in cards)
        {
            if (card.Outcomes.Select(o => o.Outcome).Concat(card.Sustainments.Select(s => s.Outcome)).FirstOrDefault(o => !catalogue.ContainsKey(o)) is { } unknown)
            {
                throw new RefusedException($"{BudgetErrorCode.UnknownOutcome}: Rate card {card.Code} prices outcome {unknown}, which is not in the outcome catalogue; "
                    + "import the catalogue first (`ledger outcomes import`). No card was imported.");
            }

            if (stored.FirstOrDefault(s => s.Code == card.Code && s.Version == card.Version) is { } same && RateCardJson.Write(same) != RateCardJson.Write(card))
            {
                throw new RefusedException($"{BudgetErrorCode.InvalidRateCard}: Rate card {card.Code} v{card.Version} was imported with other content; publish a new version instead. "
                    + "No card was imported.");
            }

            if (stored.Concat(cards.Where(c => !ReferenceEquals(c, card))).FirstOrDefault(card.Overlaps) is { } other)
            {
                throw new RefusedException($"{BudgetErrorCode.RateCardOverlap}: Rate card {card.Code} v{card.Version} and {other.Code} v{other.Version} would both price contract "
                    + $"{card.Contract} cohort {card.Cohort} on some days. No card was imported.");
            }
        }
    }

    private static async Task<int> ExportAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("card", "version", "out");
        var code = CodeArg(args, "card");
        int? version = args.Get("version") is null ? null : args.GetInt("version", 0, 1, int.MaxValue);
        var path = args.Get("out") is null ? null : OutcomeCommands.OutFile(args);
        var versions = (await services.GetRequiredService<OutcomeService>().RateCardsAsync(null, ct)).Where(c => c.Code == code).OrderBy(c => c.Version).ToList();
        if (versions.Count == 0)
        {
            throw new RefusedException($"{BudgetErrorCode.NoRateCard}: No rate card {code} has been imported; `ledger ratecard list` shows those that have.");
        }

        var card = version is null ? versions[^1] : versions.SingleOrDefault(c => c.Version == version)
            ?? throw new RefusedException($"{BudgetErrorCode.NoRateCard}: Rate card {code} has version(s) {string.Join(", ", versions.Select(c => c.Version))}, not {version}.");
        var json = RateCardJson.Write(card) + "\n";
        if (path is null)
        {
            await output.WriteAsync(json);
            return CliApp.Ok;
        }

        await OutcomeCommands.WriteFileAsync(path, json, ct);
        await output.WriteLineAsync($"wrote rate card {card.Code} v{card.Version} (contract {card.Contract}, cohort {card.Cohort}) to {path}");
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
        var info = new FileInfo(PathArg(path, "file"));
        return !info.Exists
            ? throw new UsageException($"--file: no file at '{path}'")
            : info.Length > 1_000_000
                ? throw new UsageException("--file: a rate card is at most 1 MB")
                : File.ReadAllText(info.FullName);
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
