using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Ledger.Application.Access;
using Ledger.Domain.Budgets;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Identity;

/// <summary>An API token as administrators see it: never its secret.</summary>
/// <param name="Id">The token's id.</param>
/// <param name="Name">What it is for.</param>
/// <param name="Prefix">The secret's public first characters.</param>
/// <param name="UserName">The user it signs in as.</param>
/// <param name="AreaCode">That user's area.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="RevokedBy">Who revoked it.</param>
/// <param name="LastUsedAt">When it was last used (to within a minute).</param>
public sealed record ApiTokenView(Guid Id, string Name, string Prefix, string UserName, string AreaCode, Instant CreatedAt, string CreatedBy,
    Instant? RevokedAt, string? RevokedBy, Instant? LastUsedAt)
{
    /// <summary>Whether the token has been revoked and no longer works.</summary>
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A token just created, with the secret that is shown this once and never kept.</summary>
/// <param name="Token">The token.</param>
/// <param name="Secret">The whole secret, <c>ldg_</c> and 43 base64url characters.</param>
public sealed record CreatedApiToken(ApiTokenView Token, string Secret);

/// <summary>A presented secret that matched a working token.</summary>
/// <param name="Id">The token's id.</param>
/// <param name="UserId">The Identity id of the user it signs in as.</param>
public sealed record ApiTokenMatch(Guid Id, string UserId);

/// <summary>
/// Creates, lists and revokes API tokens (administrators only, decided by <see cref="AccessRules"/>), and
/// recognises a presented secret for the API's authentication handler. The secret is <c>ldg_</c> followed by
/// 32 random bytes in base64url; the database keeps its SHA-256 hash and its first
/// <see cref="PrefixLength"/> characters, never the secret.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<LedgerDbContext> contexts, IClock clock)
{
    /// <summary>What every secret starts with, so a leaked one is easy to recognise (e.g. by secret scanners).</summary>
    public const string SecretStart = "ldg_";

    /// <summary>How many of the secret's characters are kept, in clear, to find it: <c>ldg_</c> and 8 more.</summary>
    public const int PrefixLength = 12;

    /// <summary>The longest name a token may have.</summary>
    public const int MaxNameLength = 100;

    /// <summary>How often, at most, a token's last use is written.</summary>
    public static readonly Duration LastUsedResolution = Duration.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, Instant> _touched = new();

    /// <summary>Creates a token for <paramref name="userName"/>; the result carries the secret, which is not kept.</summary>
    public async Task<Result<CreatedApiToken>> CreateAsync(Actor actor, string? userName, string? name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayAdministerUsers(actor))
        {
            return Result<CreatedApiToken>.Fail(BudgetErrorCode.NotPermitted, "Only administrators create API tokens.");
        }

        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Result<CreatedApiToken>.Fail(BudgetErrorCode.InvalidRequest, $"Give the token a name of 1 to {MaxNameLength} characters, e.g. the system that will use it.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var normalised = (userName ?? string.Empty).Trim().ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalised, ct).ConfigureAwait(false);
        if (user is null)
        {
            return Result<CreatedApiToken>.Fail(BudgetErrorCode.UnknownUser, $"There is no user '{userName}'.");
        }

        string secret;
        string prefix;
        do
        {
            secret = SecretStart + Base64Url(RandomNumberGenerator.GetBytes(32));
            prefix = secret[..PrefixLength];
        }
        while (await db.Set<ApiToken>().AnyAsync(t => t.Prefix == prefix, ct).ConfigureAwait(false));

        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Name = name,
            Prefix = prefix,
            SecretHash = Convert.ToHexStringLower(Hash(secret)),
            CreatedAt = RecordedTime.Truncate(clock.GetCurrentInstant()),
            CreatedBy = actor.UserName,
        };
        db.Add(token);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new CreatedApiToken(View(token, user), secret);
    }

    /// <summary>Every token, newest first, a page at a time.</summary>
    public async Task<Result<Page<ApiTokenView>>> ListAsync(Actor actor, PageRequest page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(page);
        if (!AccessRules.MayAdministerUsers(actor))
        {
            return Result<Page<ApiTokenView>>.Fail(BudgetErrorCode.NotPermitted, "Only administrators see API tokens.");
        }

        if (!page.IsValid)
        {
            return Result<Page<ApiTokenView>>.Fail(BudgetErrorCode.InvalidRequest, $"A page is numbered from 1 and holds 1 to {PageRequest.MaxSize} items.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var rows = await (from t in db.Set<ApiToken>() join u in db.Users on t.UserId equals u.Id select new { t, u })
            .ToListAsync(ct).ConfigureAwait(false);
        var views = rows.Select(r => View(r.t, r.u)).OrderByDescending(v => v.CreatedAt).ThenBy(v => v.Prefix, StringComparer.Ordinal).ToList();
        return Page<ApiTokenView>.Of(views, page);
    }

    /// <summary>One token.</summary>
    public async Task<Result<ApiTokenView>> FindAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayAdministerUsers(actor))
        {
            return Result<ApiTokenView>.Fail(BudgetErrorCode.NotPermitted, "Only administrators see API tokens.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var row = await (from t in db.Set<ApiToken>() join u in db.Users on t.UserId equals u.Id where t.Id == id select new { t, u })
            .SingleOrDefaultAsync(ct).ConfigureAwait(false);
        return row is null ? Result<ApiTokenView>.Fail(BudgetErrorCode.UnknownApiToken, "There is no such API token.") : View(row.t, row.u);
    }

    /// <summary>Revokes a token: it stops working at once. Revoking a revoked token changes nothing.</summary>
    public async Task<Result<ApiTokenView>> RevokeAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayAdministerUsers(actor))
        {
            return Result<ApiTokenView>.Fail(BudgetErrorCode.NotPermitted, "Only administrators revoke API tokens.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var token = await db.Set<ApiToken>().SingleOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false);
        if (token is null)
        {
            return Result<ApiTokenView>.Fail(BudgetErrorCode.UnknownApiToken, "There is no such API token.");
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = RecordedTime.Truncate(clock.GetCurrentInstant());
            token.RevokedBy = actor.UserName;
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }

        var user = await db.Users.SingleAsync(u => u.Id == token.UserId, ct).ConfigureAwait(false);
        return View(token, user);
    }

    /// <summary>
    /// The working token whose secret is <paramref name="presented"/>, or null for an unknown or revoked one.
    /// The row is found by its public prefix and the hashes compared in constant time.
    /// </summary>
    public async Task<ApiTokenMatch?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (!presented.StartsWith(SecretStart, StringComparison.Ordinal) || presented.Length < PrefixLength || presented.Length > 200)
        {
            return null;
        }

        var prefix = presented[..PrefixLength];
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var token = await db.Set<ApiToken>().AsNoTracking().SingleOrDefaultAsync(t => t.Prefix == prefix, ct).ConfigureAwait(false);
        if (token is null || token.SecretHash.Length != 64)
        {
            return null;
        }

        var matches = CryptographicOperations.FixedTimeEquals(Hash(presented), Convert.FromHexString(token.SecretHash));
        return matches && token.RevokedAt is null ? new ApiTokenMatch(token.Id, token.UserId) : null;
    }

    /// <summary>Records that the token was used now, writing at most once per <see cref="LastUsedResolution"/> per token.</summary>
    public async Task TouchAsync(Guid id, CancellationToken ct = default)
    {
        var now = RecordedTime.Truncate(clock.GetCurrentInstant());
        if (_touched.TryGetValue(id, out var last) && now - last < LastUsedResolution)
        {
            return;
        }

        _touched[id] = now;
        var cutoff = now - LastUsedResolution;
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.Set<ApiToken>().Where(t => t.Id == id && (t.LastUsedAt == null || t.LastUsedAt < cutoff))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, (Instant?)now), ct).ConfigureAwait(false);
    }

    private static ApiTokenView View(ApiToken t, LedgerUser u) =>
        new(t.Id, t.Name, t.Prefix, u.UserName ?? string.Empty, u.AreaCode, t.CreatedAt, t.CreatedBy, t.RevokedAt, t.RevokedBy, t.LastUsedAt);

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
