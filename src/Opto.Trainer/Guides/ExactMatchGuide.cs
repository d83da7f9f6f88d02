using Opto.Trace;

namespace Opto.Trainer;

/// <summary>Score 1 for an output equal to the expected answer, else 0.</summary>
internal sealed class ExactMatchGuide<TInput, T>(IEqualityComparer<T>? comparer) : Guide<TInput, T, T>
{
    private readonly IEqualityComparer<T> _comparer = comparer ?? EqualityComparer<T>.Default;

    public override ValueTask<GuideResult> AssessAsync(TInput input, T output, T expected, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_comparer.Equals(output, expected)
            ? new GuideResult(1, "Correct.")
            : new GuideResult(0, $"Incorrect: expected {ValueFormatter.Format(expected, 200)}, got {ValueFormatter.Format(output, 200)}."));
}
