using System.Globalization;
using Ledger.Domain.Purchasing;
using NodaTime;

namespace Ledger.Web;

/// <summary>How the pages word an order's status, route and dates.</summary>
public static class OrderText
{
    /// <summary>A date as people write it, e.g. "1 Jun 2026".</summary>
    public static string Day(LocalDate day) => day.ToString("d MMM uuuu", CultureInfo.InvariantCulture);

    /// <summary>The status in words.</summary>
    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingApproval => "Waiting for approval",
        OrderStatus.Approved => "Approved",
        OrderStatus.Rejected => "Rejected",
        OrderStatus.Cancelled => "Cancelled",
        OrderStatus.Invoiced => "Invoiced",
        OrderStatus.Expired => "Expired",
        _ => status.ToString(),
    };

    /// <summary>The GOV.UK tag colour for the status.</summary>
    public static string TagClass(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingApproval => "govuk-tag--yellow",
        OrderStatus.Approved => "govuk-tag--blue",
        OrderStatus.Invoiced => "govuk-tag--green",
        OrderStatus.Rejected or OrderStatus.Expired => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    /// <summary>The approval route in words.</summary>
    public static string Route(ApprovalRoute route) => route switch
    {
        ApprovalRoute.Delegated => "Within the lead professional's delegated limit",
        ApprovalRoute.BudgetHolder => "Above the delegated limit: a budget holder decides",
        ApprovalRoute.Panel => "Above the panel threshold: a panel decides",
        _ => route.ToString(),
    };
}
