using Microsoft.AspNetCore.Identity;

namespace Ledger.Infrastructure.Identity;

/// <summary>Reference data every Ledger database needs before anyone signs in.</summary>
public static class IdentitySetup
{
    /// <summary>Creates the roles of <see cref="LedgerRoles.All"/> that do not exist yet; returns how many it created.</summary>
    /// <exception cref="InvalidOperationException">Identity refused a role.</exception>
    public static async Task<int> EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var created = 0;
        foreach (var name in LedgerRoles.All)
        {
            if (await roles.RoleExistsAsync(name).ConfigureAwait(false))
            {
                continue;
            }

            var result = await roles.CreateAsync(new IdentityRole(name)).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Role {name}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            created++;
        }

        return created;
    }
}
