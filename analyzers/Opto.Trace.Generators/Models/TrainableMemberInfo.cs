using Opto.Trace.Generators.Helpers;

namespace Opto.Trace.Generators.Models;

/// <summary>One accessor of a partial property, as declared.</summary>
/// <param name="Keyword"><c>get</c>, <c>set</c> or <c>init</c>.</param>
/// <param name="Modifiers">Its own accessibility keywords, or an empty string.</param>
internal sealed record AccessorInfo(string Keyword, string Modifiers);

/// <summary>The constraints of a trainable value, each already written as a C# expression (or <see langword="null"/>).</summary>
internal sealed record ConstraintsInfo(
    string? Minimum,
    string? Maximum,
    EquatableArray<string> AllowedValues,
    string? Pattern,
    string? MaxLength,
    string? Text)
{
    public bool IsEmpty => Minimum is null && Maximum is null && AllowedValues.IsEmpty && Pattern is null && MaxLength is null && Text is null;
}

/// <summary>Everything needed to emit the parameter behind one [Trainable] property or field.</summary>
/// <param name="Hierarchy">Where the members go.</param>
/// <param name="PropertyName">The property (declared, or generated from the field) and the parameter's key.</param>
/// <param name="FieldName">For a [Trainable] field, the field that holds the initial value; otherwise <see langword="null"/>.</param>
/// <param name="Type">The fully qualified value type.</param>
/// <param name="Modifiers">The property's modifiers as declared (for a field: <c>public</c>).</param>
/// <param name="Accessors">The property's accessors as declared (for a field: get and set).</param>
/// <param name="Description">From the attribute, else the XML summary.</param>
/// <param name="Constraints">From the DataAnnotations and [Constraint] attributes.</param>
/// <param name="InTraceModel">Whether the containing class is a [TraceModel], whose keys may carry a prefix.</param>
internal sealed record TrainableMemberInfo(
    HierarchyInfo Hierarchy,
    string PropertyName,
    string? FieldName,
    string Type,
    string Modifiers,
    EquatableArray<AccessorInfo> Accessors,
    string? Description,
    ConstraintsInfo Constraints,
    bool InTraceModel);
