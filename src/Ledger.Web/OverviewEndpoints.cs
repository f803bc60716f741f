using System.Security.Claims;
using Ledger.Application.Accounting;
using Ledger.Infrastructure.Identity;

namespace Ledger.Web;

/// <summary>
/// A read-only view of the ledger until the full API exists: every account of the user's area with
/// its posted, held and available balance, as JSON (the page is <c>/overview</c>).
/// </summary>
internal static class OverviewEndpoints
{
    public static void MapLedgerOverview(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Text("ok")).AllowAnonymous();
        app.MapGet("/api/accounts", async (ClaimsPrincipal user, IBalanceQueries balances, CancellationToken ct) =>
                Results.Ok(await LoadAsync(balances, user.FindFirstValue(LedgerClaimTypes.Area)!, ct)))
            .RequireAuthorization(Policies.Balances)
            .WithName("ListAccounts").WithSummary("Every account of your area with its posted, held and available balance.").WithTags("Accounts");
    }

    /// <summary>The accounts of <paramref name="areaCode"/>, in name order.</summary>
    public static async Task<List<AccountRow>> LoadAsync(IBalanceQueries balances, string areaCode, CancellationToken ct) =>
        (await balances.ListAsync(areaCode, ct))
            .Select(b => new AccountRow(b.Name, b.Posted.ToString(), b.Held.ToString(), b.Available.ToString()))
            .ToList();

    /// <summary>One account's figures, formatted.</summary>
    /// <param name="Account">kind:area:owner:stream.</param>
    /// <param name="Posted">Posted balance.</param>
    /// <param name="Held">Held by open commitments.</param>
    /// <param name="Available">Posted minus held.</param>
    public sealed record AccountRow(string Account, string Posted, string Held, string Available);
}
