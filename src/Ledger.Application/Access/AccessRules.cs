using Ledger.Application.Purchasing;

namespace Ledger.Application.Access;

/// <summary>
/// Who may see what (DOMAIN.md §2), in one place, as pure functions the application services call before
/// they answer. Everything is read within the actor's own area, so another area's records are never
/// reached; these rules decide within the area. Something a user may not see is answered as if it did
/// not exist, so its existence does not leak.
/// </summary>
public static partial class AccessRules
{
    /// <summary>
    /// An order is seen by the area's budget holders and internal auditors; by the lead professional or
    /// broker who requested it or who has its child or family on their caseload; and by the provider it
    /// was placed with. Administrators see none: they manage users, not money.
    /// </summary>
    public static bool MaySeeOrder(Actor actor, OrderView order, IReadOnlySet<string> caseload)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(caseload);
        return actor.Role switch
        {
            ActorRole.BudgetHolder or ActorRole.InternalAuditor => true,
            ActorRole.LeadProfessional or ActorRole.Broker => order.RequestedBy == actor.Practitioner || caseload.Contains(order.Subject),
            ActorRole.Provider => actor.Provider is not null && order.Provider == actor.Provider,
            _ => false,
        };
    }

    /// <summary>Only practitioners who hold a caseload have one to read: lead professionals and brokers.</summary>
    public static bool HasCaseload(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role is ActorRole.LeadProfessional or ActorRole.Broker && actor.Practitioner is not null;
    }
}
