namespace Opto.Trace;

/// <summary>One input of a traced operation: the argument's name and the node passed for it.</summary>
/// <param name="Name">The argument's name as the operation declares it.</param>
/// <param name="Node">The node passed for that argument.</param>
public readonly record struct NodeInput(string Name, Node Node);
