using System.Diagnostics;

namespace Ledger.Integration.Tests.Infrastructure;

/// <summary>Runs the real operations CLI (src/Ledger.Cli) as a separate OS process.</summary>
public static class CliProcess
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string CliAssembly
    {
        get
        {
            // The test project references the CLI, so it is built in the same configuration.
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release" : "Debug";
            var path = Path.Combine(RepositoryRoot, "src", "Ledger.Cli", "bin", configuration, "net10.0", "ledger.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Ledger.Cli first.", path);
        }
    }

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartIn(Path.GetTempPath(), environment, args);

    /// <summary>Starts the CLI with <paramref name="workingDirectory"/> as its current directory (where relative output paths land).</summary>
    public static Process StartIn(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(CliAssembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the CLI.");
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        return await WaitAsync(process);
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunInAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment,
        params string[] args)
    {
        using var process = StartIn(workingDirectory, environment, args);
        return await WaitAsync(process);
    }

    /// <summary>
    /// Reads the process's standard output line by line until <paramref name="stop"/> accepts a line
    /// (true) or the output ends or <paramref name="timeout"/> passes (false); the lines read are kept
    /// in <paramref name="lines"/>.
    /// </summary>
    public static async Task<bool> ReadUntilAsync(Process process, Func<string, bool> stop, TimeSpan timeout, List<string> lines)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(lines);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                lines.Add(line);
                if (stop(line))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }

        return false;
    }

    /// <summary>Kills the process (and anything it started) at once, as a crash or a power cut would, and waits for it to go.</summary>
    public static async Task KillAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
    }

    public static async Task<(int ExitCode, string Output, string Error)> WaitAsync(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Ledger.sln not found above the test binaries.");
    }
}
