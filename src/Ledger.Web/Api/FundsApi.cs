using System.Globalization;
using System.Security.Claims;
using Ledger.Application.Access;

namespace Ledger.Web.Api;

/// <summary>The area's pools with their streams' positions, and the allocations with their working, for budget holders and internal auditors.</summary>
internal static class FundsApi
{
    public static void MapFundsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Funds");
        api.MapGet("/pools", async (ClaimsPrincipal user, FundsWorkspace funds, CancellationToken ct) =>
        {
            if (CurrentUser.From(user)?.ToActor() is not { } actor)
            {
                return Results.Forbid();
            }

            var result = await funds.PoolsAsync(actor, ct: ct);
            return result.Succeeded
                ? Results.Ok(result.Value!.Select(p => new PoolJson(p.Code, p.Name, p.Year, p.AllocationRule, p.SplitPolicy, p.Streams.Select(s => new PoolStreamJson(
                    s.Stream, s.StreamName, s.Agency, s.Contributed.ToString(), s.Allocated.ToString(), s.Spent.ToString(), s.Held.ToString(), s.Available.ToString(),
                    s.ExpectedSpend.ToString())).ToList())).ToList())
                : ApiProblems.From(result.Error!);
        }).WithSummary("The area's pools this financial year, with each funding stream's position (budget holders and auditors).");
        api.MapGet("/allocations", async (ClaimsPrincipal user, FundsWorkspace funds, string? pool, string? page, string? pageSize, CancellationToken ct) =>
        {
            if (CurrentUser.From(user)?.ToActor() is not { } actor)
            {
                return Results.Forbid();
            }

            if (!ApiInput.TryPage(page, pageSize, out var paging))
            {
                return ApiProblems.BadInput("page and pageSize are whole numbers.");
            }

            var result = await funds.AllocationsAsync(actor, pool, paging, ct: ct);
            if (!result.Succeeded)
            {
                return ApiProblems.From(result.Error!);
            }

            var p = result.Value!;
            return Results.Ok(new AllocationPage(p.Items.Select(l => new AllocationJson(l.Budget, l.Pool, l.Subject,
                l.Allocation.DecidedOn.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), l.Allocation.DecidedBy,
                Domain.Money.FromPence(l.Allocation.IndicativeAmount).ToString(), l.Allocation.Working, Domain.Money.FromPence(l.Allocation.FinalAmount).ToString(),
                l.Allocation.Reason)).ToList(), p.Number, p.Size, p.Total, p.Pages));
        }).WithSummary("Allocations from the pools to budgets with their resource-allocation working, newest first (budget holders and auditors).");
    }


    /// <summary>A stream's position in a pool.</summary>
    public sealed record PoolStreamJson(string Stream, string Name, string Agency, string Contributed, string Allocated, string Spent, string Held, string Available,
        string ExpectedSpend);

    /// <summary>A pool.</summary>
    public sealed record PoolJson(string Code, string Name, string Year, string AllocationRule, string SplitPolicy, IReadOnlyList<PoolStreamJson> Streams);

    /// <summary>An allocation.</summary>
    public sealed record AllocationJson(string Budget, string Pool, string? Subject, string DecidedOn, string DecidedBy, string Indicative, string Working,
        string Final, string Reason);

    /// <summary>A page of allocations.</summary>
    public sealed record AllocationPage(IReadOnlyList<AllocationJson> Items, int Page, int PageSize, int Total, int Pages);
}
