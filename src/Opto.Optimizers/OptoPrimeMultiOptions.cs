namespace Opto.Optimizers;

/// <summary>Settings of <see cref="OptoPrimeMulti"/>.</summary>
public class OptoPrimeMultiOptions : OptoPrimeOptions
{
    /// <summary>How many candidate answers to ask for (one call each).</summary>
    public int CandidateCount { get; init; } = 3;

    /// <summary>
    /// Whether the calls use temperatures spread evenly from <see cref="MinTemperature"/> to <see cref="MaxTemperature"/>;
    /// when off, every call uses the temperature of <see cref="OptimizerOptions.ChatOptions"/> (sampling diversity only).
    /// </summary>
    public bool VaryTemperature { get; init; } = true;

    /// <summary>The temperature of the first candidate.</summary>
    public float MinTemperature { get; init; }

    /// <summary>The temperature of the last candidate.</summary>
    public float MaxTemperature { get; init; } = 1.0f;

    /// <summary>How one candidate is chosen.</summary>
    public CandidateSelection Selection { get; init; } = CandidateSelection.MajorityVote;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (CandidateCount < 1)
        {
            throw new ArgumentException($"{nameof(CandidateCount)} must be at least 1 (got {CandidateCount}).", nameof(CandidateCount));
        }

        if (MinTemperature < 0 || MaxTemperature < MinTemperature)
        {
            throw new ArgumentException($"The temperatures must satisfy 0 <= {nameof(MinTemperature)} <= {nameof(MaxTemperature)} (got {MinTemperature} and {MaxTemperature}).", nameof(MinTemperature));
        }

        if (!Enum.IsDefined(Selection))
        {
            throw new ArgumentException($"Unknown selection {Selection}.", nameof(Selection));
        }
    }
}
