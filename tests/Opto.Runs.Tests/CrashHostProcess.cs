using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Opto.Runs.Tests;

/// <summary>The crash host (tests/Opto.Runs.CrashHost) running as a child process, with its output lines as they come.</summary>
internal sealed class CrashHostProcess : IDisposable
{
    // Only a guard against a hung child, never a measure of speed.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];

    private CrashHostProcess(Process process) => _process = process;

    public static string HostPath { get; } = typeof(CrashHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CrashHostPath").Value!;

    public static CrashHostProcess Start(string storePath, int steps, int pauseMs, int holdAtStep)
    {
        Assert.True(File.Exists(HostPath), $"The crash host was not built at {HostPath}.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { HostPath, storePath, steps.ToString(), pauseMs.ToString(), holdAtStep.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var host = new CrashHostProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                host._lines.CompleteAdding();
            }
            else
            {
                host._lines.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => host.Errors += e.Data is null ? "" : e.Data + "\n";
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public string Errors { get; private set; } = "";

    /// <summary>Waits for a line that starts with <paramref name="prefix"/>; false when the host ended without printing one.</summary>
    public bool WaitFor(string prefix)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (!_lines.TryTake(out var line, TimeSpan.FromMilliseconds(200)))
            {
                if (_lines.IsCompleted)
                {
                    return false;
                }

                continue;
            }

            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        throw new TimeoutException($"The crash host printed no '{prefix}' line. Its errors: {Errors}");
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public int WaitForExit()
    {
        if (!_process.WaitForExit(Patience))
        {
            Kill();
            throw new TimeoutException($"The crash host did not finish. Its errors: {Errors}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _lines.Dispose();
    }
}
