using System.Text;

namespace Opto.Trace;

/// <summary>C# spellings of runtime types (int, List&lt;string&gt;, double?, (string, int), int[,]) for messages and prompts.</summary>
public static class TypeNames
{
    // Exact types only: Type.GetTypeCode would also call an enum "int".
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char", [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int",
        [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(float)] = "float",
        [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object",
        [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };


    /// <summary>The C# way of writing a type, without namespaces: keywords for built-in types, generic arguments spelled out.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    public static string Friendly(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (type.IsArray)
        {
            return Friendly(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Friendly(underlying) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.IsNested && !type.IsGenericParameter ? Friendly(type.DeclaringType!) + "." + type.Name : type.Name;
        }

        var arguments = type.GetGenericArguments();
        if (type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true && arguments.Length is > 1 and < 8)
        {
            return "(" + string.Join(", ", arguments.Select(Friendly)) + ")";
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return new StringBuilder(tick < 0 ? name : name[..tick]).Append('<').AppendJoin(", ", arguments.Select(Friendly)).Append('>').ToString();
    }

    /// <summary>A lower-case identifier for a type, used as the default base name of input nodes.</summary>
    internal static string NodeBase(Type t)
    {
        if (Keywords.TryGetValue(Nullable.GetUnderlyingType(t) ?? t, out var keyword))
        {
            return keyword;
        }

        if (t.IsArray)
        {
            return "array";
        }

        var name = t.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name[1..]; // IReadOnlyList -> ReadOnlyList
        }

        return NameText.Sanitize(char.ToLowerInvariant(name[0]) + name[1..]);
    }
}

/// <summary>
/// The node base name of <typeparamref name="T"/>, computed once: input and constant nodes are named after their type
/// on every creation, which is on the tracing hot path (a static field read costs nothing).
/// </summary>
internal static class NodeBaseOf<T>
{
    public static readonly string Name = TypeNames.NodeBase(typeof(T));
}
