namespace Ledger.Application.Access;

/// <summary>Who may search the audit trail and read a child's personal details.</summary>
public static partial class AccessRules
{
    /// <summary>The audit trail of an area is searched by its budget holders and internal auditors.</summary>
    public static bool MaySearchAudit(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role is ActorRole.BudgetHolder or ActorRole.InternalAuditor;
    }

    /// <summary>Roles that may ever read personal details: practitioners (for their caseload) and budget holders (for their area).</summary>
    public static bool MayReadPersonalDetailsAtAll(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role is ActorRole.BudgetHolder || HasCaseload(actor);
    }

    /// <summary>
    /// A child's or family's personal details are read by the lead professional or broker who has them on
    /// their caseload, and by the area's budget holders; nobody else (§3.6).
    /// </summary>
    public static bool MayReadPersonalDetails(Actor actor, bool onActorsCaseload)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role is ActorRole.BudgetHolder || (HasCaseload(actor) && onActorsCaseload);
    }
}
