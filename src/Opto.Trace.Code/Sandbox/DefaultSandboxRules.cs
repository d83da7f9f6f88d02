namespace Opto.Trace.Code;

/// <summary>The rules of <see cref="SandboxPolicy.Default"/>, with the reason quoted to the optimizer for each denial.</summary>
internal static class DefaultSandboxRules
{
    private const string FileSystem = "file system access";
    private const string Network = "network access";
    private const string Processes = "starting or inspecting processes";
    private const string Reflection = "reflection";
    private const string Threads = "creating threads (the code runs on one thread under a time budget)";
    private const string Blocking = "blocking waits (use await instead)";
    private const string NativeInterop = "native interop (P/Invoke)";
    private const string UnsafeMemory = "memory-unsafe operations";
    private const string AssemblyLoading = "loading assemblies";
    private const string ProcessWide = "changing process-wide state";

    public static SandboxPolicy Build() => SandboxPolicy.FromRules(AllowedNamespaces, AllowedTypes, DeniedNamespaces, DeniedTypes, DeniedMembers);

    private static readonly string[] AllowedNamespaces =
    [
        "System",
        "System.Collections",
        "System.Collections.Generic",
        "System.Collections.Immutable",
        "System.Collections.ObjectModel",
        "System.Collections.Specialized",
        "System.Diagnostics.CodeAnalysis",
        "System.Globalization",
        "System.Linq",
        "System.Numerics",
        "System.Text",
        "System.Text.Json",
        "System.Text.Json.Nodes",
        "System.Text.RegularExpressions",
    ];

    private static readonly string[] AllowedTypes =
    [
        // await needs the task types, and a CancellationToken may be passed in; nothing that starts or blocks threads.
        "System.Threading.Tasks.Task",
        "System.Threading.Tasks.Task`1",
        "System.Threading.Tasks.ValueTask",
        "System.Threading.Tasks.ValueTask`1",
        "System.Threading.Tasks.TaskCanceledException",
        "System.Threading.CancellationToken",
        "System.Threading.Interlocked",
        "System.Threading.Volatile",
        "System.Threading.Lock",
        "System.Diagnostics.Stopwatch",
        // Type.Name and friends are declared on MemberInfo; what it could lead to (Module, MethodInfo…) is denied by type.
        "System.Reflection.MemberInfo",
        // Streams and readers that live in memory only; their file-backed relatives stay denied.
        "System.IO.Stream",
        "System.IO.MemoryStream",
        "System.IO.TextReader",
        "System.IO.TextWriter",
        "System.IO.StringReader",
        "System.IO.StringWriter",
        "System.IO.BinaryReader",
        "System.IO.BinaryWriter",
        "System.IO.SeekOrigin",
        "System.IO.IOException",
        "System.IO.EndOfStreamException",
        "System.IO.InvalidDataException",
        // The compiler binds interpolated strings to this handler in some overloads (string.Create, etc.).
        "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
        // task.ConfigureAwait(false) and Task.Yield() have these types; their awaiters (which can block) stay denied.
        "System.Runtime.CompilerServices.ConfiguredTaskAwaitable",
        "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1",
        "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable",
        "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1",
        "System.Runtime.CompilerServices.YieldAwaitable",
    ];

    private static readonly KeyValuePair<string, string>[] DeniedNamespaces =
    [
        new("System.IO", FileSystem),
        new("System.Net", Network),
        new("System.Diagnostics", "diagnostics and processes"),
        new("System.Reflection", Reflection),
        new("System.Runtime.InteropServices", NativeInterop),
        new("System.Runtime.CompilerServices", "compiler services (Unsafe, RuntimeHelpers)"),
        new("System.Runtime.Loader", AssemblyLoading),
        new("System.Runtime", "runtime services"),
        new("System.Threading", Threads),
        new("System.Timers", "timers (they run code on other threads)"),
        new("System.Security", "security and cryptography services"),
        new("System.Dynamic", "dynamic binding"),
        new("Microsoft.CSharp", "dynamic binding"),
        new("System.Linq.Expressions", "expression trees (compiled to code at run time)"),
        new("System.CodeDom", "code generation"),
        new("System.Resources", "resource files"),
        new("Microsoft.Win32", "the registry and OS handles"),
        new("Opto", "the host's own libraries"),
    ];

    private static readonly KeyValuePair<string, string>[] DeniedTypes =
    [
        new("System.Environment", "environment access (variables, command line, exit)"),
        new("System.AppContext", ProcessWide),
        new("System.AppDomain", AssemblyLoading),
        new("System.Activator", Reflection + " (creating instances by type)"),
        new("System.GC", "controlling the garbage collector"),
        new("System.GCHandle", UnsafeMemory),
        new("System.Console", "console input and output"),
        new("System.RuntimeTypeHandle", Reflection),
        new("System.RuntimeMethodHandle", Reflection),
        new("System.RuntimeFieldHandle", Reflection),
        new("System.ModuleHandle", Reflection),
        new("System.TypedReference", UnsafeMemory),
        new("System.ArgIterator", UnsafeMemory),
        new("System.RuntimeArgumentHandle", UnsafeMemory),
        new("System.Diagnostics.Process", Processes),
        new("System.Diagnostics.ProcessStartInfo", Processes),
        new("System.Diagnostics.Debugger", "attaching or signalling a debugger"),
        new("System.Reflection.Assembly", AssemblyLoading),
        new("System.Runtime.Loader.AssemblyLoadContext", AssemblyLoading),
        new("System.Runtime.CompilerServices.Unsafe", UnsafeMemory),
        new("System.Runtime.InteropServices.Marshal", "unmanaged memory (Marshal)"),
        new("System.Runtime.InteropServices.DllImportAttribute", NativeInterop),
        new("System.Runtime.InteropServices.LibraryImportAttribute", NativeInterop),
        new("System.Threading.Thread", Threads),
        new("System.Threading.ThreadPool", Threads),
        new("System.Threading.Timer", Threads),
        new("System.Threading.Tasks.Parallel", Threads),
        new("System.Threading.Tasks.TaskFactory", Threads),
        new("System.Threading.Tasks.TaskFactory`1", Threads),
        new("System.Threading.Tasks.TaskScheduler", Threads),
        new("System.Linq.ParallelEnumerable", Threads),
        new("System.Linq.Queryable", "expression trees (compiled to code at run time)"),
        new("System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter", Blocking),
        new("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter", Blocking),
        new("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter", Blocking),
        new("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter", Blocking),
    ];

    private static readonly KeyValuePair<string, string>[] DeniedMembers =
    [
        // Type is allowed for typeof and GetType().Name; looking types up by name or invoking members is reflection.
        // (Members that return MethodInfo, Assembly and the like are caught by the type of their result.)
        new("System.Type.GetType", Reflection + " (finding types by name)"),
        new("System.Type.InvokeMember", Reflection),
        new("System.Type.GetTypeFromHandle", Reflection),
        new("System.Type.GetTypeFromCLSID", Reflection),
        new("System.Type.GetTypeFromProgID", Reflection),
        new("System.Type.ReflectionOnlyGetType", Reflection),
        new("System.Type.MakeGenericType", Reflection),
        new("System.Type.TypeHandle", Reflection),
        new("System.Delegate.CreateDelegate", Reflection),
        new("System.Threading.Tasks.Task.Run", Threads),
        new("System.Threading.Tasks.Task.Factory", Threads),
        new("System.Threading.Tasks.Task`1.Factory", Threads),
        new("System.Threading.Tasks.Task.Start", Threads),
        new("System.Threading.Tasks.Task.RunSynchronously", Threads),
        new("System.Threading.Tasks.Task.ContinueWith", Threads),
        new("System.Threading.Tasks.Task`1.ContinueWith", Threads),
        new("System.Threading.Tasks.Task.Wait", Blocking),
        new("System.Threading.Tasks.Task.WaitAll", Blocking),
        new("System.Threading.Tasks.Task.WaitAny", Blocking),
        new("System.Threading.Tasks.Task`1.Result", Blocking),
        new("System.Threading.Tasks.ValueTask`1.Result", Blocking),
        new("System.Text.Encoding.RegisterProvider", ProcessWide),
        new("System.TimeZoneInfo.FindSystemTimeZoneById", "reading the system's time-zone files by name"),
        new("System.TimeZoneInfo.TryFindSystemTimeZoneById", "reading the system's time-zone files by name"),
        new("System.Globalization.CultureInfo.DefaultThreadCurrentCulture", ProcessWide),
        new("System.Globalization.CultureInfo.DefaultThreadCurrentUICulture", ProcessWide),
        new("System.Text.RegularExpressions.Regex.CacheSize", ProcessWide),
    ];
}
