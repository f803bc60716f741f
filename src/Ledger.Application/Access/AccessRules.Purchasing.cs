using Ledger.Application.Purchasing;

namespace Ledger.Application.Access;

/// <summary>Who may buy, decide, confirm, invoice and pay (DOMAIN.md §2, R9–R13).</summary>
public static partial class AccessRules
{
    /// <summary>
    /// A budget is seen by the area's budget holders and internal auditors, and by the lead professional
    /// or broker who holds it or who has its child or family on their caseload.
    /// </summary>
    public static bool MaySeeBudget(Actor actor, string holder, string? subject, IReadOnlySet<string> caseload)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(caseload);
        return actor.Role switch
        {
            ActorRole.BudgetHolder or ActorRole.InternalAuditor => true,
            ActorRole.LeadProfessional or ActorRole.Broker => holder == actor.Practitioner || (subject is not null && caseload.Contains(subject)),
            _ => false,
        };
    }

    /// <summary>Lead professionals and brokers buy services, for the budgets on their caseload (the purchasing service checks the caseload).</summary>
    public static bool MayBuy(Actor actor) => HasCaseload(actor);

    /// <summary>Only a budget holder decides on a purchase above a delegated limit (R11); the order itself refuses its own requester.</summary>
    public static bool MayDecide(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == ActorRole.BudgetHolder && actor.Practitioner is not null;
    }

    /// <summary>
    /// Delivery (the service's start, R12) is confirmed by a lead professional or broker who may see the
    /// order, or by the provider it was placed with.
    /// </summary>
    public static bool MayConfirmDelivery(Actor actor, OrderView order, IReadOnlySet<string> caseload)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role is ActorRole.LeadProfessional or ActorRole.Broker or ActorRole.Provider && MaySeeOrder(actor, order, caseload);
    }

    /// <summary>Only the provider an order was placed with invoices it (R13).</summary>
    public static bool MayInvoice(Actor actor, OrderView order)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(order);
        return actor.Role == ActorRole.Provider && actor.Provider is not null && order.Provider == actor.Provider;
    }

    /// <summary>Budget holders run their area's payment runs and read its statements; internal auditors read them too.</summary>
    public static bool MayRunPayments(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == ActorRole.BudgetHolder;
    }

    /// <summary>The area's pool, partner and provider statements and the pilot report: budget holders and internal auditors.</summary>
    public static bool MayReadAreaStatements(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role is ActorRole.BudgetHolder or ActorRole.InternalAuditor;
    }

    /// <summary>A provider's statement: the area's budget holders and auditors, and the provider itself.</summary>
    public static bool MayReadProviderStatement(Actor actor, string provider)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return MayReadAreaStatements(actor) || (actor.Role == ActorRole.Provider && actor.Provider == provider);
    }
}
