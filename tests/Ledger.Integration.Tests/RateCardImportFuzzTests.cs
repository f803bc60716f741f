using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ledger.Application.Outcomes;
using Ledger.Domain.Budgets;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Integration.Tests;

/// <summary>
/// Bad input at the edges (issue 9): malformed rate cards and outcome catalogues through the real import path
/// (<c>ledger ratecard import --file F</c>, <c>ratecard check</c>, <c>outcomes import --file F</c>) on a real SQLite
/// database. A shipped card (and the shipped catalogue) is mutated one value at a time — wrong types, negative,
/// zero and overflowing amounts, impossible dates, huge and unicode strings, removed fields, duplicated outcomes —
/// and as a whole: empty, truncated, unbalanced quotes, byte-order marks, UTF-16, blank lines, unknown fields,
/// CSV instead of JSON, over the size limit. Each ends with a documented exit code and, when refused, a stable
/// code (<c>Code: message</c>, exit 1) or a usage error (<c>error: …</c>, exit 2), never a crash, and writes nothing.
/// Ledger imports cards and catalogues as JSON only; a CSV file is one more malformed input.
/// </summary>
public sealed partial class RateCardImportFuzzTests
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("LEDGER_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261124;

    private static readonly string[] Codes = Enum.GetNames<BudgetErrorCode>();

    [Fact]
    public async Task RateCardsAndCatalogues_GivenMalformedFiles_AreRefusedWithAStableCode_AndWriteNothing()
    {
        var random = new Random(Seed);
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Path.Combine(Path.GetTempPath(), "ledger-ratecard-fuzz", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var run = new CliFuzzRun(Seed, db);
        var clock = Stopwatch.StartNew();
        var refusedWithCode = 0;
        var accepted = new List<string>();
        try
        {
            (await CliFuzzRun.RunCliAsync(db, ["outcomes", "import"])).Exit.Should().Be(0, "the shipped catalogue imports");
            var card = RateCardJson.Shipped().OrderBy(c => c.Key, StringComparer.Ordinal).First(c => c.Key.StartsWith("westmoor", StringComparison.Ordinal)).Value;
            var catalogue = OutcomeCatalogueJson.Shipped();
            var n = 0;

            async Task TryAsync(string category, string[] command, byte[] file)
            {
                var path = Path.Combine(folder, $"input-{n++}.json");
                await File.WriteAllBytesAsync(path, file);
                var (exit, output, error) = await run.RunAsync(category, [.. command, "--file", path], expectUsage: false);
                File.Delete(path);
                if (exit == 0)
                {
                    accepted.Add($"{string.Join(' ', command)} [{category}] {CliFuzzRun.Start(Encoding.UTF8.GetString(file), 120)}");
                }
                else if (exit == 1 && StableCode().Match(error) is { Success: true } code && Codes.Contains(code.Groups[1].Value, StringComparer.Ordinal))
                {
                    refusedWithCode++;
                }
                else if (exit == 2 && error.StartsWith("error: ", StringComparison.Ordinal))
                {
                    refusedWithCode++;
                }
                else
                {
                    run.Failures.Add($"seed {Seed}: ledger {string.Join(' ', command)} [{category}] exited {exit} without a stable code: {CliFuzzRun.Start(error + output, 300)} "
                        + $"(file starts {CliFuzzRun.Start(Encoding.UTF8.GetString(file), 150)})");
                }
            }

            foreach (var (command, json) in new[] { (new[] { "ratecard", "import" }, card), (["outcomes", "import"], catalogue) })
            {
                foreach (var (category, mutated) in Mutations(json, random))
                {
                    await TryAsync(category, command, mutated);
                }
            }

            // The check command reads the same way as import; a sample of the card's mutations through it too.
            foreach (var (category, mutated) in Mutations(card, random).Where(_ => random.Next(4) == 0))
            {
                await TryAsync(category, ["ratecard", "check"], mutated);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        clock.Stop();
        var log = TestContext.Current.TestOutputHelper;
        log?.WriteLine($"fuzz: {run.Sent} files to ratecard import/check and outcomes import, {run.Crashes} crashes, {run.RowsWrittenByFailures} rows written by refusals, "
            + $"{refusedWithCode} refused with a stable code, {accepted.Count} accepted (seed {Seed}, {clock.Elapsed.TotalSeconds:F1} s)");
        log?.WriteLine($"  by category: {string.Join(", ", run.ByCategory.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}");
        log?.WriteLine($"  exit codes: {string.Join(", ", run.ByExit.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value}"))}");
        foreach (var a in accepted.Take(30))
        {
            log?.WriteLine($"  accepted as valid: {a}");
        }

        run.Failures.Should().BeEmpty($"seed {Seed}: every malformed file is refused with a stable code and writes nothing");
    }

    [Fact]
    public async Task OutcomeCatalogue_OnPostgreSql_TextWithANulCharacter_IsNotACrash()
    {
        // SQLite stores a NUL inside text; PostgreSQL refuses one in a text column. The SQLite fuzz above cannot see that difference.
        // (The catalogue keeps its outcomes as JSON, where a NUL is escaped, so a NUL in a name is stored; a NUL in a code is refused.)
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        (await CliFuzzRun.RunCliAsync(db, ["outcomes", "import"])).Exit.Should().Be(0, "the shipped catalogue imports");
        var folder = Path.Combine(Path.GetTempPath(), "ledger-ratecard-fuzz", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var field in new[] { "name", "measurement", "code" })
            {
                var root = JsonNode.Parse(OutcomeCatalogueJson.Shipped())!;
                root[0]![field] = "a\u0000b";
                var path = Path.Combine(folder, $"{field}.json");
                await File.WriteAllTextAsync(path, root.ToJsonString());
                int before;
                await using (var context = db.CreateContext())
                {
                    before = await context.Outcomes.CountAsync();
                }

                var (exit, output, error, crash) = await CliFuzzRun.RunCliAsync(db, ["outcomes", "import", "--file", path]);

                crash.Should().BeNull($"a NUL in {field} is not a crash: {crash}");
                exit.Should().BeOneOf([0, 1, 2], $"a NUL in {field}: {error}{output}");
                if (exit != 0)
                {
                    await using var after = db.CreateContext();
                    (await after.Outcomes.CountAsync()).Should().Be(before);
                }

                TestContext.Current.TestOutputHelper?.WriteLine($"NUL in {field}: exit {exit}: {CliFuzzRun.Start((error + output).Trim(), 200)}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly (string Category, Func<JsonNode?> Value)[] Values =
    [
        ("wrong-type", () => null), ("wrong-type", () => true), ("wrong-type", () => new JsonArray()), ("wrong-type", () => new JsonObject()),
        ("wrong-type", () => JsonValue.Create("text")), ("wrong-type", () => JsonValue.Create(12)),
        ("amount", () => JsonValue.Create("-1.00")), ("amount", () => JsonValue.Create("0")), ("amount", () => JsonValue.Create("-0.01")),
        ("amount", () => JsonValue.Create("99999999999999999999.99")), ("amount", () => JsonValue.Create("92233720368547758.07")), ("amount", () => JsonValue.Create("1e308")),
        ("amount", () => JsonValue.Create("NaN")), ("amount", () => JsonValue.Create("12.345")), ("amount", () => JsonValue.Create(-1)), ("amount", () => JsonValue.Create(0)),
        ("amount", () => JsonValue.Create(2147483648L)), ("amount", () => JsonValue.Create(long.MaxValue)), ("amount", () => JsonNode.Parse("1e308")),
        ("amount", () => JsonValue.Create(0.1m)),
        ("date", () => JsonValue.Create("2026-02-30")), ("date", () => JsonValue.Create("0000-00-00")), ("date", () => JsonValue.Create("9999-12-31")),
        ("date", () => JsonValue.Create("-0001-01-01")), ("date", () => JsonValue.Create("9999-12-31T99:99")), ("date", () => JsonValue.Create("0001-01-01")),
        ("string", () => JsonValue.Create("")), ("string", () => JsonValue.Create(" ")), ("huge", () => JsonValue.Create(new string('h', 100_000))),
        ("unicode", () => JsonValue.Create("👨‍👩‍👧‍👦")), ("unicode", () => JsonValue.Create("\u202eevil")), ("unicode", () => JsonValue.Create("a\u0000b")),
        ("unicode", () => JsonValue.Create("مرحبا")),
    ];

    // The file as a whole, and each of its values in turn.
    private static IEnumerable<(string Category, byte[] File)> Mutations(string json, Random random)
    {
        var valid = Encoding.UTF8.GetBytes(json);
        var paths = Leaves(JsonNode.Parse(json)!, string.Empty).ToList();
        foreach (var path in paths)
        {
            foreach (var (category, value) in Values.OrderBy(_ => random.Next()).Take(9))
            {
                var root = JsonNode.Parse(json)!;
                Replace(root, path, value());
                yield return (category, Encoding.UTF8.GetBytes(root.ToJsonString()));
            }

            var without = JsonNode.Parse(json)!;
            if (Remove(without, path))
            {
                yield return ("missing-field", Encoding.UTF8.GetBytes(without.ToJsonString()));
            }
        }

        // Every list's first element twice: duplicate outcome codes, payers, sustainments.
        foreach (var list in Arrays(JsonNode.Parse(json)!, string.Empty))
        {
            var root = JsonNode.Parse(json)!;
            var array = (JsonArray)Find(root, list)!;
            if (array.Count > 0)
            {
                array.Add(array[0]!.DeepClone());
                yield return ("duplicate", Encoding.UTF8.GetBytes(root.ToJsonString()));
            }
        }

        yield return ("empty", []);
        yield return ("empty", "   \n\n  "u8.ToArray());
        yield return ("bom", [0xEF, 0xBB, 0xBF, .. valid]);
        yield return ("bom", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. valid]);
        yield return ("bom", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(json)]);
        yield return ("bom", Encoding.Unicode.GetBytes(json));
        yield return ("blank-lines", Encoding.UTF8.GetBytes(json.Replace(",", ",\n\n\r\n", StringComparison.Ordinal)));
        yield return ("unknown-field", Encoding.UTF8.GetBytes(json.TrimStart()[0] == '{' ? "{\"surplus\": 1, " + json.TrimStart()[1..] : "[{\"surplus\":1}, " + json.TrimStart()[1..]));
        yield return ("duplicate-key", Encoding.UTF8.GetBytes(json.TrimStart()[0] == '{' ? "{\"code\": \"A\", " + json.TrimStart()[1..] : "[{\"code\":\"A\",\"code\":\"B\"}]"));
        yield return ("malformed", Encoding.UTF8.GetBytes(json + ","));
        yield return ("malformed", Encoding.UTF8.GetBytes(json + json));
        yield return ("malformed", Encoding.UTF8.GetBytes("// a comment\n" + json));
        yield return ("malformed", Encoding.UTF8.GetBytes(json.Replace("\":", "\" =", StringComparison.Ordinal)));
        yield return ("malformed", Encoding.UTF8.GetBytes(new string('[', 10_000)));
        yield return ("wrong-root", "null"u8.ToArray());
        yield return ("wrong-root", "42"u8.ToArray());
        yield return ("wrong-root", Encoding.UTF8.GetBytes(json.TrimStart()[0] == '{' ? $"[{json}]" : "{}"));
        yield return ("csv", "code,version,contract,cohort,effectiveFrom,attachmentFee\nWM-CARD,1,WM-EARLY-HELP,1,2026-04-01,100.00\n"u8.ToArray());
        yield return ("csv", "code;version\n\"unbalanced,1\n"u8.ToArray());
        yield return ("huge", [.. "{\"code\":\""u8, .. Enumerable.Repeat((byte)'x', 1_100_000), .. "\"}"u8]);
        for (var i = 0; i < 6; i++)
        {
            yield return ("truncated", valid[..random.Next(1, valid.Length - 1)]);
        }

        var quotes = json.Select((c, i) => (c, i)).Where(x => x.c == '"').Select(x => x.i).ToList();
        for (var i = 0; i < 4; i++)
        {
            var at = quotes[random.Next(quotes.Count)];
            yield return ("unbalanced-quotes", Encoding.UTF8.GetBytes(json.Remove(at, 1)));
        }

        for (var i = 0; i < 4; i++)
        {
            var bytes = (byte[])valid.Clone();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            yield return ("random-bytes", bytes);
        }
    }

    private static IEnumerable<string> Leaves(JsonNode node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [$"{path}/{p.Key}"] : Leaves(p.Value, $"{path}/{p.Key}").Prepend(p.Value is JsonValue ? null! : $"{path}/{p.Key}"))
            .Where(p => p is not null),
        JsonArray a => a.SelectMany((item, i) => item is null ? [$"{path}/{i}"] : Leaves(item, $"{path}/{i}")).Take(40),
        _ => [path],
    };

    private static IEnumerable<string> Arrays(JsonNode node, string path) => node switch
    {
        JsonObject o => o.Where(p => p.Value is not null).SelectMany(p => Arrays(p.Value!, $"{path}/{p.Key}")),
        JsonArray a => a.Where(x => x is not null).SelectMany((x, i) => Arrays(x!, $"{path}/{i}")).Prepend(path),
        _ => [],
    };

    private static JsonNode? Find(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonArray a ? a[int.Parse(part, CultureInfo.InvariantCulture)] : node?[part];
        }

        return node;
    }

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var cut = path.LastIndexOf('/');
        var parent = Find(root, path[..cut]);
        var key = path[(cut + 1)..];
        if (parent is JsonArray a)
        {
            a[int.Parse(key, CultureInfo.InvariantCulture)] = value;
        }
        else if (parent is JsonObject o)
        {
            o[key] = value;
        }
    }

    private static bool Remove(JsonNode root, string path)
    {
        var cut = path.LastIndexOf('/');
        return Find(root, path[..cut]) is JsonObject o && o.Remove(path[(cut + 1)..]);
    }

    [GeneratedRegex(@"^([A-Za-z]+): ")]
    private static partial Regex StableCode();
}
