namespace Opto.Trainer;

/// <summary>How examples are evaluated.</summary>
internal sealed class EvaluationOptions
{
    /// <summary>Gets or sets how many examples may be evaluated at once (each in its own trace scope).</summary>
    /// <value>The default value is 4. Use 1 for a strictly sequential run (and, with an LLM optimizer, prompts whose order never varies).</value>
    public int MaxDegreeOfParallelism { get; init; } = 4;

    /// <summary>Gets or sets the score given to an example whose workflow or guide threw.</summary>
    /// <value>The default value is 0.</value>
    public double ErrorScore { get; init; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism,
                $"{nameof(MaxDegreeOfParallelism)} must be at least 1 (got {MaxDegreeOfParallelism}).");
        }

        if (double.IsNaN(ErrorScore))
        {
            throw new ArgumentOutOfRangeException(nameof(ErrorScore), ErrorScore, $"{nameof(ErrorScore)} must be a number.");
        }
    }
}
