namespace Opto.Trace;

/// <summary>
/// Marks a value that optimizers may change. On a <see langword="partial"/> property, the source generator backs the
/// property with a <see cref="ParameterNode{T}"/> whose key is the property's name, and adds a <c>NameNode</c>
/// accessor; on a field, it generates such a property (<c>_systemPrompt</c> gives <c>SystemPrompt</c>) whose
/// initial value is the field's.
/// </summary>
/// <remarks>
/// <para>Reading the property inside a <see cref="BundleAttribute"/> method makes the parameter an input of that
/// operation. Constraints come from <c>System.ComponentModel.DataAnnotations</c> attributes on the same member
/// (<c>Range</c>, <c>AllowedValues</c>, <c>RegularExpression</c>, <c>MaxLength</c>, <c>StringLength</c>) and from
/// <see cref="ConstraintAttribute"/>.</para>
/// <para>On a method, the attribute is reserved for trainable code (the body as a parameter); the generator does
/// not produce that yet and says so with diagnostic OPTO0004.</para>
/// </remarks>
/// <example>
/// <code>
/// /// &lt;summary&gt;System prompt that sets the agent's tone and policy.&lt;/summary&gt;
/// [Trainable] public partial string SystemPrompt { get; set; }
///
/// [Trainable, Range(0.0, 1.5)] public partial double Temperature { get; set; }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TrainableAttribute : Attribute
{
    /// <summary>What the value means, for the optimizer; the member's XML doc summary when not set.</summary>
    public string? Description { get; set; }
}
