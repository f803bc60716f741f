namespace Ledger.Application.Access;

/// <summary>Who may administer the people who sign in and the API tokens of providers' systems (DOMAIN.md §2).</summary>
public static partial class AccessRules
{
    /// <summary>Users, roles and API tokens are administered by administrators, and by nobody else.</summary>
    public static bool MayAdministerUsers(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == ActorRole.Administrator;
    }

    /// <summary>
    /// An administrator may change anyone's role except take away their own administrator role, so the
    /// service is never left without someone who can administer it.
    /// </summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="userName">Whose role changes.</param>
    /// <param name="staysAdministrator">Whether the new role is still administrator.</param>
    public static bool MayChangeRole(Actor actor, string userName, bool staysAdministrator)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return MayAdministerUsers(actor) && (staysAdministrator || !string.Equals(actor.UserName, userName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>An administrator may lock anyone but themselves (locking oneself out would leave nobody to unlock).</summary>
    public static bool MayLock(Actor actor, string userName)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return MayAdministerUsers(actor) && !string.Equals(actor.UserName, userName, StringComparison.OrdinalIgnoreCase);
    }
}
