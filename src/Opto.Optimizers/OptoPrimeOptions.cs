namespace Opto.Optimizers;

/// <summary>Settings of <see cref="OptoPrime"/>.</summary>
public class OptoPrimeOptions : OptimizerOptions
{
    /// <summary>The instruction section's text; a general "improve the outputs" instruction when null.</summary>
    public string? Objective { get; init; }

    /// <summary>How many earlier steps (their variables and feedback) to show in the prompt; 0 shows none.</summary>
    public int MemorySize { get; init; }

    /// <summary>Replaces the whole system message, for experiments with the wording.</summary>
    public string? SystemPrompt { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (MemorySize < 0)
        {
            throw new ArgumentException($"{nameof(MemorySize)} cannot be negative (got {MemorySize}).", nameof(MemorySize));
        }
    }
}
