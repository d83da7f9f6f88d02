using System.Globalization;

namespace Opto.Optimizers.Baselines;

/// <summary>Settings of the searches that need no LLM (<see cref="SearchOptimizer.For"/>, <see cref="NumericSearch"/>, <see cref="CategoricalSearch"/>, <see cref="CombinedSearch"/>).</summary>
public sealed record SearchOptions
{
    /// <summary>The seed of the search's own random numbers: the same seed and the same scores give the same proposals.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Settings of the numeric part.</summary>
    public NumericSearchOptions Numeric { get; init; } = new();

    /// <summary>Settings of the categorical part.</summary>
    public CategoricalSearchOptions Categorical { get; init; } = new();

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it and its value.</exception>
    public void Validate()
    {
        if (Numeric is null)
        {
            throw new ArgumentException($"{nameof(Numeric)} must not be null; leave it out to use the defaults.", nameof(Numeric));
        }

        if (Categorical is null)
        {
            throw new ArgumentException($"{nameof(Categorical)} must not be null; leave it out to use the defaults.", nameof(Categorical));
        }

        Numeric.Validate();
        Categorical.Validate();
    }

    internal string Fingerprint(bool numeric, bool categorical)
    {
        // Only what changes the proposals; the seed is saved on its own.
        var parts = new List<string>();
        if (numeric)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"numeric: initial step {Numeric.InitialStep:R}, minimum step {Numeric.MinimumStep:R}"));
        }

        if (categorical)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"categorical: {Categorical.Strategy}, {Categorical.Arms}, max combinations {Categorical.MaxCombinations}, exploration {Categorical.Exploration:R}, minimum pulls {Categorical.MinimumPulls}, confidence {Categorical.Confidence:R}, pulls per round {Categorical.PullsPerRound}"));
        }

        return string.Join("; ", parts);
    }
}

/// <summary>Settings of the numeric (1+1) evolution strategy.</summary>
public sealed record NumericSearchOptions
{
    /// <summary>
    /// The first step size as a fraction of each parameter's scale: its range when it has a minimum and a maximum,
    /// otherwise the size of its initial value (at least 1). Between 0 (exclusive) and 1.
    /// </summary>
    public double InitialStep { get; init; } = 0.2;

    /// <summary>
    /// The step size, on the same scale, below which a real-valued parameter counts as settled; integer parameters
    /// settle once the step is below half a unit. Between 0 (exclusive) and <see cref="InitialStep"/>.
    /// </summary>
    public double MinimumStep { get; init; } = 1e-7;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        if (!(InitialStep > 0 && InitialStep <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{nameof(InitialStep)} must be above 0 and at most 1 (got {InitialStep})."), nameof(InitialStep));
        }

        if (!(MinimumStep > 0 && MinimumStep < InitialStep))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{nameof(MinimumStep)} must be above 0 and below {nameof(InitialStep)} {InitialStep} (got {MinimumStep})."), nameof(MinimumStep));
        }
    }
}

/// <summary>Settings of the categorical search.</summary>
public sealed record CategoricalSearchOptions
{
    /// <summary>How arms are chosen; <see cref="CategoricalStrategy.Ucb1"/> by default.</summary>
    public CategoricalStrategy Strategy { get; init; } = CategoricalStrategy.Ucb1;

    /// <summary>What an arm is when there are several categorical parameters; <see cref="CategoricalArms.Auto"/> by default.</summary>
    public CategoricalArms Arms { get; init; } = CategoricalArms.Auto;

    /// <summary>With <see cref="CategoricalArms.Auto"/>, the largest number of combinations searched as arms of their own; above it, each parameter gets its own arms. At least 2.</summary>
    public int MaxCombinations { get; init; } = 64;

    /// <summary>UCB1's exploration weight c in mean + c·√(ln N / n), on scores scaled to [0, 1]; √2 is the textbook value. Not negative.</summary>
    public double Exploration { get; init; } = Math.Sqrt(2);

    /// <summary>UCB1 counts as converged only when every arm was pulled at least this often. At least 1.</summary>
    public int MinimumPulls { get; init; } = 3;

    /// <summary>
    /// UCB1 counts as converged when the leading arm's mean beats every other arm's by this many standard errors
    /// of the difference. Above 0.
    /// </summary>
    public double Confidence { get; init; } = 3;

    /// <summary>Successive halving pulls every surviving arm this often in its first round, twice as often in the next, and so on. At least 1.</summary>
    public int PullsPerRound { get; init; } = 2;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Strategy))
        {
            throw new ArgumentException($"{nameof(Strategy)} {(int)Strategy} is not a {nameof(CategoricalStrategy)}.", nameof(Strategy));
        }

        if (!Enum.IsDefined(Arms))
        {
            throw new ArgumentException($"{nameof(Arms)} {(int)Arms} is not a {nameof(CategoricalArms)}.", nameof(Arms));
        }

        if (MaxCombinations < 2)
        {
            throw new ArgumentException($"{nameof(MaxCombinations)} must be at least 2 (got {MaxCombinations}).", nameof(MaxCombinations));
        }

        if (!(Exploration >= 0 && double.IsFinite(Exploration)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{nameof(Exploration)} must be a finite number, 0 or more (got {Exploration})."), nameof(Exploration));
        }

        if (MinimumPulls < 1)
        {
            throw new ArgumentException($"{nameof(MinimumPulls)} must be at least 1 (got {MinimumPulls}).", nameof(MinimumPulls));
        }

        if (!(Confidence > 0 && double.IsFinite(Confidence)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{nameof(Confidence)} must be a finite number above 0 (got {Confidence})."), nameof(Confidence));
        }

        if (PullsPerRound < 1)
        {
            throw new ArgumentException($"{nameof(PullsPerRound)} must be at least 1 (got {PullsPerRound}).", nameof(PullsPerRound));
        }
    }
}

/// <summary>How the categorical search picks the next arm.</summary>
public enum CategoricalStrategy
{
    /// <summary>
    /// UCB1 (Auer et al. 2002): pull every arm once, then the arm with the highest mean plus an exploration bonus.
    /// It keeps learning for as long as it runs and spends few pulls on clearly bad arms; good when the budget is open.
    /// </summary>
    Ucb1,

    /// <summary>
    /// Successive halving (Karnin et al. 2013): pull all surviving arms equally, drop the worse half, double the
    /// pulls, repeat until one arm is left. It ends on its own after about 2·PullsPerRound·arms·log2(arms) pulls and
    /// treats every arm alike, which suits noisy scores and a known budget.
    /// </summary>
    SuccessiveHalving,
}

/// <summary>What an arm is when several categorical parameters are searched together.</summary>
public enum CategoricalArms
{
    /// <summary>Combinations while there are at most <see cref="CategoricalSearchOptions.MaxCombinations"/> of them, otherwise one set of arms per parameter.</summary>
    Auto,

    /// <summary>Every combination of values is one arm: interactions between parameters are seen, but the arms multiply.</summary>
    Combinations,

    /// <summary>
    /// Each parameter has its own arms, and the parameters take turns: one tries a value while the others hold
    /// their leading values, and the score is credited to that one value. The arms add up instead of multiplying,
    /// but interactions between parameters are not seen.
    /// </summary>
    PerParameter,
}
