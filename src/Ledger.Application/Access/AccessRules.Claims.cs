using Ledger.Application.Outcomes;

namespace Ledger.Application.Access;

/// <summary>Who may see and do what with outcome claims, assurance samples and remittances (DOMAIN.md §2, R20, R21).</summary>
public static partial class AccessRules
{
    /// <summary>
    /// An outcome claim is seen by the area's budget holders (who validate and approve claims) and internal
    /// auditors (who sign them off and spot-check them), and by the provider it pays. Lead professionals,
    /// brokers and administrators see none.
    /// </summary>
    public static bool MaySeeClaim(Actor actor, ClaimView claim)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(claim);
        return actor.Role switch
        {
            ActorRole.BudgetHolder or ActorRole.InternalAuditor => true,
            ActorRole.Provider => actor.Provider is not null && claim.Provider == actor.Provider,
            _ => false,
        };
    }

    /// <summary>Whether the actor has any claims to read at all: budget holders, internal auditors and providers' users.</summary>
    public static bool MayReadClaims(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role is ActorRole.BudgetHolder or ActorRole.InternalAuditor || IsProviderUser(actor);
    }

    /// <summary>Only a provider's user makes claims, and only on its own provider's contracts.</summary>
    public static bool MayClaimUnder(Actor actor, string contractProvider)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return IsProviderUser(actor) && contractProvider == actor.Provider;
    }

    /// <summary>A provider's user attaches evidence to and submits the drafts of its own provider (the claim must be one it may see).</summary>
    public static bool MayPrepareClaim(Actor actor, ClaimView claim) => IsProviderUser(actor) && MaySeeClaim(actor, claim);

    /// <summary>Internal audit signs claims off (R20); the domain refuses the claim's own creator.</summary>
    public static bool MaySignOffClaims(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == ActorRole.InternalAuditor;
    }

    /// <summary>Budget holders approve signed-off claims (R20); the domain refuses the claim's creator and its auditor.</summary>
    public static bool MayApproveClaims(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == ActorRole.BudgetHolder;
    }

    /// <summary>Budget holders, who validate claims, and internal auditors, who may refuse to sign one off, reject claims not yet approved.</summary>
    public static bool MayRejectClaims(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role is ActorRole.BudgetHolder or ActorRole.InternalAuditor;
    }

    /// <summary>Assurance samples are read by internal auditors and budget holders of the area (R21).</summary>
    public static bool MaySeeSamples(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role is ActorRole.BudgetHolder or ActorRole.InternalAuditor;
    }

    /// <summary>Only internal auditors draw samples and record spot-check findings (R21).</summary>
    public static bool MayCheckSamples(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == ActorRole.InternalAuditor;
    }

    /// <summary>A provider's user reads its own provider's remittances, and no other's.</summary>
    public static bool MaySeeRemittances(Actor actor) => IsProviderUser(actor);

    private static bool IsProviderUser(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == ActorRole.Provider && !string.IsNullOrEmpty(actor.Provider);
    }
}
