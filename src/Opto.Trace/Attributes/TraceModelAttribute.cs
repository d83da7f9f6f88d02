namespace Opto.Trace;

/// <summary>
/// Marks a <see langword="partial"/> class as a model: the source generator adds <c>Parameters()</c>, which lists
/// its <see cref="TrainableAttribute"/> members in declaration order (and those of members whose type is itself a
/// model, under keys prefixed with the member's name and a dot), <c>SaveParameters(path)</c> and
/// <c>LoadParameters(path, options)</c>. No reflection is involved.
/// </summary>
/// <example>
/// <code>
/// [TraceModel]
/// public partial class SupportAgent
/// {
///     [Trainable] public partial string SystemPrompt { get; set; }
/// }
///
/// var optimizer = new OptoPrime(agent.Parameters(), chatClient);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TraceModelAttribute : Attribute
{
}
