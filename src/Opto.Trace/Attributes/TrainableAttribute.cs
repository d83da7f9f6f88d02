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
/// <para>On an instance method of a partial class, the method's body becomes trainable code (this needs a reference to
/// Opto.Trace.Code; diagnostic OPTO0005 says so otherwise). Its source — the declaration as written, without attributes
/// — is the first value of a code parameter keyed by the method's name (listed by <c>Parameters()</c> of a
/// <see cref="TraceModelAttribute"/> class), and the generator adds <c>NameMethod</c> (the
/// <c>TrainableMethod</c>), a traced overload that takes nodes and runs the current code in the sandbox, and a plain
/// <c>NameTrained</c> that runs the method as compiled until the source changes, then the compiled new source. Plain
/// calls of the method itself always run the body as written: a generator cannot replace it. A rewritten body is
/// compiled on its own: it sees its parameters, the types of its signature and the .NET library the sandbox allows,
/// not the object or the rest of the class (diagnostic OPTO0006).</para>
/// </remarks>
/// <example>
/// <code>
/// /// &lt;summary&gt;System prompt that sets the agent's tone and policy.&lt;/summary&gt;
/// [Trainable] public partial string SystemPrompt { get; set; }
///
/// [Trainable, Range(0.0, 1.5)] public partial double Temperature { get; set; }
///
/// /// &lt;summary&gt;Chooses the team that should handle a ticket.&lt;/summary&gt;
/// [Trainable]
/// public string Route(string ticket) =&gt; ticket.Contains("refund") ? "billing" : "support";
///
/// Node&lt;string&gt; team = agent.Route(Node.Input(ticket));   // traced: runs the current code of Route
/// string plain = agent.RouteTrained(ticket);             // untraced: the current code of Route
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TrainableAttribute : Attribute
{
    /// <summary>What the value means, for the optimizer; the member's XML doc summary when not set.</summary>
    public string? Description { get; set; }
}
