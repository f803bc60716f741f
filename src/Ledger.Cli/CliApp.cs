using Ledger.Cli.Commands;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Cli;

/// <summary>The operations command line: parses the command, builds the services, runs it.</summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>The usage text, which is also the table of commands and their options (the argument fuzz test reads it).</summary>
    internal const string Help = """
        ledger — operations for the Ledger fund-accounting product

        Usage: ledger <command> [options]

        Ledger:
          migrate                                   apply the configured database's migrations
          verify                                    recompute every balance and check every invariant (exit 0 ok, 1 failed)
          seal                                      seal committed journal entries into each area's hash chain (what the
                                                    seal-journal job does); verify then names any entry altered, deleted
                                                    or inserted directly in the database
          export journal --format hledger --out F   write the whole journal in hledger format
          export indigo ...                         outcome prices and payments for INDIGO (see Payment by results)
          balances [--area CODE]                    list accounts with posted, held and available
          close-period --area CODE --month YYYY-MM  close a month of an area's books
          expire-holds                              expire every open hold past its expiry time; orders follow their holds
          workload --postings N [--seed S] [--batch B] [--area CODE]
                                                    post a randomised, seeded workload of at least N postings
          load-holds --from ID --to ID --count N --amount 50.00 [--concurrency C] [--key-prefix P] [--date YYYY-MM-DD] [--replay PERCENT] [--ack]
                                                    reserve N holds concurrently (load and concurrency testing)
          demo                                      load the demo data set (two areas, streams, pools, people, budgets); safe to run twice
          generate [--children 100000] [--budgets 10000] [--postings 1000000] [--seed 1] [--area BENCH]
                                                    build the benchmarks' large data set from a seed, in bulk, with progress

        Funding (R1–R3, R6):
          area add --code C --name N
          agency add --area A --code C --name N --kind Council|Nhs|School|YouthJustice|Charity|CentralGovernment
          stream add --area A --agency G --code C --name N --year 2026/27 --form cash|notional
                     --categories any|TherapyHealth,TuitionEducation,LeisureActivities,FamilySupport,PracticalHousehold,Transport,Equipment
                     --client-groups any|EarlyHelp,ChildInNeed,DisabledChild,YouthJustice,WholeFamily,LookedAfter
                     [--ring-fenced] --year-end return|carry --expected-spend 1000.00 --expected-outcome TEXT
          pool add --area A --code C --name N --year 2026/27 --rule points:150.00|bands:0=0,10=1500.00,20=3000.00
                   [--split pro-rata|restricted-first]
          pool contribute --area A --pool P --stream S --amount 1000.00 --date YYYY-MM-DD [--key K]
          pool position --area A --pool P           per stream: contributed, share, allocated, held, spent, returned, available

        People:
          practitioner add --area A --code C --name N --role LeadProfessional|Broker|BudgetHolder
          child add --area A --ref CHILD-7F3A --name N [--born YYYY-MM-DD]
          family add --area A --ref FAM-1 --name N --children CHILD-7F3A,CHILD-2B9C
          caseload assign --area A --lp LP --subject REF --since YYYY-MM-DD

        Assessment and allocation (R4, R5):
          assess --area A --subject REF --pool P --date YYYY-MM-DD --by LP --client-group EarlyHelp
                 --needs BeHealthy=3,StaySafe=5,EnjoyAndAchieve=2,MakeAPositiveContribution=1,AchieveEconomicWellBeing=0
                 [--factors years-in-care=1,risk-factors=2,disability=0,exclusions=1]
          allocate --area A --assessment ID --amount 1800.00 --reason TEXT --by BH --date YYYY-MM-DD
                   --holder-mode LeadProfessional|Broker|DirectPayment --holder CODE [--mode cash|notional] [--key K]
          allocate-lp --area A --pool P --lp LP --amount 15000.00 --reason TEXT --by BH --date YYYY-MM-DD [--client-group G] [--key K]
          year-end --area A --year 2026/27          return unspent money, carry forward grant money (exactly once)

        Purchasing (R7–R13):
          provider add --area A --code C --name N --sector in-house|voluntary|private|individual
                       --sort-code 20-00-00 --account 12345678 --account-name NAME
          provider suspend --area A --code C --reason TEXT
          provider reinstate --area A --code C
          provider list --area A                    code, name, sector, status; account numbers masked (****5678)
          service add --area A --code C --name N --provider P --category TherapyHealth|TuitionEducation|LeisureActivities|
                      FamilySupport|PracticalHousehold|Transport|Equipment --unit session --price 50.00
          service list --area A
          limits set --area A --practitioner LP --per-purchase 100.00 --monthly 1000.00 --panel 1500.00 --by BH
          order --area A --budget CODE --by LP (--service CODE | --provider P --category C --description TEXT --unit U
                --price 12.50 --spot-reason TEXT) --quantity N --need TEXT --outcome TEXT --wishes TEXT
                --need-identified YYYY-MM-DD --date YYYY-MM-DD [--subject REF] [--best-interests TEXT] [--key K]
                                                    hold the money and route the order by the requester's delegated limits
          approve --area A --order PO-... --by BH --date YYYY-MM-DD [--panel-ref TEXT]
          reject --area A --order PO-... --by BH --date YYYY-MM-DD --reason TEXT
          cancel --area A --order PO-... --reason TEXT
          start --area A --order PO-... --date YYYY-MM-DD
                                                    the provider confirms the service started (R12)
          invoice --area A --order PO-... --number INV-1 --units N --date YYYY-MM-DD [--provider P]
          orders --area A [--budget CODE]           orders with their dates and days to service, and the median
          payment-run --area A --date YYYY-MM-DD [--out DIR]
                                                    pay every settled invoice once (resumes a run that stopped); writes
                                                    DIR/<run>-payments.csv and DIR/<run>-remittance.csv (default DIR data/payment-runs)
          payment-run show --area A --run REF [--out DIR]
                                                    write a completed run's files again
          payment-run list --area A                 the area's payment runs, newest first

        Payment by results (R14–R22; formats in docs/rate-cards.md). A refusal by a rule prints `Code: message`, exits 1 and writes nothing:
          outcomes import [--file F]                import the outcome catalogue (default: the one shipped with Ledger); outcomes replaced by code
          outcomes list                             code, name, Every Child Matters area, sustain period, age guards, evidence, social value
          ratecard list                             the rate cards shipped with Ledger, and those imported into the database
          ratecard check --file F                   check a rate card file (shares add to 100%, no negative tariffs, ...)
          ratecard import (--file F | --shipped NAME | --shipped all)
                                                    import rate cards: an overlap, or a version reused with other content, is refused;
                                                    importing the same card again changes nothing
          ratecard export --card CODE [--version N] [--out F]
                                                    an imported card as JSON (its latest version unless --version)
          ratecard quote (--file F | --card NAME) --kind attachment|outcome|sustainment [--outcome CODE]
                         [--factors years-in-care=1,risk-factors=2,disability=0,exclusions=1] [--paid 7800.00] [--paid-outcomes A,B]
                                                    price one payment and show how: tariff, weight, caps, each payer's share
          contract add --area A --code C --name N --provider P --pool POOL --starts YYYY-MM-DD [--ends YYYY-MM-DD]
          contract list --area A                    contracts with their rate cards, what is owed and what was paid
          enrol --area A --contract C --subject REF --on YYYY-MM-DD --by WHO [--cohort N] [--age N]
                [--years-in-care N] [--risk-factors N] [--disability 0-3] [--exclusions N] [--key K]
                                                    enrol a child or family: the card is chosen (contract, cohort, date) and fixed,
                                                    and its attachment fee is owed to the provider at once (R15, R16)
          claim draft --area A --contract C --subject REF --outcome CODE [--sustainment N] --achieved YYYY-MM-DD --by WHO [--key K]
          claim evidence --area A --claim CLM-... --file F --describes TEXT [--purpose eligibility|work|outcome] --by WHO
                                                    a .pdf, .png, .jpg, .txt or .csv file, checked by content and kept by its sha256
          claim submit --area A --claim CLM-... --on YYYY-MM-DD
                                                    run the automatic rules: eligibility, window, evidence, whole family, caps (R14–R21)
          claim signoff --area A --claim CLM-... --by AUDITOR
          claim approve --area A --claim CLM-... --by BH --on YYYY-MM-DD
                                                    the payment becomes owed to the provider, each payer's share from its stream
          claim reject --area A --claim CLM-... --reason TEXT
          claim show --area A --claim CLM-...       status, amount and working, shares per stream, evidence with sha256
          claim list --area A [--contract C] [--status draft|validated|signed-off|approved|paid|rejected|clawback-pending|clawed-back]
          claim bundle --area A --claim CLM-...     the spot-check bundle: eligibility, evidence by purpose, working, findings
          recurrence --area A --child REF --outcome CODE --on YYYY-MM-DD [--note TEXT]
                                                    a problem started again for a family member (whole-family rule, R21)
          sample draw --area A --from YYYY-MM-DD --to YYYY-MM-DD --percent 10 --seed N [--threshold 1000.00]
                      [--volume-factor 2] [--invalid-rate 20] --by WHO
                                                    choose approved outcome claims for spot checks, at random and by risk (R21)
          sample show --area A --sample SMP-...     the claims chosen, why, and what was found
          sample list --area A
          sample finding --area A --sample SMP-... --claim CLM-... (--valid | --invalid --note TEXT) --by WHO
                                                    an invalid claim is clawed back: netted in the provider's next payment run
          sample extrapolate --area A --sample SMP-... --provider P
                                                    the sample's error rate applied to the provider's other claims, line by line
          social-value --area A [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                                    cost avoided per outcome paid, by agency; cost avoidance and cashable savings apart (R22)
          export indigo --area A --project INDIGO-POJ-0123 [--period quarter|month|year] --out F
                                                    outcome prices and payments in the INDIGO data standard's shape (docs/indigo-export.md)

        Statements, reports and jobs:
          statements --period YYYY-MM [--area A] [--out DIR] [--only budgets,providers,pools,partners]
                                                    the month's budget, provider, pool and partner statements as PDFs
                                                    (default data/statements/A/YYYY-MM; every area, into DIR/A, without --area)
          report pilot --quarter YYYY-Qn [--area A] [--out FILE]
                                                    the quarter's pilot report as a PDF, one area or every area with the areas
                                                    compared (cells under 5 people suppressed)
          jobs                                      the recurring jobs and when they run (Europe/London)
          worker                                    run background jobs against PostgreSQL or SQL Server until Ctrl+C

        Money is pounds with at most two decimals. Without --key, a write's idempotency key is derived from
        its arguments, so running the same command again never pays twice. Bad arguments print one line and
        exit 2, writing nothing; so do refusals, except payment by results' (above), which exit 1.

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
                "seal" => await SealCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "export" when arguments.Positional is ["indigo"] => await OutcomeCommands.ExportIndigoAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "export" => await ExportCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "balances" => await BalancesCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "expire-holds" => await ExpireHoldsCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "close-period" => await ClosePeriodCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "workload" => await WorkloadCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "load-holds" => await LoadHoldsCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "demo" => await DemoCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "generate" => await GenerateCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "area" => await BudgetCommands.AreaAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "agency" => await BudgetCommands.AgencyAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "stream" => await BudgetCommands.StreamAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "pool" => await BudgetCommands.PoolAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "practitioner" => await BudgetCommands.PractitionerAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "child" => await BudgetCommands.ChildAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "family" => await BudgetCommands.FamilyAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "caseload" => await BudgetCommands.CaseloadAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "assess" => await BudgetCommands.AssessAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "allocate" => await BudgetCommands.AllocateAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "allocate-lp" => await BudgetCommands.AllocateLeadProfessionalAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "year-end" => await BudgetCommands.YearEndAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "provider" => await PurchasingCommands.ProviderAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "service" => await PurchasingCommands.ServiceAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "limits" => await PurchasingCommands.LimitsAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "order" => await PurchasingCommands.OrderAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "approve" => await PurchasingCommands.ApproveAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "reject" => await PurchasingCommands.RejectAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "cancel" => await PurchasingCommands.CancelAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "start" => await PurchasingCommands.StartAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "invoice" => await PurchasingCommands.InvoiceAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "orders" => await PurchasingCommands.OrdersAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "payment-run" => await PurchasingCommands.PaymentRunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "ratecard" => await RateCardCommands.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "outcomes" => await OutcomeCommands.OutcomesAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "contract" => await OutcomeCommands.ContractAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "enrol" => await OutcomeCommands.EnrolAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "claim" => await OutcomeCommands.ClaimAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "recurrence" => await OutcomeCommands.RecurrenceAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "sample" => await OutcomeCommands.SampleAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "social-value" => await OutcomeCommands.SocialValueAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "statements" => await StatementCommands.StatementsAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "report" => await PilotReportCommand.RunAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "jobs" => await StatementCommands.JobsAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                "worker" => await StatementCommands.WorkerAsync(services, arguments, output, cancel.Token).ConfigureAwait(false),
                _ => throw new UsageException($"unknown command '{args[0]}' (try --help)"),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return Usage;
        }
        catch (RefusedException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return Failed;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("ConnectionString", StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return Usage;
        }
        catch (Exception e) when (e is System.Data.Common.DbException || e.InnerException is System.Data.Common.DbException)
        {
            // A database this version cannot read (not migrated, or migrated by an older version) is an operator's fix, not a stack trace.
            var cause = (e as System.Data.Common.DbException ?? e.InnerException)!.Message.ReplaceLineEndings(" ");
            await error.WriteLineAsync($"error: the database refused the command ({cause}). If it was made by an older version of Ledger, run `ledger migrate` first.")
                .ConfigureAwait(false);
            return Failed;
        }
    }

    private static ServiceProvider BuildServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var database = configuration.GetSection(Infrastructure.Persistence.DatabaseOptions.Section).Get<Infrastructure.Persistence.DatabaseOptions>()
            ?? new Infrastructure.Persistence.DatabaseOptions();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(configuration.GetSection(Infrastructure.Jobs.JobOptions.Section).Get<Infrastructure.Jobs.JobOptions>() ?? new Infrastructure.Jobs.JobOptions())
            .AddLedgerInfrastructure(configuration)
            .AddLedgerJobs(database)
            .BuildServiceProvider();
    }
}

/// <summary>Bad command-line input: reported in one line, exit code 2, nothing written.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A request refused by a rule (payment by results): reported in one line as <c>Code: message</c>, exit code 1, nothing written.</summary>
internal sealed class RefusedException(string message) : Exception(message);

/// <summary>Options of the form <c>--name value</c>, a few value-less flags (<c>--ring-fenced</c>, <c>--valid</c>, <c>--invalid</c>); positional words kept in order.</summary>
internal sealed class Arguments
{
    /// <summary>Options that take no value.</summary>
    private static readonly HashSet<string> KnownFlags = new(StringComparer.Ordinal) { "ring-fenced", "valid", "invalid", "ack" };

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static Arguments Parse(IEnumerable<string> args)
    {
        var result = new Arguments();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && KnownFlags.Contains(arg[2..]))
            {
                if (!result._flags.Add(arg[2..]))
                {
                    throw new UsageException($"option {arg} given twice");
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
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

    /// <summary>True when the value-less flag <c>--name</c> was given.</summary>
    public bool Has(string name) => _flags.Contains(name);

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
        var unknown = _options.Keys.Concat(_flags).Except(names).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option --{unknown[0]}");
        }
    }
}
