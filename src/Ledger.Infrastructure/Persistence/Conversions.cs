using Ledger.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Ledger.Infrastructure.Persistence;

// The same conversions on every provider keep the model portable: dates as SQL dates, instants as
// UTC timestamps (microsecond precision, which all three providers keep exactly), ids as GUIDs.
internal sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(
    d => d.ToDateOnly(),
    d => LocalDate.FromDateOnly(d));

internal sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    i => i.ToDateTimeUtc(),
    d => Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)));

internal sealed class AreaIdConverter() : ValueConverter<AreaId, Guid>(id => id.Value, g => new AreaId(g));

internal sealed class FundingStreamIdConverter() : ValueConverter<FundingStreamId, Guid>(id => id.Value, g => new FundingStreamId(g));

internal sealed class AccountIdConverter() : ValueConverter<AccountId, Guid>(id => id.Value, g => new AccountId(g));

internal sealed class JournalEntryIdConverter() : ValueConverter<JournalEntryId, Guid>(id => id.Value, g => new JournalEntryId(g));

internal sealed class HoldIdConverter() : ValueConverter<HoldId, Guid>(id => id.Value, g => new HoldId(g));

internal sealed class AgencyIdConverter() : ValueConverter<AgencyId, Guid>(id => id.Value, g => new AgencyId(g));

internal sealed class PoolIdConverter() : ValueConverter<PoolId, Guid>(id => id.Value, g => new PoolId(g));

internal sealed class BudgetIdConverter() : ValueConverter<BudgetId, Guid>(id => id.Value, g => new BudgetId(g));

internal sealed class AssessmentIdConverter() : ValueConverter<AssessmentId, Guid>(id => id.Value, g => new AssessmentId(g));

internal sealed class AllocationIdConverter() : ValueConverter<AllocationId, Guid>(id => id.Value, g => new AllocationId(g));

internal sealed class PractitionerIdConverter() : ValueConverter<PractitionerId, Guid>(id => id.Value, g => new PractitionerId(g));

internal sealed class SubjectIdConverter() : ValueConverter<SubjectId, Guid>(id => id.Value, g => new SubjectId(g));

internal sealed class ProviderIdConverter() : ValueConverter<ProviderId, Guid>(id => id.Value, g => new ProviderId(g));

internal sealed class ServiceItemIdConverter() : ValueConverter<ServiceItemId, Guid>(id => id.Value, g => new ServiceItemId(g));

internal sealed class PurchaseOrderIdConverter() : ValueConverter<PurchaseOrderId, Guid>(id => id.Value, g => new PurchaseOrderId(g));

internal sealed class InvoiceIdConverter() : ValueConverter<InvoiceId, Guid>(id => id.Value, g => new InvoiceId(g));

internal sealed class PaymentRunIdConverter() : ValueConverter<PaymentRunId, Guid>(id => id.Value, g => new PaymentRunId(g));

internal sealed class OutcomeContractIdConverter() : ValueConverter<OutcomeContractId, Guid>(id => id.Value, g => new OutcomeContractId(g));

internal sealed class EnrolmentIdConverter() : ValueConverter<EnrolmentId, Guid>(id => id.Value, g => new EnrolmentId(g));

internal sealed class OutcomeClaimIdConverter() : ValueConverter<OutcomeClaimId, Guid>(id => id.Value, g => new OutcomeClaimId(g));

internal sealed class EvidenceFileIdConverter() : ValueConverter<EvidenceFileId, Guid>(id => id.Value, g => new EvidenceFileId(g));

internal sealed class AssuranceSampleIdConverter() : ValueConverter<AssuranceSampleId, Guid>(id => id.Value, g => new AssuranceSampleId(g));

internal sealed class ProblemRecurrenceIdConverter() : ValueConverter<ProblemRecurrenceId, Guid>(id => id.Value, g => new ProblemRecurrenceId(g));

/// <summary>Instants the ledger records, cut to the microsecond every provider stores exactly.</summary>
public static class RecordedTime
{
    /// <summary>Truncates to whole microseconds.</summary>
    public static Instant Truncate(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - (((ticks % 10) + 10) % 10));
    }
}
