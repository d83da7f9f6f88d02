using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Opto.Trace.Code;

/// <summary>
/// The assemblies trainable code is compiled against: the running runtime's trusted platform assemblies, filtered
/// to an allow-list of names, plus this library (for the budget guard) and whatever the caller adds. Metadata
/// references are shared process-wide, so that the compiler reads each assembly's metadata once.
/// </summary>
internal static class ReferenceSet
{
    private static readonly ConcurrentDictionary<string, MetadataReference> ByPath = new(StringComparer.Ordinal);
    private static readonly Lazy<Dictionary<string, string>> PlatformAssemblies = new(ReadPlatformAssemblies);

    /// <summary>The references for a compilation.</summary>
    /// <exception cref="InvalidOperationException">The runtime lists no trusted platform assemblies (e.g. single-file apps).</exception>
    public static IReadOnlyList<MetadataReference> Build(IEnumerable<string> assemblyNames, IEnumerable<Assembly> extra)
    {
        var platform = PlatformAssemblies.Value;
        var paths = new List<string>();
        foreach (var name in assemblyNames)
        {
            // A name this runtime does not ship is skipped: the set differs slightly between runtime versions.
            if (platform.TryGetValue(name, out var path))
            {
                paths.Add(path);
            }
        }

        paths.Add(LocationOf(typeof(CodeGuard).Assembly));
        paths.AddRange(extra.Select(LocationOf));
        return [.. paths.Distinct(StringComparer.Ordinal).Select(p => ByPath.GetOrAdd(p, static p => MetadataReference.CreateFromFile(p)))];
    }

    private static string LocationOf(Assembly assembly)
    {
        if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location))
        {
            throw new InvalidOperationException(
                $"Assembly '{assembly.GetName().Name}' has no file on disk (a dynamic assembly or a single-file app), so trainable code cannot be compiled against it.");
        }

        return assembly.Location;
    }

    private static Dictionary<string, string> ReadPlatformAssemblies()
    {
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string;
        if (string.IsNullOrEmpty(list))
        {
            throw new InvalidOperationException(
                "The runtime lists no trusted platform assemblies (is this a single-file or AOT app?); trainable code needs the framework's assemblies on disk to compile against.");
        }

        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            map.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        return map;
    }
}
