using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ledger.Infrastructure.Identity;

/// <summary>The columns Ledger adds to Identity's user table.</summary>
internal sealed class LedgerUserConfiguration : IEntityTypeConfiguration<LedgerUser>
{
    public void Configure(EntityTypeBuilder<LedgerUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(u => u.AreaCode).HasMaxLength(Domain.Code.MaxLength).IsRequired();
        builder.Property(u => u.PractitionerCode).HasMaxLength(Domain.Code.MaxLength);
        builder.Property(u => u.ProviderCode).HasMaxLength(Domain.Code.MaxLength);
        builder.HasIndex(u => u.AreaCode);
    }
}
