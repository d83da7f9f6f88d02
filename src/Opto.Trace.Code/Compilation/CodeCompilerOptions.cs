using System.Reflection;

namespace Opto.Trace.Code;

/// <summary>How a <see cref="CodeCompiler"/> compiles trainable code.</summary>
public sealed record CodeCompilerOptions
{
    /// <summary>
    /// The runtime assemblies compiled against by default. Some hold APIs the sandbox denies (files, network,
    /// processes, threads): they are referenced on purpose, so that code using them is refused with the sandbox's
    /// reason instead of a puzzling "type not found" that would lead an optimizer to add usings in circles.
    /// </summary>
    public static IReadOnlyList<string> DefaultReferenceAssemblies { get; } =
    [
        "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Collections", "System.Collections.Concurrent",
        "System.Collections.Immutable", "System.Collections.Specialized", "System.Linq", "System.Linq.Expressions",
        "System.Linq.Parallel", "System.Linq.Queryable", "System.Memory", "System.ObjectModel", "System.Private.Uri",
        "System.Runtime.Numerics", "System.Numerics.Vectors", "System.Text.Encoding.Extensions",
        "System.Text.RegularExpressions", "System.Text.Json", "System.Console", "System.Threading",
        "System.Threading.Thread", "System.Threading.ThreadPool", "System.Threading.Tasks.Parallel",
        "System.ComponentModel.Primitives", "System.Diagnostics.Process", "System.Net.Primitives", "System.Net.Http",
        "System.Runtime.InteropServices", "System.Runtime.Loader", "System.Runtime.Intrinsics",
    ];

    /// <summary>The namespaces every piece of code can use without a <c>using</c>, like a project's implicit usings.</summary>
    public static IReadOnlyList<string> DefaultUsings { get; } =
        ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    /// <summary>What the code may use. Default: <see cref="SandboxPolicy.Default"/>.</summary>
    public SandboxPolicy Policy { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = SandboxPolicy.Default;

    /// <summary>How many compiled pieces of code are kept; the least recently used beyond this are unloaded. Default: 64.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int CacheCapacity
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The cache must hold at least one entry.");
    } = 64;

    /// <summary>Names of runtime assemblies (from the trusted platform assemblies) to compile against.</summary>
    public IReadOnlyList<string> ReferenceAssemblies { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = DefaultReferenceAssemblies;

    /// <summary>
    /// Further assemblies to compile against, e.g. the one that defines a type you allow in the policy. The
    /// assemblies of the expected delegate's signature are added automatically.
    /// </summary>
    public IReadOnlyList<Assembly> AdditionalReferences { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = [];

    /// <summary>Namespaces imported for every piece of code. Default: <see cref="DefaultUsings"/>.</summary>
    public IReadOnlyList<string> Usings { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = DefaultUsings;

    /// <summary>
    /// Whether to compile with optimizations. Optimized code runs tight loops faster, but its stack traces may name a
    /// neighbouring line, and the line quoted in an exception's feedback is then wrong. Default: false.
    /// </summary>
    public bool Optimize { get; init; }
}
