using Ledger.Domain;
using Ledger.Domain.Accounting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ledger.Infrastructure.Persistence.Configurations;

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.ToTable("Areas");
        b.HasKey(a => a.Id);
        b.Property(a => a.Code).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(a => a.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(a => a.Code).IsUnique();
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("Accounts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Owner).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(a => a.Revision).IsConcurrencyToken();
        b.HasIndex(a => new { a.Kind, a.Area, a.Owner, a.Stream }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(a => a.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FundingStream>().WithMany().HasForeignKey(a => a.Stream).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(a => a.PostedBalance);
        b.Ignore(a => a.HeldAmount);
        b.Ignore(a => a.Available);
        b.Ignore(a => a.IsGuarded);
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("JournalEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Description).HasMaxLength(LedgerCommand.MaxDescriptionLength).IsRequired();
        b.Property(e => e.IdempotencyKey).HasMaxLength(LedgerCommand.MaxKeyLength).IsRequired();
        b.HasIndex(e => new { e.Area, e.EffectiveDate });
        b.HasIndex(e => e.RecordedAt);
        // The sealer takes each area's unsealed entries in recorded order, and verify looks for unsealed ones
        // before the chain's head: without this index both scan and sort the area's whole journal.
        b.HasIndex(e => new { e.Area, e.RecordedAt });
        // An entry is reversed at most once and a hold is settled by at most one entry: the
        // database enforces both, behind the engine's own checks.
        b.HasIndex(e => e.Reverses).IsUnique();
        b.HasIndex(e => e.SettlesHold).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(e => e.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(e => e.Reverses).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Hold>().WithMany().HasForeignKey(e => e.SettlesHold).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Postings).WithOne().HasForeignKey(p => p.Entry).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(e => e.Postings).HasField("_postings").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PostingConfiguration : IEntityTypeConfiguration<Posting>
{
    public void Configure(EntityTypeBuilder<Posting> b)
    {
        b.ToTable("Postings");
        // One posting per account version: two writers can never both write version n.
        b.HasKey(p => new { p.Account, p.AccountVersion });
        b.HasIndex(p => new { p.Entry, p.Line }).IsUnique();
        b.HasIndex(p => new { p.Account, p.EffectiveDate });
        b.HasIndex(p => new { p.Account, p.RecordedAt });
        b.HasOne<Account>().WithMany().HasForeignKey(p => p.Account).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FundingStream>().WithMany().HasForeignKey(p => p.Stream).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HoldConfiguration : IEntityTypeConfiguration<Hold>
{
    public void Configure(EntityTypeBuilder<Hold> b)
    {
        b.ToTable("Holds");
        b.HasKey(h => h.Id);
        b.Property(h => h.Description).HasMaxLength(LedgerCommand.MaxDescriptionLength).IsRequired();
        b.Property(h => h.IdempotencyKey).HasMaxLength(LedgerCommand.MaxKeyLength).IsRequired();
        b.Property(h => h.Version).IsConcurrencyToken();
        b.HasIndex(h => new { h.Status, h.ExpiresAt });
        b.HasOne<Area>().WithMany().HasForeignKey(h => h.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(h => h.Legs).WithOne().HasForeignKey(l => l.Hold).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(h => h.Legs).HasField("_legs").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class HoldLegConfiguration : IEntityTypeConfiguration<HoldLeg>
{
    public void Configure(EntityTypeBuilder<HoldLeg> b)
    {
        b.ToTable("HoldLegs");
        b.HasKey(l => new { l.Hold, l.Leg });
        b.HasIndex(l => l.From);
        b.HasOne<Account>().WithMany().HasForeignKey(l => l.From).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(l => l.To).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FundingStream>().WithMany().HasForeignKey(l => l.Stream).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("IdempotencyRecords");
        b.HasKey(r => r.Key);
        b.Property(r => r.Key).HasMaxLength(LedgerCommand.MaxKeyLength);
        b.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        b.Property(r => r.Operation).HasMaxLength(40).IsRequired();
        b.Property(r => r.ErrorMessage).HasMaxLength(1000);
    }
}

internal sealed class PeriodClosureConfiguration : IEntityTypeConfiguration<PeriodClosure>
{
    public void Configure(EntityTypeBuilder<PeriodClosure> b)
    {
        b.ToTable("PeriodClosures");
        b.HasKey(c => new { c.Area, c.Year, c.Month });
        b.Ignore(c => c.Period);
        b.Ignore(c => c.FirstDay);
        b.Ignore(c => c.LastDay);
        b.HasOne<Area>().WithMany().HasForeignKey(c => c.Area).OnDelete(DeleteBehavior.Restrict);
    }
}
