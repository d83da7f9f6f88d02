namespace Opto.Optimizers;

/// <summary>Settings of <see cref="Opro"/>.</summary>
public class OproOptions : OptimizerOptions
{
    /// <summary>The instruction's text; "find values that beat every trial" when null.</summary>
    public string? Objective { get; init; }

    /// <summary>How many trials (earlier values with their feedback) the prompt shows, newest kept.</summary>
    public int HistorySize { get; init; } = 20;

    /// <summary>
    /// Reads a score from a trial's feedback (higher is better). When set, trials are shown sorted by score,
    /// best last, as in OPRO; trials without a score come first.
    /// </summary>
    public Func<string, double?>? ScoreOf { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (HistorySize < 1)
        {
            throw new ArgumentException($"{nameof(HistorySize)} must be at least 1 (got {HistorySize}).", nameof(HistorySize));
        }
    }
}
