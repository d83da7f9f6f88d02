namespace Opto.Optimizers;

/// <summary>Settings of <see cref="TextGradOptimizer"/>.</summary>
public class TextGradOptions : OptimizerOptions
{
    /// <summary>The instruction section shown with the trace when asking for a critique; a general one when null.</summary>
    public string? Objective { get; init; }
}
