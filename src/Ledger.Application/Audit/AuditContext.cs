namespace Ledger.Application.Audit;

/// <summary>Who is behind the writes in progress, for the audit trail.</summary>
/// <param name="UserName">The user name, or <c>system</c>, <c>cli:…</c>, <c>job:…</c>.</param>
/// <param name="Role">The role they act in.</param>
/// <param name="AreaCode">Their area's code, when they work in one.</param>
/// <param name="ClientAddress">The client's network address, for a request over HTTP.</param>
public sealed record AuditActor(string UserName, string Role, string? AreaCode = null, string? ClientAddress = null)
{
    /// <summary>Work nobody signed in for and no host named.</summary>
    public static AuditActor System { get; } = new("system", "system");

    /// <summary>The command line, run by <paramref name="osUser"/>.</summary>
    public static AuditActor Cli(string osUser) => new($"cli:{osUser}", "cli");

    /// <summary>A background job named <paramref name="name"/>.</summary>
    public static AuditActor Job(string name) => new($"job:{name}", "job");
}

/// <summary>
/// The ambient <see cref="AuditActor"/>: set once by each entry point (the web host per request, the
/// command line, a job) and read by the audit trail when records are written, so no service passes it along.
/// It flows with the async call, so concurrent requests each keep their own.
/// </summary>
public static class AuditContext
{
    private static readonly AsyncLocal<AuditActor?> Ambient = new();

    /// <summary>Who is acting now: <see cref="AuditActor.System"/> when nobody said.</summary>
    public static AuditActor Current => Ambient.Value ?? AuditActor.System;

    /// <summary>Acts as <paramref name="actor"/> until the returned scope is disposed.</summary>
    public static IDisposable Begin(AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var previous = Ambient.Value;
        Ambient.Value = actor;
        return new Scope(previous);
    }

    private sealed class Scope(AuditActor? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
