using Opto.Trace.Generators.Helpers;

namespace Opto.Trace.Generators.Models;

/// <summary>How a [Bundle] method returns its result.</summary>
internal enum ResultKind
{
    /// <summary>The value itself.</summary>
    Value,

    /// <summary>A <c>Task&lt;T&gt;</c>.</summary>
    Task,

    /// <summary>A <c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTask,
}

/// <summary>One parameter of a [Bundle] method.</summary>
/// <param name="Name">The name as written in code (keywords escaped with '@').</param>
/// <param name="MetadataName">The plain name, for <c>Operation.ParameterNames</c>.</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="IsCancellationToken">Cancellation tokens are passed through, not traced.</param>
/// <param name="DefaultValue">For a cancellation token with a default: <c>default</c>; otherwise <see langword="null"/>.</param>
internal sealed record BundleParameterInfo(string Name, string MetadataName, string Type, bool IsCancellationToken, string? DefaultValue);

/// <summary>Everything needed to emit the traced overload of one [Bundle] method.</summary>
/// <param name="Hierarchy">Where the overload goes.</param>
/// <param name="MethodName">The method's name as written in code.</param>
/// <param name="OverloadName">The generated method's name: the same, or <c>…Traced</c> when no argument is traced.</param>
/// <param name="OperationName">The operation's name in traces.</param>
/// <param name="Accessibility">The method's accessibility keywords.</param>
/// <param name="IsStatic">Whether the method is static.</param>
/// <param name="HidesInherited">Whether a base class's [Bundle] method already has an overload of this shape.</param>
/// <param name="ResultType">The fully qualified result type (the <c>T</c> of <c>Task&lt;T&gt;</c> for async methods).</param>
/// <param name="Result">How the result is returned.</param>
/// <param name="Parameters">The parameters, in order.</param>
/// <param name="Documentation">The XML summary as plain text.</param>
/// <param name="SourceText">The declaration as written.</param>
/// <param name="FilePath">The file of the declaration.</param>
/// <param name="Line">The 1-based line where the declaration starts.</param>
/// <param name="CachesStaticMethodGroups">Whether the language version (C# 11 and later) caches the delegate of a static method group, as it does for a static lambda.</param>
internal sealed record BundleMethodInfo(
    HierarchyInfo Hierarchy,
    string MethodName,
    string OverloadName,
    string OperationName,
    string Accessibility,
    bool IsStatic,
    bool HidesInherited,
    string ResultType,
    ResultKind Result,
    EquatableArray<BundleParameterInfo> Parameters,
    string? Documentation,
    string SourceText,
    string FilePath,
    int Line,
    bool CachesStaticMethodGroups);

/// <summary>The [Bundle] methods of one type, emitted together into one file.</summary>
/// <param name="Hierarchy">The type.</param>
/// <param name="Methods">Its [Bundle] methods in declaration order.</param>
internal sealed record BundleTypeInfo(HierarchyInfo Hierarchy, EquatableArray<BundleMethodInfo> Methods);
