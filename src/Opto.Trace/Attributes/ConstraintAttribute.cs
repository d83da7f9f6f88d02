namespace Opto.Trace;

/// <summary>
/// A rule in words for a <see cref="TrainableAttribute"/> value, shown to optimizers as
/// <see cref="ParameterConstraints.Text"/> but not checked. Checked rules use the
/// <c>System.ComponentModel.DataAnnotations</c> attributes (<c>Range</c>, <c>AllowedValues</c>,
/// <c>RegularExpression</c>, <c>MaxLength</c>, <c>StringLength</c>).
/// </summary>
/// <param name="text">The rule, e.g. <c>"Must mention the refund policy."</c>.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ConstraintAttribute(string text) : Attribute
{
    /// <summary>The rule in words.</summary>
    public string Text { get; } = text;
}
