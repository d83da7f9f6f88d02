namespace Opto.Trainer;

/// <summary>
/// Judges a workflow's output for one example: returns a score (higher is better) and feedback. Build one with the
/// factories of <see cref="Guide"/>, or derive from this class.
/// </summary>
/// <typeparam name="TInput">The type of the example's input.</typeparam>
/// <typeparam name="TOutput">The type of the workflow's output.</typeparam>
/// <typeparam name="TExpected">The type of the example's expected answer.</typeparam>
/// <remarks>The trainer may call a guide from several threads at once; keep implementations free of shared mutable state.</remarks>
public abstract class Guide<TInput, TOutput, TExpected>
{
    /// <summary>Scores an output.</summary>
    /// <param name="input">The example's input.</param>
    /// <param name="output">What the workflow produced.</param>
    /// <param name="expected">The example's expected answer.</param>
    /// <param name="cancellationToken">Cancels the assessment.</param>
    /// <returns>The score and the feedback.</returns>
    public abstract ValueTask<GuideResult> AssessAsync(TInput input, TOutput output, TExpected expected, CancellationToken cancellationToken = default);
}
