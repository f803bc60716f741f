using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Domain.Purchasing;

/// <summary>The kind of organisation or person that provides a service (R7). In-house services are judged by the same figures.</summary>
public enum ProviderSector
{
    /// <summary>The council's or a partner's own service (statutory, in-house).</summary>
    InHouse,

    /// <summary>A charity or community organisation.</summary>
    Voluntary,

    /// <summary>A company.</summary>
    Private,

    /// <summary>An individual, such as a personal assistant or a tutor.</summary>
    Individual,
}

/// <summary>Whether a provider may receive new orders (R7).</summary>
public enum ProviderStatus
{
    /// <summary>May receive new orders.</summary>
    Approved,

    /// <summary>May not receive new orders; orders already placed are still settled and paid.</summary>
    Suspended,
}

/// <summary>Where a provider is paid: a UK sort code, account number and account name (for the payment file).</summary>
/// <param name="SortCode">Six digits, stored without dashes.</param>
/// <param name="AccountNumber">Eight digits.</param>
/// <param name="AccountName">The name on the account, up to 18 characters as BACS allows.</param>
public sealed record BankDetails(string SortCode, string AccountNumber, string AccountName)
{
    /// <summary>The longest account name BACS carries.</summary>
    public const int MaxAccountNameLength = 18;

    /// <summary>Parses and checks bank details; dashes and spaces in the sort code are ignored.</summary>
    public static Result<BankDetails> Create(string? sortCode, string? accountNumber, string? accountName)
    {
        var sort = new string((sortCode ?? string.Empty).Where(c => c is not ('-' or ' ')).ToArray());
        var number = (accountNumber ?? string.Empty).Trim();
        var name = (accountName ?? string.Empty).Trim().ToUpperInvariant();
        if (sort.Length != 6 || !sort.All(char.IsAsciiDigit))
        {
            return Result<BankDetails>.Fail(BudgetErrorCode.InvalidBankDetails, "A sort code is six digits, e.g. 20-00-00.");
        }

        if (number.Length != 8 || !number.All(char.IsAsciiDigit))
        {
            return Result<BankDetails>.Fail(BudgetErrorCode.InvalidBankDetails, "An account number is eight digits.");
        }

        // BACS carries only upper-case letters, digits, space and a few marks; commas would also break the payment file.
        if (name.Length is 0 or > MaxAccountNameLength || !name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is ' ' or '.' or '-' or '&' or '/'))
        {
            return Result<BankDetails>.Fail(BudgetErrorCode.InvalidBankDetails,
                $"An account name is 1–{MaxAccountNameLength} letters, digits, spaces or . - & /.");
        }

        return new BankDetails(sort, number, name);
    }

    /// <summary>The sort code as people write it, e.g. "20-00-00".</summary>
    public string FormattedSortCode => $"{SortCode[..2]}-{SortCode[2..4]}-{SortCode[4..]}";
}

/// <summary>A provider of services to children and families (R7), paid in payment runs (R13).</summary>
public sealed class Provider
{
    private Provider()
    {
        Code = string.Empty;
        Name = string.Empty;
        SortCode = string.Empty;
        AccountNumber = string.Empty;
        AccountName = string.Empty;
    }

    /// <summary>The provider's id.</summary>
    public ProviderId Id { get; private set; }

    /// <summary>The area that buys from it.</summary>
    public AreaId Area { get; private set; }

    /// <summary>A short code, e.g. "PRV-SPEECH"; it names the provider's payable accounts.</summary>
    public string Code { get; private set; }

    /// <summary>The organisation's (or, for an individual, the trading) name.</summary>
    public string Name { get; private set; }

    /// <summary>Its sector.</summary>
    public ProviderSector Sector { get; private set; }

    /// <summary>Whether it may receive new orders.</summary>
    public ProviderStatus Status { get; private set; }

    /// <summary>Why it was suspended, when it is.</summary>
    public string? SuspensionReason { get; private set; }

    /// <summary>Sort code (six digits).</summary>
    public string SortCode { get; private set; }

    /// <summary>Account number (eight digits).</summary>
    public string AccountNumber { get; private set; }

    /// <summary>Account name for the payment file.</summary>
    public string AccountName { get; private set; }

    /// <summary>When it was registered.</summary>
    public Instant RegisteredAt { get; private set; }

    /// <summary>Bumped on every change; the database refuses a stale write.</summary>
    public int Version { get; private set; }

    /// <summary>Where it is paid.</summary>
    public BankDetails Bank => new(SortCode, AccountNumber, AccountName);

    /// <summary>True when it may receive new orders.</summary>
    public bool CanReceiveOrders => Status == ProviderStatus.Approved;

    /// <summary>Registers an approved provider.</summary>
    public static Result<Provider> Register(ProviderId id, AreaId area, string code, string name, ProviderSector sector, BankDetails bank, Instant now)
    {
        ArgumentNullException.ThrowIfNull(bank);
        if (!Domain.Code.IsValid(code) || string.IsNullOrWhiteSpace(name) || name.Length > 200 || !Enum.IsDefined(sector))
        {
            return Result<Provider>.Fail(BudgetErrorCode.InvalidRequest, "A provider needs a valid code, a name (up to 200 characters) and a sector.");
        }

        return new Provider
        {
            Id = id, Area = area, Code = code, Name = name.Trim(), Sector = sector, Status = ProviderStatus.Approved,
            SortCode = bank.SortCode, AccountNumber = bank.AccountNumber, AccountName = bank.AccountName, RegisteredAt = now,
        };
    }

    /// <summary>Suspends the provider: no new orders (R7). A reason is required.</summary>
    public BudgetError? Suspend(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            return new BudgetError(BudgetErrorCode.ReasonRequired, "Give a reason (up to 500 characters) for suspending the provider.");
        }

        Status = ProviderStatus.Suspended;
        SuspensionReason = reason.Trim();
        Version++;
        return null;
    }

    /// <summary>Approves the provider again.</summary>
    public void Reinstate()
    {
        Status = ProviderStatus.Approved;
        SuspensionReason = null;
        Version++;
    }
}

/// <summary>
/// An entry in the service catalogue (R8): what a provider offers, in what unit and at what price.
/// Orders copy the price, so a later price change never alters an order already placed.
/// </summary>
public sealed class ServiceItem
{
    private ServiceItem()
    {
        Code = string.Empty;
        Name = string.Empty;
        Unit = string.Empty;
    }

    /// <summary>The entry's id.</summary>
    public ServiceItemId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>A short code, e.g. "SALT-SESSION".</summary>
    public string Code { get; private set; }

    /// <summary>What it is, e.g. "Speech and language therapy session".</summary>
    public string Name { get; private set; }

    /// <summary>The provider that delivers it.</summary>
    public ProviderId Provider { get; private set; }

    /// <summary>Its category, which decides which streams may pay (R10).</summary>
    public ServiceCategory Category { get; private set; }

    /// <summary>The unit sold, e.g. "session", "hour", "week", "item".</summary>
    public string Unit { get; private set; }

    /// <summary>The price of one unit, in pence.</summary>
    public long UnitPrice { get; private set; }

    /// <summary>Adds an entry to the catalogue.</summary>
    public static Result<ServiceItem> Create(ServiceItemId id, AreaId area, string code, string name, ProviderId provider, ServiceCategory category,
        string unit, Money unitPrice)
    {
        if (!Domain.Code.IsValid(code) || string.IsNullOrWhiteSpace(name) || name.Length > 200 || !Enum.IsDefined(category))
        {
            return Result<ServiceItem>.Fail(BudgetErrorCode.InvalidRequest, "A catalogue entry needs a valid code, a name (up to 200 characters) and a category.");
        }

        if (string.IsNullOrWhiteSpace(unit) || unit.Length > 30)
        {
            return Result<ServiceItem>.Fail(BudgetErrorCode.InvalidRequest, "A catalogue entry needs a unit (up to 30 characters), e.g. 'session'.");
        }

        if (!unitPrice.IsPositive)
        {
            return Result<ServiceItem>.Fail(BudgetErrorCode.InvalidAmount, "The unit price must be above zero.");
        }

        return new ServiceItem { Id = id, Area = area, Code = code, Name = name.Trim(), Provider = provider, Category = category, Unit = unit.Trim(), UnitPrice = unitPrice.Pence };
    }
}
