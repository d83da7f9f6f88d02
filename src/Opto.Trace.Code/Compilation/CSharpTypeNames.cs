using System.Reflection;

namespace Opto.Trace.Code;

/// <summary>Signatures shown to the optimizer (<c>int Add(int a, int b)</c>); type names come from <see cref="TypeNames"/>.</summary>
internal static class CSharpTypeNames
{
    /// <summary>The signature a delegate expects, as a C# method named <paramref name="methodName"/>.</summary>
    public static string Signature(MethodInfo invoke, string methodName, bool withParameterNames) =>
        TypeNames.Friendly(invoke.ReturnType) + " " + methodName + "(" +
        string.Join(", ", invoke.GetParameters().Select(p => withParameterNames ? TypeNames.Friendly(p.ParameterType) + " " + p.Name : TypeNames.Friendly(p.ParameterType))) + ")";
}
