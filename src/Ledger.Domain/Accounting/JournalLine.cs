namespace Ledger.Domain.Accounting;

/// <summary>A requested line of a journal entry: debit or credit an account by a positive amount.</summary>
/// <param name="Account">The account to post to.</param>
/// <param name="Side">Debit or credit.</param>
/// <param name="Amount">A positive amount.</param>
public sealed record JournalLine(AccountId Account, NormalSide Side, Money Amount)
{
    /// <summary>A debit line.</summary>
    public static JournalLine Debit(AccountId account, Money amount) => new(account, NormalSide.Debit, amount);

    /// <summary>A credit line.</summary>
    public static JournalLine Credit(AccountId account, Money amount) => new(account, NormalSide.Credit, amount);

    /// <summary>The signed amount: debits positive, credits negative.</summary>
    public long SignedPence => Side == NormalSide.Debit ? Amount.Pence : checked(-Amount.Pence);
}
