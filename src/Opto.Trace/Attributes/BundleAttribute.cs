namespace Opto.Trace;

/// <summary>
/// Makes a method a traced operation. The source generator adds an overload that takes a
/// <see cref="Node{T}"/> for each argument and returns the result as a node, with the method's name, XML summary,
/// source text and location as the operation's description. Calls with plain values are not affected.
/// </summary>
/// <remarks>
/// <para>The containing class must be <see langword="partial"/>. A method with no argument other than cancellation
/// tokens gets an overload named <c>NameTraced</c> (or <c>NameTracedAsync</c>), since an overload could not differ.</para>
/// <para>State the body reads that is neither an argument nor a <see cref="TrainableAttribute"/> member is invisible to
/// optimizers; analyzer OPTO0003 reports it.</para>
/// </remarks>
/// <example>
/// <code>
/// /// &lt;summary&gt;Chooses the team that should handle a ticket.&lt;/summary&gt;
/// [Bundle]
/// public string Route(string ticket) =&gt; ticket.Contains("refund") ? "billing" : "support";
///
/// Node&lt;string&gt; team = agent.Route(Node.Input(ticket));
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class BundleAttribute : Attribute
{
    /// <summary>The operation's name in traces; the method's name when not set.</summary>
    public string? Name { get; set; }
}
