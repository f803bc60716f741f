using System.Security.Claims;
using Ledger.Infrastructure.Identity;

namespace Ledger.Web;

/// <summary>What the signed-in user's cookie says about them, read in one place.</summary>
public sealed record CurrentUser(string UserName, string DisplayName, string Role, string AreaCode, string? PractitionerCode, string? ProviderCode)
{
    /// <summary>The user behind <paramref name="principal"/>, or null when nobody is signed in.</summary>
    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var role = LedgerRoles.All.FirstOrDefault(principal.IsInRole) ?? string.Empty;
        return new CurrentUser(principal.Identity.Name ?? string.Empty, principal.FindFirstValue(LedgerClaimTypes.DisplayName) ?? principal.Identity.Name ?? string.Empty,
            role, principal.FindFirstValue(LedgerClaimTypes.Area) ?? string.Empty, principal.FindFirstValue(LedgerClaimTypes.Practitioner),
            principal.FindFirstValue(LedgerClaimTypes.Provider));
    }

    /// <summary>The application's view of this user, whose access rules decide what they see; null for a role the application does not know.</summary>
    public Application.Access.Actor? ToActor()
    {
        Application.Access.ActorRole? role = Role switch
        {
            LedgerRoles.Administrator => Application.Access.ActorRole.Administrator,
            LedgerRoles.BudgetHolder => Application.Access.ActorRole.BudgetHolder,
            LedgerRoles.LeadProfessional => Application.Access.ActorRole.LeadProfessional,
            LedgerRoles.Broker => Application.Access.ActorRole.Broker,
            LedgerRoles.Provider => Application.Access.ActorRole.Provider,
            LedgerRoles.InternalAuditor => Application.Access.ActorRole.InternalAuditor,
            _ => null,
        };
        return role is { } r ? new Application.Access.Actor(UserName, r, AreaCode, PractitionerCode, ProviderCode) : null;
    }

    /// <summary>The role's name for people.</summary>
    public string RoleName => Role.Length == 0 ? "No role" : LedgerRoles.Describe(Role);
}
