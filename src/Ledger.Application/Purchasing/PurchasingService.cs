using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.People;
using Ledger.Domain.Purchasing;
using NodaTime;

namespace Ledger.Application.Purchasing;

/// <summary>
/// Buying services for children and families (R7–R13): providers and the catalogue, orders held on a
/// budget and split across its streams, delegated limits and approvals, service start, invoices that
/// settle holds, cancellation and expiry. Every money movement goes through the posting engine with a
/// key derived from the request or the order, so a retried request never holds or pays twice; the
/// ledger's hold decides, once, whether an order was settled or released, and the order follows it.
/// </summary>
public sealed class PurchasingService(IPurchasingStore store, IBudgetStore budgets, ILedgerSetup setup, IPostingService engine, IPoolQueries pools,
    IHoldExpiry expiry, IClock clock, PurchasingOptions options)
{

    // Concurrent orders by one practitioner take turns on their month's delegated total; each turn is short.
    private const int MaxAttempts = 60;

    /// <summary>Registers an approved provider with its bank details (R7).</summary>
    public async Task<Result<Provider>> RegisterProviderAsync(ProviderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await budgets.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Provider>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        var bank = BankDetails.Create(request.SortCode, request.AccountNumber, request.AccountName);
        if (!bank.Succeeded)
        {
            return Result<Provider>.Fail(bank.Error!);
        }

        var provider = Provider.Register(ProviderId.New(), area.Id, request.Code, request.Name, request.Sector, bank.Value!, clock.GetCurrentInstant());
        return provider.Succeeded ? await AddAsync(provider.Value!, ct).ConfigureAwait(false) : provider;
    }

    /// <summary>Suspends a provider (no new orders) or, with a null reason, approves it again (R7).</summary>
    public async Task<Result<Provider>> SetProviderStatusAsync(string areaCode, string code, ProviderStatus status, string? reason, CancellationToken ct = default)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Provider>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.ProviderAsync(area.Id, code, ct).ConfigureAwait(false) is not { } provider)
            {
                return Result<Provider>.Fail(BudgetErrorCode.UnknownProvider, $"There is no provider '{code}' in {area.Code}.");
            }

            var read = provider.Version;
            if (status == ProviderStatus.Suspended)
            {
                if (provider.Suspend(reason ?? string.Empty) is { } invalid)
                {
                    return Result<Provider>.Fail(invalid);
                }
            }
            else
            {
                provider.Reinstate();
            }

            if (await store.SaveAsync([], [new VersionedChange(provider, read)], ct).ConfigureAwait(false) == StoreWrite.Saved)
            {
                return provider;
            }
        }

        return Busy<Provider>();
    }

    /// <summary>Adds a catalogue entry for a provider (R8).</summary>
    public async Task<Result<ServiceItem>> AddServiceAsync(ServiceRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await budgets.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<ServiceItem>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        if (await store.ProviderAsync(area.Id, request.Provider, ct).ConfigureAwait(false) is not { } provider)
        {
            return Result<ServiceItem>.Fail(BudgetErrorCode.UnknownProvider, $"There is no provider '{request.Provider}' in {area.Code}.");
        }

        var item = ServiceItem.Create(ServiceItemId.New(), area.Id, request.Code, request.Name, provider.Id, request.Category, request.Unit, request.UnitPrice);
        return item.Succeeded ? await AddAsync(item.Value!, ct).ConfigureAwait(false) : item;
    }

    /// <summary>Sets a lead professional's or broker's delegated limits (R11); only a budget holder may.</summary>
    public async Task<Result<DelegatedLimit>> SetLimitsAsync(LimitRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await budgets.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<DelegatedLimit>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        if (await budgets.PractitionerAsync(area.Id, request.SetBy, ct).ConfigureAwait(false) is not { Role: PractitionerRole.BudgetHolder })
        {
            return Result<DelegatedLimit>.Fail(BudgetErrorCode.NotPermitted, $"'{request.SetBy}' is not a budget holder in {area.Code}; only a budget holder sets delegated limits.");
        }

        if (await budgets.PractitionerAsync(area.Id, request.Practitioner, ct).ConfigureAwait(false) is not { Role: PractitionerRole.LeadProfessional or PractitionerRole.Broker } who)
        {
            return Result<DelegatedLimit>.Fail(BudgetErrorCode.UnknownPractitioner, $"There is no lead professional or broker '{request.Practitioner}' in {area.Code}.");
        }

        var limit = DelegatedLimit.Set(who.Id, request.PerPurchase, request.Monthly, request.PanelThreshold, request.SetBy, clock.GetCurrentInstant());
        if (limit.Succeeded)
        {
            await store.SetLimitAsync(limit.Value!, ct).ConfigureAwait(false);
        }

        return limit;
    }

    /// <summary>
    /// Places an order (R9–R12): checks the provider, the budget, who is asking and the terms; holds the
    /// amount on the budget, split across the streams that may pay for the category (R10); and routes
    /// it by the requester's delegated limits (R11). A replay of the key returns the first order.
    /// </summary>
    public async Task<Result<PurchaseOrder>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // R25: a replay is answered from what was recorded, not refused because a provider was suspended since.
        var done = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : await store.OrderByKeyAsync(request.IdempotencyKey, ct).ConfigureAwait(false);
        var ready = await PrepareAsync(request, replay: done is not null, ct).ConfigureAwait(false);
        if (!ready.Succeeded)
        {
            return Result<PurchaseOrder>.Fail(ready.Error!);
        }

        var (area, budget, subject, provider, item, terms, requester) = ready.Value!;
        if (done is not null)
        {
            return Replay(done, budget, subject, provider, item, terms, requester, request);
        }

        var hold = await HoldAsync(request, area, budget, provider, terms, ct).ConfigureAwait(false);
        if (!hold.Succeeded)
        {
            return Result<PurchaseOrder>.Fail(hold.Error!);
        }

        var limit = await store.LimitAsync(requester.Id, ct).ConfigureAwait(false) ?? DelegatedLimit.None(requester.Id);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var month = await store.MonthAsync(requester.Id, DelegatedMonth.MonthOf(request.OrderedOn), ct).ConfigureAwait(false);
            var route = limit.RouteFor(terms.Amount, Money.FromPence(month?.Committed ?? 0));
            var order = PurchaseOrder.Place(PurchaseOrderId.New(), area.Id, budget, subject.Id, provider, item?.Id, terms, requester.Id, request.NeedIdentifiedOn,
                request.OrderedOn, hold.Value!, route, request.IdempotencyKey, clock.GetCurrentInstant());
            List<object> added = [order];
            List<VersionedChange> changed = [];
            if (route == ApprovalRoute.Delegated)
            {
                // The month's delegated total moves in the same transaction as the order is saved (R11).
                if (month is null)
                {
                    month = DelegatedMonth.Start(requester.Id, request.OrderedOn);
                    added.Add(month);
                    month.Add(terms.Amount);
                }
                else
                {
                    var read = month.Version;
                    month.Add(terms.Amount);
                    changed.Add(new VersionedChange(month, read));
                }
            }

            var write = await store.SaveAsync(added, changed, ct).ConfigureAwait(false);
            if (write == StoreWrite.Saved)
            {
                return order;
            }

            if (write == StoreWrite.Duplicate && await store.OrderByKeyAsync(request.IdempotencyKey, ct).ConfigureAwait(false) is { } raced)
            {
                return Replay(raced, budget, subject, provider, item, terms, requester, request);
            }

            await Task.Delay(Random.Shared.Next(1, 5 + attempt), ct).ConfigureAwait(false);
        }

        // The hold stays reserved under the request's key: retrying the request saves the order against it.
        return Busy<PurchaseOrder>();
    }

    /// <summary>
    /// Records a budget holder's, or a panel's, decision on a waiting order (R11). The requester cannot
    /// decide; a decision is made once (a second approval changes nothing and is refused); a rejection
    /// releases the hold to the streams it came from.
    /// </summary>
    public async Task<Result<PurchaseOrder>> DecideAsync(DecisionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await OrderAsync(request.Area, request.Order, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found;
        }

        var order = found.Value!;
        if (await budgets.PractitionerAsync(order.Area, request.DecidedBy, ct).ConfigureAwait(false) is not { } decider)
        {
            return Result<PurchaseOrder>.Fail(BudgetErrorCode.UnknownPractitioner, $"There is no practitioner '{request.DecidedBy}' in {request.Area}.");
        }

        if (decider.Id != order.RequestedBy && decider.Role != PractitionerRole.BudgetHolder)
        {
            return Result<PurchaseOrder>.Fail(BudgetErrorCode.NotPermitted, $"'{decider.Code}' is not a budget holder; only a budget holder decides on orders above delegated limits (R11).");
        }

        if (!request.Approve && string.IsNullOrWhiteSpace(request.Note))
        {
            return Result<PurchaseOrder>.Fail(BudgetErrorCode.ReasonRequired, "A rejection needs a reason.");
        }

        if (request.Approve && order.Status == OrderStatus.AwaitingApproval)
        {
            // Approval tells the provider to start: not for a provider suspended since, nor money no longer held (R7, R9).
            if ((await store.ProvidersAsync([order.Provider], ct).ConfigureAwait(false)).Single() is { CanReceiveOrders: false } suspended)
            {
                return Result<PurchaseOrder>.Fail(BudgetErrorCode.ProviderSuspended, $"Provider {suspended.Code} has been suspended since the order was placed; reject or cancel it (R7).");
            }

            if (await store.HoldAsync(order.Hold, ct).ConfigureAwait(false) is not { Status: HoldStatus.Open } hold || hold.HasExpiredBy(clock.GetCurrentInstant()))
            {
                return Result<PurchaseOrder>.Fail(BudgetErrorCode.OrderClosed, $"Order {order.Reference}'s money is no longer held (it expired); nothing was written.");
            }
        }

        // The decision is claimed on the order first, so two deciders cannot both act; then a rejection releases the money.
        var decided = await UpdateOrderAsync(order, o => o.CheckDecision(decider.Id, request.Note) ?? Decide(o), ct).ConfigureAwait(false);
        return !decided.Succeeded || request.Approve ? decided : await ReleaseAsync(decided.Value!, ct).ConfigureAwait(false);

        BudgetError? Decide(PurchaseOrder o)
        {
            if (request.Approve)
            {
                o.Approve(decider.Id, request.On, request.Note);
            }
            else
            {
                o.Reject(decider.Id, request.On, request.Note!);
            }

            return null;
        }
    }

    /// <summary>Cancels an order that has not been invoiced, releasing its hold (R9).</summary>
    public async Task<Result<PurchaseOrder>> CancelAsync(string areaCode, string reference, string reason, CancellationToken ct = default)
    {
        var found = await OrderAsync(areaCode, reference, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > OrderTerms.MaxTextLength)
        {
            return Result<PurchaseOrder>.Fail(BudgetErrorCode.ReasonRequired, "A cancellation needs a reason.");
        }

        var order = found.Value!;
        if (order.Status != OrderStatus.Cancelled && order.CheckCancel() is { } refused)
        {
            return Result<PurchaseOrder>.Fail(refused);
        }

        // The money moves first: the ledger resolves the hold once, so a cancellation racing an invoice ends with one of them refused.
        var released = await ReleaseAsync(order, ct).ConfigureAwait(false);
        if (!released.Succeeded)
        {
            return (await store.HoldAsync(order.Hold, ct).ConfigureAwait(false))?.Status == HoldStatus.Posted
                ? Result<PurchaseOrder>.Fail(BudgetErrorCode.OrderAlreadyInvoiced, $"Order {order.Reference} has already been invoiced; it cannot be cancelled.")
                : released;
        }

        // The money is released; if this record cannot be written, the sweep (ledger expire-holds) marks the order cancelled.
        return await UpdateOrderAsync(order, o =>
        {
            if (o.IsOpen)
            {
                o.Cancel(reason);
            }

            return null;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Records the provider's confirmation that the service started (R12): the end of time to service.</summary>
    public async Task<Result<PurchaseOrder>> ConfirmStartAsync(string areaCode, string reference, LocalDate startedOn, CancellationToken ct = default)
    {
        var found = await OrderAsync(areaCode, reference, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found;
        }

        return await UpdateOrderAsync(found.Value!, o => o.ConfirmStart(startedOn), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Settles an order's hold against the provider's invoice (R13): the invoiced units become a provider
    /// payable, split across the streams in proportion to what each held; the rest is released to the
    /// streams it came from (example 4). An invoice number is settled once per provider.
    /// </summary>
    public async Task<Result<Invoice>> InvoiceAsync(InvoiceRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Invoice.CheckNumber(request.Number) is { } badNumber)
        {
            return Result<Invoice>.Fail(badNumber);
        }

        var found = await OrderAsync(request.Area, request.Order, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return Result<Invoice>.Fail(found.Error!);
        }

        var order = found.Value!;
        if (await store.InvoiceAsync(order.Provider, request.Number, ct).ConfigureAwait(false) is { } recorded)
        {
            return Result<Invoice>.Fail(BudgetErrorCode.DuplicateInvoice,
                $"Invoice {recorded.Number} from this provider was already settled on {recorded.InvoicedOn:uuuu-MM-dd}; nothing was written.");
        }

        // A retry after a crash finds the order still approved and replays the settlement under the same key.
        if (order.CheckInvoice(request.Units) is { } refused)
        {
            return Result<Invoice>.Fail(refused);
        }

        if (request.Provider is { } named && (await store.ProvidersAsync([order.Provider], ct).ConfigureAwait(false)).Single().Code != named)
        {
            return Result<Invoice>.Fail(BudgetErrorCode.NotPermitted, $"Order {order.Reference} is not an order from provider {named}; check the order reference on the invoice.");
        }

        // A settlement already posted under this invoice's key (a crash before the invoice was recorded) is replayed, not refused.
        var key = $"invoice:{order.Area}:{order.Provider}:{request.Number}";
        var settled = await store.HoldByKeyAsync(key, ct).ConfigureAwait(false);

        // Refusals the ledger would remember against the invoice's key are checked first, so a mistaken
        // date or an expired order does not use up the provider's invoice number.
        if (settled?.Id != order.Hold
            && (await store.HoldAsync(order.Hold, ct).ConfigureAwait(false) is not { Status: HoldStatus.Open } hold || hold.HasExpiredBy(clock.GetCurrentInstant())))
        {
            return Result<Invoice>.Fail(BudgetErrorCode.OrderClosed,
                $"Order {order.Reference}'s money is no longer held (it expired, unused, after {options.HoldExpiryDays} days); nothing was written.");
        }

        if (settled is null && await store.IsPeriodClosedAsync(order.Area, request.InvoicedOn, ct).ConfigureAwait(false))
        {
            return Result<Invoice>.Fail(BudgetErrorCode.PeriodClosed,
                $"The books for {request.InvoicedOn:MMMM uuuu} are closed; date the invoice in an open period. Nothing was written.");
        }

        if (request.InvoicedOn < order.ServiceStartedOn)
        {
            return Result<Invoice>.Fail(BudgetErrorCode.InvalidDates, $"The invoice date is before the service started ({order.ServiceStartedOn:uuuu-MM-dd}).");
        }

        var amount = order.InvoiceAmount(request.Units);
        var outcome = await engine.ExecuteAsync(new PostHold(key, order.Hold, request.InvoicedOn,
            $"Invoice {request.Number} on order {order.Reference}: {request.Units} {order.Unit}(s)", amount), ct).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            return Result<Invoice>.Fail(outcome.Error!.Code switch
            {
                LedgerErrorCode.IdempotencyConflict => new BudgetError(BudgetErrorCode.DuplicateInvoice,
                    $"Invoice {request.Number} from this provider was already settled against another order or for other units; nothing was written."),
                LedgerErrorCode.HoldAlreadyResolved or LedgerErrorCode.HoldExpired => new BudgetError(BudgetErrorCode.OrderClosed,
                    $"Order {order.Reference}'s money is no longer held (cancelled, rejected or expired); nothing was written."),
                _ => new BudgetError(BudgetErrorCode.LedgerRefused, $"{outcome.Error.Code}: {outcome.Error.Message}"),
            });
        }

        // The settlement is posted; the order and the invoice follow it (a retry replays the posting and writes them once).
        var invoice = Invoice.Record(InvoiceId.New(), order, request.Number, request.Units, request.InvoicedOn, outcome.Entry!.Value, key, clock.GetCurrentInstant());
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var read = order.Version;
            order.MarkInvoiced();
            var write = await store.SaveAsync([invoice], [new VersionedChange(order, read)], ct).ConfigureAwait(false);
            if (write == StoreWrite.Saved)
            {
                return invoice;
            }

            if (write == StoreWrite.Duplicate && await store.InvoiceForOrderAsync(order.Id, ct).ConfigureAwait(false) is { } first)
            {
                return first;
            }

            order = (await store.OrderAsync(order.Area, order.Reference, ct).ConfigureAwait(false))!;
        }

        return Busy<Invoice>();
    }

    /// <summary>
    /// Expires holds not invoiced in time and brings every order into line with its hold: an order whose
    /// hold expired is marked expired; a rejected or cancelled order whose release did not finish is
    /// released. Safe to run at any time and more than once; returns how many orders it changed.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await expiry.ExpireDueAsync(ct).ConfigureAwait(false);
        var changed = 0;
        foreach (var (order, hold) in await store.OrdersToReconcileAsync(ct).ConfigureAwait(false))
        {
            if (order.IsOpen && hold == HoldStatus.Expired)
            {
                var read = order.Version;
                order.MarkExpired();
                changed += await store.SaveAsync([], [new VersionedChange(order, read)], ct).ConfigureAwait(false) == StoreWrite.Saved ? 1 : 0;
            }
            else if (order.IsOpen && hold == HoldStatus.Voided)
            {
                // A cancellation released the money but could not record itself.
                var read = order.Version;
                order.Cancel("Released by a cancellation that did not finish recording");
                changed += await store.SaveAsync([], [new VersionedChange(order, read)], ct).ConfigureAwait(false) == StoreWrite.Saved ? 1 : 0;
            }
            else if (order.Status is OrderStatus.Rejected or OrderStatus.Cancelled && hold == HoldStatus.Open)
            {
                changed += (await ReleaseAsync(order, ct).ConfigureAwait(false)).Succeeded ? 1 : 0;
            }
        }

        return changed;
    }

    /// <summary>The area's orders with their dates and time to service, oldest first; optionally one budget's.</summary>
    public async Task<Result<IReadOnlyList<OrderView>>> OrdersAsync(string areaCode, string? budgetCode = null, CancellationToken ct = default)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<IReadOnlyList<OrderView>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        BudgetId? budget = null;
        if (budgetCode is not null)
        {
            if (await budgets.BudgetAsync(area.Id, budgetCode, ct).ConfigureAwait(false) is not { } found)
            {
                return Result<IReadOnlyList<OrderView>>.Fail(BudgetErrorCode.UnknownBudget, $"There is no budget '{budgetCode}' in {area.Code}.");
            }

            budget = found.Id;
        }

        return Result<IReadOnlyList<OrderView>>.Ok(await store.OrderViewsAsync(area.Id, budget, ct).ConfigureAwait(false));
    }

    /// <summary>An order by reference within an area.</summary>
    public async Task<Result<PurchaseOrder>> OrderAsync(string areaCode, string reference, CancellationToken ct = default)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<PurchaseOrder>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        return await store.OrderAsync(area.Id, reference, ct).ConfigureAwait(false) is { } order
            ? order
            : Result<PurchaseOrder>.Fail(BudgetErrorCode.UnknownOrder, $"There is no order '{reference}' in {area.Code}.");
    }

    // Applies a change to an order and saves it with a version check; when another writer got there
    // first, reads the order again and applies the change to what it finds (which may refuse it now).
    private async Task<Result<PurchaseOrder>> UpdateOrderAsync(PurchaseOrder order, Func<PurchaseOrder, BudgetError?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var read = order.Version;
            if (change(order) is { } refused)
            {
                return Result<PurchaseOrder>.Fail(refused);
            }

            if (order.Version == read || await store.SaveAsync([], [new VersionedChange(order, read)], ct).ConfigureAwait(false) == StoreWrite.Saved)
            {
                return order;
            }

            order = (await store.OrderAsync(order.Area, order.Reference, ct).ConfigureAwait(false))!;
        }

        return Busy<PurchaseOrder>();
    }

    private static Result<T> Busy<T>() =>
        Result<T>.Fail(BudgetErrorCode.LedgerRefused, "The record kept changing under this request; nothing more was written. Try again.");

    private static Result<PurchaseOrder> Replay(PurchaseOrder done, Budget budget, Subject subject, Provider provider, ServiceItem? item, OrderTerms terms,
        Practitioner requester, OrderRequest request) =>
        done.SameRequest(budget.Id, subject.Id, provider.Id, item?.Id, terms, requester.Id, request.NeedIdentifiedOn, request.OrderedOn)
            ? done
            : Result<PurchaseOrder>.Fail(BudgetErrorCode.LedgerRefused,
                $"{LedgerErrorCode.IdempotencyConflict}: the key '{request.IdempotencyKey}' was used for a different order.");

    private async Task<Result<T>> AddAsync<T>(T record, CancellationToken ct)
        where T : class =>
        await store.SaveAsync([record], [], ct).ConfigureAwait(false) == StoreWrite.Saved
            ? record
            : Result<T>.Fail(BudgetErrorCode.DuplicateCode, "That code is already used in the area.");

    // Releases a rejected or cancelled order's hold; the key is the order's, so the release happens once.
    private async Task<Result<PurchaseOrder>> ReleaseAsync(PurchaseOrder order, CancellationToken ct)
    {
        var outcome = await engine.ExecuteAsync(new VoidHold($"release:{order.Id}", order.Hold), ct).ConfigureAwait(false);
        if (outcome.Succeeded || outcome.Error!.Code == LedgerErrorCode.HoldAlreadyResolved
            && (await store.HoldAsync(order.Hold, ct).ConfigureAwait(false))?.Status is HoldStatus.Voided or HoldStatus.Expired)
        {
            return order;
        }

        return Result<PurchaseOrder>.Fail(BudgetErrorCode.LedgerRefused, $"{outcome.Error!.Code}: {outcome.Error.Message}");
    }

    // Names the budget, provider and terms, so a hold found under a key is only reused for the same order.
    private static string HoldDescription(OrderTerms terms, Provider provider, Budget budget) =>
        $"Order: {terms.Quantity} x {terms.Unit} of {terms.Category} from {provider.Code} on budget {budget.Code}";

    private sealed record Prepared(Area Area, Budget Budget, Subject Subject, Provider Provider, ServiceItem? Item, OrderTerms Terms, Practitioner Requester);

    // Every check that needs no ledger write: unknown names, who may order, the terms and dates (R7, R8, R11, R12).
    // A replay skips the checks of things that may have changed since (suspension, caseload, year end): it is compared with the order instead.
    private async Task<Result<Prepared>> PrepareAsync(OrderRequest request, bool replay, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > LedgerCommand.MaxKeyLength - 10)
        {
            return Result<Prepared>.Fail(BudgetErrorCode.InvalidRequest, "An idempotency key of 1–190 characters is required.");
        }

        if (await budgets.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Prepared>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        if (await budgets.BudgetAsync(area.Id, request.Budget, ct).ConfigureAwait(false) is not { } budget)
        {
            return Result<Prepared>.Fail(BudgetErrorCode.UnknownBudget, $"There is no budget '{request.Budget}' in {area.Code}.");
        }

        if (await budgets.PractitionerAsync(area.Id, request.RequestedBy, ct).ConfigureAwait(false) is not { Role: PractitionerRole.LeadProfessional or PractitionerRole.Broker } requester)
        {
            return Result<Prepared>.Fail(BudgetErrorCode.UnknownPractitioner, $"There is no lead professional or broker '{request.RequestedBy}' in {area.Code}.");
        }

        var subjectResult = await SubjectAsync(request, area, budget, requester, replay, ct).ConfigureAwait(false);
        if (!subjectResult.Succeeded)
        {
            return Result<Prepared>.Fail(subjectResult.Error!);
        }

        ServiceItem? item = null;
        Provider? provider;
        OrderTerms terms;
        if (request.Service is { } serviceCode)
        {
            if (request.Provider is not null || request.Category is not null || request.UnitPrice is not null || request.Unit is not null || request.Description is not null)
            {
                return Result<Prepared>.Fail(BudgetErrorCode.InvalidRequest, "A catalogue order takes its provider, category, unit and price from the catalogue; give either a service or a spot purchase.");
            }

            if (await store.ServiceItemAsync(area.Id, serviceCode, ct).ConfigureAwait(false) is not { } found)
            {
                return Result<Prepared>.Fail(BudgetErrorCode.UnknownService, $"There is no service '{serviceCode}' in {area.Code}'s catalogue.");
            }

            item = found;
            provider = (await store.ProvidersAsync([found.Provider], ct).ConfigureAwait(false)).Single();
            terms = new OrderTerms(found.Category, found.Name, found.Unit, Money.FromPence(found.UnitPrice), request.Quantity, request.Need, request.OutcomeSought,
                request.ChildWishes, request.SpotReason, request.BestInterestsReason);
        }
        else
        {
            if (request.Provider is null || request.Category is null || request.UnitPrice is null || request.Unit is null || request.Description is null)
            {
                return Result<Prepared>.Fail(BudgetErrorCode.InvalidRequest, "A spot purchase needs a provider, a category, a description, a unit, a unit price and a reason.");
            }

            provider = await store.ProviderAsync(area.Id, request.Provider, ct).ConfigureAwait(false);
            if (provider is null)
            {
                return Result<Prepared>.Fail(BudgetErrorCode.UnknownProvider, $"There is no provider '{request.Provider}' in {area.Code}.");
            }

            terms = new OrderTerms(request.Category.Value, request.Description, request.Unit, request.UnitPrice.Value, request.Quantity, request.Need,
                request.OutcomeSought, request.ChildWishes, request.SpotReason, request.BestInterestsReason);
        }

        if (!provider.CanReceiveOrders && !replay)
        {
            return Result<Prepared>.Fail(BudgetErrorCode.ProviderSuspended, $"Provider {provider.Code} is suspended and cannot receive new orders (R7).");
        }

        if (PurchaseOrder.Check(terms, request.NeedIdentifiedOn, request.OrderedOn, spot: item is null,
            broker: requester.Role == PractitionerRole.Broker || budget.HolderMode == HolderMode.Broker) is { } invalid)
        {
            return Result<Prepared>.Fail(invalid);
        }

        if (!budget.Year.Contains(request.OrderedOn))
        {
            return Result<Prepared>.Fail(BudgetErrorCode.OutsideFinancialYear, $"{request.OrderedOn:uuuu-MM-dd} is outside the budget's year {budget.Year}.");
        }

        // An order dated ahead would use a later month's delegated limit today (R11); orders are placed now or recorded late, never early.
        if (!replay && request.OrderedOn > Domain.Calendar.London.Today(clock))
        {
            return Result<Prepared>.Fail(BudgetErrorCode.InvalidDates, $"An order cannot be dated after today; {request.OrderedOn:uuuu-MM-dd} was given.");
        }

        if (!replay && await budgets.IsYearClosedAsync(area.Id, budget.Year, ct).ConfigureAwait(false))
        {
            return Result<Prepared>.Fail(BudgetErrorCode.FinancialYearClosed, $"{budget.Year} has been closed by year-end processing.");
        }

        return new Prepared(area, budget, subjectResult.Value!, provider, item, terms, requester);
    }

    // Who may order for whom: the budget's holder, or a lead professional with the child or family on their caseload.
    private async Task<Result<Subject>> SubjectAsync(OrderRequest request, Area area, Budget budget, Practitioner requester, bool replay, CancellationToken ct)
    {
        Subject? subject;
        if (budget.Kind == BudgetKind.Individual)
        {
            subject = await budgets.SubjectAsync(budget.Subject!.Value, ct).ConfigureAwait(false);
            if (request.Subject is not null && request.Subject != subject!.Reference)
            {
                return Result<Subject>.Fail(BudgetErrorCode.NotPermitted, $"Budget {budget.Code} is not {request.Subject}'s budget.");
            }
        }
        else
        {
            if (budget.Holder != requester.Id)
            {
                return Result<Subject>.Fail(BudgetErrorCode.NotPermitted, $"Budget {budget.Code} is another lead professional's delegated budget.");
            }

            if (request.Subject is null)
            {
                return Result<Subject>.Fail(BudgetErrorCode.InvalidRequest, "An order on a lead professional's budget names the child or family it is for.");
            }

            subject = await budgets.SubjectAsync(area.Id, request.Subject, ct).ConfigureAwait(false);
            if (subject is null)
            {
                return Result<Subject>.Fail(BudgetErrorCode.UnknownSubject, $"There is no child or family '{request.Subject}' in {area.Code}.");
            }
        }

        var allowed = replay
            || budget.Holder == requester.Id && budget.Kind == BudgetKind.Individual
            || requester.Role == PractitionerRole.LeadProfessional && await budgets.OnCaseloadAsync(requester.Id, subject!.Id, ct).ConfigureAwait(false);
        return allowed
            ? subject!
            : Result<Subject>.Fail(BudgetErrorCode.NotPermitted,
                $"{requester.Code} neither holds budget {budget.Code} nor has {subject!.Reference} on their caseload.");
    }

    // R9, R10: hold the amount on the budget, one leg per stream that may pay for the category, split by the pool's policy.
    // The hold is keyed by the request, so a retry after a failure further on finds it instead of holding twice.
    private async Task<Result<HoldId>> HoldAsync(OrderRequest request, Area area, Budget budget, Provider provider, OrderTerms terms, CancellationToken ct)
    {
        var key = $"order:{request.IdempotencyKey}";
        if (await store.HoldByKeyAsync(key, ct).ConfigureAwait(false) is { } held)
        {
            return held.Status == HoldStatus.Open && held.Amount == terms.Amount.Pence && held.Description == HoldDescription(terms, provider, budget)
                ? held.Id
                : Result<HoldId>.Fail(BudgetErrorCode.LedgerRefused, $"{LedgerErrorCode.IdempotencyConflict}: the key '{request.IdempotencyKey}' already held money that has since been released.");
        }

        // Checked before any account is opened, so a refusal writes nothing (R27).
        if (await store.IsPeriodClosedAsync(area.Id, request.OrderedOn, ct).ConfigureAwait(false))
        {
            return Result<HoldId>.Fail(BudgetErrorCode.PeriodClosed,
                $"The books for {request.OrderedOn:MMMM uuuu} are closed; date the order in an open period. Nothing was written.");
        }

        var funds = await pools.BudgetFundsAsync(budget, ct).ConfigureAwait(false);
        var streams = (await budgets.StreamsAsync(funds.Select(f => f.Stream), ct).ConfigureAwait(false)).ToDictionary(s => s.Id);
        var allowed = funds.Where(f => streams[f.Stream].Restrictions.Allows(terms.Category)).ToList();
        if (allowed.Count == 0)
        {
            return Result<HoldId>.Fail(BudgetErrorCode.CategoryNotAllowed,
                $"No stream of budget {budget.Code} may pay for {terms.Category} (R10).");
        }

        // A first look with what each stream has now, to refuse plainly without writing anything; the ledger
        // decides the actual split under its locks, so concurrent orders never pick a stream another has emptied.
        var pool = await budgets.PoolAsync(budget.Pool, ct).ConfigureAwait(false);
        var policy = pool?.SplitPolicy ?? SplitPolicy.RestrictedFirst;
        var look = StreamSplitter.Split(terms.Amount,
            allowed.Select(f => new StreamCandidate(f.Stream, f.Available, f.Available.Pence, streams[f.Stream].Restrictions.RestrictsCategories)).ToList(), policy);
        if (!look.Succeeded)
        {
            return Result<HoldId>.Fail(BudgetErrorCode.InsufficientFunds,
                $"Budget {budget.Code} has {allowed.Aggregate(Money.Zero, (s, f) => s + Money.Max(f.Available, Money.Zero))} available for {terms.Category}; the order is for {terms.Amount}.");
        }

        var candidates = new List<SplitCandidate>();
        foreach (var f in allowed)
        {
            var from = await setup.EnsureAccountAsync(budget.AccountKind, area.Id, budget.Code, f.Stream, ct).ConfigureAwait(false);
            var to = await setup.EnsureAccountAsync(AccountKind.ProviderPayable, area.Id, provider.Code, f.Stream, ct).ConfigureAwait(false);
            candidates.Add(new SplitCandidate(from.Id, to.Id, streams[f.Stream].Restrictions.RestrictsCategories));
        }

        // Expiry counts whole days from when the order is recorded (orders may be entered after their date).
        var today = clock.GetCurrentInstant().InUtc().Date;
        var expires = today.PlusDays(options.HoldExpiryDays).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var outcome = await engine.ExecuteAsync(new ReserveSplitHold(key, request.OrderedOn,
            HoldDescription(terms, provider, budget), terms.Amount, candidates, policy, expires), ct)
            .ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            return outcome.Hold!.Value;
        }

        // The same request racing itself (or retried on another day): the first one's hold stands.
        if (outcome.Error!.Code == LedgerErrorCode.IdempotencyConflict
            && await store.HoldByKeyAsync(key, ct).ConfigureAwait(false) is { Status: HoldStatus.Open } first && first.Amount == terms.Amount.Pence)
        {
            return first.Id;
        }

        return Result<HoldId>.Fail(outcome.Error!.Code == LedgerErrorCode.InsufficientFunds
            ? new BudgetError(BudgetErrorCode.InsufficientFunds, $"Budget {budget.Code} does not have {terms.Amount} available: {outcome.Error.Message}")
            : new BudgetError(BudgetErrorCode.LedgerRefused, $"{outcome.Error.Code}: {outcome.Error.Message}"));
    }
}
