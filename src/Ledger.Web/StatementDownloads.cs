using System.Globalization;
using System.Security.Claims;
using Ledger.Application.Access;
using Ledger.Application.Statements;
using Ledger.Domain.Budgets;
using Ledger.Reports.Pdf;
using Ledger.Reports.PilotReport;
using Ledger.Reports.Statements;
using Ledger.Web.Api;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Web;

/// <summary>
/// Statements and the pilot report as PDF downloads, rendered on request from the ledger by the same
/// documents the monthly job writes. The same addresses serve the pages (under /statements and /reports)
/// and the API (under /api). Who may read which is decided by <see cref="StatementsWorkspace"/>.
/// </summary>
internal static class StatementDownloads
{
    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    /// <summary>The address of a statement: kind is budgets, providers, pools or partners; month is yyyy-MM.</summary>
    public static string Path(string kind, string code, YearMonth month) =>
        $"/statements/{kind}/{Uri.EscapeDataString(code)}/{MonthPattern.Format(month)}.pdf";

    /// <summary>The address of the pilot report for a quarter.</summary>
    public static string PilotPath(PilotQuarter quarter) => $"/reports/pilot/{quarter.Label}.pdf";

    public static void MapStatementDownloads(this WebApplication app)
    {
        foreach (var prefix in new[] { string.Empty, "/api" })
        {
            var group = app.MapGroup(prefix).RequireAuthorization();
            group.MapGet("/statements/budgets/{code}/{month}.pdf", (ClaimsPrincipal user, StatementsWorkspace statements, string code, string month, CancellationToken ct) =>
                    PdfAsync(user, month, (actor, m) => statements.BudgetStatementAsync(actor, code, m, ct), BudgetStatementDocument.Build, $"budget-{code}"))
                .WithSummary("A budget's statement for a month (to date for this month), as PDF.").WithTags("Statements");
            group.MapGet("/statements/providers/{code}/{month}.pdf", (ClaimsPrincipal user, StatementsWorkspace statements, string code, string month, CancellationToken ct) =>
                    PdfAsync(user, month, (actor, m) => statements.ProviderStatementAsync(actor, code, m, ct), ProviderStatementDocument.Build, $"provider-{code}"))
                .WithSummary("A provider's remittance and outcome statement for a month, as PDF.").WithTags("Statements");
            group.MapGet("/statements/pools/{code}/{month}.pdf", (ClaimsPrincipal user, StatementsWorkspace statements, string code, string month, CancellationToken ct) =>
                    PdfAsync(user, month, (actor, m) => statements.PoolStatementAsync(actor, code, m, ct), PoolStatementDocument.Build, $"pool-{code}"))
                .WithSummary("A pool's statement for a month, as PDF.").WithTags("Statements");
            group.MapGet("/statements/partners/{code}/{month}.pdf", (ClaimsPrincipal user, StatementsWorkspace statements, string code, string month, CancellationToken ct) =>
                    PdfAsync(user, month, (actor, m) => statements.PartnerStatementAsync(actor, code, m, ct), PartnerStatementDocument.Build, $"partner-{code}"))
                .WithSummary("A funding partner's statement for a month, as PDF.").WithTags("Statements");
            group.MapGet("/reports/pilot/{quarter}.pdf", async (ClaimsPrincipal user, StatementsWorkspace statements, string quarter, CancellationToken ct) =>
                {
                    if (CurrentUser.From(user)?.ToActor() is not { } actor)
                    {
                        return Results.Forbid();
                    }

                    if (PilotQuarter.Parse(quarter) is not { } q)
                    {
                        return ApiProblems.BadInput("A quarter is written YYYY-Qn, for example 2026-Q3.");
                    }

                    var result = await statements.PilotReportAsync(actor, q, ct);
                    return result.Succeeded
                        ? Pdf(PilotReportDocument.Build(result.Value.Report, result.Value.Comparison), $"{actor.Area}-pilot-{q.Label}.pdf")
                        : ApiProblems.From(result.Error!);
                })
                .WithSummary("The area's pilot report for a quarter that has ended, as PDF.").WithTags("Statements");
        }
    }

    private static async Task<IResult> PdfAsync<T>(ClaimsPrincipal user, string month, Func<Actor, YearMonth, Task<Result<T>>> read, Func<T, Document> build, string name)
    {
        if (CurrentUser.From(user)?.ToActor() is not { } actor)
        {
            return Results.Forbid();
        }

        var parsed = MonthPattern.Parse(month);
        if (!parsed.Success)
        {
            return ApiProblems.BadInput("A month is written YYYY-MM, for example 2026-09.");
        }

        var result = await read(actor, parsed.Value);
        return result.Succeeded
            ? Pdf(build(result.Value!), string.Create(CultureInfo.InvariantCulture, $"{actor.Area}-{name}-{month}.pdf"))
            : ApiProblems.From(result.Error!);
    }

    private static IResult Pdf(Document document, string fileName) => Results.File(document.GeneratePdf(), "application/pdf", fileName);
}
