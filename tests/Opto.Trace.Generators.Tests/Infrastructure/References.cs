using Microsoft.CodeAnalysis;

namespace Opto.Trace.Generators.Tests.Infrastructure;

/// <summary>
/// Metadata references for compiling test sources offline: the running runtime's own assemblies (from
/// TRUSTED_PLATFORM_ASSEMBLIES) plus Opto.Trace and Opto.Trace.Code. Nothing is downloaded, unlike the
/// reference-assembly presets of Microsoft.CodeAnalysis.Testing.
/// </summary>
internal static class References
{
    private static readonly Lazy<IReadOnlyList<string>> Paths = new(Find);
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Metadata = new(() => [.. Paths.Value.Select(p => MetadataReference.CreateFromFile(p))]);
    private static readonly Lazy<IReadOnlyList<MetadataReference>> MetadataWithoutCode = new(() =>
        [.. Paths.Value.Where(p => p != CodeAssemblyPath).Select(p => MetadataReference.CreateFromFile(p))]);

    public static IReadOnlyList<string> AssemblyPaths => Paths.Value;

    public static IReadOnlyList<MetadataReference> All => Metadata.Value;

    /// <summary>Everything but Opto.Trace.Code: a project that uses [Trainable] methods without the library they need.</summary>
    public static IReadOnlyList<MetadataReference> WithoutCode => MetadataWithoutCode.Value;

    private static string CodeAssemblyPath => typeof(Opto.Trace.Code.TrainableMethod<>).Assembly.Location;

    private static IReadOnlyList<string> Find()
    {
        var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return
        [
            .. trusted.Where(p => string.Equals(Path.GetDirectoryName(p), runtimeFolder, StringComparison.Ordinal)),
            typeof(Node).Assembly.Location,
            CodeAssemblyPath,
        ];
    }
}
