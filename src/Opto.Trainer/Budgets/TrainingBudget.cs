using Opto.Llm;

namespace Opto.Trainer;

/// <summary>
/// Limits that end a run with <see cref="Runs.RunStatus.BudgetExhausted"/>: LLM tokens and money (read from a
/// <see cref="UsageLedger"/> shared with the chat clients through <c>UseTokenBudget</c>) and wall-clock time. Limits are
/// checked before each step, so the step in progress always completes and is recorded; a call refused by the
/// ledger's own <see cref="TokenBudget"/> ends the run at once (the interrupted step is not recorded). The number of
/// steps is <see cref="TrainerOptions.MaxSteps"/>.
/// </summary>
public sealed class TrainingBudget
{
    /// <summary>Gets or sets the ledger that counts the run's LLM calls; its own <see cref="UsageLedger.Budget"/> is honoured too.</summary>
    public UsageLedger? Ledger { get; init; }

    /// <summary>Gets or sets the most input plus output tokens the run may use (needs <see cref="Ledger"/>).</summary>
    public long? MaxTokens { get; init; }

    /// <summary>Gets or sets the most money the run may spend, in the ledger's price units (needs <see cref="Ledger"/> with prices).</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>Gets or sets the longest the run may take, measured with <see cref="TrainerOptions.TimeProvider"/>.</summary>
    /// <remarks>A resumed run gets the whole duration again.</remarks>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A limit is not positive, or a token or cost limit has no ledger.</exception>
    public void Validate()
    {
        if (MaxTokens is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, $"{nameof(MaxTokens)} must be positive (got {MaxTokens}).");
        }

        if (MaxCost is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCost), MaxCost, $"{nameof(MaxCost)} must be positive (got {MaxCost}).");
        }

        if (MaxDuration is { } duration && duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDuration), duration, $"{nameof(MaxDuration)} must be positive (got {duration}).");
        }

        if ((MaxTokens is not null || MaxCost is not null) && Ledger is null)
        {
            throw new ArgumentException(
                $"{nameof(MaxTokens)} and {nameof(MaxCost)} are read from a usage ledger: set {nameof(Ledger)} to the ledger the chat clients record into (UseTokenBudget).",
                nameof(Ledger));
        }
    }

    /// <summary>Which limit is reached, or <see langword="null"/> while the run may take another step.</summary>
    internal string? ExhaustedReason(TimeSpan elapsed)
    {
        if (MaxDuration is { } maxDuration && elapsed >= maxDuration)
        {
            return $"the run took {elapsed:g}, the limit is {maxDuration:g}";
        }

        if (Ledger is null)
        {
            return null;
        }

        if (Ledger.ExhaustedReason is { } reason)
        {
            return "LLM budget: " + reason;
        }

        var totals = Ledger.Totals;
        if (MaxTokens is { } maxTokens && totals.TotalTokens >= maxTokens)
        {
            return FormattableString.Invariant($"{totals.TotalTokens:N0} LLM tokens used, the limit is {maxTokens:N0}");
        }

        if (MaxCost is { } maxCost && totals.Cost >= maxCost)
        {
            return FormattableString.Invariant($"LLM cost {totals.Cost:0.####} reached the limit of {maxCost:0.####}");
        }

        return null;
    }
}
