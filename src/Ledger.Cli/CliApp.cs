using Ledger.Cli.Commands;
using Ledger.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Cli;

/// <summary>The operations command line: parses the command, builds the services, runs it.</summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string Help = """
        ledger — operations for the Ledger fund-accounting product

        Usage: ledger <command> [options]

        Commands:
          migrate                                   apply the configured database's migrations
          verify                                    recompute every balance and check every invariant (exit 0 ok, 1 failed)
          export journal --format hledger --out F   write the whole journal in hledger format
          balances [--area CODE]                    list accounts with posted, held and available
          close-period --area CODE --month YYYY-MM  close a month of an area's books
          expire-holds                              expire every open hold past its expiry time
          workload --postings N [--seed S] [--batch B] [--area CODE]
                                                    post a randomised, seeded workload of at least N postings
          load-holds --from ID --to ID --count N --amount 50.00 [--concurrency C] [--key-prefix P] [--date YYYY-MM-DD]
                                                    reserve N holds concurrently (load and concurrency testing)

        The database comes from configuration: Ledger__Database__Provider = Sqlite | PostgreSql | SqlServer
        and Ledger__Database__ConnectionString (default: SQLite at data/ledger.db).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Help).ConfigureAwait(false);
            return args.Length == 0 ? Usage : Ok;
        }

        Arguments arguments;
        try
        {
            arguments = Arguments.Parse(args.Skip(1));
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return Usage;
        }

        try
        {
            await using var services = BuildServices();
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            return args[0] switch
            {
                "migrate" => await MigrateCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "verify" => await VerifyCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "export" => await ExportCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "balances" => await BalancesCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "expire-holds" => await ExpireHoldsCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "close-period" => await ClosePeriodCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "workload" => await WorkloadCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "load-holds" => await LoadHoldsCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                _ => throw new UsageException($"unknown command '{args[0]}' (try --help)"),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return Usage;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("ConnectionString", StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return Usage;
        }
    }

    private static ServiceProvider BuildServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return new ServiceCollection()
            .AddLedgerInfrastructure(configuration)
            .BuildServiceProvider();
    }
}

/// <summary>Bad command-line input: reported in one line, exit code 2, nothing written.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Options of the form <c>--name value</c>; positional words kept in order.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static Arguments Parse(IEnumerable<string> args)
    {
        var result = new Arguments();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= list.Count || list[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"option {arg} needs a value");
                }

                if (!result._options.TryAdd(arg[2..], list[++i]))
                {
                    throw new UsageException($"option {arg} given twice");
                }
            }
            else
            {
                result.Positional.Add(arg);
            }
        }

        return result;
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public string Require(string name) => Get(name) ?? throw new UsageException($"option --{name} is required");

    public int GetInt(string name, int fallback, int min, int max)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be a whole number from {min} to {max}; '{text}' was given");
    }

    public void AllowOnly(params string[] names)
    {
        var unknown = _options.Keys.Except(names).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option --{unknown[0]}");
        }
    }
}
