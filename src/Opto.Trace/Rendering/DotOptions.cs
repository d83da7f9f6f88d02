namespace Opto.Trace;

/// <summary>How <see cref="DotRenderer"/> draws a graph.</summary>
public sealed record DotOptions
{
    /// <summary>The most characters of a value or description to show in a node's label.</summary>
    public int MaxTextLength { get; init; } = 100;

    /// <summary>Whether to show each node's description under its name.</summary>
    public bool ShowDescriptions { get; init; } = true;

    /// <summary>Whether to draw the feedback given to outputs as notes.</summary>
    public bool ShowFeedback { get; init; } = true;

    /// <summary>The graph's name in the DOT text.</summary>
    public string GraphName { get; init; } = "trace";
}
