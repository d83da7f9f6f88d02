namespace Opto.Cli.Processes;

/// <summary>Looks for a program in the folders of a PATH value, as a shell would.</summary>
/// <param name="pathVariable">The PATH value (folders separated by the platform's separator).</param>
internal sealed class PathExecutableLocator(string? pathVariable) : IExecutableLocator
{
    public string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".cmd", name + ".bat" } : [name];
        var folders = (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return folders.SelectMany(folder => names.Select(n => Path.Combine(folder, n))).FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
