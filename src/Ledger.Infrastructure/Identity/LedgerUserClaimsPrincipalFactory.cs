using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ledger.Infrastructure.Identity;

/// <summary>Puts the user's area, practitioner or provider and display name into the sign-in cookie, beside the roles Identity adds.</summary>
/// <param name="users">The user manager.</param>
/// <param name="roles">The role manager.</param>
/// <param name="options">Identity options.</param>
public sealed class LedgerUserClaimsPrincipalFactory(UserManager<LedgerUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<LedgerUser, IdentityRole>(users, roles, options)
{
    /// <inheritdoc />
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LedgerUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        identity.AddClaim(new Claim(LedgerClaimTypes.Area, user.AreaCode));
        identity.AddClaim(new Claim(LedgerClaimTypes.DisplayName, user.DisplayName));
        if (user.PractitionerCode is { } practitioner)
        {
            identity.AddClaim(new Claim(LedgerClaimTypes.Practitioner, practitioner));
        }

        if (user.ProviderCode is { } provider)
        {
            identity.AddClaim(new Claim(LedgerClaimTypes.Provider, provider));
        }

        return identity;
    }
}
