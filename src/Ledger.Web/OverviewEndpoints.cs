using System.Globalization;
using System.Net;
using System.Text;
using Ledger.Application.Accounting;

namespace Ledger.Web;

/// <summary>
/// A read-only view of the ledger until the full web application exists: every account's posted,
/// held and available balance, and the same as JSON.
/// </summary>
internal static class OverviewEndpoints
{
    public static void MapLedgerOverview(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapGet("/api/accounts", async (IBalanceQueries balances, CancellationToken ct) =>
            Results.Ok(await LoadAsync(balances, ct)));
        app.MapGet("/", async (IBalanceQueries balances, CancellationToken ct) =>
        {
            var rows = await LoadAsync(balances, ct);
            var html = new StringBuilder();
            html.Append("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ledger — accounts</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font-family:Arial,sans-serif;margin:2rem;color:#0b0c0c}table{border-collapse:collapse}
                th,td{padding:.4rem .8rem;border-bottom:1px solid #b1b4b6;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
                caption{font-weight:bold;font-size:1.2rem;text-align:left;margin-bottom:.5rem}</style></head><body>
                <h1>Ledger</h1><p>Balances per account and funding stream. Amounts are posted, held by open commitments, and available (posted minus held).</p>
                <table><caption>Accounts</caption><thead><tr><th scope="col">Account (kind:area:owner:stream)</th>
                <th scope="col">Posted</th><th scope="col">Held</th><th scope="col">Available</th></tr></thead><tbody>
                """);
            foreach (var r in rows)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(r.Account)}</td><td class=\"n\">{r.Posted}</td><td class=\"n\">{r.Held}</td><td class=\"n\">{r.Available}</td></tr>");
            }

            html.Append("</tbody></table></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        });
    }

    private static async Task<List<AccountRow>> LoadAsync(IBalanceQueries balances, CancellationToken ct) =>
        (await balances.ListAsync(null, ct))
            .Select(b => new AccountRow(b.Name, b.Posted.ToString(), b.Held.ToString(), b.Available.ToString()))
            .ToList();

    private sealed record AccountRow(string Account, string Posted, string Held, string Available);
}
