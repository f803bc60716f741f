using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Accounting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ledger.Infrastructure.Persistence.Configurations;

internal sealed class JournalSealConfiguration : IEntityTypeConfiguration<JournalSeal>
{
    public void Configure(EntityTypeBuilder<JournalSeal> b)
    {
        b.ToTable("JournalSeals");
        // One link per place in an area's chain: two sealers can never both append link n.
        b.HasKey(s => new { s.Area, s.Sequence });
        b.Property(s => s.Sequence).ValueGeneratedNever();
        b.Property(s => s.EntryHash).HasMaxLength(64).IsRequired();
        b.Property(s => s.ChainHash).HasMaxLength(64).IsRequired();
        b.HasIndex(s => s.Entry).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(s => s.Area).OnDelete(DeleteBehavior.Restrict);
        // No foreign key to the entry on purpose: a sealed entry deleted behind the ledger's back must
        // leave its seal behind, so verify can name it.
    }
}
