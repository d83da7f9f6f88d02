using System.ComponentModel;
using System.Diagnostics;

namespace Opto.Cli.Processes;

/// <summary>
/// Runs a child with this process's standard input, output and error, so its output streams as it is written and a
/// child that draws progress bars still sees a terminal.
/// </summary>
/// <param name="cancelGrace">How long a cancelled child may take to stop by itself before it is killed.</param>
internal sealed class ChildProcessLauncher(TimeSpan cancelGrace) : IProcessLauncher
{
    public async Task<int> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var info = new ProcessStartInfo(spec.FileName) { UseShellExecute = false, WorkingDirectory = spec.WorkingDirectory };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        using var process = Start(info, spec);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C in a terminal reaches the whole foreground process group, so the child received it as well and
            // may be recording its run as cancelled: let it finish that, and kill it only if it does not stop in time.
            using var grace = new CancellationTokenSource(cancelGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    private static Process Start(ProcessStartInfo info, ProcessSpec spec)
    {
        try
        {
            return Process.Start(info) ?? throw new CliException($"Could not start '{spec}'.");
        }
        catch (Win32Exception ex)
        {
            throw new CliException($"Could not start '{spec.FileName}' ({ex.Message}); is it installed and on PATH?");
        }
    }
}
