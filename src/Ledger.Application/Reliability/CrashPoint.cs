namespace Ledger.Application.Reliability;

/// <summary>
/// Named places in multi-step work (a payment run between its ledger entry and its record, say) where the crash-safety
/// tests stop the process to kill it there (issue 9). Off unless the environment variable <c>LEDGER_CRASH_AT</c> names
/// a point as <c>NAME</c> or <c>NAME#N</c> (the N-th time it is reached, from 1): the process then writes
/// <c>crash-point NAME</c> to standard error and waits, and the test kills it with SIGKILL — a real crash at a known
/// place rather than a hoped-for one. Nothing else changes behaviour; a production host never sets the variable.
/// </summary>
public static class CrashPoint
{
    /// <summary>The environment variable that arms one crash point.</summary>
    public const string Variable = "LEDGER_CRASH_AT";

    private static readonly string? Armed = Environment.GetEnvironmentVariable(Variable);
    private static int _reached;

    /// <summary>Marks the place <paramref name="name"/>; stops here for the kill when it is the armed point.</summary>
    public static void Reached(string name)
    {
        if (Armed is null)
        {
            return;
        }

        var parts = Armed.Split('#', 2);
        if (!string.Equals(parts[0], name, StringComparison.Ordinal))
        {
            return;
        }

        var wanted = parts.Length == 2 && int.TryParse(parts[1], out var n) ? n : 1;
        if (Interlocked.Increment(ref _reached) != wanted)
        {
            return;
        }

        Console.Error.WriteLine($"crash-point {name}");
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
