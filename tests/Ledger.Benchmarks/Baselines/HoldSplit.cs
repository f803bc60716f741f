namespace Ledger.Benchmarks.Baselines;

/// <summary>The baselines' own split of a hold across a budget's streams: pro rata to what each has available, exact to the penny.</summary>
internal static class HoldSplit
{
    /// <summary>The amount to hold on each account, or null when together they have too little.</summary>
    public static long[]? ProRata(long amount, IReadOnlyList<long> available)
    {
        long total = 0;
        foreach (var a in available)
        {
            total += Math.Max(0, a);
        }

        if (total < amount)
        {
            return null;
        }

        var shares = new long[available.Count];
        long given = 0;
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = (long)((Int128)amount * Math.Max(0, available[i]) / total);
            given += shares[i];
        }

        // The pennies left by rounding down go to the first accounts that can take them.
        for (var i = 0; given < amount && i < shares.Length; i++)
        {
            var extra = Math.Min(amount - given, Math.Max(0, available[i]) - shares[i]);
            shares[i] += extra;
            given += extra;
        }

        return shares;
    }
}
