namespace Opto.Cli.Projects;

/// <summary>Turns what the user typed after <c>opto run</c> into a project: a path, or an example of the repository.</summary>
internal static class ProjectLocator
{
    public const string SolutionFileName = "Trace.sln";
    public const string ExamplesFolderName = "examples";

    /// <summary>The project path (a .csproj file or a folder holding one) for <paramref name="target"/>.</summary>
    /// <param name="target">A project path, an example's number (<c>03</c>, <c>3</c>) or name (<c>TraceBasics</c>, <c>03-TraceBasics</c>).</param>
    /// <param name="currentDirectory">Where relative paths start and the search for the repository begins.</param>
    /// <returns>The full path to pass to <c>dotnet run --project</c>.</returns>
    /// <exception cref="CliException">Nothing matches, or several examples do.</exception>
    public static string Resolve(string target, string currentDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var asPath = Path.GetFullPath(target, currentDirectory);
        if (File.Exists(asPath) && asPath.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            return asPath;
        }

        if (Directory.Exists(asPath) && Directory.EnumerateFiles(asPath, "*.csproj").Any())
        {
            return asPath;
        }

        var root = FindRepositoryRoot(currentDirectory)
            ?? throw new CliException(
                $"'{target}' is not a project file or folder, and there is no {SolutionFileName} above '{currentDirectory}' whose examples could hold it.");
        var examples = Examples(root);
        var matches = examples.Where(e => Matches(Path.GetFileName(e), target)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CliException(
                $"'{target}' is neither a project path nor an example; the examples are {Describe(examples)}."),
            _ => throw new CliException($"'{target}' matches several examples: {Describe(matches)}."),
        };
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds Trace.sln.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>The example folders (those holding a project) of a repository, by name.</summary>
    public static IReadOnlyList<string> Examples(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, ExamplesFolderName);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateDirectories(folder).Where(d => Directory.EnumerateFiles(d, "*.csproj").Any()).Order(StringComparer.Ordinal)]
            : [];
    }

    // "04-NumericOptimization" is matched by its full name, by "NumericOptimization", and by "04" or "4".
    private static bool Matches(string folderName, string target)
    {
        if (string.Equals(folderName, target, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var dash = folderName.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0)
        {
            return false;
        }

        var number = folderName[..dash];
        var name = folderName[(dash + 1)..];
        if (string.Equals(name, target, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return int.TryParse(number, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && int.TryParse(target, System.Globalization.CultureInfo.InvariantCulture, out var wanted)
            && n == wanted;
    }

    private static string Describe(IReadOnlyList<string> folders) =>
        folders.Count == 0 ? "none (the examples folder is empty or missing)" : string.Join(", ", folders.Select(Path.GetFileName));
}
