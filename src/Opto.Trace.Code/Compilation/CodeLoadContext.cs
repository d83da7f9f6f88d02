using System.Reflection;
using System.Runtime.Loader;

namespace Opto.Trace.Code;

/// <summary>
/// A collectible load context for one compiled piece of code. Its dependencies resolve in the context that loaded
/// this library, so that the code and the runner share one <see cref="CodeGuard"/> (and one copy of every type in
/// the delegate's signature). Once unloaded and no longer referenced, the garbage collector reclaims its assembly.
/// </summary>
internal sealed class CodeLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    private static readonly AssemblyLoadContext Host = GetLoadContext(typeof(CodeLoadContext).Assembly) ?? Default;

    protected override Assembly? Load(AssemblyName assemblyName) =>
        ReferenceEquals(Host, Default) ? null : Host.LoadFromAssemblyName(assemblyName);
}
