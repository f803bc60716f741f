using Ledger.Application.Outcomes;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using Ledger.Domain.People;
using Ledger.Domain.Purchasing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ledger.Infrastructure.Persistence.Configurations;

internal sealed class StoredOutcomeConfiguration : IEntityTypeConfiguration<StoredOutcome>
{
    public void Configure(EntityTypeBuilder<StoredOutcome> b)
    {
        b.ToTable("Outcomes");
        b.HasKey(o => o.Code);
        b.Property(o => o.Code).HasMaxLength(Code.MaxLength);
        b.Property(o => o.Json).IsRequired();
    }
}

internal sealed class StoredRateCardConfiguration : IEntityTypeConfiguration<StoredRateCard>
{
    public void Configure(EntityTypeBuilder<StoredRateCard> b)
    {
        b.ToTable("RateCards");
        b.HasKey(c => new { c.Code, c.Version });
        b.Property(c => c.Code).HasMaxLength(Code.MaxLength);
        b.Property(c => c.Contract).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(c => c.Json).IsRequired();
        b.HasIndex(c => new { c.Contract, c.Cohort });
    }
}

internal sealed class OutcomeContractConfiguration : IEntityTypeConfiguration<OutcomeContract>
{
    public void Configure(EntityTypeBuilder<OutcomeContract> b)
    {
        b.ToTable("OutcomeContracts");
        b.HasKey(c => c.Id);
        b.Property(c => c.Code).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.Area, c.Code }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(c => c.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Provider>().WithMany().HasForeignKey(c => c.Provider).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Pool>().WithMany().HasForeignKey(c => c.Pool).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.ToTable("Enrolments");
        b.HasKey(e => e.Id);
        b.Property(e => e.Card).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(e => e.IdempotencyKey).HasMaxLength(200).IsRequired();
        b.Property(e => e.Version).IsConcurrencyToken();
        b.ComplexProperty(e => e.Factors);
        b.HasIndex(e => e.IdempotencyKey).IsUnique();
        b.HasIndex(e => new { e.Contract, e.Subject }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(e => e.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OutcomeContract>().WithMany().HasForeignKey(e => e.Contract).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Subject>().WithMany().HasForeignKey(e => e.Subject).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutcomeClaimConfiguration : IEntityTypeConfiguration<OutcomeClaim>
{
    public void Configure(EntityTypeBuilder<OutcomeClaim> b)
    {
        b.ToTable("OutcomeClaims");
        b.HasKey(c => c.Id);
        b.Property(c => c.Reference).HasMaxLength(20).IsRequired();
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Outcome).HasMaxLength(Code.MaxLength);
        b.Property(c => c.Working).IsRequired();
        b.Property(c => c.CreatedBy).HasMaxLength(100).IsRequired();
        b.Property(c => c.SignedOffBy).HasMaxLength(100);
        b.Property(c => c.ApprovedBy).HasMaxLength(100);
        b.Property(c => c.Reason).HasMaxLength(OutcomeClaim.MaxReasonLength);
        b.Property(c => c.IdempotencyKey).HasMaxLength(200).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.CountsAsPaid);
        b.Ignore(c => c.InFlight);
        b.HasIndex(c => new { c.Area, c.Reference }).IsUnique();
        b.HasIndex(c => c.IdempotencyKey).IsUnique();
        b.HasIndex(c => new { c.Contract, c.Enrolment });
        b.HasIndex(c => new { c.Area, c.Status });
        b.HasIndex(c => c.PaymentRun);
        b.HasIndex(c => c.ClawbackRun);
        b.HasOne<Area>().WithMany().HasForeignKey(c => c.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OutcomeContract>().WithMany().HasForeignKey(c => c.Contract).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Enrolment>().WithMany().HasForeignKey(c => c.Enrolment).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Provider>().WithMany().HasForeignKey(c => c.Provider).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(c => c.PayableEntry).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(c => c.ClawbackEntry).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PaymentRun>().WithMany().HasForeignKey(c => c.PaymentRun).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PaymentRun>().WithMany().HasForeignKey(c => c.ClawbackRun).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutcomeClaimShareConfiguration : IEntityTypeConfiguration<OutcomeClaimShare>
{
    public void Configure(EntityTypeBuilder<OutcomeClaimShare> b)
    {
        b.ToTable("OutcomeClaimShares");
        b.HasKey(s => new { s.Claim, s.Stream });
        b.Property(s => s.Payer).HasMaxLength(Code.MaxLength).IsRequired();
        b.HasOne<OutcomeClaim>().WithMany().HasForeignKey(s => s.Claim).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FundingStream>().WithMany().HasForeignKey(s => s.Stream).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> b)
    {
        b.ToTable("EvidenceFiles");
        b.HasKey(e => e.Id);
        b.Property(e => e.Describes).HasMaxLength(200).IsRequired();
        b.Property(e => e.Purpose).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.FileName).HasMaxLength(260).IsRequired();
        b.Property(e => e.ContentType).HasMaxLength(60).IsRequired();
        b.Property(e => e.Sha256).HasMaxLength(64).IsRequired();
        b.Property(e => e.AddedBy).HasMaxLength(100).IsRequired();
        b.HasIndex(e => e.Claim);
        b.HasOne<OutcomeClaim>().WithMany().HasForeignKey(e => e.Claim).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProblemRecurrenceConfiguration : IEntityTypeConfiguration<ProblemRecurrence>
{
    public void Configure(EntityTypeBuilder<ProblemRecurrence> b)
    {
        b.ToTable("ProblemRecurrences");
        b.HasKey(r => r.Id);
        b.Property(r => r.Outcome).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(r => r.Note).HasMaxLength(500).IsRequired();
        b.HasIndex(r => r.Child);
        b.HasOne<Area>().WithMany().HasForeignKey(r => r.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Subject>().WithMany().HasForeignKey(r => r.Child).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssuranceSampleConfiguration : IEntityTypeConfiguration<AssuranceSample>
{
    public void Configure(EntityTypeBuilder<AssuranceSample> b)
    {
        b.ToTable("AssuranceSamples");
        b.HasKey(s => s.Id);
        b.Property(s => s.Reference).HasMaxLength(20).IsRequired();
        b.Property(s => s.Percent).HasPrecision(5, 2);
        b.Property(s => s.VolumeFactor).HasPrecision(9, 4);
        b.Property(s => s.InvalidRatePercent).HasPrecision(5, 2);
        b.Property(s => s.DrawnBy).HasMaxLength(100).IsRequired();
        b.Ignore(s => s.Rules);
        b.HasIndex(s => new { s.Area, s.Reference }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(s => s.Area).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SpotCheckConfiguration : IEntityTypeConfiguration<SpotCheck>
{
    public void Configure(EntityTypeBuilder<SpotCheck> b)
    {
        b.ToTable("SpotChecks");
        b.HasKey(s => new { s.Sample, s.Claim });
        b.Property(s => s.Reasons).HasMaxLength(500).IsRequired();
        b.Property(s => s.Finding).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Note).HasMaxLength(OutcomeClaim.MaxReasonLength);
        b.Property(s => s.CheckedBy).HasMaxLength(100);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => s.Claim);
        b.HasOne<AssuranceSample>().WithMany().HasForeignKey(s => s.Sample).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OutcomeClaim>().WithMany().HasForeignKey(s => s.Claim).OnDelete(DeleteBehavior.Restrict);
    }
}
