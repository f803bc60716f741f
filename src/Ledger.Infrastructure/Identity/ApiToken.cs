using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Ledger.Infrastructure.Identity;

/// <summary>
/// A token a provider's system (or another program) presents as <c>Authorization: Bearer ldg_…</c> to call
/// the API as one Ledger user. Only the SHA-256 hash of the secret is kept, never the secret itself; the
/// short public <see cref="Prefix"/> finds the row and lets people recognise the token in lists.
/// </summary>
public sealed class ApiToken
{
    /// <summary>The token's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The Identity id of the user the token signs in as.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>What the token is for, e.g. "Young Minds case system".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The secret's first characters (e.g. <c>ldg_AbCd1234</c>): unique, public, shown in lists.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>The SHA-256 hash of the whole secret, as lower-case hex.</summary>
    public string SecretHash { get; set; } = string.Empty;

    /// <summary>When it was created.</summary>
    public Instant CreatedAt { get; set; }

    /// <summary>The administrator who created it (user name).</summary>
    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>When it was revoked; null while it works.</summary>
    public Instant? RevokedAt { get; set; }

    /// <summary>The administrator who revoked it (user name).</summary>
    public string? RevokedBy { get; set; }

    /// <summary>When it was last used, to the minute or so (updated at most once a minute).</summary>
    public Instant? LastUsedAt { get; set; }
}

/// <summary>The API tokens table.</summary>
internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        builder.Property(t => t.Name).HasMaxLength(ApiTokenService.MaxNameLength).IsRequired();
        builder.Property(t => t.Prefix).HasMaxLength(ApiTokenService.PrefixLength).IsRequired();
        builder.Property(t => t.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(t => t.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(t => t.RevokedBy).HasMaxLength(256);
        builder.HasIndex(t => t.Prefix).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<LedgerUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
