using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.People;
using Ledger.Domain.Purchasing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ledger.Infrastructure.Persistence.Configurations;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> b)
    {
        b.ToTable("Providers");
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.Sector).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.SuspensionReason).HasMaxLength(500);
        b.Property(p => p.SortCode).HasMaxLength(6).IsRequired();
        b.Property(p => p.AccountNumber).HasMaxLength(8).IsRequired();
        b.Property(p => p.AccountName).HasMaxLength(BankDetails.MaxAccountNameLength).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Bank);
        b.Ignore(p => p.CanReceiveOrders);
        b.HasIndex(p => new { p.Area, p.Code }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(p => p.Area).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceItemConfiguration : IEntityTypeConfiguration<ServiceItem>
{
    public void Configure(EntityTypeBuilder<ServiceItem> b)
    {
        b.ToTable("ServiceItems");
        b.HasKey(s => s.Id);
        b.Property(s => s.Code).HasMaxLength(Code.MaxLength).IsRequired();
        b.Property(s => s.Name).HasMaxLength(200).IsRequired();
        b.Property(s => s.Unit).HasMaxLength(30).IsRequired();
        b.Property(s => s.Category).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(s => new { s.Area, s.Code }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(s => s.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Provider>().WithMany().HasForeignKey(s => s.Provider).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DelegatedLimitConfiguration : IEntityTypeConfiguration<DelegatedLimit>
{
    public void Configure(EntityTypeBuilder<DelegatedLimit> b)
    {
        b.ToTable("DelegatedLimits");
        b.HasKey(l => l.Practitioner);
        b.Property(l => l.SetBy).HasMaxLength(Code.MaxLength).IsRequired();
        b.HasOne<Practitioner>().WithMany().HasForeignKey(l => l.Practitioner).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DelegatedMonthConfiguration : IEntityTypeConfiguration<DelegatedMonth>
{
    public void Configure(EntityTypeBuilder<DelegatedMonth> b)
    {
        b.ToTable("DelegatedMonths");
        b.HasKey(m => new { m.Practitioner, m.Month });
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<Practitioner>().WithMany().HasForeignKey(m => m.Practitioner).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PurchaseOrderConfiguration : IEntityTypeConfiguration<PurchaseOrder>
{
    public void Configure(EntityTypeBuilder<PurchaseOrder> b)
    {
        b.ToTable("PurchaseOrders");
        b.HasKey(o => o.Id);
        b.Property(o => o.Reference).HasMaxLength(20).IsRequired();
        b.Property(o => o.Category).HasConversion<string>().HasMaxLength(30);
        b.Property(o => o.Description).HasMaxLength(OrderTerms.MaxTextLength).IsRequired();
        b.Property(o => o.Unit).HasMaxLength(30).IsRequired();
        b.Property(o => o.Need).HasMaxLength(OrderTerms.MaxTextLength).IsRequired();
        b.Property(o => o.OutcomeSought).HasMaxLength(OrderTerms.MaxTextLength).IsRequired();
        b.Property(o => o.ChildWishes).HasMaxLength(OrderTerms.MaxTextLength).IsRequired();
        b.Property(o => o.SpotReason).HasMaxLength(OrderTerms.MaxTextLength);
        b.Property(o => o.BestInterestsReason).HasMaxLength(OrderTerms.MaxTextLength);
        b.Property(o => o.DecisionNote).HasMaxLength(OrderTerms.MaxTextLength);
        b.Property(o => o.Route).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.IdempotencyKey).HasMaxLength(LedgerCommand.MaxKeyLength).IsRequired();
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Ignore(o => o.DaysToService);
        b.Ignore(o => o.DaysToOrder);
        b.Ignore(o => o.IsOpen);
        b.HasIndex(o => new { o.Area, o.Reference }).IsUnique();
        b.HasIndex(o => o.IdempotencyKey).IsUnique();
        b.HasIndex(o => o.Hold).IsUnique();
        b.HasIndex(o => new { o.Budget, o.OrderedOn });
        b.HasIndex(o => o.Status);
        b.HasOne<Area>().WithMany().HasForeignKey(o => o.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Budget>().WithMany().HasForeignKey(o => o.Budget).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Subject>().WithMany().HasForeignKey(o => o.Subject).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Provider>().WithMany().HasForeignKey(o => o.Provider).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceItem>().WithMany().HasForeignKey(o => o.ServiceItem).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Practitioner>().WithMany().HasForeignKey(o => o.RequestedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Practitioner>().WithMany().HasForeignKey(o => o.DecidedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Hold>().WithMany().HasForeignKey(o => o.Hold).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable("Invoices");
        b.HasKey(i => i.Id);
        b.Property(i => i.Number).HasMaxLength(Invoice.MaxNumberLength).IsRequired();
        b.Property(i => i.IdempotencyKey).HasMaxLength(LedgerCommand.MaxKeyLength).IsRequired();
        b.HasIndex(i => new { i.Provider, i.Number }).IsUnique();
        b.HasIndex(i => i.Order).IsUnique();
        b.HasIndex(i => new { i.Area, i.PaymentRun });
        b.HasOne<Area>().WithMany().HasForeignKey(i => i.Area).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PurchaseOrder>().WithMany().HasForeignKey(i => i.Order).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Provider>().WithMany().HasForeignKey(i => i.Provider).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(i => i.SettlementEntry).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PaymentRun>().WithMany().HasForeignKey(i => i.PaymentRun).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentRunConfiguration : IEntityTypeConfiguration<PaymentRun>
{
    public void Configure(EntityTypeBuilder<PaymentRun> b)
    {
        b.ToTable("PaymentRuns");
        b.HasKey(r => r.Id);
        b.Property(r => r.Reference).HasMaxLength(Code.MaxLength + 16).IsRequired();
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.Area, r.RunOn }).IsUnique();
        b.HasIndex(r => new { r.Area, r.Reference }).IsUnique();
        b.HasOne<Area>().WithMany().HasForeignKey(r => r.Area).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProviderPaymentConfiguration : IEntityTypeConfiguration<ProviderPayment>
{
    public void Configure(EntityTypeBuilder<ProviderPayment> b)
    {
        b.ToTable("ProviderPayments");
        b.HasKey(p => new { p.Run, p.Provider });
        b.HasIndex(p => p.Entry).IsUnique();
        b.HasOne<PaymentRun>().WithMany().HasForeignKey(p => p.Run).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Provider>().WithMany().HasForeignKey(p => p.Provider).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(p => p.Entry).OnDelete(DeleteBehavior.Restrict);
    }
}
