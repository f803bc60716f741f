using System.Security.Claims;
using Ledger.Application.Access;
using Ledger.Application.Purchasing;

namespace Ledger.Web.Api;

/// <summary>
/// The JSON API's first read endpoints, on <see cref="WorkspaceQueries"/> so the application's access
/// rules decide what each user sees: <c>GET /api/orders</c> (paged), <c>GET /api/orders/{reference}</c>
/// and <c>GET /api/caseload</c>. Every error is ProblemDetails with the domain's code.
/// </summary>
internal static class WorkspaceApi
{
    public static void MapWorkspaceApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/orders", async (ClaimsPrincipal user, WorkspaceQueries queries, string? page, string? pageSize, CancellationToken ct) =>
        {
            if (CurrentUser.From(user)?.ToActor() is not { } actor)
            {
                return Results.Forbid();
            }

            if (!ApiInput.TryPage(page, pageSize, out var paging))
            {
                return ApiProblems.BadInput("page and pageSize are whole numbers.");
            }

            var result = await queries.OrdersAsync(actor, paging, ct);
            return result.Succeeded
                ? Results.Ok(new OrderPage(result.Value!.Items.Select(OrderJson.From).ToList(), result.Value.Number, result.Value.Size, result.Value.Total, result.Value.Pages))
                : ApiProblems.From(result.Error!);
        }).WithName("ListOrders").WithSummary("The purchase orders you may see, newest first, a page at a time.").WithTags("Orders");
        api.MapGet("/orders/{reference}", async (ClaimsPrincipal user, WorkspaceQueries queries, string reference, CancellationToken ct) =>
        {
            if (CurrentUser.From(user)?.ToActor() is not { } actor)
            {
                return Results.Forbid();
            }

            var result = await queries.OrderAsync(actor, reference, ct);
            return result.Succeeded ? Results.Ok(OrderJson.From(result.Value!)) : ApiProblems.From(result.Error!);
        }).WithName("GetOrder").WithSummary("One order you may see; any other answers 404 as a missing one does.").WithTags("Orders");
        api.MapGet("/caseload", async (ClaimsPrincipal user, WorkspaceQueries queries, CancellationToken ct) =>
        {
            if (CurrentUser.From(user)?.ToActor() is not { } actor)
            {
                return Results.Forbid();
            }

            var result = await queries.CaseloadAsync(actor, ct: ct);
            return result.Succeeded
                ? Results.Ok(result.Value!.Select(b => new CaseloadJson(b.Budget, b.Subject, b.Kind.ToString(), b.Year, b.Available.ToString(),
                    b.Streams.Select(s => new StreamJson(s.Stream, s.Available.ToString())).ToList())).ToList())
                : ApiProblems.From(result.Error!);
        }).WithName("GetCaseload").WithSummary("Your caseload's budgets with what each funding stream may still spend (lead professionals and brokers).").WithTags("Caseload");
    }


    /// <summary>A page of orders.</summary>
    public sealed record OrderPage(IReadOnlyList<OrderJson> Items, int Page, int PageSize, int Total, int Pages);

    /// <summary>An order as the API shows it; money as pounds with two decimals.</summary>
    public sealed record OrderJson(string Reference, string Status, string Budget, string Subject, string Provider, string RequestedBy, string Description,
        int Quantity, string Amount, string NeedIdentifiedOn, string OrderedOn, string? ServiceStartedOn, string? Invoice)
    {
        public static OrderJson From(OrderView v)
        {
            ArgumentNullException.ThrowIfNull(v);
            var o = v.Order;
            return new OrderJson(o.Reference, o.Status.ToString(), v.Budget, v.Subject, v.Provider, v.RequestedBy, o.Description, o.Quantity,
                Domain.Money.FromPence(o.Amount).ToString(), Iso(o.NeedIdentifiedOn), Iso(o.OrderedOn), o.ServiceStartedOn is { } s ? Iso(s) : null, v.Invoice?.Number);
        }

        private static string Iso(NodaTime.LocalDate day) => day.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A budget on the caseload.</summary>
    public sealed record CaseloadJson(string Budget, string Subject, string Kind, string Year, string Available, IReadOnlyList<StreamJson> Streams);

    /// <summary>One stream's available money.</summary>
    public sealed record StreamJson(string Stream, string Available);
}
