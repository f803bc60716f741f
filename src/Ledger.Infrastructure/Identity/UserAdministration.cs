using Ledger.Application.Access;
using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Ledger.Domain.Budgets;
using Ledger.Domain.People;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Identity;

/// <summary>A person who signs in, as administrators see them (no password, no security stamp).</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="DisplayName">The name shown on pages.</param>
/// <param name="Role">Their role, one of <see cref="LedgerRoles"/> (empty when they have none).</param>
/// <param name="AreaCode">Their area.</param>
/// <param name="PractitionerCode">The practitioner they act as, for practitioner roles.</param>
/// <param name="ProviderCode">The provider they act for, for provider users.</param>
/// <param name="IsLocked">Whether the account is locked now (by an administrator or after wrong passwords).</param>
public sealed record UserSummary(string UserName, string DisplayName, string Role, string AreaCode, string? PractitionerCode, string? ProviderCode, bool IsLocked);

/// <summary>A user to add, as typed into the form or sent to the API.</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="DisplayName">The name shown on pages.</param>
/// <param name="Role">One of <see cref="LedgerRoles"/>.</param>
/// <param name="AreaCode">The area they work in.</param>
/// <param name="PractitionerCode">Required for lead professionals, brokers and budget holders.</param>
/// <param name="ProviderCode">Required for provider users.</param>
/// <param name="Password">The initial password (Identity's rules: at least 12 characters and the usual mix).</param>
public sealed record NewUser(string? UserName, string? DisplayName, string? Role, string? AreaCode, string? PractitionerCode, string? ProviderCode, string? Password);

/// <summary>A change of a user's role and the codes that go with it.</summary>
/// <param name="Role">The new role.</param>
/// <param name="PractitionerCode">Required for practitioner roles.</param>
/// <param name="ProviderCode">Required for provider users.</param>
public sealed record UserChange(string? Role, string? PractitionerCode, string? ProviderCode);

/// <summary>What is wrong with one field of a <see cref="NewUser"/> or <see cref="UserChange"/>.</summary>
/// <param name="Field">The property's name, e.g. <c>PractitionerCode</c>.</param>
/// <param name="Message">What is wrong and how to put it right.</param>
public sealed record UserFieldError(string Field, string Message);

/// <summary>The user after a change, or why nothing was written: a refusal and, for bad input, each field's problem.</summary>
public sealed class UserAdministrationResult
{
    private UserAdministrationResult(UserSummary? user, BudgetError? error, IReadOnlyList<UserFieldError> fields)
    {
        User = user;
        Error = error;
        Fields = fields;
    }

    /// <summary>The user as saved, when <see cref="Succeeded"/>.</summary>
    public UserSummary? User { get; }

    /// <summary>The refusal, when not <see cref="Succeeded"/>.</summary>
    public BudgetError? Error { get; }

    /// <summary>The fields that were wrong (empty unless <see cref="Error"/> is <see cref="BudgetErrorCode.InvalidRequest"/>).</summary>
    public IReadOnlyList<UserFieldError> Fields { get; }

    /// <summary>True when the change was written.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A success.</summary>
    public static UserAdministrationResult Ok(UserSummary user) => new(user, null, []);

    /// <summary>A refusal without field errors.</summary>
    public static UserAdministrationResult Fail(BudgetErrorCode code, string message) => new(null, new BudgetError(code, message), []);

    /// <summary>Bad input: nothing written.</summary>
    public static UserAdministrationResult Invalid(IReadOnlyList<UserFieldError> fields) =>
        new(null, new BudgetError(BudgetErrorCode.InvalidRequest, string.Join(" ", fields.Select(f => f.Message))), fields);
}

/// <summary>
/// Administrators' work on the people who sign in: list them, add one, change a role and its codes, lock and
/// unlock. Only administrators may (see <see cref="AccessRules"/>); an administrator keeps their own
/// administrator role and cannot lock themselves out. Every change renews the user's security stamp, which
/// is checked on every request, so it applies at once. Bad input writes nothing.
/// </summary>
public sealed class UserAdministration(UserManager<LedgerUser> users, LedgerDbContext db, IBudgetStore budgets, IPurchasingStore purchasing, IClock clock)
{
    /// <summary>Every user, by area and user name, a page at a time.</summary>
    public async Task<Result<Page<UserSummary>>> ListAsync(Actor actor, PageRequest page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(page);
        if (!AccessRules.MayAdministerUsers(actor))
        {
            return Result<Page<UserSummary>>.Fail(BudgetErrorCode.NotPermitted, "Only administrators see the list of users.");
        }

        if (!page.IsValid)
        {
            return Result<Page<UserSummary>>.Fail(BudgetErrorCode.InvalidRequest, $"A page is numbered from 1 and holds 1 to {PageRequest.MaxSize} items.");
        }

        var all = await db.Users.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        var roles = await RolesAsync(ct).ConfigureAwait(false);
        var list = all.Select(u => Summary(u, roles.GetValueOrDefault(u.Id, string.Empty)))
            .OrderBy(u => u.AreaCode, StringComparer.Ordinal).ThenBy(u => u.UserName, StringComparer.OrdinalIgnoreCase).ToList();
        return Page<UserSummary>.Of(list, page);
    }

    /// <summary>One user, by user name.</summary>
    public async Task<Result<UserSummary>> FindAsync(Actor actor, string userName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayAdministerUsers(actor))
        {
            return Result<UserSummary>.Fail(BudgetErrorCode.NotPermitted, "Only administrators see users.");
        }

        return await users.FindByNameAsync(userName ?? string.Empty).ConfigureAwait(false) is { } user
            ? await SummaryAsync(user).ConfigureAwait(false)
            : Result<UserSummary>.Fail(BudgetErrorCode.UnknownUser, $"There is no user '{userName}'.");
    }

    /// <summary>Adds a user with a role, an area and (for practitioner and provider roles) the code they act as.</summary>
    public async Task<UserAdministrationResult> CreateAsync(Actor actor, NewUser request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        if (!AccessRules.MayAdministerUsers(actor))
        {
            return UserAdministrationResult.Fail(BudgetErrorCode.NotPermitted, "Only administrators add users.");
        }

        var errors = new List<UserFieldError>();
        var userName = request.UserName?.Trim() ?? string.Empty;
        var displayName = request.DisplayName?.Trim() ?? string.Empty;
        if (userName.Length == 0)
        {
            errors.Add(new(nameof(NewUser.UserName), "Enter a user name"));
        }
        else if (userName.Length > 256)
        {
            errors.Add(new(nameof(NewUser.UserName), "User name must be 256 characters or fewer"));
        }

        if (displayName.Length == 0)
        {
            errors.Add(new(nameof(NewUser.DisplayName), "Enter the person's name"));
        }
        else if (displayName.Length > 200)
        {
            errors.Add(new(nameof(NewUser.DisplayName), "Name must be 200 characters or fewer"));
        }

        var areaCode = request.AreaCode?.Trim().ToUpperInvariant() ?? string.Empty;
        var codes = await CheckRoleAndCodesAsync(request.Role, areaCode, request.PractitionerCode, request.ProviderCode, errors, checkArea: true, ct)
            .ConfigureAwait(false);

        var user = new LedgerUser
        {
            UserName = userName,
            DisplayName = displayName,
            AreaCode = areaCode,
            PractitionerCode = codes.Practitioner,
            ProviderCode = codes.Provider,
            LockoutEnabled = true,
        };
        if (userName.Length is > 0 and <= 256)
        {
            foreach (var validator in users.UserValidators)
            {
                var result = await validator.ValidateAsync(users, user).ConfigureAwait(false);
                errors.AddRange(result.Errors.Select(e => new UserFieldError(nameof(NewUser.UserName), e.Description)));
            }
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add(new(nameof(NewUser.Password), "Enter an initial password"));
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, request.Password).ConfigureAwait(false);
                errors.AddRange(result.Errors.Select(e => new UserFieldError(nameof(NewUser.Password), e.Description)));
            }
        }

        if (errors.Count > 0)
        {
            return UserAdministrationResult.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var created = await users.CreateAsync(user, request.Password!).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return UserAdministrationResult.Invalid(created.Errors.Select(e => new UserFieldError(nameof(NewUser.UserName), e.Description)).ToList());
        }

        var added = await users.AddToRoleAsync(user, codes.Role).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            return UserAdministrationResult.Invalid(added.Errors.Select(e => new UserFieldError(nameof(NewUser.Role), e.Description)).ToList());
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return UserAdministrationResult.Ok(Summary(user, codes.Role));
    }

    /// <summary>Changes a user's role and codes; it applies on their next request. Administrators keep their own administrator role.</summary>
    public async Task<UserAdministrationResult> ChangeAsync(Actor actor, string userName, UserChange request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        if (!AccessRules.MayAdministerUsers(actor))
        {
            return UserAdministrationResult.Fail(BudgetErrorCode.NotPermitted, "Only administrators change users.");
        }

        if (await users.FindByNameAsync(userName ?? string.Empty).ConfigureAwait(false) is not { } user)
        {
            return UserAdministrationResult.Fail(BudgetErrorCode.UnknownUser, $"There is no user '{userName}'.");
        }

        var errors = new List<UserFieldError>();
        var codes = await CheckRoleAndCodesAsync(request.Role, user.AreaCode, request.PractitionerCode, request.ProviderCode, errors, checkArea: false, ct)
            .ConfigureAwait(false);
        if (codes.Role.Length > 0 && !AccessRules.MayChangeRole(actor, user.UserName!, codes.Role == LedgerRoles.Administrator))
        {
            errors.Add(new(nameof(UserChange.Role), "You cannot remove your own administrator role: ask another administrator"));
        }

        if (errors.Count > 0)
        {
            return UserAdministrationResult.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var current = await users.GetRolesAsync(user).ConfigureAwait(false);
        var steps = new List<Func<Task<IdentityResult>>>();
        if (current.Count != 1 || current[0] != codes.Role)
        {
            steps.Add(() => users.RemoveFromRolesAsync(user, current));
            steps.Add(() => users.AddToRoleAsync(user, codes.Role));
        }

        user.PractitionerCode = codes.Practitioner;
        user.ProviderCode = codes.Provider;
        steps.Add(() => users.UpdateAsync(user));
        // A new stamp makes the cookie (checked on every request) and API tokens pick up the change at once.
        steps.Add(() => users.UpdateSecurityStampAsync(user));
        foreach (var step in steps)
        {
            var result = await step().ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return UserAdministrationResult.Invalid(result.Errors.Select(e => new UserFieldError(nameof(UserChange.Role), e.Description)).ToList());
            }
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return UserAdministrationResult.Ok(Summary(user, codes.Role));
    }

    /// <summary>Locks a user out until unlocked (their session ends at once), or unlocks them and clears their wrong-password count.</summary>
    public async Task<Result<UserSummary>> SetLockedAsync(Actor actor, string userName, bool locked, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayAdministerUsers(actor))
        {
            return Result<UserSummary>.Fail(BudgetErrorCode.NotPermitted, "Only administrators lock and unlock users.");
        }

        if (await users.FindByNameAsync(userName ?? string.Empty).ConfigureAwait(false) is not { } user)
        {
            return Result<UserSummary>.Fail(BudgetErrorCode.UnknownUser, $"There is no user '{userName}'.");
        }

        if (locked && !AccessRules.MayLock(actor, user.UserName!))
        {
            return Result<UserSummary>.Fail(BudgetErrorCode.NotPermitted, "You cannot lock your own account.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        user.LockoutEnabled = true;
        var results = locked
            ? new[] { await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue).ConfigureAwait(false), await users.UpdateSecurityStampAsync(user).ConfigureAwait(false) }
            : [await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false), await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false)];
        if (results.FirstOrDefault(r => !r.Succeeded) is { } failed)
        {
            return Result<UserSummary>.Fail(BudgetErrorCode.InvalidRequest, string.Join(" ", failed.Errors.Select(e => e.Description)));
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return await SummaryAsync(user).ConfigureAwait(false);
    }

    private async Task<(string Role, string? Practitioner, string? Provider)> CheckRoleAndCodesAsync(string? role, string areaCode, string? practitionerCode,
        string? providerCode, List<UserFieldError> errors, bool checkArea, CancellationToken ct)
    {
        role = role?.Trim() ?? string.Empty;
        if (!LedgerRoles.All.Contains(role))
        {
            errors.Add(new(nameof(NewUser.Role), "Choose a role"));
            role = string.Empty;
        }

        var area = areaCode.Length == 0 ? null : await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false);
        if (checkArea && area is null)
        {
            errors.Add(new(nameof(NewUser.AreaCode), areaCode.Length == 0 ? "Enter the area's code" : $"There is no area '{areaCode}'"));
        }

        var practitioner = practitionerCode?.Trim().ToUpperInvariant();
        var provider = providerCode?.Trim().ToUpperInvariant();
        if (role.Length > 0 && LedgerRoles.IsPractitioner(role))
        {
            provider = null;
            var expected = role switch
            {
                LedgerRoles.LeadProfessional => PractitionerRole.LeadProfessional,
                LedgerRoles.Broker => PractitionerRole.Broker,
                _ => PractitionerRole.BudgetHolder,
            };
            if (string.IsNullOrEmpty(practitioner))
            {
                errors.Add(new(nameof(NewUser.PractitionerCode), $"Enter the practitioner code a {LedgerRoles.Describe(role).ToLowerInvariant()} acts as"));
            }
            else if (area is not null)
            {
                var found = await budgets.PractitionerAsync(area.Id, practitioner, ct).ConfigureAwait(false);
                if (found is null)
                {
                    errors.Add(new(nameof(NewUser.PractitionerCode), $"There is no practitioner '{practitioner}' in {area.Code}"));
                }
                else if (found.Role != expected)
                {
                    errors.Add(new(nameof(NewUser.PractitionerCode), $"Practitioner '{practitioner}' is not a {LedgerRoles.Describe(role).ToLowerInvariant()}"));
                }
            }
        }
        else if (role == LedgerRoles.Provider)
        {
            practitioner = null;
            if (string.IsNullOrEmpty(provider))
            {
                errors.Add(new(nameof(NewUser.ProviderCode), "Enter the code of the provider this user works for"));
            }
            else if (area is not null && await purchasing.ProviderAsync(area.Id, provider, ct).ConfigureAwait(false) is null)
            {
                errors.Add(new(nameof(NewUser.ProviderCode), $"There is no provider '{provider}' in {area.Code}"));
            }
        }
        else
        {
            practitioner = null;
            provider = null;
        }

        return (role, string.IsNullOrEmpty(practitioner) ? null : practitioner, string.IsNullOrEmpty(provider) ? null : provider);
    }

    private async Task<Dictionary<string, string>> RolesAsync(CancellationToken ct) =>
        (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct).ConfigureAwait(false))
            .GroupBy(x => x.UserId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Name ?? string.Empty).OrderBy(n => IndexOf(n)).First());

    private static int IndexOf(string role) => LedgerRoles.All.ToList().IndexOf(role) is var i and >= 0 ? i : int.MaxValue;

    private async Task<UserSummary> SummaryAsync(LedgerUser user)
    {
        var roles = await users.GetRolesAsync(user).ConfigureAwait(false);
        return Summary(user, roles.OrderBy(IndexOf).FirstOrDefault() ?? string.Empty);
    }

    private UserSummary Summary(LedgerUser u, string role) =>
        new(u.UserName ?? string.Empty, u.DisplayName, role, u.AreaCode, u.PractitionerCode, u.ProviderCode,
            u.LockoutEnd is { } end && end > clock.GetCurrentInstant().ToDateTimeOffset());
}
