namespace Ledger.Application.Access;

/// <summary>What a signed-in person does in Ledger (DOMAIN.md §2); funding partners and families read statements and do not sign in.</summary>
public enum ActorRole
{
    /// <summary>Users, roles, areas and configuration; sees no child's money.</summary>
    Administrator,

    /// <summary>Streams, pools, allocations, approvals and claims of their own area.</summary>
    BudgetHolder,

    /// <summary>Their caseload's budgets and the orders for it.</summary>
    LeadProfessional,

    /// <summary>The budgets they hold on someone's behalf, like a lead professional.</summary>
    Broker,

    /// <summary>Its own orders, invoices, claims and remittances.</summary>
    Provider,

    /// <summary>Claims, samples and evidence of their area; reads, never changes amounts.</summary>
    InternalAuditor,
}

/// <summary>
/// Who is asking: the signed-in user as the application services see them. Every role works within one
/// area; a practitioner acts as a practitioner code, a provider's user for a provider code.
/// </summary>
/// <param name="UserName">The user's sign-in name (for the audit trail).</param>
/// <param name="Role">Their role.</param>
/// <param name="Area">The area's code.</param>
/// <param name="Practitioner">The practitioner code they act as (lead professionals, brokers, budget holders).</param>
/// <param name="Provider">The provider code they act for (provider users).</param>
public sealed record Actor(string UserName, ActorRole Role, string Area, string? Practitioner = null, string? Provider = null);

/// <summary>Which page of a list to read.</summary>
/// <param name="Number">The page, from 1.</param>
/// <param name="Size">Items per page, 1 to <see cref="MaxSize"/>.</param>
public sealed record PageRequest(int Number = 1, int Size = PageRequest.DefaultSize)
{
    /// <summary>The default page size.</summary>
    public const int DefaultSize = 25;

    /// <summary>The largest page size.</summary>
    public const int MaxSize = 100;

    /// <summary>True when the page number and size are in range.</summary>
    public bool IsValid => Number >= 1 && Size is >= 1 and <= MaxSize;
}

/// <summary>One page of a list.</summary>
/// <typeparam name="T">What is listed.</typeparam>
/// <param name="Items">The page's items.</param>
/// <param name="Number">The page, from 1.</param>
/// <param name="Size">The page size asked for.</param>
/// <param name="Total">How many there are in all.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int Total)
{
    /// <summary>How many pages there are (at least one).</summary>
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);

    /// <summary>The page <paramref name="request"/> of <paramref name="all"/>.</summary>
    public static Page<T> Of(IReadOnlyList<T> all, PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(request);
        return new Page<T>(all.Skip((request.Number - 1) * request.Size).Take(request.Size).ToList(), request.Number, request.Size, all.Count);
    }
}
