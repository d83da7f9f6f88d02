namespace Opto.Cli.Processes;

/// <summary>Starts a child process that shares this console and waits for it.</summary>
internal interface IProcessLauncher
{
    /// <summary>Runs the process to its end.</summary>
    /// <param name="spec">What to run.</param>
    /// <param name="cancellationToken">Ctrl+C: the child is given a moment to stop by itself, then stopped by force.</param>
    /// <returns>The child's exit code.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled (the child has exited by then).</exception>
    /// <exception cref="CliException">The program could not be started.</exception>
    Task<int> RunAsync(ProcessSpec spec, CancellationToken cancellationToken);
}
