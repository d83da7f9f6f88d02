using Opto.Trace.Generators.Helpers;

namespace Opto.Trace.Generators.Models;

/// <summary>A trainable member as a model lists it.</summary>
/// <param name="PropertyName">The property whose parameter is listed, or the trainable method; either way the parameter's key.</param>
/// <param name="Type">The fully qualified value type (for a method: <see langword="null"/>, the source is a string).</param>
/// <param name="IsMethod">Whether it is a [Trainable] method, whose code parameter is listed.</param>
internal sealed record ModelParameterInfo(string PropertyName, string? Type, bool IsMethod);

/// <summary>Everything needed to emit <c>Parameters()</c>, save and load for one [TraceModel] class.</summary>
/// <param name="Hierarchy">Where the members go.</param>
/// <param name="TypeName">The class's name, for documentation.</param>
/// <param name="Parameters">The class's own trainable members, in declaration order.</param>
/// <param name="NestedModels">Members (properties first, then fields) whose type is itself a model; their names, as written in code.</param>
internal sealed record TraceModelInfo(
    HierarchyInfo Hierarchy,
    string TypeName,
    EquatableArray<ModelParameterInfo> Parameters,
    EquatableArray<string> NestedModels);
