namespace Ledger.Domain;

/// <summary>Identifies an <see cref="Area"/> (a local authority or partnership).</summary>
public readonly record struct AreaId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static AreaId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a funding stream: one agency's money for one financial year.</summary>
public readonly record struct FundingStreamId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static FundingStreamId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a ledger account.</summary>
public readonly record struct AccountId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static AccountId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a journal entry.</summary>
public readonly record struct JournalEntryId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static JournalEntryId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a hold (a commitment of money not yet spent).</summary>
public readonly record struct HoldId(Guid Value)
{
    /// <summary>A new, time-ordered id.</summary>
    public static HoldId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
