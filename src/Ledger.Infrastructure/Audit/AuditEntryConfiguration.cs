using Ledger.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ledger.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.UserName).HasMaxLength(AuditEntry.MaxUserName).IsRequired();
        b.Property(e => e.Role).HasMaxLength(50).IsRequired();
        b.Property(e => e.Action).HasConversion<EnumToStringConverter<AuditAction>>().HasMaxLength(20);
        b.Property(e => e.What).HasMaxLength(AuditEntry.MaxWhat).IsRequired();
        b.Property(e => e.Detail).HasMaxLength(AuditEntry.MaxDetail);
        b.Property(e => e.ClientAddress).HasMaxLength(64);
        // The search reads one area's entries newest first.
        b.HasIndex(e => new { e.Area, e.At });
    }
}
