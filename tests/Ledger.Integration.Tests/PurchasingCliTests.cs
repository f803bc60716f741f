using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ledger.Application.Outcomes;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Purchasing;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Integration.Tests.Purchasing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;

namespace Ledger.Integration.Tests;

/// <summary>
/// Purchasing (R7–R13) through the real CLI, in its own process, on SQLite: the README's purchasing
/// walkthrough runs as written and pays each provider once; bad input and refusals exit 2 in one
/// line and write nothing; the same order twice holds the money once; a payment run killed half way
/// and run again pays every invoice exactly once.
/// </summary>
public sealed partial class PurchasingCliTests
{
    private const string Cli = "dotnet run --project src/Ledger.Cli -- ";
    private const string RunDate = "2026-07-03";

    [Fact]
    public async Task ReadmePurchasingWalkthrough_RunsAsWritten_PaysOnce_AndWritesBothFiles()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var work = NewFolder();
        try
        {
            // The budgets walkthrough up to year end (which closes 2026/27 to orders), then the purchasing one.
            var budgets = ReadmeBlock("## Creating a stream, a pool and a budget");
            var purchasing = ReadmeBlock("## Buying a service and paying the provider");
            purchasing.Commands.Select(c => c.Args[0]).Should().Contain(["provider", "service", "limits", "order", "approve", "start", "invoice", "payment-run", "orders", "verify"]);
            var commands = budgets.Commands.TakeWhile(c => c.Args[0] != "year-end").Concat(purchasing.Commands).ToList();
            var captures = budgets.Captures.Concat(purchasing.Captures).ToDictionary(c => c.Key, c => c.Value);

            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            var outputs = new List<(string Command, string Output)>();
            foreach (var (words, tee) in commands)
            {
                var args = words.Select(a => variables.Aggregate(a, (text, v) => text.Replace("$" + v.Key, v.Value, StringComparison.Ordinal))).ToArray();
                var result = await CliProcess.RunInAsync(work, db.ChildEnvironment(), args);
                result.ExitCode.Should().Be(0, $"`ledger {string.Join(' ', args)}` failed: {result.Output}{result.Error}");
                outputs.Add((string.Join(' ', args), result.Output));
                if (tee is not null && captures.TryGetValue(tee, out var capture))
                {
                    variables[capture.Variable] = Regex.Match(result.Output, $"^{Regex.Escape(capture.Word)} (\\S+)", RegexOptions.Multiline).Groups[1].Value;
                }
            }

            var (therapy, swim) = (variables["ORDER"], variables["SWIM"]);
            therapy.Should().MatchRegex("^PO-[0-9A-F]{12}$");
            swim.Should().MatchRegex("^PO-[0-9A-F]{12}$");
            string Out(string command, string containing = "") =>
                outputs.Single(o => o.Command.StartsWith(command, StringComparison.Ordinal) && o.Command.Contains(containing, StringComparison.Ordinal)).Output;

            // Orders: held at once and split across the streams; routed by LP-01's delegated limits (R9–R11).
            Out("order", "SALT-SESSION").Should().Contain($"order {therapy} placed on budget IB-FAM-51D0-2026 for FAM-51D0")
                .And.Contain("status: waiting for a budget holder").And.Contain("held £300.00").And.Contain("split per stream:").And.Contain("NHS-2026");
            Out("order", "SWIM-TERM").Should().Contain("status: approved at once").And.Contain("held £85.00").And.NotContain("NHS-2026");
            Out("approve").Should().Contain($"order {therapy} approved by BH-01 on 2026-06-03");
            Out("invoice", therapy).Should().Contain("£250.00").And.Contain("£50.00 of the £300.00 held was released");
            Out("provider list").Should().Contain("****5678").And.Contain("****6789");
            outputs.Should().OnlyContain(o => !o.Output.Contains("12345678", StringComparison.Ordinal) && !o.Output.Contains("23456789", StringComparison.Ordinal),
                "bank account numbers are never printed in full");

            // The payment run: a progress line per provider, and both files.
            var run = Out("payment-run");
            run.Should().Contain("paid PRV-SPEECH 1/2 £250.00").And.Contain("paid PRV-SWIM 2/2 £85.00").And.Contain("£335.00 in total");

            // Time to service (R12): need identified to service started, and the median over started orders.
            var orders = Out("orders");
            orders.Should().MatchRegex($"(?m)^{therapy} +IB-FAM-51D0-2026 +FAM-51D0 +PRV-SPEECH +TherapyHealth +£300.00 +invoiced +2026-05-20 2026-06-01 2026-06-10 +21$");
            orders.Should().MatchRegex($"(?m)^{swim} +IB-FAM-51D0-2026 +FAM-51D0 +PRV-SWIM +LeisureActivities +£85.00 +invoiced +2026-05-25 2026-06-02 2026-06-08 +14$");
            orders.Should().Contain("median days to service (need identified to service started, R12): 17.5 over 2 started order(s)");

            var folder = Path.Combine(work, "data", "payment-runs");
            var payments = ReadCsv(Path.Combine(folder, "PR-NORTHFORD-20260703-payments.csv"), PaymentFiles.PaymentHeader);
            payments.Should().Equal(
                "PR-NORTHFORD-20260703,2026-07-03,PRV-SPEECH,Clear Voice Therapy Ltd,Private,20-00-00,12345678,CLEAR VOICE LTD,250.00,1,LEDGER 20260703",
                "PR-NORTHFORD-20260703,2026-07-03,PRV-SWIM,Riverside Swimming Club,Voluntary,30-11-22,23456789,RIVERSIDE SC,85.00,1,LEDGER 20260703");
            var remittance = ReadCsv(Path.Combine(folder, "PR-NORTHFORD-20260703-remittance.csv"), PaymentFiles.RemittanceHeader);
            remittance.Should().HaveCount(2);
            remittance[0].Should().StartWith($"PR-NORTHFORD-20260703,PRV-SPEECH,{therapy},CV-1001,2026-07-01,5,session,50.00,250.00,");
            remittance[1].Should().StartWith($"PR-NORTHFORD-20260703,PRV-SWIM,{swim},RSC-0077,2026-07-01,1,term,85.00,85.00,");
            StreamParts(remittance[0]).Should().ContainKeys("EH-2026", "NHS-2026", "KITE-2026").And.Subject.Values.Sum().Should().Be(250.00m);
            StreamParts(remittance[1]).Should().ContainKeys("EH-2026", "KITE-2026").And.NotContainKey("NHS-2026").And.Subject.Values.Sum().Should().Be(85.00m);

            // The same payment run again pays nothing more and writes the same bytes.
            var before = await PaymentCountsAsync(db);
            var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
            var again = await CliProcess.RunInAsync(work, db.ChildEnvironment(), "payment-run", "--area", "NORTHFORD", "--date", RunDate, "--out", "data/payment-runs");
            again.ExitCode.Should().Be(0, again.Error);
            again.Output.Should().Contain("had already completed").And.Contain("nothing more paid").And.NotContain("paid PRV");
            (await PaymentCountsAsync(db)).Should().Be(before);
            before.Should().Be((2, 2, 33_500L, 2));
            var rewritten = Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
            rewritten.Should().HaveCount(2);
            rewritten[0].Should().Equal(files[0]);
            rewritten[1].Should().Equal(files[1]);

            var show = await CliProcess.RunInAsync(work, db.ChildEnvironment(), "payment-run", "show", "--area", "NORTHFORD", "--run", "PR-NORTHFORD-20260703",
                "--out", "shown");
            show.ExitCode.Should().Be(0, show.Error);
            File.ReadAllBytes(Path.Combine(work, "shown", "PR-NORTHFORD-20260703-payments.csv")).Should().Equal(files[0]);

            var verify = await CliProcess.RunAsync(db.ChildEnvironment(), "verify");
            verify.ExitCode.Should().Be(0, verify.Output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string[] OrderArgs(params string[] extra) =>
    [
        "order", "--area", AreaCode, "--budget", PurchasingWorld.AmyBudget, "--by", Lp, "--need", "Speech delay affecting school",
        "--outcome", "Understood by classmates", "--wishes", "Wants to talk to friends", "--need-identified", "2026-05-20", "--date", "2026-06-01", .. extra,
    ];

    /// <summary>
    /// Each case's first word is the start of the expected one-line error (a stable code for a refusal);
    /// "{waiting}" and the like stand for the orders made in the set-up.
    /// </summary>
    private static readonly string[][] BadInputs =
    [
        ["ProviderSuspended: ", .. OrderArgs("--provider", PurchasingWorld.Pa, "--category", "FamilySupport", "--description", "Personal assistant", "--unit", "hour",
            "--price", "12.50", "--spot-reason", "Known to the family", "--quantity", "4")],
        ["--quantity must", .. OrderArgs("--service", PurchasingWorld.SpeechSession, "--quantity", "0")],
        ["InsufficientFunds: ", .. OrderArgs("--service", PurchasingWorld.SpeechSession, "--quantity", "14")],
        ["UnknownService: ", .. OrderArgs("--service", "NO-SUCH-SERVICE", "--quantity", "1")],
        ["InvalidDates: ", "order", "--area", AreaCode, "--budget", PurchasingWorld.AmyBudget, "--by", Lp, "--service", PurchasingWorld.SpeechSession, "--quantity", "1",
            "--need", "x", "--outcome", "y", "--wishes", "z", "--need-identified", "2026-06-02", "--date", "2026-06-01"],
        ["--price is for a spot purchase", .. OrderArgs("--service", PurchasingWorld.SpeechSession, "--price", "1.00", "--quantity", "1")],
        ["give --service CODE", .. OrderArgs("--provider", PurchasingWorld.Speech, "--quantity", "1")],
        ["unknown option --colour", .. OrderArgs("--service", PurchasingWorld.SpeechSession, "--quantity", "1", "--colour", "red")],
        ["UnknownOrder: ", "approve", "--area", AreaCode, "--order", "PO-FFFFFFFFFFFF", "--by", Holder, "--date", "2026-06-02"],
        ["SelfApproval: ", "approve", "--area", AreaCode, "--order", "{waiting}", "--by", Lp, "--date", "2026-06-02"],
        ["PanelReferenceRequired: ", "approve", "--area", AreaCode, "--order", "{panel}", "--by", Holder, "--date", "2026-06-02"],
        ["NotAwaitingApproval: ", "approve", "--area", AreaCode, "--order", "{started}", "--by", Holder, "--date", "2026-06-02"],
        ["option --reason is required", "reject", "--area", AreaCode, "--order", "{waiting}", "--by", Holder, "--date", "2026-06-02"],
        ["OrderAlreadyInvoiced: ", "cancel", "--area", AreaCode, "--order", "{invoiced}", "--reason", "Changed our minds"],
        ["OrderNotApproved: ", "start", "--area", AreaCode, "--order", "{waiting}", "--date", "2026-06-05"],
        ["UnitsExceedOrder: ", "invoice", "--area", AreaCode, "--order", "{started}", "--number", "INV-200", "--units", "3", "--date", "2026-06-30"],
        ["DuplicateInvoice: ", "invoice", "--area", AreaCode, "--order", "{started}", "--number", "INV-100", "--units", "1", "--date", "2026-06-30"],
        ["--number must", "invoice", "--area", AreaCode, "--order", "{started}", "--number", "INV 1", "--units", "1", "--date", "2026-06-30"],
        ["InvalidBankDetails: ", "provider", "add", "--area", AreaCode, "--code", "PRV-NEW", "--name", "New Ltd", "--sector", "private", "--sort-code", "20-00",
            "--account", "12345678", "--account-name", "NEW LTD"],
        ["DuplicateCode: ", "provider", "add", "--area", AreaCode, "--code", PurchasingWorld.Speech, "--name", "Again Ltd", "--sector", "private", "--sort-code", "20-00-00",
            "--account", "12345678", "--account-name", "AGAIN LTD"],
        ["UnknownProvider: ", "provider", "reinstate", "--area", AreaCode, "--code", "PRV-NOPE"],
        ["UnknownProvider: ", "service", "add", "--area", AreaCode, "--code", "NEW-SERVICE", "--name", "New", "--provider", "PRV-NOPE", "--category", "Transport",
            "--unit", "trip", "--price", "5.00"],
        ["NotPermitted: ", "limits", "set", "--area", AreaCode, "--practitioner", Lp, "--per-purchase", "500.00", "--monthly", "5000.00", "--panel", "6000.00", "--by", Lp],
        ["UnknownBudget: ", "orders", "--area", AreaCode, "--budget", "IB-NOPE-2026"],
        ["InvalidRequest: ", "payment-run", "show", "--area", AreaCode, "--run", "PR-NOPE", "--out", "{out}"],
        ["UnknownArea: ", "payment-run", "--area", "NOWHERE", "--date", RunDate, "--out", "{out}"],
    ];

    [Fact]
    public async Task BadArgumentsAndRefusals_ExitWith2_InOneLine_WithTheStableCode_AndWriteNothing()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var world = await PurchasingWorld.CreateAsync(db);
        var p = world.Purchasing;
        Ok(await p.SetProviderStatusAsync(AreaCode, PurchasingWorld.Pa, ProviderStatus.Suspended, "Insurance lapsed"));
        var invoiced = await world.PlaceAsync("bad:invoiced", PurchasingWorld.SpeechSession, 1);          // £50, approved at once
        Ok(await p.ConfirmStartAsync(AreaCode, invoiced.Reference, new LocalDate(2026, 6, 5)));
        Ok(await p.InvoiceAsync(new InvoiceRequest(AreaCode, invoiced.Reference, "INV-100", 1, new LocalDate(2026, 6, 30))));
        var started = await world.PlaceAsync("bad:started", PurchasingWorld.SpeechSession, 2);           // £100, approved at once
        Ok(await p.ConfirmStartAsync(AreaCode, started.Reference, new LocalDate(2026, 6, 5)));
        var waiting = await world.PlaceAsync("bad:waiting", PurchasingWorld.SpeechSession, 3);           // £150, waits for a budget holder
        var panel = await world.PlaceAsync("bad:panel", PurchasingWorld.SpeechSession, 31);              // £1,550, waits for a panel
        waiting.Status.Should().Be(OrderStatus.AwaitingApproval);
        panel.Route.Should().Be(ApprovalRoute.Panel);
        var work = NewFolder();
        var names = new Dictionary<string, string>
        {
            ["{invoiced}"] = invoiced.Reference, ["{started}"] = started.Reference, ["{waiting}"] = waiting.Reference, ["{panel}"] = panel.Reference,
            ["{out}"] = Path.Combine(work, "runs"),
        };
        var before = await SnapshotAsync(db);

        try
        {
            var results = await Task.WhenAll(BadInputs.Select(async c =>
            {
                var args = c.Skip(1).Select(a => names.GetValueOrDefault(a, a)).ToArray();
                return (Expected: c[0], Args: string.Join(' ', args), Result: await CliProcess.RunInAsync(work, db.ChildEnvironment(), args));
            }));

            foreach (var (expected, args, result) in results)
            {
                result.ExitCode.Should().Be(2, $"`ledger {args}`: {result.Output}{result.Error}");
                result.Error.Should().StartWith($"error: {expected}", $"`ledger {args}`");
                result.Error.TrimEnd().Should().NotContain("\n", $"`ledger {args}`");
            }

            (await SnapshotAsync(db)).Should().Be(before);
            Directory.Exists(Path.Combine(work, "data")).Should().BeFalse("no payment run started, so nothing went to the default folder");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task TheSameOrderTwice_HoldsTheMoneyOnce_AndTheSameKeyForAnotherOrderIsRefused()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var world = await PurchasingWorld.CreateAsync(db);
        var available = (await world.AmyAvailableAsync()).Values.Sum(m => m.Pence);
        var args = OrderArgs("--service", PurchasingWorld.SwimSession, "--quantity", "3");

        var first = await CliProcess.RunAsync(db.ChildEnvironment(), args);
        var second = await CliProcess.RunAsync(db.ChildEnvironment(), args);
        var spelledOtherwise = await CliProcess.RunAsync(db.ChildEnvironment(), [.. args.Select(a => a == "3" ? "03" : a)]);

        first.ExitCode.Should().Be(0, first.Error);
        first.Output.Should().Contain("status: approved at once").And.Contain("held £60.00");
        var reference = Regex.Match(first.Output, "^order (PO-[0-9A-F]{12}) placed", RegexOptions.Multiline).Groups[1].Value;
        reference.Should().NotBeEmpty();
        foreach (var replay in new[] { second, spelledOtherwise })
        {
            replay.ExitCode.Should().Be(0, replay.Error);
            replay.Output.Should().StartWith($"order {reference} was already placed under key cli:order:").And.Contain("nothing written");
        }

        await using (var context = db.CreateContext())
        {
            (await context.PurchaseOrders.CountAsync()).Should().Be(1);
            (await context.Holds.CountAsync(h => h.Status == HoldStatus.Open)).Should().Be(1);
            (await context.DelegatedMonths.SingleAsync()).Committed.Should().Be(6_000, "the month's delegated total counts the order once (R11)");
        }

        (await world.AmyAvailableAsync()).Values.Sum(m => m.Pence).Should().Be(available - 6_000);

        // An explicit key used again for a different order is refused, and nothing more is held.
        var keyed = await CliProcess.RunAsync(db.ChildEnvironment(), [.. OrderArgs("--service", PurchasingWorld.SwimSession, "--quantity", "1", "--key", "order-42")]);
        keyed.ExitCode.Should().Be(0, keyed.Error);
        var before = await SnapshotAsync(db);
        var reused = await CliProcess.RunAsync(db.ChildEnvironment(), [.. OrderArgs("--service", PurchasingWorld.SwimSession, "--quantity", "2", "--key", "order-42")]);
        reused.ExitCode.Should().Be(2, reused.Output);
        reused.Error.Should().StartWith("error: LedgerRefused: IdempotencyConflict");
        (await SnapshotAsync(db)).Should().Be(before);
    }

    /// <summary>
    /// Six providers are owed money; the payment run is killed (as a crash or power cut would) as soon
    /// as it reports its first payment, then run again: it finishes, paying every provider and every
    /// invoice exactly once, and the ledger verifies.
    /// </summary>
    [Fact]
    public async Task PaymentRun_KilledHalfWay_ThenRunAgain_PaysEveryInvoiceExactlyOnce()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var world = await PurchasingWorld.CreateAsync(db);
        var p = world.Purchasing;
        Ok(await p.RegisterProviderAsync(new ProviderRequest(AreaCode, "PRV-TUTOR", "Maths tutor", ProviderSector.Individual, "60-44-55", "56789012", "M TUTOR")));
        Ok(await p.RegisterProviderAsync(new ProviderRequest(AreaCode, "PRV-TAXI", "Town Taxis Ltd", ProviderSector.Private, "70-55-66", "67890123", "TOWN TAXIS LTD")));
        var orders = new List<PurchaseOrder>
        {
            Ok(await p.PlaceOrderAsync(PurchasingWorld.Order("kill:speech", PurchasingWorld.SpeechSession, 1))),
            Ok(await p.PlaceOrderAsync(PurchasingWorld.Order("kill:swim", PurchasingWorld.SwimSession, 2))),
            Ok(await p.PlaceOrderAsync(PurchasingWorld.Order("kill:family", PurchasingWorld.FamilyWork, 2))),
        };
        foreach (var (key, provider, category, price, quantity) in new[]
        {
            ("kill:pa", PurchasingWorld.Pa, ServiceCategory.FamilySupport, 12.50m, 4),
            ("kill:tutor", "PRV-TUTOR", ServiceCategory.TuitionEducation, 25.00m, 2),
            ("kill:taxi", "PRV-TAXI", ServiceCategory.Transport, 15.75m, 2),
        })
        {
            orders.Add(Ok(await p.PlaceOrderAsync(PurchasingWorld.Order(key, null!, quantity) with
            {
                Service = null, Provider = provider, Category = category, Description = $"{category} as agreed", Unit = "session", UnitPrice = Pounds(price),
                SpotReason = "Not in the catalogue",
            })));
        }

        var invoiced = 0L;
        for (var i = 0; i < orders.Count; i++)
        {
            orders[i].Status.Should().Be(OrderStatus.Approved);
            Ok(await p.ConfirmStartAsync(AreaCode, orders[i].Reference, new LocalDate(2026, 6, 5)));
            invoiced += Ok(await p.InvoiceAsync(new InvoiceRequest(AreaCode, orders[i].Reference, $"INV-{i + 1}", orders[i].Quantity, new LocalDate(2026, 6, 30)))).Amount;
        }

        var folder = NewFolder();
        try
        {
            string[] args = ["payment-run", "--area", AreaCode, "--date", RunDate, "--out", folder];
            using (var run = CliProcess.Start(db.ChildEnvironment(), args))
            {
                var errors = run.StandardError.ReadToEndAsync();
                var lines = new List<string>();
                var sawPayment = await CliProcess.ReadUntilAsync(run, l => l.StartsWith("paid ", StringComparison.Ordinal), TimeSpan.FromMinutes(2), lines);
                await CliProcess.KillAsync(run);
                sawPayment.Should().BeTrue($"the run reports each provider paid: {string.Join('\n', lines)}{await errors}");
                lines.Last().Should().MatchRegex(@"^paid PRV-\S+ 1/6 £\d+\.\d\d$");
            }

            var (paidBeforeKill, entriesBeforeKill, _, _) = await PaymentCountsAsync(db);
            entriesBeforeKill.Should().BeGreaterThanOrEqualTo(paidBeforeKill, "each payment's ledger entry is posted before it is recorded");
            var interrupted = paidBeforeKill < orders.Count;
            TestContext.Current.TestOutputHelper?.WriteLine($"killed after {paidBeforeKill} of {orders.Count} payments recorded ({entriesBeforeKill} ledger entries posted)");
            if (interrupted)
            {
                await using var context = db.CreateContext();
                (await context.PaymentRuns.SingleAsync()).Status.Should().Be(PaymentRunStatus.Started);
                Directory.GetFiles(folder).Should().BeEmpty("an unfinished run writes no files");
            }

            var resumed = await CliProcess.RunAsync(db.ChildEnvironment(), args);
            resumed.ExitCode.Should().Be(0, resumed.Output + resumed.Error);
            if (interrupted)
            {
                resumed.Output.Should().Contain("did not finish: resuming").And.Contain("payment run PR-DEVON-20260703 on 2026-07-03 completed");
            }

            var third = await CliProcess.RunAsync(db.ChildEnvironment(), args);
            third.ExitCode.Should().Be(0, third.Error);
            third.Output.Should().Contain("had already completed").And.NotContain("paid PRV");

            // Every provider paid once, every invoice in exactly one payment, nothing left owed.
            (await PaymentCountsAsync(db)).Should().Be((6, 6, invoiced, 6));
            await using (var context = db.CreateContext())
            {
                var run = await context.PaymentRuns.SingleAsync();
                run.Status.Should().Be(PaymentRunStatus.Completed);
                (await context.Invoices.CountAsync(i => i.PaymentRun == run.Id)).Should().Be(6);
                (await context.ProviderPayments.Select(x => x.Invoices).SumAsync()).Should().Be(6);
                (await context.Accounts.Where(a => a.Kind == AccountKind.ProviderPayable).ToListAsync())
                    .Should().OnlyContain(a => a.Balance == 0 && a.Held == 0, "every payable was paid, once");
            }

            var payments = ReadCsv(Path.Combine(folder, "PR-DEVON-20260703-payments.csv"), PaymentFiles.PaymentHeader);
            payments.Should().HaveCount(6);
            payments.Sum(r => decimal.Parse(r.Split(',')[8], CultureInfo.InvariantCulture)).Should().Be(invoiced / 100m);
            ReadCsv(Path.Combine(folder, "PR-DEVON-20260703-remittance.csv"), PaymentFiles.RemittanceHeader).Should().HaveCount(6);

            var verify = await CliProcess.RunAsync(db.ChildEnvironment(), "verify");
            verify.ExitCode.Should().Be(0, verify.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ExpireHolds_AlsoBringsOrdersIntoLine_R9()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var world = await PurchasingWorld.CreateAsync(db);
        var available = (await world.AmyAvailableAsync()).Values.Sum(m => m.Pence);
        var order = await world.PlaceAsync("expire:swim", PurchasingWorld.SwimSession, 2);
        await using (var context = db.CreateContext())
        {
            // As if 90 days had passed without an invoice.
            var past = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(1);
            (await context.Holds.Where(h => h.Id == order.Hold).ExecuteUpdateAsync(s => s.SetProperty(h => h.ExpiresAt, (Instant?)past))).Should().Be(1);
        }

        var result = await CliProcess.RunAsync(db.ChildEnvironment(), "expire-holds");
        var again = await CliProcess.RunAsync(db.ChildEnvironment(), "expire-holds");

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain("expired 1 hold(s)").And.Contain("brought 1 order(s) into line with their holds");
        again.Output.Should().Contain("expired 0 hold(s)").And.Contain("brought 0 order(s) into line");
        Ok(await world.Purchasing.OrderAsync(AreaCode, order.Reference)).Status.Should().Be(OrderStatus.Expired);
        (await world.AmyAvailableAsync()).Values.Sum(m => m.Pence).Should().Be(available);
        var verify = await CliProcess.RunAsync(db.ChildEnvironment(), "verify");
        verify.ExitCode.Should().Be(0, verify.Output);
    }

    [Fact]
    public async Task Invoice_WithTheProviderNamed_RefusesAnotherProvidersOrder_AndSettlesItsOwn_R13()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var world = await PurchasingWorld.CreateAsync(db);
        var order = await world.PlaceAsync("cli:swim-provider", PurchasingWorld.SwimSession, 2);
        Ok(await world.Purchasing.ConfirmStartAsync(AreaCode, order.Reference, new LocalDate(2026, 6, 3)));
        var invoice = new[] { "invoice", "--area", AreaCode, "--order", order.Reference, "--number", "INV-77", "--units", "2", "--date", "2026-06-30", "--provider" };

        var wrong = await CliProcess.RunAsync(db.ChildEnvironment(), [.. invoice, PurchasingWorld.Speech]);
        var right = await CliProcess.RunAsync(db.ChildEnvironment(), [.. invoice, PurchasingWorld.Leisure]);

        wrong.ExitCode.Should().Be(2, wrong.Output);
        wrong.Error.Should().Contain("NotPermitted");
        right.ExitCode.Should().Be(0, right.Error);
        Ok(await world.Purchasing.OrderAsync(AreaCode, order.Reference)).Status.Should().Be(OrderStatus.Invoiced);
    }

    [Fact]
    public async Task RateCardQuote_ShowsTheWorking_AndABadCardIsRefusedWithItsCode_R15_R17()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var quote = await CliProcess.RunAsync(db.ChildEnvironment(), "ratecard", "quote", "--card", "innovation-fund-round1.json", "--kind", "outcome",
            "--outcome", "IF-L3", "--paid", "7800.00", "--paid-outcomes", "IF-L2,IF-FIRST-JOB");
        quote.ExitCode.Should().Be(0, quote.Error);
        quote.Output.Should().Contain("£400.00 payable").And.Contain("per-participant cap of £8,200.00 with £7,800.00 already paid leaves £400.00");

        var folder = NewFolder();
        try
        {
            var file = Path.Combine(folder, "bad.json");
            await File.WriteAllTextAsync(file, RateCardJson.Shipped()["westmoor-early-help-2026.json"].Replace("\"percent\": 80", "\"percent\": 70", StringComparison.Ordinal));
            var check = await CliProcess.RunAsync(db.ChildEnvironment(), "ratecard", "check", "--file", file);
            check.ExitCode.Should().Be(2);
            check.Error.Should().Contain("InvalidRateCard").And.Contain("add up to 100%");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // ----- helpers ---------------------------------------------------------------------------------

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ledger-tests", "cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A CSV file's rows after its header, checking the format: UTF-8 without a BOM, CRLF after every row, the expected header.</summary>
    private static List<string> ReadCsv(string path, string header)
    {
        var bytes = File.ReadAllBytes(path);
        bytes.Take(3).Should().NotEqual(Encoding.UTF8.Preamble.ToArray(), "the files are UTF-8 without a byte-order mark");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        text.Should().EndWith("\r\n");
        text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Should().NotContainAny(["\r", "\n"], "every line ends with CRLF");
        var lines = text[..^2].Split("\r\n");
        lines[0].Should().Be(header);
        return [.. lines.Skip(1)];
    }

    /// <summary>The remittance row's last column ("EH-2026=157.89;NHS-2026=65.79") as pounds per stream.</summary>
    private static Dictionary<string, decimal> StreamParts(string row) =>
        row.Split(',')[9].Split(';').Select(part => part.Split('=')).ToDictionary(kv => kv[0], kv => decimal.Parse(kv[1], CultureInfo.InvariantCulture));

    /// <summary>Provider payments recorded, payment entries in the journal, pence paid, and distinct providers paid.</summary>
    private static async Task<(int Payments, int Entries, long Paid, int Providers)> PaymentCountsAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        var payments = await context.ProviderPayments.ToListAsync();
        return (payments.Count, await context.JournalEntries.CountAsync(e => e.Kind == EntryKind.Payment), payments.Sum(x => x.Amount),
            payments.Select(x => x.Provider).Distinct().Count());
    }

    /// <summary>Everything a refused request must leave as it was: the ledger and every purchasing record, with versions.</summary>
    private static async Task<string> SnapshotAsync(TestDatabase db)
    {
        await using var c = db.CreateContext();
        var parts = new List<object>
        {
            await c.Accounts.CountAsync(), await c.JournalEntries.CountAsync(), await c.Postings.CountAsync(), await c.Holds.CountAsync(),
            await c.HoldLegs.CountAsync(), await c.IdempotencyRecords.CountAsync(), await c.Providers.CountAsync(), await c.ServiceItems.CountAsync(),
            await c.DelegatedLimits.CountAsync(), await c.Invoices.CountAsync(), await c.PaymentRuns.CountAsync(), await c.ProviderPayments.CountAsync(),
        };
        parts.AddRange((await c.Accounts.Select(a => new { a.Id, a.Balance, a.Held, a.Version }).ToListAsync()).Select(a => (object)$"{a.Id}:{a.Balance}:{a.Held}:{a.Version}").OrderBy(x => x.ToString(), StringComparer.Ordinal));
        parts.AddRange((await c.Holds.Select(h => new { h.Id, h.Status, h.PostedAmount }).ToListAsync()).Select(h => (object)$"{h.Id}:{h.Status}:{h.PostedAmount}").OrderBy(x => x.ToString(), StringComparer.Ordinal));
        parts.AddRange((await c.PurchaseOrders.ToListAsync()).OrderBy(o => o.Reference, StringComparer.Ordinal)
            .Select(o => (object)$"{o.Reference}:{o.Status}:{o.Version}:{o.ServiceStartedOn}:{o.DecisionNote}"));
        parts.AddRange((await c.Providers.ToListAsync()).OrderBy(x => x.Code, StringComparer.Ordinal).Select(x => (object)$"{x.Code}:{x.Status}:{x.Version}:{x.Name}"));
        parts.AddRange((await c.DelegatedLimits.ToListAsync()).Select(l => (object)$"{l.Practitioner}:{l.PerPurchase}:{l.Monthly}:{l.PanelThreshold}:{l.SetAt}"));
        parts.AddRange((await c.DelegatedMonths.ToListAsync()).Select(m => (object)$"{m.Practitioner}:{m.Month}:{m.Committed}:{m.Version}"));
        return string.Join('\n', parts);
    }

    private sealed record ReadmeCommand(string[] Args, string? Tee);

    private sealed record ReadmeBlockContent(List<ReadmeCommand> Commands, Dictionary<string, (string Variable, string Word)> Captures);

    /// <summary>
    /// The CLI commands of a README section's first bash block, as argument lists (the shell's quoting
    /// undone), with the file each one's output is tee'd into; and the shell variables taken from those
    /// files (<c>ORDER=$(awk '/^order /{print $2}' data/order.txt)</c>: file → variable and the line's first word).
    /// </summary>
    private static ReadmeBlockContent ReadmeBlock(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(CliProcess.RepositoryRoot, "README.md"));
        var section = readme.IndexOf(heading, StringComparison.Ordinal);
        section.Should().BeGreaterThan(0, $"the README has the section '{heading}'");
        var start = readme.IndexOf("```bash\n", section, StringComparison.Ordinal) + "```bash\n".Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)].Split('\n');
        var commands = block.Where(line => line.Contains(Cli, StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(Cli, StringComparison.Ordinal) + Cli.Length)..])
            .Select(line => new ReadmeCommand(ShellWords(line.Split(" | ")[0]), TeeTarget().Match(line) is { Success: true } m ? m.Groups[1].Value : null))
            .ToList();
        var captures = block.Select(line => Capture().Match(line)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[3].Value, m => (m.Groups[1].Value, m.Groups[2].Value));
        return new ReadmeBlockContent(commands, captures);
    }

    /// <summary>Splits a command line as the shell would for the simple quoting the README uses.</summary>
    private static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in line.Trim())
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }

    [GeneratedRegex(@"\| tee (\S+)")]
    private static partial Regex TeeTarget();

    [GeneratedRegex(@"^(\w+)=\$\(awk '/\^(\w+) /\{print \$2\}' (\S+)\)$")]
    private static partial Regex Capture();
}
