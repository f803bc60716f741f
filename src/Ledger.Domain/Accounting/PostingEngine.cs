using NodaTime;

namespace Ledger.Domain.Accounting;

/// <summary>
/// The one place money moves. <see cref="Execute"/> decides a request against a
/// <see cref="LedgerWorkingSet"/> and, only if every rule holds, applies it: no refusal changes
/// anything but (for state-dependent refusals) the idempotency record. The rules, in order:
/// idempotency (R25), the request's shape, accounts and areas (R1), closed periods (R27), balance per
/// stream (R23), holds resolving once (R9), guarded accounts never below zero available (R26).
/// </summary>
public static class PostingEngine
{
    /// <summary>Decides and applies one request at <paramref name="now"/>.</summary>
    public static LedgerOutcome Execute(LedgerCommand command, LedgerWorkingSet set, Instant now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(set);

        if (string.IsNullOrWhiteSpace(command.IdempotencyKey) || command.IdempotencyKey.Length > LedgerCommand.MaxKeyLength
            || command.IdempotencyKey.Any(char.IsControl))
        {
            return LedgerOutcome.Refused(command.IdempotencyKey ?? string.Empty, LedgerErrorCode.InvalidRequest,
                $"An idempotency key of 1–{LedgerCommand.MaxKeyLength} characters, without control characters, is required.");
        }

        var hash = command.RequestHash();
        if (set.FindRecord(command.IdempotencyKey) is { } record)
        {
            return record.RequestHash == hash
                ? record.ToReplay()
                : LedgerOutcome.Refused(command.IdempotencyKey, LedgerErrorCode.IdempotencyConflict,
                    $"Key '{command.IdempotencyKey}' was already used for a different {record.Operation} request.");
        }

        var context = new Context(command, set, now);
        var decision = command switch
        {
            PostEntry c => DecidePostEntry(c, context),
            ReserveHold c => DecideReserve(c, context),
            ReserveSplitHold c => DecideReserveSplit(c, context),
            PostHold c => DecidePostHold(c, context),
            VoidHold c => DecideRelease(c.Hold, HoldStatus.Voided, context),
            ExpireHold c => DecideRelease(c.Hold, HoldStatus.Expired, context),
            ReverseEntry c => DecideReverse(c, context),
            _ => throw new ArgumentException($"Unknown request {command.GetType().Name}.", nameof(command)),
        };

        if (decision.Error is { } error)
        {
            if (error.IsStateDependent)
            {
                set.Written(new IdempotencyRecord(command.IdempotencyKey, hash, command.Operation, now, error, null, null));
            }

            return new LedgerOutcome(command.IdempotencyKey, error, null, null);
        }

        decision.Apply!();
        set.Written(new IdempotencyRecord(command.IdempotencyKey, hash, command.Operation, now, null, decision.Entry, decision.Hold));
        var written = decision.Entry is { } entry ? set.FindEntry(entry)!.Postings.Count : 0;
        return new LedgerOutcome(command.IdempotencyKey, null, decision.Entry, decision.Hold, PostingsWritten: written);
    }

    private static Decision DecidePostEntry(PostEntry c, Context ctx)
    {
        if (Describe(c.Description) is { } bad)
        {
            return bad;
        }

        if (c.Lines is null || c.Lines.Count < 2)
        {
            return Decision.Refuse(LedgerErrorCode.InvalidRequest, "An entry needs at least two lines.");
        }

        var lines = new List<(Account Account, long Amount)>(c.Lines.Count);
        foreach (var line in c.Lines)
        {
            if (line is null)
            {
                return Decision.Refuse(LedgerErrorCode.InvalidRequest, "An entry line is missing.");
            }

            if (line.Side is not (NormalSide.Debit or NormalSide.Credit))
            {
                return Decision.Refuse(LedgerErrorCode.InvalidRequest, "Each line must be a debit or a credit.");
            }

            if (!line.Amount.IsPositive)
            {
                return Decision.Refuse(LedgerErrorCode.InvalidAmount, $"Line amounts must be above zero; {line.Amount} was given.");
            }

            if (ctx.Set.FindAccount(line.Account) is not { } account)
            {
                return Decision.Refuse(LedgerErrorCode.UnknownAccount, $"Account {line.Account} does not exist.");
            }

            lines.Add((account, line.SignedPence));
        }

        if (!Enum.IsDefined(c.Kind))
        {
            return Decision.Refuse(LedgerErrorCode.InvalidRequest, "Unknown entry kind.");
        }

        return Write(ctx, c.EffectiveDate, c.Description, lines, reverses: null, settles: null, hold: null, extra: null, kind: c.Kind);
    }

    // The split is decided here, under the accounts' locks, from what each candidate has available now (R10, R26).
    private static Decision DecideReserveSplit(ReserveSplitHold c, Context ctx)
    {
        if (c.Candidates is null || c.Candidates.Count == 0 || c.Candidates.Any(x => x is null) || !Enum.IsDefined(c.Policy))
        {
            return Decision.Refuse(LedgerErrorCode.InvalidRequest, "A split hold needs at least one candidate account and a policy.");
        }

        if (!c.Amount.IsPositive)
        {
            return Decision.Refuse(LedgerErrorCode.InvalidAmount, $"Hold amounts must be above zero; {c.Amount} was given.");
        }

        var candidates = new List<(SplitCandidate Candidate, Account From)>();
        foreach (var candidate in c.Candidates)
        {
            if (ctx.Set.FindAccount(candidate.From) is not { } from)
            {
                return Decision.Refuse(LedgerErrorCode.UnknownAccount, $"Account {candidate.From} does not exist.");
            }

            if (candidates.Any(x => x.From.Stream == from.Stream))
            {
                return Decision.Refuse(LedgerErrorCode.InvalidRequest, "A split hold takes one candidate account per stream.");
            }

            candidates.Add((candidate, from));
        }

        var split = Budgets.StreamSplitter.Split(c.Amount,
            candidates.Select(x => new Budgets.StreamCandidate(x.From.Stream, x.From.Available, Math.Max(x.From.Available.Pence, 0), x.Candidate.Restricted)).ToList(),
            c.Policy);
        if (!split.Succeeded)
        {
            var total = candidates.Aggregate(Money.Zero, (sum, x) => sum + Money.Max(x.From.Available, Money.Zero));
            return Decision.Refuse(new LedgerError(LedgerErrorCode.InsufficientFunds,
                $"The accounts that may pay hold {total} available; {c.Amount} was asked for."));
        }

        var legs = split.Value!.Select(s => candidates.Single(x => x.From.Stream == s.Stream))
            .Zip(split.Value!, (x, s) => new HoldLegRequest(x.Candidate.From, x.Candidate.To, s.Amount)).ToList();
        return DecideReserve(new ReserveHold(c.IdempotencyKey, c.EffectiveDate, c.Description, legs, c.ExpiresAt), ctx);
    }

    private static Decision DecideReserve(ReserveHold c, Context ctx)
    {
        if (Describe(c.Description) is { } bad)
        {
            return bad;
        }

        if (c.Legs is null || c.Legs.Count == 0)
        {
            return Decision.Refuse(LedgerErrorCode.InvalidRequest, "A hold needs at least one leg.");
        }

        if (c.ExpiresAt is { } expiry && expiry <= ctx.Now)
        {
            return Decision.Refuse(LedgerErrorCode.InvalidRequest, "A hold cannot expire in the past.");
        }

        var legs = new List<(Account From, Account To, long Amount)>();
        AreaId? area = null;
        long total = 0;
        foreach (var leg in c.Legs)
        {
            if (leg is null)
            {
                return Decision.Refuse(LedgerErrorCode.InvalidRequest, "A hold leg is missing.");
            }

            if (!leg.Amount.IsPositive)
            {
                return Decision.Refuse(LedgerErrorCode.InvalidAmount, $"Hold amounts must be above zero; {leg.Amount} was given.");
            }

            if (ctx.Set.FindAccount(leg.From) is not { } from)
            {
                return Decision.Refuse(LedgerErrorCode.UnknownAccount, $"Account {leg.From} does not exist.");
            }

            if (ctx.Set.FindAccount(leg.To) is not { } to)
            {
                return Decision.Refuse(LedgerErrorCode.UnknownAccount, $"Account {leg.To} does not exist.");
            }

            if (from.Stream != to.Stream)
            {
                return Decision.Refuse(LedgerErrorCode.StreamMismatch, "Both sides of a hold leg must be in the same funding stream.");
            }

            if (from.Id == to.Id)
            {
                return Decision.Refuse(LedgerErrorCode.InvalidRequest, "A hold leg cannot pay an account to itself.");
            }

            area ??= from.Area;
            if (from.Area != area || to.Area != area)
            {
                return Decision.Refuse(LedgerErrorCode.CrossArea, "Every account of a hold must belong to one area.");
            }

            try
            {
                total = checked(total + leg.Amount.Pence);
            }
            catch (OverflowException)
            {
                return Decision.Refuse(LedgerErrorCode.AmountOverflow, "The hold's total is too large.");
            }

            legs.Add((from, to, leg.Amount.Pence));
        }

        if (ctx.Set.IsClosed(area!.Value, c.EffectiveDate))
        {
            return Decision.Refuse(LedgerErrorCode.PeriodClosed, $"The period containing {c.EffectiveDate:uuuu-MM-dd} is closed.");
        }

        var drafts = new Dictionary<AccountId, long>();
        foreach (var (from, _, amount) in legs)
        {
            // At most the hold's total, which was checked above.
            var reserving = drafts.GetValueOrDefault(from.Id) + amount;
            long heldAfter;
            try
            {
                heldAfter = checked(from.Held + reserving);
            }
            catch (OverflowException)
            {
                return Decision.Refuse(LedgerErrorCode.AmountOverflow, $"The hold would overflow account {from.Id}.");
            }

            if (from.CheckAvailable(from.Balance, heldAfter, checked(from.Balance - from.Held), reserving) is { } error)
            {
                return Decision.Refuse(error);
            }

            drafts[from.Id] = reserving;
        }

        var id = HoldId.New();
        return Decision.Accept(null, id, () =>
        {
            var hold = new Hold(id, area.Value, c.EffectiveDate, ctx.Now, c.ExpiresAt, c.Description.Trim(), c.IdempotencyKey,
                legs.Select((l, i) => new HoldLeg(id, i + 1, l.From.Id, l.To.Id, l.From.Stream, l.Amount)));
            foreach (var (from, _, amount) in legs)
            {
                from.Reserve(amount);
            }

            ctx.Set.Written(hold);
        });
    }

    private static Decision DecidePostHold(PostHold c, Context ctx)
    {
        if (Describe(c.Description) is { } bad)
        {
            return bad;
        }

        if (ctx.Set.FindHold(c.Hold) is not { } hold)
        {
            return Decision.Refuse(LedgerErrorCode.UnknownHold, $"Hold {c.Hold} does not exist.");
        }

        if (hold.Status != HoldStatus.Open)
        {
            return Decision.Refuse(LedgerErrorCode.HoldAlreadyResolved, $"Hold {hold.Id} is already {hold.Status}.");
        }

        if (hold.HasExpiredBy(ctx.Now))
        {
            return Decision.Refuse(LedgerErrorCode.HoldExpired, $"Hold {hold.Id} expired at {hold.ExpiresAt}.");
        }

        var amount = c.Amount?.Pence ?? hold.Amount;
        if (amount <= 0)
        {
            return Decision.Refuse(LedgerErrorCode.InvalidAmount, "The amount to post must be above zero.");
        }

        if (amount > hold.Amount)
        {
            return Decision.Refuse(LedgerErrorCode.ExceedsHold,
                $"Hold {hold.Id} reserved {Money.FromPence(hold.Amount)}; {Money.FromPence(amount)} was asked for.");
        }

        var parts = Money.FromPence(amount).Allocate(hold.Legs.Select(l => l.Amount).ToArray()).Select(m => m.Pence).ToArray();
        var lines = new List<(Account Account, long Amount)>();
        var release = new Dictionary<AccountId, long>();
        for (var i = 0; i < hold.Legs.Count; i++)
        {
            var leg = hold.Legs[i];
            var from = ctx.Set.FindAccount(leg.From);
            var to = ctx.Set.FindAccount(leg.To);
            if (from is null || to is null)
            {
                throw new InvalidOperationException($"Hold {hold.Id} refers to an account that was not loaded.");
            }

            release[from.Id] = checked(release.GetValueOrDefault(from.Id) + leg.Amount);
            if (parts[i] > 0)
            {
                lines.Add((from, parts[i]));
                lines.Add((to, -parts[i]));
            }
        }

        return Write(ctx, c.EffectiveDate, c.Description, lines, reverses: null, settles: hold.Id, hold: hold.Id, release: release,
            extra: entry => hold.MarkPosted(ctx.Now, entry, parts), kind: EntryKind.Settlement);
    }

    private static Decision DecideRelease(HoldId holdId, HoldStatus status, Context ctx)
    {
        if (ctx.Set.FindHold(holdId) is not { } hold)
        {
            return Decision.Refuse(LedgerErrorCode.UnknownHold, $"Hold {holdId} does not exist.");
        }

        if (hold.Status != HoldStatus.Open)
        {
            return Decision.Refuse(LedgerErrorCode.HoldAlreadyResolved, $"Hold {hold.Id} is already {hold.Status}.");
        }

        if (status == HoldStatus.Expired && !hold.HasExpiredBy(ctx.Now))
        {
            return Decision.Refuse(LedgerErrorCode.HoldNotYetExpired,
                hold.ExpiresAt is null ? $"Hold {hold.Id} has no expiry." : $"Hold {hold.Id} expires at {hold.ExpiresAt}.");
        }

        return Decision.Accept(null, hold.Id, () =>
        {
            foreach (var leg in hold.Legs)
            {
                ctx.Set.FindAccount(leg.From)!.Release(leg.Amount);
            }

            hold.MarkReleased(status, ctx.Now);
        });
    }

    private static Decision DecideReverse(ReverseEntry c, Context ctx)
    {
        if (Describe(c.Reason) is { } bad)
        {
            return bad;
        }

        if (ctx.Set.FindEntry(c.Entry) is not { } original)
        {
            return Decision.Refuse(LedgerErrorCode.UnknownEntry, $"Entry {c.Entry} does not exist.");
        }

        if (ctx.Set.IsReversed(original.Id) || original.Reverses is not null)
        {
            return Decision.Refuse(LedgerErrorCode.EntryNotReversible, $"Entry {original.Id} is already reversed or is itself a reversal.");
        }

        var lines = new List<(Account Account, long Amount)>();
        foreach (var posting in original.Postings)
        {
            var account = ctx.Set.FindAccount(posting.Account)
                ?? throw new InvalidOperationException($"Entry {original.Id} refers to an account that was not loaded.");
            lines.Add((account, checked(-posting.Amount)));
        }

        return Write(ctx, c.EffectiveDate, c.Reason, lines, reverses: original.Id, settles: null, hold: null, extra: null, kind: original.Kind);
    }

    /// <summary>Checks and (on accept) writes an entry from signed lines, applied in order.</summary>
    private static Decision Write(Context ctx, LocalDate effectiveDate, string description, List<(Account Account, long Amount)> lines,
        JournalEntryId? reverses, HoldId? settles, HoldId? hold, Action<JournalEntryId>? extra, Dictionary<AccountId, long>? release = null,
        EntryKind kind = EntryKind.General)
    {
        var area = lines[0].Account.Area;
        if (lines.Any(l => l.Account.Area != area))
        {
            return Decision.Refuse(LedgerErrorCode.CrossArea, "Every account of an entry must belong to one area.");
        }

        if (ctx.Set.IsClosed(area, effectiveDate))
        {
            return Decision.Refuse(LedgerErrorCode.PeriodClosed, $"The period containing {effectiveDate:uuuu-MM-dd} is closed.");
        }

        if (JournalEntry.FindUnbalancedStream(lines.Select(l => (l.Account.Stream, l.Amount))) is { } stream)
        {
            return Decision.Refuse(LedgerErrorCode.EntryUnbalanced, $"The entry does not sum to zero for funding stream {stream}.");
        }

        // Work on copies so a refusal part-way leaves every account as it was.
        var drafts = new Dictionary<AccountId, (long Balance, long Held, long Version)>();
        (long Balance, long Held, long Version) Draft(Account a) =>
            drafts.TryGetValue(a.Id, out var d) ? d : (a.Balance, checked(a.Held - (release?.GetValueOrDefault(a.Id) ?? 0)), a.Version);

        var results = new List<(long Balance, long Version)>(lines.Count);
        foreach (var (account, amount) in lines)
        {
            var d = Draft(account);
            long balance;
            try
            {
                balance = checked(d.Balance + AccountKindRules.BalanceDelta(account.Kind, amount));
                if (amount > 0 && account.CheckAvailable(balance, d.Held, checked(d.Balance - d.Held), amount) is { } refused)
                {
                    return Decision.Refuse(refused);
                }
            }
            catch (OverflowException)
            {
                return Decision.Refuse(LedgerErrorCode.AmountOverflow, $"The posting would overflow account {account.Id}.");
            }

            drafts[account.Id] = (balance, d.Held, checked(d.Version + 1));
            results.Add((balance, d.Version + 1));
        }

        var id = JournalEntryId.New();
        return Decision.Accept(id, hold, () =>
        {
            foreach (var (accountId, amount) in release ?? [])
            {
                ctx.Set.FindAccount(accountId)!.Release(amount);
            }

            var postings = new List<Posting>(lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                var (account, amount) = lines[i];
                var version = account.ApplyPosting(results[i].Balance);
                postings.Add(new Posting(id, i + 1, account.Id, account.Stream, amount, results[i].Balance, version, effectiveDate, ctx.Now));
            }

            var entry = new JournalEntry(id, area, effectiveDate, ctx.Now, description.Trim(), ctx.Command.IdempotencyKey, reverses, settles, postings, kind);
            extra?.Invoke(id);
            ctx.Set.Written(entry);
        });
    }

    // Control characters (NUL, newlines...) are refused: some databases reject them and they break exports.
    private static Decision? Describe(string? description) =>
        string.IsNullOrWhiteSpace(description) || description.Length > LedgerCommand.MaxDescriptionLength || description.Any(char.IsControl)
            ? Decision.Refuse(LedgerErrorCode.InvalidRequest,
                $"A description of 1–{LedgerCommand.MaxDescriptionLength} characters, without control characters, is required.")
            : null;

    private sealed record Context(LedgerCommand Command, LedgerWorkingSet Set, Instant Now);

    private sealed record Decision(LedgerError? Error, JournalEntryId? Entry, HoldId? Hold, Action? Apply)
    {
        public static Decision Refuse(LedgerErrorCode code, string message) => new(new LedgerError(code, message), null, null, null);

        public static Decision Refuse(LedgerError error) => new(error, null, null, null);

        public static Decision Accept(JournalEntryId? entry, HoldId? hold, Action apply) => new(null, entry, hold, apply);
    }
}
