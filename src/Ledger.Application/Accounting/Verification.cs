namespace Ledger.Application.Accounting;

/// <summary>The result of one verifier check.</summary>
/// <param name="Name">What was checked, e.g. "entries balance per funding stream".</param>
/// <param name="Passed">True when the invariant holds.</param>
/// <param name="Detail">Counts checked, or the first failures found (naming accounts, entries or holds).</param>
public sealed record VerificationCheck(string Name, bool Passed, string Detail);

/// <summary>Everything the verifier found (R28).</summary>
/// <param name="Checks">One result per invariant.</param>
public sealed record VerificationReport(IReadOnlyList<VerificationCheck> Checks)
{
    /// <summary>True when every check passed.</summary>
    public bool AllPassed => Checks.All(c => c.Passed);
}

/// <summary>Recomputes every balance from the postings and proves the ledger's invariants (R28).</summary>
public interface ILedgerVerifier
{
    /// <summary>Runs every check; never stops at the first failure.</summary>
    Task<VerificationReport> VerifyAsync(CancellationToken cancellationToken = default);
}
