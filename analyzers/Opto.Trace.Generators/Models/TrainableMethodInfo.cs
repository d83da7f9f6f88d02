using System.Linq;
using Opto.Trace.Generators.Helpers;

namespace Opto.Trace.Generators.Models;

/// <summary>One parameter of a [Trainable] method.</summary>
/// <param name="Name">The name as written in code (keywords escaped with '@').</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="DefaultValue">The default value as a C# expression, or <see langword="null"/> when there is none.</param>
internal sealed record TrainableParameterInfo(string Name, string Type, string? DefaultValue);

/// <summary>Everything needed to emit the code parameter and the overloads of one [Trainable] method.</summary>
/// <param name="Hierarchy">Where the members go.</param>
/// <param name="MethodName">The method's name as written in code; also the code parameter's key.</param>
/// <param name="TracedName">The traced overload's name: the same, or <c>…Traced</c> when the method takes no argument.</param>
/// <param name="TrainedName">The plain method that runs the current code: <c>…Trained</c>.</param>
/// <param name="Accessibility">The method's accessibility keywords, which the generated members share.</param>
/// <param name="ReturnType">The fully qualified declared return type (<c>Task&lt;T&gt;</c> for async methods).</param>
/// <param name="ResultType">The fully qualified result type: <c>T</c> for <c>T</c> and <c>Task&lt;T&gt;</c>.</param>
/// <param name="IsAsync">Whether the method returns <c>Task&lt;T&gt;</c>.</param>
/// <param name="Parameters">The parameters, in order.</param>
/// <param name="Description">The code parameter's description: from the attribute, else the XML summary.</param>
/// <param name="Documentation">The XML summary as plain text, the operation's documentation.</param>
/// <param name="Rules">The texts of its [Constraint] attributes, joined, or <see langword="null"/>.</param>
/// <param name="Source">The code parameter's first value: the declaration as written, without attributes, after the usings it needs.</param>
/// <param name="InTraceModel">Whether the containing class is a [TraceModel], whose keys may carry a prefix.</param>
internal sealed record TrainableMethodInfo(
    HierarchyInfo Hierarchy,
    string MethodName,
    string TracedName,
    string TrainedName,
    string Accessibility,
    string ReturnType,
    string ResultType,
    bool IsAsync,
    EquatableArray<TrainableParameterInfo> Parameters,
    string? Description,
    string? Documentation,
    string? Rules,
    string Source,
    bool InTraceModel)
{
    /// <summary>The delegate type a version of the code implements, e.g. <c>global::System.Func&lt;string, string&gt;</c>.</summary>
    public string DelegateType => "global::System.Func<" + string.Join(", ", Parameters.Select(p => p.Type).Concat(new[] { ReturnType })) + ">";
}
