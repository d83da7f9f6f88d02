using System.Text.Json;

namespace Opto.Trainer.Runs;

/// <summary>
/// Everything a resume needs besides the parameters, written as <see cref="StepRecord.StateJson"/> with every step:
/// the sampler's random state, the algorithm's and the optimizer's state, the best so far and the early-stop count.
/// </summary>
internal sealed record RunState
{
    /// <summary>The format of this record; bumped when it changes incompatibly.</summary>
    public int Format { get; init; } = 1;

    /// <summary>The training sampler (random-number state, epoch, position).</summary>
    public required SamplerState Sampler { get; init; }

    /// <summary>The algorithm's state, when it keeps one.</summary>
    public JsonElement? Algorithm { get; init; }

    /// <summary>The search optimizer's <c>SaveState()</c>, when it is one.</summary>
    public string? Optimizer { get; init; }

    /// <summary>The best tracked score so far.</summary>
    public double? BestScore { get; init; }

    /// <summary>The values that scored <see cref="BestScore"/>, as JSON text by key.</summary>
    public Dictionary<string, string>? BestValues { get; init; }

    /// <summary>The tracked score that last counted as an improvement (by more than the minimum), for patience.</summary>
    public double? TrackedBest { get; init; }

    /// <summary>Steps since the tracked score last improved.</summary>
    public int StepsWithoutImprovement { get; init; }

    /// <summary>Each parameter's count of changes, as the run records it.</summary>
    public required Dictionary<string, int> Versions { get; init; }
}
