using System.Globalization;
using System.Security.Claims;
using Ledger.Application.Access;
using Ledger.Application.Purchasing;
using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Web.Api;

/// <summary>
/// The purchasing journey over JSON, on <see cref="PurchaseWorkspace"/> so the application's access rules
/// decide: read a budget, search the catalogue, see one's limits, buy (with <c>Idempotency-Key</c>), the
/// approvals queue and decisions, confirming delivery, invoicing, and payment runs.
/// </summary>
internal static class PurchasingApi
{
    public static void MapPurchasingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Purchasing");
        api.MapGet("/budgets/{code}", async (ClaimsPrincipal user, PurchaseWorkspace purchases, string code, CancellationToken ct) =>
            await AsActorAsync(user, async actor => Answer(await purchases.BudgetAsync(actor, code, ct), BudgetJson.From)))
            .WithSummary("A budget you may see, with its balances per funding stream to date and its orders.");
        api.MapGet("/catalogue", async (ClaimsPrincipal user, PurchaseWorkspace purchases, string? search, CancellationToken ct) =>
            await AsActorAsync(user, async actor => Answer(await purchases.CatalogueAsync(actor, search?.Length > 100 ? search[..100] : search, ct),
                list => list.Select(e => new ServiceJson(e.Code, e.Name, e.Provider, e.ProviderName, e.Category.ToString(), e.Unit, e.UnitPrice.ToString())).ToList())))
            .WithSummary("The area's catalogue of services you may buy, searched by words.");
        api.MapGet("/limits", async (ClaimsPrincipal user, PurchaseWorkspace purchases, CancellationToken ct) =>
            await AsActorAsync(user, async actor => Answer(await purchases.LimitAsync(actor, ct), l => new LimitJson(l.PerPurchase.ToString(), l.Monthly.ToString(),
                l.PanelThreshold.ToString(), l.CommittedThisMonth.ToString(), l.LargestWithoutApproval.ToString()))))
            .WithSummary("Your delegated limits and what you have committed this month (R11).");
        api.MapPost("/orders", async (HttpRequest request, ClaimsPrincipal user, PurchaseWorkspace purchases, IClock clock, CancellationToken ct) =>
            await AsActorAsync(user, async actor =>
            {
                return await ApiInput.WithBodyAsync<BuyJson>(request, async body =>
                {
                    if (string.IsNullOrWhiteSpace(body.Budget) || string.IsNullOrWhiteSpace(body.Service) || body.Quantity is not { } quantity
                        || string.IsNullOrWhiteSpace(body.Need) || string.IsNullOrWhiteSpace(body.OutcomeSought) || string.IsNullOrWhiteSpace(body.ChildWishes))
                    {
                        return ApiProblems.BadInput("budget, service, quantity, need, outcomeSought and childWishes are required.");
                    }

                    if (!ApiInput.TryDate(body.NeedIdentifiedOn, out var needOn) || needOn is null)
                    {
                        return ApiProblems.BadInput("needIdentifiedOn is required, written yyyy-MM-dd.");
                    }

                    // The header's key is the domain's key too, so even a replay the middleware could not answer holds the money once.
                    var result = await purchases.BuyAsync(actor, new OrderRequest(
                        IdempotencyKeys.For(request.HttpContext) ?? IdempotencyKeys.For(actor.UserName, Guid.NewGuid().ToString("N")), actor.Area, body.Budget, body.Subject,
                        actor.Practitioner ?? string.Empty, body.Service, quantity, body.Need, body.OutcomeSought, body.ChildWishes, needOn.Value,
                        London.Today(clock), body.BestInterestsReason), ct);
                    return result.Succeeded
                        ? Results.Created($"/api/orders/{Uri.EscapeDataString(result.Value!.Order.Reference)}", WorkspaceApi.OrderJson.From(result.Value))
                        : ApiProblems.From(result.Error!);
                }, ct);
            }))
            .WithSummary("Buys a service for a budget on your caseload; above your delegated limit it waits for approval. Honours Idempotency-Key.");
        api.MapGet("/approvals", async (ClaimsPrincipal user, PurchaseWorkspace purchases, string? page, string? pageSize, CancellationToken ct) =>
            await AsActorAsync(user, async actor =>
            {
                if (!ApiInput.TryPage(page, pageSize, out var paging))
                {
                    return ApiProblems.BadInput("page and pageSize are whole numbers.");
                }

                return Answer(await purchases.ApprovalsAsync(actor, paging, ct),
                    p => new WorkspaceApi.OrderPage(p.Items.Select(WorkspaceApi.OrderJson.From).ToList(), p.Number, p.Size, p.Total, p.Pages));
            }))
            .WithSummary("Orders waiting for a budget holder's decision, oldest first (budget holders).");
        api.MapPost("/orders/{reference}/decision", async (HttpRequest request, ClaimsPrincipal user, PurchaseWorkspace purchases, string reference, CancellationToken ct) =>
            await AsActorAsync(user, async actor =>
            {
                return await ApiInput.WithBodyAsync<DecisionJson>(request, async body =>
                {
                    return body.Approve is not { } approve
                        ? ApiProblems.BadInput("approve (true or false) is required; a rejection needs a note.")
                        : Answer(await purchases.DecideAsync(actor, reference, approve, body.Note, ct), WorkspaceApi.OrderJson.From);
                }, ct);
            }))
            .WithSummary("A budget holder approves or rejects a waiting order (R11).");
        api.MapPost("/orders/{reference}/delivery", async (HttpRequest request, ClaimsPrincipal user, PurchaseWorkspace purchases, string reference, CancellationToken ct) =>
            await AsActorAsync(user, async actor =>
            {
                return await ApiInput.WithBodyAsync<DeliveryJson>(request, async body =>
                {
                    return !ApiInput.TryDate(body.StartedOn, out var started) || started is null
                        ? ApiProblems.BadInput("startedOn is required, written yyyy-MM-dd.")
                        : Answer(await purchases.ConfirmDeliveryAsync(actor, reference, started.Value, ct), WorkspaceApi.OrderJson.From);
                }, ct);
            }))
            .WithSummary("Confirms the service started (R12): the order's lead professional or its provider.");
        api.MapPost("/orders/{reference}/invoice", async (HttpRequest request, ClaimsPrincipal user, PurchaseWorkspace purchases, string reference, CancellationToken ct) =>
            await AsActorAsync(user, async actor =>
            {
                return await ApiInput.WithBodyAsync<InvoiceJson>(request, async body =>
                {
                    if (string.IsNullOrWhiteSpace(body.Number) || body.Units is not { } units || !ApiInput.TryDate(body.InvoicedOn, out var invoicedOn) || invoicedOn is null)
                    {
                        return ApiProblems.BadInput("number, units and invoicedOn (yyyy-MM-dd) are required.");
                    }

                    return Answer(await purchases.InvoiceAsync(actor, reference, body.Number, units, invoicedOn.Value, ct), WorkspaceApi.OrderJson.From,
                        StatusCodes.Status201Created);
                }, ct);
            }))
            .WithSummary("The provider invoices the units it delivered on its order (R13).");
        api.MapGet("/payment-runs", async (ClaimsPrincipal user, PurchaseWorkspace purchases, CancellationToken ct) =>
            await AsActorAsync(user, async actor => Answer(await purchases.PaymentRunsAsync(actor, ct),
                runs => runs.Select(r => new RunSummaryJson(r.Reference, Iso(r.RunOn), r.Status.ToString())).ToList())))
            .WithSummary("The area's payment runs, newest first (budget holders).");
        api.MapGet("/payment-runs/{reference}", async (ClaimsPrincipal user, PurchaseWorkspace purchases, string reference, CancellationToken ct) =>
            await AsActorAsync(user, async actor => Answer(await purchases.PaymentRunAsync(actor, reference, ct), RunJson.From)))
            .WithSummary("One payment run with what each provider was paid (budget holders).");
        api.MapPost("/payment-runs", async (HttpRequest request, ClaimsPrincipal user, PurchaseWorkspace purchases, CancellationToken ct) =>
            await AsActorAsync(user, async actor =>
            {
                return await ApiInput.WithBodyAsync<RunRequestJson>(request, async body =>
                {
                    return !ApiInput.TryDate(body.RunOn, out var runOn)
                        ? ApiProblems.BadInput("runOn is written yyyy-MM-dd; leave it out for today.")
                        : Answer(await purchases.RunPaymentsAsync(actor, runOn, ct: ct), RunJson.From, StatusCodes.Status201Created);
                }, ct);
            }))
            .WithSummary("Runs the area's payment run for a day (today by default); the same day again returns that run (budget holders).");
    }

    private static async Task<IResult> AsActorAsync(ClaimsPrincipal user, Func<Actor, Task<IResult>> act) =>
        CurrentUser.From(user)?.ToActor() is { } actor ? await act(actor) : Results.Forbid();

    private static IResult Answer<T, TJson>(Domain.Budgets.Result<T> result, Func<T, TJson> json, int status = StatusCodes.Status200OK) =>
        !result.Succeeded ? ApiProblems.From(result.Error!)
        : status == StatusCodes.Status201Created ? Results.Json(json(result.Value!), statusCode: status)
        : Results.Ok(json(result.Value!));


    private static string Iso(LocalDate day) => day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A purchase: a catalogue service for a budget.</summary>
    public sealed record BuyJson(string? Budget, string? Subject, string? Service, int? Quantity, string? Need, string? OutcomeSought, string? ChildWishes,
        string? NeedIdentifiedOn, string? BestInterestsReason);

    /// <summary>A decision on a waiting order.</summary>
    public sealed record DecisionJson(bool? Approve, string? Note);

    /// <summary>The day a service started.</summary>
    public sealed record DeliveryJson(string? StartedOn);

    /// <summary>An invoice for an order.</summary>
    public sealed record InvoiceJson(string? Number, int? Units, string? InvoicedOn);

    /// <summary>A payment run's date (today when absent).</summary>
    public sealed record RunRequestJson(string? RunOn);

    /// <summary>A catalogue service.</summary>
    public sealed record ServiceJson(string Code, string Name, string Provider, string ProviderName, string Category, string Unit, string UnitPrice);

    /// <summary>Delegated limits.</summary>
    public sealed record LimitJson(string PerPurchase, string Monthly, string PanelThreshold, string CommittedThisMonth, string LargestWithoutApproval);

    /// <summary>A stream's balances in a budget.</summary>
    public sealed record BudgetStreamJson(string Stream, string Name, string In, string Out, string Balance, string Held, string Available);

    /// <summary>A budget.</summary>
    public sealed record BudgetJson(string Budget, string Subject, string Kind, string Year, string Holder, string AsAt, string Available,
        IReadOnlyList<BudgetStreamJson> Streams, IReadOnlyList<WorkspaceApi.OrderJson> Orders)
    {
        public static BudgetJson From(BudgetOverview b) => new(b.Budget, b.Subject, b.Kind.ToString(), b.Year, b.Holder, Iso(b.AsAt), b.Available.ToString(),
            b.Streams.Select(s => new BudgetStreamJson(s.Stream, s.Name, (s.Opening + s.In).ToString(), s.Out.ToString(), s.Closing.ToString(), s.Held.ToString(),
                s.Available.ToString())).ToList(), b.Orders.Select(WorkspaceApi.OrderJson.From).ToList());
    }

    /// <summary>A payment run in a list.</summary>
    public sealed record RunSummaryJson(string Reference, string RunOn, string Status);

    /// <summary>A provider's payment in a run.</summary>
    public sealed record RemittanceJson(string Provider, string Amount, IReadOnlyList<string> Invoices, IReadOnlyList<string> Claims);

    /// <summary>A payment run with its remittances.</summary>
    public sealed record RunJson(string Reference, string RunOn, string Status, bool AlreadyCompleted, string Total, IReadOnlyList<RemittanceJson> Payments)
    {
        public static RunJson From(PaymentRunResult r) => new(r.Run.Reference, Iso(r.Run.RunOn), r.Run.Status.ToString(), r.AlreadyCompleted, r.Total.ToString(),
            r.Payments.Select(p => new RemittanceJson(p.Provider.Code, p.Amount.ToString(), p.Lines.Select(l => l.Invoice.Number).ToList(),
                p.Outcomes.Select(o => (o.Clawback ? "clawback:" : string.Empty) + o.Claim.Reference).ToList())).ToList());
    }
}
