namespace Opto.Trainer;

/// <summary>The outcomes of evaluating a set of examples, in the order of the examples.</summary>
/// <typeparam name="TOutput">The type of the workflow's output.</typeparam>
public sealed class Evaluation<TOutput>
{
    internal Evaluation(ExampleOutcome<TOutput>[] outcomes)
    {
        Outcomes = outcomes;
        double sum = 0;
        foreach (var outcome in outcomes)
        {
            sum += outcome.Score;
            Errors += outcome.Error is null ? 0 : 1;
        }

        MeanScore = outcomes.Length == 0 ? 0 : sum / outcomes.Length;
    }

    /// <summary>One outcome per example, in the examples' order.</summary>
    public IReadOnlyList<ExampleOutcome<TOutput>> Outcomes { get; }

    /// <summary>The mean score (0 for no examples).</summary>
    public double MeanScore { get; }

    /// <summary>How many examples ended in an error.</summary>
    public int Errors { get; }
}
