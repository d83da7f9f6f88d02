using Opto.Runs;

namespace Opto.Reporting;

/// <summary>
/// Where a program finds its run store. The <c>opto run</c> command passes the store it reads to the program it starts
/// through <see cref="EnvironmentVariable"/>, so that an example writes its runs where the tool will look for them.
/// </summary>
public static class RunStoreLocation
{
    /// <summary>The environment variable that names the run store file: <c>OPTO_RUNS_DB</c>.</summary>
    public const string EnvironmentVariable = "OPTO_RUNS_DB";

    /// <summary>
    /// Chooses the run store path: <paramref name="explicitPath"/> when given, else the <see cref="EnvironmentVariable"/>
    /// variable of this process when set, else <see cref="RunStore.DefaultPath"/> of <paramref name="currentDirectory"/>.
    /// </summary>
    /// <param name="explicitPath">A path the user gave (e.g. a <c>--db</c> option); relative paths are taken from <paramref name="currentDirectory"/>.</param>
    /// <param name="currentDirectory">The directory relative paths start from, and whose <c>.opto/runs.db</c> is the default.</param>
    /// <returns>The full path of the store file.</returns>
    public static string Resolve(string? explicitPath, string currentDirectory) =>
        Resolve(explicitPath, currentDirectory, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>
    /// Chooses the run store path as <see cref="Resolve(string?, string)"/> does, with the environment variable's value
    /// passed in (for callers that read their environment elsewhere, and for tests).
    /// </summary>
    /// <param name="explicitPath">A path the user gave; wins when not blank.</param>
    /// <param name="currentDirectory">The directory relative paths start from.</param>
    /// <param name="environmentValue">The value of <see cref="EnvironmentVariable"/>, or <see langword="null"/> when unset.</param>
    /// <returns>The full path of the store file.</returns>
    public static string Resolve(string? explicitPath, string currentDirectory, string? environmentValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currentDirectory);
        var chosen = !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath
            : !string.IsNullOrWhiteSpace(environmentValue) ? environmentValue
            : null;
        return chosen is null ? RunStore.DefaultPath(currentDirectory) : Path.GetFullPath(chosen, Path.GetFullPath(currentDirectory));
    }
}
