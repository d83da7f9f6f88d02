using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Trace.Code;

/// <summary>
/// Which APIs trainable code may use. The policy is checked on the compiler's semantic model before anything is
/// emitted or loaded: every type, method, property, field and event the code names (through aliases,
/// <c>global::</c> names, <c>var</c>, method groups or attributes alike) is resolved to its symbol and judged, and so
/// is the type of every expression, so that a value of a forbidden type cannot flow through the code unnamed.
/// </summary>
/// <remarks>
/// <para>Judging a symbol: an explicit type rule (on the type or a type that contains it) decides first; then the
/// longest denied namespace prefix, unless the exact namespace is allowed; anything else is refused as outside the
/// allow-list. A denied member (<see cref="DenyMember(string, string, string)"/>) is refused even on an allowed type.
/// Types that the code declares itself are always allowed, and so are the types of the expected delegate's
/// signature.</para>
/// <para>Unsafe code, pointers, <c>fixed</c>, <c>stackalloc</c>, <c>extern</c> methods, finalizers,
/// <c>async void</c> and <c>dynamic</c> are refused whatever the lists say.</para>
/// <para>This is a policy enforced inside the process, not an operating-system security boundary: see the
/// project's README for what it does and does not protect against.</para>
/// <para>Instances are immutable: the <c>Allow…</c> and <c>Deny…</c> methods return a new policy.</para>
/// </remarks>
/// <example>
/// <code>
/// var policy = SandboxPolicy.Default
///     .AllowNamespace("System.Buffers")
///     .AllowType(typeof(MyApp.Geometry))
///     .DenyMember("System.Math", "Pow", "use multiplication");
/// var compiler = new CodeCompiler(new CodeCompilerOptions { Policy = policy });
/// </code>
/// </example>
public sealed class SandboxPolicy
{
    private SandboxPolicy(ImmutableHashSet<string> allowedNamespaces, ImmutableHashSet<string> allowedTypes,
        ImmutableDictionary<string, string> deniedNamespaces, ImmutableDictionary<string, string> deniedTypes,
        ImmutableDictionary<string, string> deniedMembers)
    {
        AllowedNamespaces = allowedNamespaces;
        AllowedTypes = allowedTypes;
        DeniedNamespaces = deniedNamespaces;
        DeniedTypes = deniedTypes;
        DeniedMembers = deniedMembers;
    }

    /// <summary>
    /// Pure computation: <c>System</c>, collections, LINQ, text, regular expressions, JSON, globalization and
    /// numerics, <c>Task</c>/<c>ValueTask</c> for <c>await</c>, and in-memory streams. No file system, network,
    /// processes, reflection, environment, threads, timers, garbage-collector control, native interop, unsafe
    /// memory, assembly loading or console.
    /// </summary>
    public static SandboxPolicy Default { get; } = DefaultSandboxRules.Build();

    /// <summary>
    /// A policy that allows nothing but what the code declares itself (not even <c>System</c>, so not even
    /// <c>int</c>); start from it to build a strict allow-list with <see cref="AllowNamespace"/> and <see cref="AllowType(string)"/>.
    /// </summary>
    public static SandboxPolicy Empty { get; } = new(
        ImmutableHashSet.Create<string>(StringComparer.Ordinal),
        ImmutableHashSet.Create<string>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>Namespaces whose types are allowed (exactly these namespaces, not the ones nested in them).</summary>
    public IReadOnlySet<string> AllowedNamespaces { get; }

    /// <summary>Types allowed by full name (<c>System.IO.MemoryStream</c>, generic ones as <c>System.Threading.Tasks.Task`1</c>), with their nested types.</summary>
    public IReadOnlySet<string> AllowedTypes { get; }

    /// <summary>Denied namespace prefixes (a prefix also covers the namespaces nested in it) and why.</summary>
    public IReadOnlyDictionary<string, string> DeniedNamespaces { get; }

    /// <summary>Denied types by full name (with their nested types) and why.</summary>
    public IReadOnlyDictionary<string, string> DeniedTypes { get; }

    /// <summary>Denied members as <c>TypeFullName.MemberName</c> (every overload) and why.</summary>
    public IReadOnlyDictionary<string, string> DeniedMembers { get; }

    /// <summary>Allows every type of a namespace (not of the namespaces nested in it); removes a denial of that exact namespace.</summary>
    /// <param name="ns">The namespace, e.g. <c>System.Buffers</c>.</param>
    /// <returns>The new policy.</returns>
    /// <exception cref="ArgumentException">The name is not a dotted identifier.</exception>
    public SandboxPolicy AllowNamespace(string ns)
    {
        ValidateDottedName(ns, nameof(ns));
        return With(allowedNamespaces: Set(AllowedNamespaces).Add(ns), deniedNamespaces: Map(DeniedNamespaces).Remove(ns));
    }

    /// <summary>Allows a type (and the types nested in it) by full name; removes a denial of that exact type.</summary>
    /// <param name="fullName">The full name, e.g. <c>System.IO.Path</c>; generic types as <c>Name`1</c>; nested types with <c>+</c>.</param>
    /// <returns>The new policy.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public SandboxPolicy AllowType(string fullName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullName);
        return With(allowedTypes: Set(AllowedTypes).Add(fullName), deniedTypes: Map(DeniedTypes).Remove(fullName));
    }

    /// <summary>Allows a type (and the types nested in it); for a constructed generic type, its definition.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The new policy.</returns>
    public SandboxPolicy AllowType(Type type) => AllowType(FullNameOf(type));

    /// <summary>Allows a type (and the types nested in it).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <returns>The new policy.</returns>
    public SandboxPolicy AllowType<T>() => AllowType(typeof(T));

    /// <summary>Denies a namespace and every namespace nested in it; removes an allowance of that exact namespace.</summary>
    /// <param name="ns">The namespace prefix.</param>
    /// <param name="reason">Why, in a few words; quoted in the feedback (e.g. <c>file system access</c>).</param>
    /// <returns>The new policy.</returns>
    public SandboxPolicy DenyNamespace(string ns, string reason)
    {
        ValidateDottedName(ns, nameof(ns));
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return With(allowedNamespaces: Set(AllowedNamespaces).Remove(ns), deniedNamespaces: Map(DeniedNamespaces).SetItem(ns, reason));
    }

    /// <summary>Denies a type (and the types nested in it) by full name, even in an allowed namespace.</summary>
    /// <param name="fullName">The full name (generic types as <c>Name`1</c>, nested types with <c>+</c>).</param>
    /// <param name="reason">Why, in a few words; quoted in the feedback.</param>
    /// <returns>The new policy.</returns>
    public SandboxPolicy DenyType(string fullName, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullName);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return With(allowedTypes: Set(AllowedTypes).Remove(fullName), deniedTypes: Map(DeniedTypes).SetItem(fullName, reason));
    }

    /// <summary>Denies a type (and the types nested in it), even in an allowed namespace.</summary>
    /// <param name="type">The type.</param>
    /// <param name="reason">Why, in a few words; quoted in the feedback.</param>
    /// <returns>The new policy.</returns>
    public SandboxPolicy DenyType(Type type, string reason) => DenyType(FullNameOf(type), reason);

    /// <summary>Denies every overload of a member of a type, even when the type is allowed.</summary>
    /// <param name="typeFullName">The declaring type's full name, e.g. <c>System.Threading.Tasks.Task</c>.</param>
    /// <param name="memberName">The member, e.g. <c>Run</c>; <c>.ctor</c> for constructors.</param>
    /// <param name="reason">Why, in a few words; quoted in the feedback.</param>
    /// <returns>The new policy.</returns>
    public SandboxPolicy DenyMember(string typeFullName, string memberName, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeFullName);
        ArgumentException.ThrowIfNullOrWhiteSpace(memberName);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return With(deniedMembers: Map(DeniedMembers).SetItem(typeFullName + "." + memberName, reason));
    }

    /// <summary>Why a type is refused, or <see langword="null"/> when it is allowed.</summary>
    /// <param name="ns">The namespace ("" for the global one).</param>
    /// <param name="typeNames">The metadata names from the outermost containing type to the type itself.</param>
    internal string? RefusalOfType(string ns, IReadOnlyList<string> typeNames)
    {
        // The most specific explicit type rule wins: a nested type's own rule before its container's.
        for (var depth = typeNames.Count; depth >= 1; depth--)
        {
            var name = TypeKey(ns, typeNames, depth);
            if (DeniedTypes.TryGetValue(name, out var reason))
            {
                return reason;
            }

            if (AllowedTypes.Contains(name))
            {
                return null;
            }
        }

        if (AllowedNamespaces.Contains(ns))
        {
            return null;
        }

        string? best = null;
        string? bestReason = null;
        foreach (var (prefix, reason) in DeniedNamespaces)
        {
            var covers = ns.Length == prefix.Length ? ns == prefix : ns.StartsWith(prefix + ".", StringComparison.Ordinal);
            if (covers && (best is null || prefix.Length > best.Length))
            {
                best = prefix;
                bestReason = reason;
            }
        }

        return bestReason ?? NotAllowListed;
    }

    /// <summary>Why a member is refused by a member rule, or <see langword="null"/>.</summary>
    internal string? RefusalOfMember(string typeFullName, string memberName) =>
        DeniedMembers.TryGetValue(typeFullName + "." + memberName, out var reason) ? reason : null;

    internal const string NotAllowListed = "it is not on the sandbox's allow-list";

    internal static string TypeKey(string ns, IReadOnlyList<string> typeNames, int depth)
    {
        var nested = string.Join('+', typeNames.Take(depth));
        return ns.Length == 0 ? nested : ns + "." + nested;
    }

    internal static string FullNameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            type = type.GetGenericTypeDefinition();
        }

        if (type.IsArray || type.IsPointer || type.IsByRef || type.IsGenericParameter || type.FullName is null)
        {
            throw new ArgumentException($"'{type}' is not a named type; give the element or definition type instead.", nameof(type));
        }

        return type.FullName;
    }

    internal static SandboxPolicy FromRules(IEnumerable<string> allowedNamespaces, IEnumerable<string> allowedTypes,
        IEnumerable<KeyValuePair<string, string>> deniedNamespaces, IEnumerable<KeyValuePair<string, string>> deniedTypes,
        IEnumerable<KeyValuePair<string, string>> deniedMembers) => new(
            allowedNamespaces.ToImmutableHashSet(StringComparer.Ordinal),
            allowedTypes.ToImmutableHashSet(StringComparer.Ordinal),
            deniedNamespaces.ToImmutableDictionary(StringComparer.Ordinal),
            deniedTypes.ToImmutableDictionary(StringComparer.Ordinal),
            deniedMembers.ToImmutableDictionary(StringComparer.Ordinal));

    private SandboxPolicy With(ImmutableHashSet<string>? allowedNamespaces = null, ImmutableHashSet<string>? allowedTypes = null,
        ImmutableDictionary<string, string>? deniedNamespaces = null, ImmutableDictionary<string, string>? deniedTypes = null,
        ImmutableDictionary<string, string>? deniedMembers = null) => new(
            allowedNamespaces ?? Set(AllowedNamespaces),
            allowedTypes ?? Set(AllowedTypes),
            deniedNamespaces ?? Map(DeniedNamespaces),
            deniedTypes ?? Map(DeniedTypes),
            deniedMembers ?? Map(DeniedMembers));

    private static ImmutableHashSet<string> Set(IReadOnlySet<string> set) => (ImmutableHashSet<string>)set;

    private static ImmutableDictionary<string, string> Map(IReadOnlyDictionary<string, string> map) => (ImmutableDictionary<string, string>)map;

    private static void ValidateDottedName(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        if (name.Split('.').Any(part => !SyntaxFacts.IsValidIdentifier(part)))
        {
            throw new ArgumentException($"'{name}' is not a namespace name (dotted identifiers, e.g. System.Buffers).", paramName);
        }
    }
}
