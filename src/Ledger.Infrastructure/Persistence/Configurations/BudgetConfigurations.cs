using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ledger.Infrastructure.Persistence.Configurations;

// Restriction sets are stored as comma-separated names: portable, readable, and small.
internal sealed class EnumSetConverter<T>() : ValueConverter<IReadOnlySet<T>, string>(
    set => StreamRestrictions.Join(set),
    text => StreamRestrictions.Split<T>(text))
    where T : struct, Enum;

internal sealed class EnumSetComparer<T>() : ValueComparer<IReadOnlySet<T>>(
    (a, b) => a!.SetEquals(b!),
    set => set.Aggregate(0, (hash, v) => hash ^ v.GetHashCode()),
    set => set.ToHashSet())
    where T : struct, Enum;

internal sealed class FundingStreamConfiguration : IEntityTypeConfiguration<FundingStream>
{
    public void Configure(EntityTypeBuilder<FundingStream> b)
    {
        b.ToTable("FundingStreams");
        b.HasKey(s => s.Id);
        b.Property(s => s.Code).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(s => s.Name).HasMaxLength(200).IsRequired();
        b.Property(s => s.Form).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.YearEndRule).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.ExpectedOutcome).HasMaxLength(500).IsRequired();
        b.Property(s => s.Categories).HasConversion(new EnumSetConverter<ServiceCategory>(), new EnumSetComparer<ServiceCategory>()).HasMaxLength(300);
        b.Property(s => s.ClientGroups).HasConversion(new EnumSetConverter<ClientGroup>(), new EnumSetComparer<ClientGroup>()).HasMaxLength(300);
        b.Ignore(s => s.Restrictions);
        b.HasIndex(s => new { s.Area, s.Code }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(s => s.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(s => s.Agency).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.ToTable("Agencies");
        b.HasKey(a => a.Id);
        b.Property(a => a.Code).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(a => a.Name).HasMaxLength(200).IsRequired();
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(a => new { a.Area, a.Code }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(a => a.Area).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PoolConfiguration : IEntityTypeConfiguration<Pool>
{
    public void Configure(EntityTypeBuilder<Pool> b)
    {
        b.ToTable("Pools");
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.AllocationRule).HasMaxLength(1000).IsRequired();
        b.Property(p => p.SplitPolicy).HasConversion<string>().HasMaxLength(20);
        b.Ignore(p => p.Rule);
        b.HasIndex(p => new { p.Area, p.Code }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(p => p.Area).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FinancialYearClosureConfiguration : IEntityTypeConfiguration<FinancialYearClosure>
{
    public void Configure(EntityTypeBuilder<FinancialYearClosure> b)
    {
        b.ToTable("FinancialYearClosures");
        b.HasKey(c => new { c.Area, c.Year });
        b.HasOne<Area>().WithMany().HasForeignKey(c => c.Area).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PractitionerConfiguration : IEntityTypeConfiguration<Practitioner>
{
    public void Configure(EntityTypeBuilder<Practitioner> b)
    {
        b.ToTable("Practitioners");
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.Role).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(p => new { p.Area, p.Code }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(p => p.Area).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> b)
    {
        b.ToTable("Subjects");
        b.HasKey(s => s.Id);
        b.Property(s => s.Reference).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(s => new { s.Area, s.Reference }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(s => s.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.Family).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(s => s.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class HouseholdMemberConfiguration : IEntityTypeConfiguration<HouseholdMember>
{
    public void Configure(EntityTypeBuilder<HouseholdMember> b)
    {
        b.ToTable("HouseholdMembers");
        b.HasKey(m => new { m.Family, m.Child });
        b.HasOne<Subject>().WithMany().HasForeignKey(m => m.Child).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseloadEntryConfiguration : IEntityTypeConfiguration<CaseloadEntry>
{
    public void Configure(EntityTypeBuilder<CaseloadEntry> b)
    {
        b.ToTable("Caseloads");
        b.HasKey(c => new { c.Practitioner, c.Subject });
        b.HasIndex(c => c.Subject);
        b.HasOne<Practitioner>().WithMany().HasForeignKey(c => c.Practitioner).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Subject>().WithMany().HasForeignKey(c => c.Subject).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonalDetailsConfiguration : IEntityTypeConfiguration<PersonalDetails>
{
    public void Configure(EntityTypeBuilder<PersonalDetails> b)
    {
        b.ToTable("PersonalDetails");
        b.HasKey(p => p.Subject);
        b.Property(p => p.FullName).HasMaxLength(200).IsRequired();
        b.Property(p => p.Address).HasMaxLength(500);
        b.HasOne<Subject>().WithOne().HasForeignKey<PersonalDetails>(p => p.Subject).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonalDetailsReadConfiguration : IEntityTypeConfiguration<PersonalDetailsRead>
{
    public void Configure(EntityTypeBuilder<PersonalDetailsRead> b)
    {
        b.ToTable("PersonalDetailsReads");
        b.HasKey(r => r.Id);
        b.Property(r => r.ReadBy).HasMaxLength(200).IsRequired();
        b.Property(r => r.Purpose).HasMaxLength(500).IsRequired();
        b.HasIndex(r => new { r.Subject, r.ReadAt });
        b.HasOne<Subject>().WithMany().HasForeignKey(r => r.Subject).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.ToTable("Assessments");
        b.HasKey(a => a.Id);
        b.Property(a => a.AssessedBy).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(a => a.ClientGroup).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.Working).HasMaxLength(500).IsRequired();
        b.Property(a => a.IdempotencyKey).HasMaxLength(200);
        b.HasIndex(a => a.IdempotencyKey).IsUnique();
        b.ComplexProperty(a => a.Factors);
        b.HasIndex(a => a.Subject);
        b.HasOne<Area>().WithMany().HasForeignKey(a => a.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Subject>().WithMany().HasForeignKey(a => a.Subject).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Pool>().WithMany().HasForeignKey(a => a.Pool).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> b)
    {
        b.ToTable("Budgets");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.HolderMode).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ClientGroup).HasConversion<string>().HasMaxLength(30);
        b.Ignore(x => x.AccountKind);
        b.HasIndex(x => new { x.Area, x.Code }).IsUnique();
        b.HasIndex(x => new { x.Area, x.Year });
        b.HasOne<Area>().WithMany().HasForeignKey(x => x.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Pool>().WithMany().HasForeignKey(x => x.Pool).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Subject>().WithMany().HasForeignKey(x => x.Subject).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Practitioner>().WithMany().HasForeignKey(x => x.Holder).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Budget>().WithMany().HasForeignKey(x => x.CarriedFrom).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> b)
    {
        b.ToTable("Allocations");
        b.HasKey(a => a.Id);
        b.Property(a => a.Working).HasMaxLength(500).IsRequired();
        b.Property(a => a.Reason).HasMaxLength(1000).IsRequired();
        b.Property(a => a.DecidedBy).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(a => a.IdempotencyKey).HasMaxLength(200).IsRequired();
        b.HasIndex(a => a.IdempotencyKey).IsUnique();
        b.HasIndex(a => a.Entry).IsUnique();
        b.HasOne<Budget>().WithMany().HasForeignKey(a => a.Budget).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Assessment>().WithMany().HasForeignKey(a => a.Assessment).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Ledger.Domain.Accounting.JournalEntry>().WithMany().HasForeignKey(a => a.Entry).OnDelete(DeleteBehavior.Restrict);
    }
}
