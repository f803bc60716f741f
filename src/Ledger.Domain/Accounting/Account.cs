using NodaTime;

namespace Ledger.Domain.Accounting;

/// <summary>
/// A ledger account, identified by <see cref="Kind"/>, <see cref="Area"/>, <see cref="Owner"/> and
/// <see cref="Stream"/>: every balance is per funding stream. The account carries its current
/// balance, the amount held against it and a version that rises by one with every posting, so each
/// posting can record the balance it produced.
/// </summary>
public sealed class Account
{
    private Account(AccountId id, AccountKind kind, AreaId area, string owner, FundingStreamId stream, Instant openedAt)
    {
        Id = id;
        Kind = kind;
        Area = area;
        Owner = owner;
        Stream = stream;
        OpenedAt = openedAt;
    }

    /// <summary>The account's id.</summary>
    public AccountId Id { get; private set; }

    /// <summary>What the account is for.</summary>
    public AccountKind Kind { get; private set; }

    /// <summary>The area the account belongs to.</summary>
    public AreaId Area { get; private set; }

    /// <summary>Who or what the account is for, as a pseudonymous code (a pool, child, family, provider...).</summary>
    public string Owner { get; private set; }

    /// <summary>The funding stream whose money this account holds.</summary>
    public FundingStreamId Stream { get; private set; }

    /// <summary>When the account was opened.</summary>
    public Instant OpenedAt { get; private set; }

    /// <summary>The posted balance on the account's normal side, in pence.</summary>
    public long Balance { get; private set; }

    /// <summary>The total of open holds reserved against this account, in pence (never negative).</summary>
    public long Held { get; private set; }

    /// <summary>The number of postings made to the account; the version of its latest posting.</summary>
    public long Version { get; private set; }

    /// <summary>Bumped on every change of balance or held amount; the database refuses a stale write (a second line of defence behind row locks).</summary>
    public long Revision { get; private set; }

    /// <summary>The posted balance as money.</summary>
    public Money PostedBalance => Money.FromPence(Balance);

    /// <summary>Money held by open holds.</summary>
    public Money HeldAmount => Money.FromPence(Held);

    /// <summary>Posted minus held: what can still be committed.</summary>
    public Money Available => Money.FromPence(checked(Balance - Held));

    /// <summary>True when available may never go below zero (R26).</summary>
    public bool IsGuarded => AccountKindRules.IsGuarded(Kind);

    /// <summary>Opens an account with a zero balance.</summary>
    /// <exception cref="ArgumentException">The owner is not a valid code.</exception>
    public static Account Open(AccountId id, AccountKind kind, AreaId area, string owner, FundingStreamId stream, Instant openedAt)
    {
        Code.Require(owner, nameof(owner));
        _ = AccountKindRules.NormalSideOf(kind);
        return new Account(id, kind, area, owner, stream, openedAt);
    }

    /// <summary>
    /// The R26 rule, in one place: a guarded account refuses a change that would leave it with
    /// balance minus held below zero. <paramref name="availableBefore"/> and <paramref name="asked"/> only word the refusal.
    /// </summary>
    internal LedgerError? CheckAvailable(long balanceAfter, long heldAfter, long availableBefore, long asked) =>
        IsGuarded && checked(balanceAfter - heldAfter) < 0
            ? new LedgerError(LedgerErrorCode.InsufficientFunds,
                $"Account {Id} has {Money.FromPence(availableBefore)} available; {Money.FromPence(asked)} was asked for.")
            : null;

    /// <summary>Applies a checked posting's resulting balance; returns the new version.</summary>
    internal long ApplyPosting(long resultingBalance)
    {
        Balance = resultingBalance;
        Version = checked(Version + 1);
        Revision++;
        return Version;
    }

    internal void Reserve(long amount)
    {
        Held = checked(Held + amount);
        Revision++;
    }

    internal void Release(long amount)
    {
        if (amount > Held)
        {
            throw new InvalidOperationException($"Account {Id} would release more than it holds.");
        }

        Held -= amount;
        Revision++;
    }
}
