namespace Opto.Trace;

/// <summary>Short, C#-looking type names (int, List&lt;string&gt;, double?) for messages and prompts.</summary>
public static class TypeNames
{
    /// <summary>The C# way of writing a type: keywords for built-in types, generic arguments spelled out.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    public static string Friendly(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Friendly(inner) + "?";
        }

        if (type.IsArray)
        {
            return Friendly(type.GetElementType()!) + "[]";
        }

        var keyword = Keyword(type);
        if (keyword is not null)
        {
            return keyword;
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{name[..tick]}<{string.Join(", ", type.GetGenericArguments().Select(Friendly))}>";
    }

    /// <summary>A lower-case identifier for a type, used as the default base name of input nodes.</summary>
    internal static string NodeBase(Type type)
    {
        if (Keyword(Nullable.GetUnderlyingType(type) ?? type) is { } keyword)
        {
            return keyword;
        }

        if (type.IsArray)
        {
            return "array";
        }

        var name = type.Name;
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

    private static string? Keyword(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => "bool",
        TypeCode.Byte => "byte",
        TypeCode.SByte => "sbyte",
        TypeCode.Char => "char",
        TypeCode.Int16 => "short",
        TypeCode.UInt16 => "ushort",
        TypeCode.Int32 => "int",
        TypeCode.UInt32 => "uint",
        TypeCode.Int64 => "long",
        TypeCode.UInt64 => "ulong",
        TypeCode.Single => "float",
        TypeCode.Double => "double",
        TypeCode.Decimal => "decimal",
        TypeCode.String => "string",
        _ => type == typeof(object) ? "object" : null,
    };
}
