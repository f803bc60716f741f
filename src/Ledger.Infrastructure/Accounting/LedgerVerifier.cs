using System.Globalization;
using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Accounting;

/// <summary>
/// Recomputes every balance from the postings and checks the ledger's invariants (R28). It trusts
/// nothing the engine stored about itself: balances, versions and held amounts are all recomputed,
/// so a row changed directly in the database is found and named.
/// </summary>
public sealed class LedgerVerifier(IDbContextFactory<LedgerDbContext> contexts) : ILedgerVerifier
{
    private const int MaxReported = 5;

    /// <inheritdoc />
    public async Task<VerificationReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            await using var snapshot = await Snapshot.BeginAsync(db, cancellationToken).ConfigureAwait(false);
            var names = await AccountNames.LoadAsync(db, cancellationToken).ConfigureAwait(false);
            var accounts = await db.Accounts.ToDictionaryAsync(a => a.Id, cancellationToken).ConfigureAwait(false);
            var checks = new List<VerificationCheck>
            {
                await EntriesBalancePerStreamAsync(db, names, cancellationToken).ConfigureAwait(false),
                await PostingsMatchAccountStreamsAsync(db, accounts, names, cancellationToken).ConfigureAwait(false),
                await PostingsMatchTheirEntriesAsync(db, cancellationToken).ConfigureAwait(false),
                await EveryWriteHasItsIdempotencyRecordAsync(db, cancellationToken).ConfigureAwait(false),
            };
            checks.AddRange(await BalancesAndVersionsAsync(db, accounts, names, cancellationToken).ConfigureAwait(false));
            checks.Add(await HeldMatchesOpenHoldsAsync(db, accounts, names, cancellationToken).ConfigureAwait(false));
            checks.Add(await HoldsResolvedOnceAsync(db, cancellationToken).ConfigureAwait(false));
            checks.Add(await NoPostingInClosedPeriodAsync(db, cancellationToken).ConfigureAwait(false));
            checks.Add(await ReversalsAsync(db, cancellationToken).ConfigureAwait(false));
            checks.Add(await OrdersFollowTheirHoldsAsync(db, cancellationToken).ConfigureAwait(false));
            checks.Add(await ProvidersPaidWhatTheyAreOwedAsync(db, cancellationToken).ConfigureAwait(false));
            checks.Add(await ClaimsAgreeWithTheirEntriesAsync(db, cancellationToken).ConfigureAwait(false));
            checks.Add(await JournalHashChainAsync(db, cancellationToken).ConfigureAwait(false));
            return new VerificationReport(checks);
        }
    }

    private static async Task<VerificationCheck> EntriesBalancePerStreamAsync(LedgerDbContext db, AccountNames names, CancellationToken ct)
    {
        const string name = "entries sum to zero per funding stream (R23)";
        var entries = await db.JournalEntries.CountAsync(ct).ConfigureAwait(false);
        var bad = await db.Postings.GroupBy(p => new { p.Entry, p.Stream })
            .Select(g => new { g.Key.Entry, g.Key.Stream, Sum = g.Sum(p => p.Amount) })
            .Where(g => g.Sum != 0).Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        var overall = await db.Postings.GroupBy(p => p.Stream)
            .Select(g => new { Stream = g.Key, Sum = g.Sum(p => p.Amount) })
            .Where(g => g.Sum != 0).ToListAsync(ct).ConfigureAwait(false);
        var thin = await db.JournalEntries.Where(e => db.Postings.Count(p => p.Entry == e.Id) < 2)
            .Select(e => e.Id).Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        var problems = bad.Select(b => $"entry {b.Entry} stream {names.StreamCode(b.Stream)} sums to {Money.FromPence(b.Sum)}")
            .Concat(overall.Select(o => $"stream {names.StreamCode(o.Stream)} sums to {Money.FromPence(o.Sum)} over all entries"))
            .Concat(thin.Select(t => $"entry {t} has fewer than two postings"))
            .ToList();
        return Result(name, problems, $"{entries:N0} entries");
    }

    private static async Task<VerificationCheck> PostingsMatchAccountStreamsAsync(LedgerDbContext db,
        Dictionary<AccountId, Account> accounts, AccountNames names, CancellationToken ct)
    {
        const string name = "every posting is in its account's funding stream";
        var problems = new List<string>();
        var byStream = await db.Postings.GroupBy(p => new { p.Account, p.Stream }).Select(g => g.Key).ToListAsync(ct).ConfigureAwait(false);
        foreach (var pair in byStream)
        {
            if (!accounts.TryGetValue(pair.Account, out var account))
            {
                problems.Add($"postings to unknown account {pair.Account}");
            }
            else if (account.Stream != pair.Stream)
            {
                problems.Add($"{names.NameOf(account)} has postings in stream {names.StreamCode(pair.Stream)}");
            }
        }

        return Result(name, problems, $"{accounts.Count:N0} accounts");
    }

    private static async Task<VerificationCheck> PostingsMatchTheirEntriesAsync(LedgerDbContext db, CancellationToken ct)
    {
        const string name = "postings carry their entry's dates and area, accounts their area's streams (R1, R24)";
        var problems = new List<string>();
        var dates = await db.Postings.Join(db.JournalEntries, p => p.Entry, e => e.Id, (p, e) => new { p, e })
            .Where(x => x.p.EffectiveDate != x.e.EffectiveDate || x.p.RecordedAt != x.e.RecordedAt)
            .Select(x => x.e.Id).Distinct().Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        problems.AddRange(dates.Select(e => $"entry {e} has postings whose dates differ from the entry's"));
        var areas = await db.Postings.Join(db.JournalEntries, p => p.Entry, e => e.Id, (p, e) => new { p.Account, e.Id, e.Area })
            .Join(db.Accounts, x => x.Account, a => a.Id, (x, a) => new { x.Id, EntryArea = x.Area, AccountArea = a.Area })
            .Where(x => x.EntryArea != x.AccountArea).Select(x => x.Id).Distinct().Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        problems.AddRange(areas.Select(e => $"entry {e} posts to an account of another area"));
        var streams = await db.Accounts.Join(db.FundingStreams, a => a.Stream, s => s.Id, (a, s) => new { a.Id, a.Area, StreamArea = s.Area })
            .Where(x => x.Area != x.StreamArea).Select(x => x.Id).Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        problems.AddRange(streams.Select(a => $"account {a} uses a funding stream of another area"));
        return Result(name, problems, "entries, postings and accounts cross-checked");
    }

    private static async Task<VerificationCheck> EveryWriteHasItsIdempotencyRecordAsync(LedgerDbContext db, CancellationToken ct)
    {
        const string name = "every entry and hold has the idempotency record that wrote it (R25)";
        var problems = new List<string>();
        var entries = await db.JournalEntries
            .Where(e => !db.IdempotencyRecords.Any(r => r.Key == e.IdempotencyKey && r.Entry == e.Id))
            .Select(e => e.Id).Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        problems.AddRange(entries.Select(e => $"entry {e} has no idempotency record pointing at it (a retry could post it again)"));
        var holds = await db.Holds
            .Where(h => !db.IdempotencyRecords.Any(r => r.Key == h.IdempotencyKey && r.Hold == h.Id))
            .Select(h => h.Id).Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        problems.AddRange(holds.Select(h => $"hold {h} has no idempotency record pointing at it"));
        var dangling = await db.IdempotencyRecords
            .Where(r => (r.Entry != null && !db.JournalEntries.Any(e => e.Id == r.Entry)) || (r.Hold != null && !db.Holds.Any(h => h.Id == r.Hold)))
            .Select(r => r.Key).Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        problems.AddRange(dangling.Select(k => $"idempotency record '{k}' points at an entry or hold that does not exist"));
        var records = await db.IdempotencyRecords.CountAsync(ct).ConfigureAwait(false);
        return Result(name, problems, $"{records:N0} idempotency records");
    }

    private static async Task<IEnumerable<VerificationCheck>> BalancesAndVersionsAsync(LedgerDbContext db,
        Dictionary<AccountId, Account> accounts, AccountNames names, CancellationToken ct)
    {
        var continuity = new List<string>();
        var negative = new List<string>();
        var seen = new HashSet<AccountId>();
        long postings = 0;
        AccountId? current = null;
        long running = 0;
        long expectedVersion = 0;
        var broken = false;

        void Close()
        {
            if (current is not { } id || !accounts.TryGetValue(id, out var account))
            {
                return;
            }

            if (!broken && (account.Balance != running || account.Version != expectedVersion))
            {
                continuity.Add($"{names.NameOf(account)}: stored balance {Money.FromPence(account.Balance)} v{account.Version}, "
                    + $"recomputed {Money.FromPence(running)} v{expectedVersion}");
            }
        }

        var stream = db.Postings.OrderBy(p => p.Account).ThenBy(p => p.AccountVersion)
            .Select(p => new { p.Account, p.AccountVersion, p.Amount, p.ResultingBalance })
            .AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false);
        await foreach (var p in stream)
        {
            postings++;
            if (current != p.Account)
            {
                Close();
                current = p.Account;
                seen.Add(p.Account);
                running = 0;
                expectedVersion = 0;
                broken = false;
            }

            if (!accounts.TryGetValue(p.Account, out var account))
            {
                continue;
            }

            expectedVersion++;
            running = checked(running + AccountKindRules.BalanceDelta(account.Kind, p.Amount));
            if (broken)
            {
                continue;
            }

            if (p.AccountVersion != expectedVersion)
            {
                continuity.Add($"{names.NameOf(account)}: version {p.AccountVersion} where {expectedVersion} was expected");
                broken = true;
            }
            else if (p.ResultingBalance != running)
            {
                continuity.Add($"{names.NameOf(account)}: version {p.AccountVersion} records balance {Money.FromPence(p.ResultingBalance)}, "
                    + $"the postings add up to {Money.FromPence(running)}");
                broken = true;
            }

            if (account.IsGuarded && p.ResultingBalance < 0)
            {
                negative.Add($"{names.NameOf(account)}: balance {Money.FromPence(p.ResultingBalance)} at version {p.AccountVersion}");
            }
        }

        Close();
        foreach (var account in accounts.Values.Where(a => !seen.Contains(a.Id) && (a.Balance != 0 || a.Version != 0)))
        {
            continuity.Add($"{names.NameOf(account)}: has no postings but stores balance {Money.FromPence(account.Balance)} v{account.Version}");
        }

        foreach (var account in accounts.Values.Where(a => a.IsGuarded && a.Balance - a.Held < 0))
        {
            negative.Add($"{names.NameOf(account)}: available {Money.FromPence(account.Balance - account.Held)}");
        }

        return
        [
            Result("account balances and versions recomputed from postings (R24)", continuity, $"{postings:N0} postings on {accounts.Count:N0} accounts"),
            Result("no budget, pool or payable below zero available (R26)", negative, $"{accounts.Values.Count(a => a.IsGuarded):N0} guarded accounts"),
        ];
    }

    private static async Task<VerificationCheck> HeldMatchesOpenHoldsAsync(LedgerDbContext db,
        Dictionary<AccountId, Account> accounts, AccountNames names, CancellationToken ct)
    {
        const string name = "held amounts equal the open holds";
        var open = await db.HoldLegs.Join(db.Holds.Where(h => h.Status == HoldStatus.Open), l => l.Hold, h => h.Id, (l, _) => l)
            .GroupBy(l => l.From).Select(g => new { Account = g.Key, Held = g.Sum(l => l.Amount) })
            .ToDictionaryAsync(x => x.Account, x => x.Held, ct).ConfigureAwait(false);
        var problems = accounts.Values
            .Where(a => a.Held != open.GetValueOrDefault(a.Id))
            .Select(a => $"{names.NameOf(a)}: stores {Money.FromPence(a.Held)} held, open holds total {Money.FromPence(open.GetValueOrDefault(a.Id))}")
            .ToList();
        return Result(name, problems, $"{open.Count:N0} accounts with open holds");
    }

    private static async Task<VerificationCheck> HoldsResolvedOnceAsync(LedgerDbContext db, CancellationToken ct)
    {
        const string name = "every hold resolved at most once and never over-posted (R9)";
        var problems = new List<string>();
        var settledTwice = await db.JournalEntries.Where(e => e.SettlesHold != null).GroupBy(e => e.SettlesHold)
            .Where(g => g.Count() > 1).Select(g => g.Key).Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        problems.AddRange(settledTwice.Select(h => $"hold {h} is settled by more than one entry"));

        var settlementDebits = await db.Postings
            .Join(db.JournalEntries.Where(e => e.SettlesHold != null), p => p.Entry, e => e.Id, (p, e) => new { e.SettlesHold, p.Amount })
            .Where(x => x.Amount > 0).GroupBy(x => x.SettlesHold)
            .Select(g => new { Hold = g.Key, Debited = g.Sum(x => x.Amount) })
            .ToDictionaryAsync(x => x.Hold!.Value, x => x.Debited, ct).ConfigureAwait(false);

        var holds = 0;
        var stream = db.Holds.Include(h => h.Legs).AsSplitQuery().AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false);
        await foreach (var hold in stream)
        {
            holds++;
            var legTotal = hold.Legs.Sum(l => l.Amount);
            var legPosted = hold.Legs.Sum(l => l.Posted);
            var why = hold switch
            {
                _ when hold.Legs.Count == 0 => "has no legs",
                _ when legTotal != hold.Amount => $"legs total {Money.FromPence(legTotal)} but the hold says {Money.FromPence(hold.Amount)}",
                _ when hold.Legs.Any(l => l.Posted > l.Amount || l.Posted < 0) => "a leg posted more than it reserved",
                _ when hold.PostedAmount > hold.Amount => $"posted {Money.FromPence(hold.PostedAmount)} of {Money.FromPence(hold.Amount)}",
                { Status: HoldStatus.Posted } when hold.SettlementEntry is null || hold.ResolvedAt is null => "is posted without a settlement entry",
                { Status: HoldStatus.Posted } when legPosted != hold.PostedAmount
                    || settlementDebits.GetValueOrDefault(hold.Id) != hold.PostedAmount =>
                    $"posted {Money.FromPence(hold.PostedAmount)} but its entry debits {Money.FromPence(settlementDebits.GetValueOrDefault(hold.Id))}",
                { Status: HoldStatus.Open } when hold.ResolvedAt is not null || hold.SettlementEntry is not null || hold.PostedAmount != 0 =>
                    "is open but carries a resolution",
                { Status: HoldStatus.Open or HoldStatus.Voided or HoldStatus.Expired } when settlementDebits.ContainsKey(hold.Id) =>
                    $"is {hold.Status} but an entry settles it",
                { Status: HoldStatus.Voided or HoldStatus.Expired } when hold.PostedAmount != 0 || hold.ResolvedAt is null =>
                    $"is {hold.Status} but records a posting",
                _ => null,
            };
            if (why is not null && problems.Count < MaxReported * 2)
            {
                problems.Add($"hold {hold.Id} {why}");
            }
        }

        return Result(name, problems, $"{holds:N0} holds");
    }

    private static async Task<VerificationCheck> NoPostingInClosedPeriodAsync(LedgerDbContext db, CancellationToken ct)
    {
        const string name = "no posting in a closed period (R27)";
        var problems = new List<string>();
        var closures = await db.PeriodClosures.ToListAsync(ct).ConfigureAwait(false);
        foreach (var c in closures)
        {
            var (first, last, closedAt) = (c.FirstDay, c.LastDay, c.ClosedAt);
            var late = await db.JournalEntries
                .Where(e => e.Area == c.Area && e.EffectiveDate >= first && e.EffectiveDate <= last && e.RecordedAt > closedAt)
                .Select(e => e.Id).Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
            problems.AddRange(late.Select(id => $"entry {id} was posted into {c.Period.ToString("uuuu-MM", CultureInfo.InvariantCulture)} after it closed"));
        }

        return Result(name, problems, $"{closures.Count:N0} closed periods");
    }

    private static async Task<VerificationCheck> ReversalsAsync(LedgerDbContext db, CancellationToken ct)
    {
        const string name = "reversals are exact opposites, at most one per entry (R23)";
        var problems = new List<string>();
        var twice = await db.JournalEntries.Where(e => e.Reverses != null).GroupBy(e => e.Reverses)
            .Where(g => g.Count() > 1).Select(g => g.Key).Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        problems.AddRange(twice.Select(e => $"entry {e} is reversed more than once"));

        var pairs = await db.JournalEntries.Where(e => e.Reverses != null).Select(e => new { e.Id, Original = e.Reverses!.Value })
            .ToListAsync(ct).ConfigureAwait(false);
        foreach (var chunk in pairs.Chunk(500))
        {
            var ids = chunk.SelectMany(p => new[] { p.Id, p.Original }).ToList();
            var sums = await db.Postings.Where(p => ids.Contains(p.Entry))
                .GroupBy(p => new { p.Entry, p.Account }).Select(g => new { g.Key.Entry, g.Key.Account, Sum = g.Sum(p => p.Amount) })
                .ToListAsync(ct).ConfigureAwait(false);
            var lookup = sums.ToLookup(s => s.Entry);
            foreach (var pair in chunk)
            {
                var reversal = lookup[pair.Id].ToDictionary(s => s.Account, s => s.Sum);
                var original = lookup[pair.Original].ToDictionary(s => s.Account, s => s.Sum);
                var exact = reversal.Count == original.Count
                    && original.All(o => reversal.TryGetValue(o.Key, out var r) && r == -o.Value);
                if (!exact && problems.Count < MaxReported * 2)
                {
                    problems.Add($"entry {pair.Id} does not exactly reverse entry {pair.Original}");
                }
            }
        }

        return Result(name, problems, $"{pairs.Count:N0} reversals");
    }

    // Purchasing keeps its own records beside the ledger; the ledger's hold is the truth they must agree with (R9, R13).
    private static async Task<VerificationCheck> OrdersFollowTheirHoldsAsync(LedgerDbContext db, CancellationToken ct)
    {
        const string name = "every order agrees with its hold, every invoice with its settlement, every delegated month with its orders (R9, R11, R13)";
        var problems = new List<string>();
        var rows = await (from o in db.PurchaseOrders
                          join h in db.Holds on o.Hold equals h.Id
                          join i in db.Invoices on o.Id equals i.Order into invoices
                          from i in invoices.DefaultIfEmpty()
                          select new { o.Reference, o.Status, o.Amount, Hold = h.Status, HeldAmount = h.Amount, h.PostedAmount, h.SettlementEntry, Invoice = i })
            .ToListAsync(ct).ConfigureAwait(false);
        foreach (var r in rows)
        {
            var expected = r.Status switch
            {
                Domain.Purchasing.OrderStatus.AwaitingApproval or Domain.Purchasing.OrderStatus.Approved => HoldStatus.Open,
                Domain.Purchasing.OrderStatus.Invoiced => HoldStatus.Posted,
                Domain.Purchasing.OrderStatus.Expired => HoldStatus.Expired,
                _ => HoldStatus.Voided,
            };
            if (r.Hold != expected && !(expected == HoldStatus.Voided && r.Hold == HoldStatus.Expired))
            {
                problems.Add($"order {r.Reference} is {r.Status} but its hold is {r.Hold}");
            }

            if (r.Amount != r.HeldAmount)
            {
                problems.Add($"order {r.Reference} is for {Money.FromPence(r.Amount)} but its hold reserved {Money.FromPence(r.HeldAmount)}");
            }

            if ((r.Status == Domain.Purchasing.OrderStatus.Invoiced) != (r.Invoice is not null))
            {
                problems.Add($"order {r.Reference} is {r.Status} {(r.Invoice is null ? "without" : "with")} an invoice");
            }
            else if (r.Invoice is { } invoice && (invoice.Amount != r.PostedAmount || invoice.SettlementEntry != r.SettlementEntry))
            {
                problems.Add($"invoice {invoice.Number} on order {r.Reference} settles {Money.FromPence(invoice.Amount)} but its hold posted {Money.FromPence(r.PostedAmount)}");
            }
        }

        // A hold reserved for an order whose record was never written (a crash in between) holds money unseen until it expires.
        var orphans = await db.Holds.Where(h => h.Status == HoldStatus.Open && h.IdempotencyKey.StartsWith("order:") && !db.PurchaseOrders.Any(o => o.Hold == h.Id))
            .Select(h => h.IdempotencyKey).Take(MaxReported).ToListAsync(ct).ConfigureAwait(false);
        problems.AddRange(orphans.Select(k => $"hold '{k}' was reserved for an order that was never recorded; send the order request again or let the hold expire"));

        // What each practitioner committed under delegation in a month is what their delegated orders add up to (R11).
        var delegated = rows.Count == 0
            ? []
            : await db.PurchaseOrders.Where(o => o.Route == Domain.Purchasing.ApprovalRoute.Delegated)
                .Select(o => new { o.RequestedBy, o.OrderedOn, o.Amount }).ToListAsync(ct).ConfigureAwait(false);
        var byMonth = delegated.GroupBy(o => (o.RequestedBy, Month: Domain.Purchasing.DelegatedMonth.MonthOf(o.OrderedOn)))
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));
        var months = await db.DelegatedMonths.ToListAsync(ct).ConfigureAwait(false);
        foreach (var month in months.Where(m => byMonth.GetValueOrDefault((m.Practitioner, m.Month)) != m.Committed))
        {
            problems.Add($"practitioner {month.Practitioner} month {month.Month}: {Money.FromPence(month.Committed)} recorded as committed under delegation, "
                + $"delegated orders add up to {Money.FromPence(byMonth.GetValueOrDefault((month.Practitioner, month.Month)))}");
        }

        problems.AddRange(byMonth.Keys.Where(k => !months.Any(m => m.Practitioner == k.RequestedBy && m.Month == k.Month))
            .Select(k => $"practitioner {k.RequestedBy} month {k.Month}: delegated orders without a monthly total"));
        return Result(name, problems, $"{rows.Count:N0} orders");
    }

    // What a provider is still owed is what it invoiced and was approved for outcomes, less clawbacks and what payment runs paid it;
    // nothing is paid twice, and each payment pays exactly what its run gathered for the provider (R13, R20, R21).
    private static async Task<VerificationCheck> ProvidersPaidWhatTheyAreOwedAsync(LedgerDbContext db, CancellationToken ct)
    {
        const string name = "every provider is owed its invoices and approved claims less clawbacks and payments, and each payment pays its run's lines once (R13, R20, R21)";
        var problems = new List<string>();
        var providers = await db.Providers.Select(p => new { p.Id, p.Area, p.Code }).ToListAsync(ct).ConfigureAwait(false);
        var invoiced = await db.Invoices.GroupBy(i => i.Provider).Select(g => new { g.Key, Sum = g.Sum(i => i.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct).ConfigureAwait(false);
        var claimed = await db.OutcomeClaims.Where(c => c.PayableEntry != null).GroupBy(c => c.Provider).Select(g => new { g.Key, Sum = g.Sum(c => c.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct).ConfigureAwait(false);
        var recovered = await db.OutcomeClaims.Where(c => c.ClawbackEntry != null).GroupBy(c => c.Provider).Select(g => new { g.Key, Sum = g.Sum(c => c.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct).ConfigureAwait(false);
        var paid = await db.ProviderPayments.GroupBy(p => p.Provider).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct).ConfigureAwait(false);
        var owed = await db.Accounts.Where(a => a.Kind == AccountKind.ProviderPayable).GroupBy(a => new { a.Area, a.Owner })
            .Select(g => new { g.Key.Area, g.Key.Owner, Sum = g.Sum(a => a.Balance) }).ToListAsync(ct).ConfigureAwait(false);
        foreach (var p in providers)
        {
            var balance = owed.Where(o => o.Area == p.Area && o.Owner == p.Code).Sum(o => o.Sum);
            var expected = invoiced.GetValueOrDefault(p.Id) + claimed.GetValueOrDefault(p.Id) - recovered.GetValueOrDefault(p.Id) - paid.GetValueOrDefault(p.Id);
            if (balance != expected)
            {
                problems.Add($"provider {p.Code} is owed {Money.FromPence(balance)} in the ledger but invoices and claims less clawbacks and payments come to {Money.FromPence(expected)}");
            }
        }

        var runs = await (from pay in db.ProviderPayments
                          join e in db.JournalEntries on pay.Entry equals e.Id
                          select new { pay.Run, pay.Provider, pay.Amount, e.Kind, Posted = db.Postings.Where(x => x.Entry == e.Id && x.Amount > 0).Sum(x => x.Amount) })
            .ToListAsync(ct).ConfigureAwait(false);
        var gathered = (await db.Invoices.Where(i => i.PaymentRun != null).Select(i => new { Run = i.PaymentRun!.Value, i.Provider, i.Amount }).ToListAsync(ct).ConfigureAwait(false))
            .Concat(await db.OutcomeClaims.Where(c => c.PaymentRun != null).Select(c => new { Run = c.PaymentRun!.Value, c.Provider, c.Amount }).ToListAsync(ct).ConfigureAwait(false))
            .Concat(await db.OutcomeClaims.Where(c => c.ClawbackRun != null).Select(c => new { Run = c.ClawbackRun!.Value, c.Provider, Amount = -c.Amount }).ToListAsync(ct)
                .ConfigureAwait(false))
            .GroupBy(g => (g.Run, g.Provider)).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        foreach (var r in runs)
        {
            var due = gathered.GetValueOrDefault((r.Run, r.Provider));
            if (r.Kind != EntryKind.Payment || r.Posted != r.Amount || r.Amount != due)
            {
                problems.Add($"payment in run {r.Run} to provider {r.Provider} is {Money.FromPence(r.Amount)}; its entry debits {Money.FromPence(r.Posted)} and its lines come to {Money.FromPence(due)}");
            }
        }

        return Result(name, problems, $"{providers.Count:N0} providers, {runs.Count:N0} payments");
    }

    // Every outcome claim's money is in the ledger as it says: the payable entry credits the provider its amount, split as its shares
    // say; a recovered claim's clawback reverses that entry; a paid claim was gathered by a run; an outcome is paid once per person (R19–R21).
    private static async Task<VerificationCheck> ClaimsAgreeWithTheirEntriesAsync(LedgerDbContext db, CancellationToken ct)
    {
        const string name = "every outcome claim agrees with its payment, shares and clawback, and no outcome is paid twice for one person (R19, R20, R21)";
        var problems = new List<string>();
        var claims = await db.OutcomeClaims.ToListAsync(ct).ConfigureAwait(false);
        if (claims.Count == 0)
        {
            return Result(name, problems, "no claims");
        }

        var shares = (await db.OutcomeClaimShares.GroupBy(s => s.Claim).Select(g => new { g.Key, Sum = g.Sum(s => s.Amount) }).ToListAsync(ct).ConfigureAwait(false))
            .ToDictionary(s => s.Key, s => s.Sum);
        var entries = await (from e in db.JournalEntries
                             where e.Kind == EntryKind.OutcomePayment
                             select new { e.Id, e.Reverses, Credited = db.Postings.Where(x => x.Entry == e.Id && x.Amount > 0).Sum(x => x.Amount) })
            .ToDictionaryAsync(e => e.Id, ct).ConfigureAwait(false);
        foreach (var c in claims)
        {
            var owes = c.Status is ClaimStatus.Approved or ClaimStatus.Paid or ClaimStatus.ClawbackPending or ClaimStatus.ClawedBack;
            if (owes && c.PayableEntry is null)
            {
                problems.Add($"claim {c.Reference} is {c.Status} but its payment was never posted; approve it again or start a payment run to finish it");
                continue;
            }

            if (c.PayableEntry is { } entry)
            {
                if (!entries.TryGetValue(entry, out var posted) || posted.Reverses is not null || posted.Credited != c.Amount)
                {
                    problems.Add($"claim {c.Reference} is for {Money.FromPence(c.Amount)} but its payment entry {(posted is null ? "is missing" : $"moves {Money.FromPence(posted.Credited)}")}");
                }

                if (shares.GetValueOrDefault(c.Id) != c.Amount)
                {
                    problems.Add($"claim {c.Reference} is for {Money.FromPence(c.Amount)} but its payers' shares add up to {Money.FromPence(shares.GetValueOrDefault(c.Id))}");
                }
            }

            if ((c.Status == ClaimStatus.ClawedBack) != (c.ClawbackEntry is not null)
                || (c.ClawbackEntry is { } back && (!entries.TryGetValue(back, out var reversal) || reversal.Reverses != c.PayableEntry)))
            {
                problems.Add($"claim {c.Reference} is {c.Status} but its clawback entry does not reverse its payment");
            }

            if (c.Status == ClaimStatus.Paid && c.PaymentRun is null)
            {
                problems.Add($"claim {c.Reference} is paid but no payment run gathered it");
            }
        }

        foreach (var twice in claims.Where(c => c.Kind == Domain.Outcomes.PaymentKind.Outcome && c.CountsAsPaid).GroupBy(c => (c.Enrolment, c.Outcome)).Where(g => g.Count() > 1))
        {
            problems.Add($"outcome {twice.Key.Outcome} is paid {twice.Count()} times for one enrolment: {string.Join(", ", twice.Select(c => c.Reference))}");
        }

        return Result(name, problems, $"{claims.Count:N0} claims");
    }

    // Recomputes every sealed entry's hash and every link of each area's chain, a chunk of links at a time (a
    // reader cannot stay open while the entries are fetched), and names the first problem per area: a seal row
    // edited or removed (the link does not follow from the one before), a sealed entry deleted or altered, or an
    // unsealed entry recorded before the chain's head (inserted directly; see JournalSealer for the one benign cause).
    private static async Task<VerificationCheck> JournalHashChainAsync(LedgerDbContext db, CancellationToken ct)
    {
        const string name = "journal hash chain: sealed entries unchanged, none deleted or inserted directly (issue 9)";
        const int chunk = 1_000;
        var problems = new List<string>();
        var heads = new List<string>();
        long sealedTotal = 0;
        var areas = await db.Areas.OrderBy(a => a.Code).Select(a => new { a.Id, a.Code }).ToListAsync(ct).ConfigureAwait(false);
        foreach (var area in areas)
        {
            string? problem = null;
            var previous = JournalHashes.Genesis;
            long expected = 1;
            Instant? headRecordedAt = null;
            while (problem is null)
            {
                var after = expected - 1;
                var links = await db.JournalSeals.Where(s => s.Area == area.Id && s.Sequence > after).OrderBy(s => s.Sequence).Take(chunk)
                    .ToListAsync(ct).ConfigureAwait(false);
                if (links.Count == 0)
                {
                    break;
                }

                var entries = await JournalHashes.LoadAsync(db, links.Select(l => l.Entry).ToList(), ct).ConfigureAwait(false);
                foreach (var link in links)
                {
                    var found = entries.TryGetValue(link.Entry, out var entry);
                    problem = link switch
                    {
                        _ when link.Sequence != expected => $"chain broken at seal {expected}: that seal row is missing (the next is seal {link.Sequence}, entry {link.Entry})",
                        _ when link.ChainHash != JournalHashes.ChainHash(previous, link.EntryHash) => $"chain broken at seal {link.Sequence} (entry {link.Entry}): the seal row was edited",
                        _ when !found => $"entry {link.Entry} (seal {link.Sequence}) was deleted",
                        _ when entry.Hash != link.EntryHash => $"entry {link.Entry} (seal {link.Sequence}) was altered: it or its postings differ from when it was sealed",
                        _ when entry.RecordedAt != link.RecordedAt => $"chain broken at seal {link.Sequence} (entry {link.Entry}): the seal row was edited",
                        _ => null,
                    };
                    if (problem is not null)
                    {
                        break;
                    }

                    previous = link.ChainHash;
                    headRecordedAt = link.RecordedAt;
                    expected++;
                }
            }

            sealedTotal += expected - 1;
            if (problem is null && headRecordedAt is { } head)
            {
                var inserted = await db.JournalEntries
                    .Where(e => e.Area == area.Id && e.RecordedAt < head && !db.JournalSeals.Any(s => s.Entry == e.Id))
                    .OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).Select(e => (JournalEntryId?)e.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
                if (inserted is { } id)
                {
                    problem = $"entry {id} was inserted directly: it is not sealed but was recorded before the chain's head (seal {expected - 1})";
                }
            }

            if (problem is not null)
            {
                problems.Add($"{area.Code}: {problem}");
            }
            else if (expected > 1)
            {
                heads.Add($"{area.Code} #{expected - 1} {previous}");
            }
        }

        return Result(name, problems, heads.Count == 0 ? "nothing sealed yet" : $"{sealedTotal:N0} sealed entries; heads: {string.Join(", ", heads)}");
    }

    private static VerificationCheck Result(string name, List<string> problems, string checkedWhat) =>
        problems.Count == 0
            ? new VerificationCheck(name, true, checkedWhat)
            : new VerificationCheck(name, false, string.Join("; ", problems.Take(MaxReported * 2)));
}
