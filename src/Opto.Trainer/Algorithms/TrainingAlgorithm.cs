using System.Text.Json;

namespace Opto.Trainer;

/// <summary>
/// How the trainer searches: <see cref="Minibatch"/>, <see cref="Search"/> (several proposals per step, the best on
/// validation kept), <see cref="Beam"/> and <see cref="Ucb"/>. Each works with an LLM optimizer (proposals from
/// feedback) and with a search optimizer (proposals from scores). An algorithm object holds settings only and may
/// be shared by several trainers.
/// </summary>
public abstract class TrainingAlgorithm
{
    private protected TrainingAlgorithm()
    {
    }

    /// <summary>The algorithm's name in run records: <c>minibatch</c>, <c>search</c>, <c>beam</c> or <c>ucb</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the algorithm needs a validation set.</summary>
    public abstract bool RequiresValidation { get; }

    /// <summary>Per step: evaluate a minibatch, give its feedback, take one optimizer step.</summary>
    /// <returns>The algorithm.</returns>
    public static MinibatchAlgorithm Minibatch() => new();

    /// <summary>Per step: several proposals from the current parameters; the best on the validation set is kept.</summary>
    /// <param name="proposals">Proposals per step; at least 1.</param>
    /// <returns>The algorithm.</returns>
    public static ValidationSearchAlgorithm Search(int proposals = 4) => new() { Proposals = proposals };

    /// <summary>Keeps the best few candidates (the beam); each step expands every beam and keeps the best on validation.</summary>
    /// <param name="width">How many candidates the beam keeps; at least 1.</param>
    /// <param name="proposals">Proposals per beam per step; at least 1.</param>
    /// <returns>The algorithm.</returns>
    public static BeamSearchAlgorithm Beam(int width = 3, int proposals = 2) => new() { Width = width, Proposals = proposals };

    /// <summary>Candidates are bandit arms; each step pulls the arm with the highest upper confidence bound and expands it.</summary>
    /// <param name="bufferSize">How many candidates are kept; at least 1.</param>
    /// <param name="exploration">The weight c of the bonus c·√(ln T / n); not negative.</param>
    /// <returns>The algorithm.</returns>
    public static UcbSearchAlgorithm Ucb(int bufferSize = 10, double exploration = 1.0) => new() { BufferSize = bufferSize, Exploration = exploration };

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public virtual void Validate()
    {
    }

    internal abstract AlgorithmRun CreateRun();

    internal virtual void WriteSettings(Utf8JsonWriter writer)
    {
    }

    private protected static void RequireAtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum} (got {value}).");
        }
    }
}
