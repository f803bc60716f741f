using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Application.Budgets;
using Ledger.Application.Demo;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Purchasing;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

using static Ledger.Cli.Commands.ArgumentReaders;

namespace Ledger.Cli.Commands;

/// <summary>
/// Purchasing from the command line (R7–R13): providers and the catalogue, delegated limits, orders
/// held on a budget and split across its streams, decisions, service start, invoices, the orders
/// table with time to service, and payment runs with their payment file and remittance. As in
/// <see cref="BudgetCommands"/>, every argument is parsed before any service is called, so bad input
/// writes nothing; a refusal from a service is reported with its stable code and exits 2; an order's
/// idempotency key is derived from the parsed request unless <c>--key</c> is given, so running the
/// same command again never holds the money twice. Bank account numbers are never printed in full.
/// </summary>
internal static class PurchasingCommands
{
    // ----- providers and the catalogue (R7, R8) ---------------------------------------------------

    public static Task<int> ProviderAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct) =>
        Sub(args, "provider add|suspend|reinstate|list ...", "add", "suspend", "reinstate", "list") switch
        {
            "add" => ProviderAddAsync(services, args, output, ct),
            "suspend" => ProviderStatusAsync(services, args, output, ProviderStatus.Suspended, ct),
            "reinstate" => ProviderStatusAsync(services, args, output, ProviderStatus.Approved, ct),
            _ => ProviderListAsync(services, args, output, ct),
        };

    private static async Task<int> ProviderAddAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "code", "name", "sector", "sort-code", "account", "account-name");
        var sector = Choice(args, "sector", ("in-house", ProviderSector.InHouse), ("voluntary", ProviderSector.Voluntary), ("private", ProviderSector.Private),
            ("individual", ProviderSector.Individual));
        var request = new ProviderRequest(CodeArg(args, "area"), CodeArg(args, "code"), Text(args, "name", 200), sector, Text(args, "sort-code", 20),
            Text(args, "account", 20), Text(args, "account-name", 100));
        var provider = Check(await services.GetRequiredService<PurchasingService>().RegisterProviderAsync(request, ct));
        await output.WriteLineAsync($"provider {provider.Code} added to {request.Area}: {provider.Name} ({SectorWord(provider.Sector)}), approved; "
            + $"paid to {provider.Bank.FormattedSortCode} {Masked(provider.AccountNumber)} ({provider.AccountName})");
        return CliApp.Ok;
    }

    private static async Task<int> ProviderStatusAsync(IServiceProvider services, Arguments args, TextWriter output, ProviderStatus status, CancellationToken ct)
    {
        string? reason = null;
        if (status == ProviderStatus.Suspended)
        {
            args.AllowOnly("area", "code", "reason");
        }
        else
        {
            args.AllowOnly("area", "code");
        }

        var (area, code) = (CodeArg(args, "area"), CodeArg(args, "code"));
        if (status == ProviderStatus.Suspended)
        {
            reason = Text(args, "reason", 500);
        }

        var provider = Check(await services.GetRequiredService<PurchasingService>().SetProviderStatusAsync(area, code, status, reason, ct));
        await output.WriteLineAsync(status == ProviderStatus.Suspended
            ? $"provider {provider.Code} in {area} is suspended: {provider.SuspensionReason}. It receives no new orders; orders already placed are still settled and paid (R7)"
            : $"provider {provider.Code} in {area} is approved and may receive orders");
        return CliApp.Ok;
    }

    private static async Task<int> ProviderListAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area");
        var area = await AreaAsync(services, CodeArg(args, "area"), ct);
        var providers = await services.GetRequiredService<IPurchasingStore>().ProvidersAsync(area.Id, ct);
        await output.WriteLineAsync($"providers in {area.Code}");
        await output.WriteLineAsync($"{"code",-18} {"name",-36} {"sector",-11} {"status",-10} {"sort code",-9} {"account",-9} {"account name",-18}  note");
        foreach (var p in providers)
        {
            await output.WriteLineAsync($"{p.Code,-18} {Cut(p.Name, 36),-36} {SectorWord(p.Sector),-11} {p.Status.ToString().ToLowerInvariant(),-10} "
                + $"{p.Bank.FormattedSortCode,-9} {Masked(p.AccountNumber),-9} {p.AccountName,-18}  {(p.Status == ProviderStatus.Suspended ? "suspended: " + p.SuspensionReason : string.Empty)}".TrimEnd());
        }

        await output.WriteLineAsync($"{providers.Count:N0} provider(s), {providers.Count(p => p.Status == ProviderStatus.Suspended):N0} suspended");
        return CliApp.Ok;
    }

    public static Task<int> ServiceAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct) =>
        Sub(args, "service add|list ...", "add", "list") switch
        {
            "add" => ServiceAddAsync(services, args, output, ct),
            _ => ServiceListAsync(services, args, output, ct),
        };

    private static async Task<int> ServiceAddAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area", "code", "name", "provider", "category", "unit", "price");
        var request = new ServiceRequest(CodeArg(args, "area"), CodeArg(args, "code"), Text(args, "name", 200), CodeArg(args, "provider"),
            EnumArg<ServiceCategory>(args, "category"), Text(args, "unit", 30), MoneyArg(args, "price"));
        var item = Check(await services.GetRequiredService<PurchasingService>().AddServiceAsync(request, ct));
        await output.WriteLineAsync($"service {item.Code} added to {request.Area}'s catalogue: {item.Name} from {request.Provider}, {item.Category}, "
            + $"{Money.FromPence(item.UnitPrice)} per {item.Unit}");
        return CliApp.Ok;
    }

    private static async Task<int> ServiceListAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        args.AllowOnly("area");
        var area = await AreaAsync(services, CodeArg(args, "area"), ct);
        var store = services.GetRequiredService<IPurchasingStore>();
        var catalogue = await store.CatalogueAsync(area.Id, ct);
        var providers = (await store.ProvidersAsync(area.Id, ct)).ToDictionary(p => p.Id);
        await output.WriteLineAsync($"service catalogue of {area.Code}");
        await output.WriteLineAsync($"{"code",-18} {"name",-40} {"provider",-18} {"category",-18} {"unit",-10} {"price",10}");
        foreach (var s in catalogue)
        {
            var provider = providers.TryGetValue(s.Provider, out var p) ? p.Code + (p.CanReceiveOrders ? string.Empty : " (suspended)") : "?";
            await output.WriteLineAsync($"{s.Code,-18} {Cut(s.Name, 40),-40} {provider,-18} {s.Category,-18} {s.Unit,-10} {Money.FromPence(s.UnitPrice),10}");
        }

        await output.WriteLineAsync($"{catalogue.Count:N0} service(s)");
        return CliApp.Ok;
    }

    // ----- delegated limits (R11) ---------------------------------------------------------------

    public static async Task<int> LimitsAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        Sub(args, "limits set --area A --practitioner LP --per-purchase 100.00 --monthly 1000.00 --panel 1500.00 --by BH", "set");
        args.AllowOnly("area", "practitioner", "per-purchase", "monthly", "panel", "by");
        var request = new LimitRequest(CodeArg(args, "area"), CodeArg(args, "practitioner"), MoneyArg(args, "per-purchase", allowZero: true),
            MoneyArg(args, "monthly", allowZero: true), MoneyArg(args, "panel"), CodeArg(args, "by"));
        var limit = Check(await services.GetRequiredService<PurchasingService>().SetLimitsAsync(request, ct));
        await output.WriteLineAsync($"delegated limits for {request.Practitioner} in {request.Area} (set by {limit.SetBy}): "
            + $"orders up to {Money.FromPence(limit.PerPurchase)} each, and up to {Money.FromPence(limit.Monthly)} in a calendar month, are approved at once; "
            + $"above that a budget holder decides; above {Money.FromPence(limit.PanelThreshold)} a panel (R11)");
        return CliApp.Ok;
    }

    // ----- orders (R9–R12) -----------------------------------------------------------------------

    public static async Task<int> OrderAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        NoPositional(args, "order");
        args.AllowOnly("area", "budget", "by", "service", "provider", "category", "description", "unit", "price", "spot-reason", "quantity", "need", "outcome",
            "wishes", "need-identified", "date", "subject", "best-interests", "key");
        var (area, budget, by) = (CodeArg(args, "area"), CodeArg(args, "budget"), CodeArg(args, "by"));
        var spotOptions = new[] { "provider", "category", "description", "unit", "price", "spot-reason" };
        string? service = null, provider = null, description = null, unit = null, spotReason = null;
        ServiceCategory? category = null;
        Money? price = null;
        if (args.Get("service") is not null)
        {
            if (spotOptions.FirstOrDefault(o => args.Get(o) is not null) is { } extra)
            {
                throw new UsageException($"--{extra} is for a spot purchase; an order with --service takes its provider, category, unit and price from the catalogue");
            }

            service = CodeArg(args, "service");
        }
        else
        {
            if (spotOptions.FirstOrDefault(o => args.Get(o) is null) is { } missing)
            {
                throw new UsageException($"give --service CODE, or for a spot purchase --provider, --category, --description, --unit, --price and --spot-reason (--{missing} is missing)");
            }

            (provider, category, description) = (CodeArg(args, "provider"), EnumArg<ServiceCategory>(args, "category"), Text(args, "description", OrderTerms.MaxTextLength));
            (unit, price, spotReason) = (Text(args, "unit", 30), MoneyArg(args, "price"), Text(args, "spot-reason", OrderTerms.MaxTextLength));
        }

        var quantity = Quantity(args, "quantity");
        var need = Text(args, "need", OrderTerms.MaxTextLength);
        var outcome = Text(args, "outcome", OrderTerms.MaxTextLength);
        var wishes = Text(args, "wishes", OrderTerms.MaxTextLength);
        var needIdentified = DateArg(args, "need-identified");
        var date = DateArg(args, "date");
        var subject = args.Get("subject") is null ? null : CodeArg(args, "subject");
        var bestInterests = args.Get("best-interests") is null ? null : Text(args, "best-interests", OrderTerms.MaxTextLength);

        // The order's own key leaves room for the prefixes the service adds to its ledger keys.
        var key = KeyArg(args, LedgerCommand.MaxKeyLength - 10, "order", area, budget, by, service ?? string.Empty, provider ?? string.Empty,
            category?.ToString() ?? string.Empty, description ?? string.Empty, unit ?? string.Empty, price?.Pence.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            spotReason ?? string.Empty, quantity.ToString(CultureInfo.InvariantCulture), need, outcome, wishes, Iso(needIdentified), Iso(date),
            subject ?? string.Empty, bestInterests ?? string.Empty);
        var request = new OrderRequest(key, area, budget, subject, by, service, quantity, need, outcome, wishes, needIdentified, date, bestInterests,
            provider, category, description, unit, price, spotReason);

        var replay = await services.GetRequiredService<IPurchasingStore>().OrderByKeyAsync(key, ct) is not null;
        var order = Check(await services.GetRequiredService<PurchasingService>().PlaceOrderAsync(request, ct));
        await ReportOrderAsync(services, order, replay, by, output, ct);
        return CliApp.Ok;
    }

    public static Task<int> ApproveAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        NoPositional(args, "approve");
        args.AllowOnly("area", "order", "by", "date", "panel-ref");
        var note = args.Get("panel-ref") is null ? null : Text(args, "panel-ref", 200);
        return DecideAsync(services, args, output, approve: true, note, ct);
    }

    public static Task<int> RejectAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        NoPositional(args, "reject");
        args.AllowOnly("area", "order", "by", "date", "reason");
        return DecideAsync(services, args, output, approve: false, Text(args, "reason", OrderTerms.MaxTextLength), ct);
    }

    private static async Task<int> DecideAsync(IServiceProvider services, Arguments args, TextWriter output, bool approve, string? note, CancellationToken ct)
    {
        var request = new DecisionRequest(CodeArg(args, "area"), CodeArg(args, "order"), CodeArg(args, "by"), approve, DateArg(args, "date"), note);
        var order = Check(await services.GetRequiredService<PurchasingService>().DecideAsync(request, ct));
        await output.WriteLineAsync(approve
            ? $"order {order.Reference} approved by {request.DecidedBy} on {Iso(request.On)}{(order.Route == ApprovalRoute.Panel ? $" for the panel (reference {order.DecisionNote})" : string.Empty)}: "
              + $"{Money.FromPence(order.Amount)} stays held; the provider may start"
            : $"order {order.Reference} rejected by {request.DecidedBy} on {Iso(request.On)} ({order.DecisionNote}): {Money.FromPence(order.Amount)} released to the streams it came from");
        return CliApp.Ok;
    }

    public static async Task<int> CancelAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        NoPositional(args, "cancel");
        args.AllowOnly("area", "order", "reason");
        var (area, reference, reason) = (CodeArg(args, "area"), CodeArg(args, "order"), Text(args, "reason", OrderTerms.MaxTextLength));
        var purchasing = services.GetRequiredService<PurchasingService>();
        var before = Check(await purchasing.OrderAsync(area, reference, ct));
        var order = Check(await purchasing.CancelAsync(area, reference, reason, ct));
        await output.WriteLineAsync(before.Status == OrderStatus.Cancelled
            ? $"order {order.Reference} was already cancelled ({order.DecisionNote}); its money is released; nothing more written"
            : $"order {order.Reference} cancelled ({order.DecisionNote}): {Money.FromPence(order.Amount)} released to the streams it came from");
        return CliApp.Ok;
    }

    public static async Task<int> StartAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        NoPositional(args, "start");
        args.AllowOnly("area", "order", "date");
        var (area, reference, date) = (CodeArg(args, "area"), CodeArg(args, "order"), DateArg(args, "date"));
        var purchasing = services.GetRequiredService<PurchasingService>();
        var before = Check(await purchasing.OrderAsync(area, reference, ct));
        var order = Check(await purchasing.ConfirmStartAsync(area, reference, date, ct));
        await output.WriteLineAsync((before.ServiceStartedOn == date ? $"order {order.Reference}: the start on {Iso(date)} was already recorded; nothing written" : $"order {order.Reference}: the service started on {Iso(date)}")
            + $"; {order.DaysToService} day(s) from need identified ({Iso(order.NeedIdentifiedOn)}) to service (R12)");
        return CliApp.Ok;
    }

    public static async Task<int> InvoiceAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        NoPositional(args, "invoice");
        args.AllowOnly("area", "order", "number", "units", "date", "provider");
        var (area, reference) = (CodeArg(args, "area"), CodeArg(args, "order"));
        var named = args.Get("provider") is not null ? CodeArg(args, "provider") : null;
        var number = args.Require("number");
        if (Invoice.CheckNumber(number) is not null)
        {
            throw new UsageException($"--number must be 1–{Invoice.MaxNumberLength} letters, digits, '-', '/', '.' or '_'; '{number}' was given");
        }

        var units = Quantity(args, "units");
        var date = DateArg(args, "date");
        var purchasing = services.GetRequiredService<PurchasingService>();
        var store = services.GetRequiredService<IPurchasingStore>();

        // The same invoice entered again (same order, number, units and date) is reported, not refused: nothing is settled twice.
        var order = Check(await purchasing.OrderAsync(area, reference, ct));
        var existing = await store.InvoiceForOrderAsync(order.Id, ct);
        var replay = existing is not null && existing.Number == number && existing.Units == units && existing.InvoicedOn == date;
        var invoice = replay ? existing! : Check(await purchasing.InvoiceAsync(new InvoiceRequest(area, reference, number, units, date, named), ct));
        order = Check(await purchasing.OrderAsync(area, reference, ct));
        var provider = (await store.ProvidersAsync([order.Provider], ct)).Single();
        var amount = Money.FromPence(invoice.Amount);
        await output.WriteLineAsync(replay
            ? $"invoice {invoice.Number} from {provider.Code} on order {order.Reference} was already settled on {Iso(invoice.InvoicedOn)}; nothing written"
            : $"invoice {invoice.Number} from {provider.Code} on order {order.Reference}: {invoice.Units} x {Money.FromPence(order.UnitPrice)} per {order.Unit} = {amount}, settled on {Iso(invoice.InvoicedOn)}");
        var released = Money.FromPence(order.Amount - invoice.Amount);
        await output.WriteLineAsync((released.IsZero
                ? $"  the whole {Money.FromPence(order.Amount)} held was settled; "
                : $"  {released} of the {Money.FromPence(order.Amount)} held was released to the streams it came from; ")
            + $"{amount} is owed to {provider.Code} until the next payment run");
        await WriteStreamSplitAsync(services, order.Hold, "  paid per stream:", posted: true, output, ct);
        return CliApp.Ok;
    }

    public static async Task<int> OrdersAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        NoPositional(args, "orders");
        args.AllowOnly("area", "budget");
        var area = CodeArg(args, "area");
        var budget = args.Get("budget") is null ? null : CodeArg(args, "budget");
        var orders = Check(await services.GetRequiredService<PurchasingService>().OrdersAsync(area, budget, ct));
        await output.WriteLineAsync(budget is null ? $"orders in {area}" : $"orders in {area} on budget {budget}");
        // Columns as wide as their longest value, so long codes never push the dates out of line.
        int Width(string title, Func<OrderView, string> pick) => orders.Select(v => pick(v).Length).Append(title.Length).Max();
        var (wb, ws, wp) = (Width("budget", v => v.Budget), Width("subject", v => v.Subject), Width("provider", v => v.Provider));
        await output.WriteLineAsync($"{"reference",-15} {Pad("budget", wb)} {Pad("subject", ws)} {Pad("provider", wp)} {"category",-18} {"amount",11} {"status",-22} "
            + $"{"need",-10} {"ordered",-10} {"started",-10} {"days to service",15}");
        foreach (var v in orders)
        {
            var o = v.Order;
            await output.WriteLineAsync($"{o.Reference,-15} {Pad(v.Budget, wb)} {Pad(v.Subject, ws)} {Pad(v.Provider, wp)} {o.Category,-18} {Money.FromPence(o.Amount),11} {StatusWord(o),-22} "
                + $"{Iso(o.NeedIdentifiedOn),-10} {Iso(o.OrderedOn),-10} {(o.ServiceStartedOn is { } s ? Iso(s) : string.Empty),-10} {o.DaysToService?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,15}".TrimEnd());
        }

        var days = orders.Where(v => v.Order.DaysToService is not null).Select(v => v.Order.DaysToService!.Value).Order().ToList();
        Money Sum(Func<OrderView, bool> which, Func<OrderView, long> amount) => Money.FromPence(orders.Where(which).Sum(amount));
        await output.WriteLineAsync($"{orders.Count:N0} order(s): {Sum(v => v.Order.IsOpen, v => v.Order.Amount)} held on open orders, "
            + $"{Sum(v => v.Invoice is not null, v => v.Invoice!.Amount)} invoiced, {Sum(v => v.Order.Status is OrderStatus.Rejected or OrderStatus.Cancelled or OrderStatus.Expired, v => v.Order.Amount)} "
            + "released by rejection, cancellation or expiry");
        await output.WriteLineAsync(days.Count == 0
            ? "median days to service: none yet (no order has started)"
            : $"median days to service (need identified to service started, R12): {Median(days)} over {days.Count:N0} started order(s)");
        return CliApp.Ok;
    }

    // ----- payment runs (R13) ----------------------------------------------------------------------

    public static async Task<int> PaymentRunAsync(IServiceProvider services, Arguments args, TextWriter output, CancellationToken ct)
    {
        var sub = args.Positional.Count == 0
            ? "run"
            : Sub(args, "payment-run --area A --date YYYY-MM-DD [--out DIR] | payment-run show --area A --run REF [--out DIR] | payment-run list --area A", "show", "list");
        if (sub == "list")
        {
            args.AllowOnly("area");
            var area = CodeArg(args, "area");
            var runs = Check(await services.GetRequiredService<PaymentRunService>().RunsAsync(area, ct));
            await output.WriteLineAsync($"payment runs in {area}, newest first");
            foreach (var run in runs)
            {
                await output.WriteLineAsync($"{run.Reference,-32} {Iso(run.RunOn)}  {(run.Status == PaymentRunStatus.Completed ? "completed" : "UNFINISHED: run it again to finish")}");
            }

            await output.WriteLineAsync($"{runs.Count:N0} run(s)");
            return CliApp.Ok;
        }

        PaymentRunResult result;
        string folder;
        if (sub == "show")
        {
            args.AllowOnly("area", "run", "out");
            var (area, reference) = (CodeArg(args, "area"), CodeArg(args, "run"));
            folder = OutFolder(args);
            result = Check(await services.GetRequiredService<PaymentRunService>().ShowAsync(area, reference, ct));
            if (result.Run.Status != PaymentRunStatus.Completed)
            {
                throw new UsageException($"{BudgetErrorCode.PaymentRunInProgress}: payment run {result.Run.Reference} did not finish; "
                    + $"finish it with `ledger payment-run --area {area} --date {Iso(result.Run.RunOn)}` before producing its files");
            }

            await output.WriteLineAsync($"payment run {result.Run.Reference} on {Iso(result.Run.RunOn)}, completed {InstantPattern.General.Format(result.Run.CompletedAt!.Value)}");
        }
        else
        {
            args.AllowOnly("area", "date", "out");
            var (areaCode, date) = (CodeArg(args, "area"), DateArg(args, "date"));
            folder = OutFolder(args);

            // Say up front whether this finishes a run that stopped half way.
            if (await services.GetRequiredService<IBudgetStore>().AreaAsync(areaCode, ct) is { } area
                && await services.GetRequiredService<IPurchasingStore>().RunAsync(area.Id, date, ct) is { Status: PaymentRunStatus.Started } unfinished)
            {
                var paidBefore = await services.GetRequiredService<IPurchasingStore>().PaymentsAsync(unfinished.Id, ct);
                await output.WriteLineAsync($"payment run {unfinished.Reference} did not finish: resuming ({paidBefore.Count:N0} provider(s) were paid before; they are not paid again)");
            }

            var progress = new SynchronousProgress<PaymentRunProgress>(p => output.WriteLine($"paid {p.Provider} {p.Done}/{p.Total} {p.Amount}"));
            result = Check(await services.GetRequiredService<PaymentRunService>().RunAsync(areaCode, date, progress, ct));
            await output.WriteLineAsync(result.AlreadyCompleted
                ? $"payment run {result.Run.Reference} had already completed on {InstantPattern.General.Format(result.Run.CompletedAt!.Value)}: nothing more paid; writing its files again"
                : $"payment run {result.Run.Reference} on {Iso(result.Run.RunOn)} completed");
        }

        if (result.Payments.Count == 0)
        {
            await output.WriteLineAsync("  no settled invoice was waiting to be paid");
        }

        await output.WriteLineAsync($"  {result.Payments.Count:N0} provider(s), {result.Payments.Sum(p => p.LineCount):N0} line(s) (invoices, outcome claims, clawbacks), {result.Total} in total; "
            + $"bank reference {PaymentFiles.BankReference(result)}");
        foreach (var p in result.Payments)
        {
            await output.WriteLineAsync($"    {p.Provider.Code,-18} {p.Amount,12}  {p.LineCount,3} line(s)  to {p.Provider.Bank.FormattedSortCode} {Masked(p.Provider.AccountNumber)}");
        }

        var payments = await WriteFileAsync(folder, $"{result.Run.Reference}-payments.csv", PaymentFiles.Payments(result), ct);
        var remittance = await WriteFileAsync(folder, $"{result.Run.Reference}-remittance.csv", PaymentFiles.Remittance(result), ct);
        await output.WriteLineAsync($"wrote {payments} ({result.Payments.Count:N0} payment row(s))");
        await output.WriteLineAsync($"wrote {remittance} ({result.Payments.Sum(p => p.LineCount):N0} remittance row(s))");
        return CliApp.Ok;
    }

    private static string OutFolder(Arguments args)
    {
        var folder = Path.GetFullPath(args.Get("out") is { } text
            ? ArgumentReaders.PathArg(text, "out")
            : Path.Combine(Directory.GetCurrentDirectory(), "data", "payment-runs"));
        try
        {
            // Made before anything is paid, so a folder that cannot be written stops the run before it starts.
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out: cannot create the folder {folder} ({e.Message})");
        }

        return folder;
    }

    // Written beside the target and moved into place, so a failure never leaves half a file.
    private static async Task<string> WriteFileAsync(string folder, string name, string text, CancellationToken ct)
    {
        var path = Path.Combine(folder, name);
        var temp = path + ".partial";
        await File.WriteAllTextAsync(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct);
        File.Move(temp, path, overwrite: true);
        return path;
    }

    // ----- output helpers --------------------------------------------------------------------------

    private static async Task ReportOrderAsync(IServiceProvider services, PurchaseOrder order, bool replay, string by, TextWriter output, CancellationToken ct)
    {
        string budget, subject, provider;
        var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct);
        await using (db)
        {
            budget = await db.Budgets.AsNoTracking().Where(b => b.Id == order.Budget).Select(b => b.Code).SingleAsync(ct);
            subject = await db.Subjects.AsNoTracking().Where(s => s.Id == order.Subject).Select(s => s.Reference).SingleAsync(ct);
            provider = await db.Providers.AsNoTracking().Where(p => p.Id == order.Provider).Select(p => p.Code).SingleAsync(ct);
        }

        var amount = Money.FromPence(order.Amount);
        await output.WriteLineAsync(replay
            ? $"order {order.Reference} was already placed under key {order.IdempotencyKey}; nothing written"
            : $"order {order.Reference} placed on budget {budget} for {subject}");
        await output.WriteLineAsync($"  {order.Description} ({order.Category}) from {provider}: {order.Quantity} x {Money.FromPence(order.UnitPrice)} per {order.Unit} = {amount}"
            + (order.ServiceItem is null ? $"; spot purchase: {order.SpotReason}" : string.Empty));
        await output.WriteLineAsync("  status: " + order.Status switch
        {
            OrderStatus.Approved when order.Route == ApprovalRoute.Delegated => $"approved at once, within {by}'s delegated limits; the provider may start",
            OrderStatus.AwaitingApproval when order.Route == ApprovalRoute.Panel =>
                $"waiting for a panel: above the panel threshold (a budget holder records its decision: `ledger approve --order {order.Reference} --panel-ref REF`)",
            OrderStatus.AwaitingApproval => $"waiting for a budget holder: above {by}'s delegated limits (`ledger approve --order {order.Reference}`, by someone else)",
            _ => StatusWord(order),
        });
        await output.WriteLineAsync(order.IsOpen
            ? $"  held {amount} on budget {budget}: it no longer counts as available; released if rejected, cancelled or not invoiced in time"
            : $"  {amount} was held on budget {budget}");
        await WriteStreamSplitAsync(services, order.Hold, "  split per stream:", posted: false, output, ct);
        await output.WriteLineAsync($"  need identified {Iso(order.NeedIdentifiedOn)}, ordered {Iso(order.OrderedOn)} ({order.DaysToOrder} day(s) later); key {order.IdempotencyKey}");
    }

    /// <summary>The hold's legs per stream: what each stream holds (or, once settled, paid).</summary>
    private static async Task WriteStreamSplitAsync(IServiceProvider services, HoldId hold, string title, bool posted, TextWriter output, CancellationToken ct)
    {
        var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct);
        await using (db)
        {
            var legs = await db.HoldLegs.AsNoTracking().Where(l => l.Hold == hold)
                .Join(db.FundingStreams, l => l.Stream, s => s.Id, (l, s) => new { s.Code, l.Leg, l.Amount, l.Posted })
                .ToListAsync(ct);
            await output.WriteLineAsync(title);
            foreach (var leg in legs.OrderBy(l => l.Leg))
            {
                await output.WriteLineAsync($"    {leg.Code,-18} {Money.FromPence(posted ? leg.Posted : leg.Amount),12}");
            }
        }
    }

    private static string StatusWord(PurchaseOrder order) =>
        order.Status switch
        {
            OrderStatus.AwaitingApproval => order.Route == ApprovalRoute.Panel ? "waiting: panel" : "waiting: budget holder",
            OrderStatus.Approved => order.ServiceStartedOn is null ? "approved" : "approved, started",
            OrderStatus.Rejected => "rejected",
            OrderStatus.Cancelled => "cancelled",
            OrderStatus.Invoiced => "invoiced",
            OrderStatus.Expired => "expired",
            _ => order.Status.ToString(),
        };

    private static string SectorWord(ProviderSector sector) =>
        sector switch
        {
            ProviderSector.InHouse => "in-house",
            _ => sector.ToString().ToLowerInvariant(),
        };

    /// <summary>An account number as it may be shown: only its last four digits.</summary>
    private static string Masked(string accountNumber) => accountNumber.Length <= 4 ? "****" : "****" + accountNumber[^4..];

    private static string Pad(string text, int width) => text.PadRight(width);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Median(List<int> sorted)
    {
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
        return median.ToString("0.#", CultureInfo.InvariantCulture);
    }

    private static async Task<Area> AreaAsync(IServiceProvider services, string code, CancellationToken ct) =>
        await services.GetRequiredService<IBudgetStore>().AreaAsync(code, ct)
        ?? throw new UsageException($"{BudgetErrorCode.UnknownArea}: There is no area '{code}'.");

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    // ----- argument parsing (as in BudgetCommands) ----------------------------------------------------

    private static void NoPositional(Arguments args, string command)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"{command} takes options only; '{args.Positional[0]}' was given");
        }
    }

    private static int Quantity(Arguments args, string name)
    {
        args.Require(name);
        return args.GetInt(name, 0, 1, OrderTerms.MaxQuantity);
    }

}
