using System.Reflection;
using System.Text;

namespace Opto.Trace.Code;

/// <summary>C# spellings of runtime types, for signatures shown to the optimizer (<c>int Add(int a, int b)</c>).</summary>
internal static class CSharpTypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char", [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int",
        [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(float)] = "float",
        [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object",
        [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };

    /// <summary>The C# name of a type, without namespaces (<c>List&lt;int&gt;</c>, <c>(string, int)</c>, <c>double[]</c>).</summary>
    public static string Format(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (type.IsArray)
        {
            return Format(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Format(underlying) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.IsNested ? Format(type.DeclaringType!) + "." + type.Name : type.Name;
        }

        var arguments = type.GetGenericArguments();
        if (type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true && arguments.Length is > 1 and < 8)
        {
            return "(" + string.Join(", ", arguments.Select(Format)) + ")";
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var text = new StringBuilder(tick < 0 ? name : name[..tick]);
        text.Append('<').AppendJoin(", ", arguments.Select(Format)).Append('>');
        return text.ToString();
    }

    /// <summary>The signature a delegate expects, as a C# method named <paramref name="methodName"/>.</summary>
    public static string Signature(MethodInfo invoke, string methodName, bool withParameterNames) =>
        Format(invoke.ReturnType) + " " + methodName + "(" +
        string.Join(", ", invoke.GetParameters().Select(p => withParameterNames ? Format(p.ParameterType) + " " + p.Name : Format(p.ParameterType))) + ")";
}
