using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Domain.People;
using Microsoft.AspNetCore.Identity;

namespace Ledger.Infrastructure.Identity;

/// <summary>A demo sign-in: who it is, what role, and whom it acts as in the demo data.</summary>
/// <param name="UserName">The user name to sign in with.</param>
/// <param name="Role">One of <see cref="LedgerRoles"/>.</param>
/// <param name="AreaCode">The demo area.</param>
/// <param name="DisplayName">The name shown when the account is not a practitioner (a practitioner's comes from the demo data).</param>
/// <param name="PractitionerCode">The demo practitioner acted as, for practitioner roles.</param>
/// <param name="ProviderCode">The demo provider acted for, for a provider's user.</param>
public sealed record DemoAccount(string UserName, string Role, string AreaCode, string DisplayName, string? PractitionerCode = null, string? ProviderCode = null);

/// <summary>
/// One demo sign-in per role, all in Westmoor and linked to the people and provider of the demo data
/// (see <c>DemoData</c>). They share <see cref="Password"/>, which is printed at start-up, so they are
/// created only when the demo data is loaded — never by production configuration.
/// </summary>
public static class DemoAccounts
{
    /// <summary>The password every demo account shares. Published: never use it for a real account.</summary>
    public const string Password = "Ledger-demo-2026";

    /// <summary>The demo area the accounts work in.</summary>
    public const string Area = "WESTMOOR";

    /// <summary>The demo accounts, one per role.</summary>
    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("demo-lead-professional", LedgerRoles.LeadProfessional, Area, "Harriet Quillfeather", PractitionerCode: "LP-WM-01"),
        new("demo-broker", LedgerRoles.Broker, Area, "Bernard Fennimore-Oakes", PractitionerCode: "BR-WM-01"),
        new("demo-budget-holder", LedgerRoles.BudgetHolder, Area, "Gwendolyn Pellowe", PractitionerCode: "BH-WM-01"),
        new("demo-provider", LedgerRoles.Provider, Area, "Tamsin Gorsebrook", ProviderCode: "PRV-YOUNG-MINDS"),
        new("demo-auditor", LedgerRoles.InternalAuditor, Area, "Perpetua Tallyworth"),
        new("demo-admin", LedgerRoles.Administrator, Area, "Cuthbert Keyes-Montague"),
    ];

    /// <summary>
    /// Creates the demo accounts that do not exist yet (running it again creates nothing), after
    /// checking each one's practitioner or provider is in the database with the matching role.
    /// </summary>
    /// <exception cref="InvalidOperationException">The demo data is missing what an account acts as, or Identity refused an account.</exception>
    public static async Task<IReadOnlyList<DemoAccount>> EnsureAsync(UserManager<LedgerUser> users, IBudgetStore budgets, IPurchasingStore purchasing,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(purchasing);
        var created = new List<DemoAccount>();
        foreach (var account in All)
        {
            var displayName = await CheckLinkAsync(account, budgets, purchasing, cancellationToken).ConfigureAwait(false);
            if (await users.FindByNameAsync(account.UserName).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var user = new LedgerUser
            {
                UserName = account.UserName,
                DisplayName = displayName,
                AreaCode = account.AreaCode,
                PractitionerCode = account.PractitionerCode,
                ProviderCode = account.ProviderCode,
                LockoutEnabled = true,
            };
            Require(await users.CreateAsync(user, Password).ConfigureAwait(false), account);
            Require(await users.AddToRoleAsync(user, account.Role).ConfigureAwait(false), account);
            created.Add(account);
        }

        return created;
    }

    // The name shown is the practitioner's own from the demo data, so the two cannot drift apart.
    private static async Task<string> CheckLinkAsync(DemoAccount account, IBudgetStore budgets, IPurchasingStore purchasing, CancellationToken ct)
    {
        var area = await budgets.AreaAsync(account.AreaCode, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Demo account {account.UserName}: area {account.AreaCode} is not in the database.");
        if (account.PractitionerCode is { } code)
        {
            var practitioner = await budgets.PractitionerAsync(area.Id, code, ct).ConfigureAwait(false);
            var expected = account.Role switch
            {
                LedgerRoles.LeadProfessional => PractitionerRole.LeadProfessional,
                LedgerRoles.Broker => PractitionerRole.Broker,
                _ => PractitionerRole.BudgetHolder,
            };
            return practitioner is not null && practitioner.Role == expected
                ? practitioner.Name
                : throw new InvalidOperationException($"Demo account {account.UserName}: no {expected} {code} in {account.AreaCode}.");
        }

        if (account.ProviderCode is { } provider && await purchasing.ProviderAsync(area.Id, provider, ct).ConfigureAwait(false) is null)
        {
            throw new InvalidOperationException($"Demo account {account.UserName}: no provider {provider} in {account.AreaCode}.");
        }

        return account.DisplayName;
    }

    private static void Require(IdentityResult result, DemoAccount account)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {account.UserName}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
