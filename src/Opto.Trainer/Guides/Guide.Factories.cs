using Microsoft.Extensions.AI;

namespace Opto.Trainer;

/// <summary>Ready-made guides: exact match, numeric tolerance, a suite of named checks, an LLM judge, and any delegate.</summary>
public static class Guide
{
    /// <summary>Score 1 when the output equals the expected answer, else 0 with feedback that shows both.</summary>
    /// <typeparam name="TInput">The type of the inputs.</typeparam>
    /// <typeparam name="T">The type of outputs and expected answers.</typeparam>
    /// <param name="comparer">How to compare; the default equality when null (e.g. pass <see cref="StringComparer.OrdinalIgnoreCase"/>).</param>
    /// <returns>The guide.</returns>
    public static Guide<TInput, T, T> ExactMatch<TInput, T>(IEqualityComparer<T>? comparer = null) => new ExactMatchGuide<TInput, T>(comparer);

    /// <summary>
    /// Score 1 when a number is within tolerance of the expected one (|output − expected| ≤ absolute + relative·|expected|),
    /// else 0 with feedback that says whether it is too large or too small, and by how much.
    /// </summary>
    /// <typeparam name="TInput">The type of the inputs.</typeparam>
    /// <param name="absoluteTolerance">The allowed absolute difference; not negative.</param>
    /// <param name="relativeTolerance">The allowed difference as a share of the expected value; not negative.</param>
    /// <returns>The guide.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A tolerance is negative or not a number.</exception>
    public static Guide<TInput, double, double> NumericTolerance<TInput>(double absoluteTolerance, double relativeTolerance = 0) =>
        new NumericToleranceGuide<TInput>(absoluteTolerance, relativeTolerance);

    /// <summary>
    /// Runs named checks against the output, like a test suite: the score is the share that passed and the feedback
    /// lists each failed check with its message. A check that throws fails with the exception's message.
    /// </summary>
    /// <typeparam name="TInput">The type of the inputs.</typeparam>
    /// <typeparam name="TOutput">The type of the outputs.</typeparam>
    /// <typeparam name="TExpected">The type of the expected answers.</typeparam>
    /// <param name="checks">The checks; at least one, with unique names.</param>
    /// <returns>The guide.</returns>
    /// <exception cref="ArgumentException">No checks, or two share a name.</exception>
    public static Guide<TInput, TOutput, TExpected> Checks<TInput, TOutput, TExpected>(params IEnumerable<GuideCheck<TInput, TOutput, TExpected>> checks) =>
        new CheckSuiteGuide<TInput, TOutput, TExpected>(checks);

    /// <summary>
    /// Asks an LLM to grade the output against the expected answer. The judge must answer with a line
    /// <c>Score: x</c> (x between 0 and <see cref="LlmJudgeOptions.MaxScore"/>) and its reasons; the score is scaled to 0–1 and
    /// the reasons become the feedback. An answer without a readable score raises <see cref="GuideException"/>,
    /// which the trainer records as that example's error.
    /// </summary>
    /// <typeparam name="TInput">The type of the inputs.</typeparam>
    /// <typeparam name="TOutput">The type of the outputs.</typeparam>
    /// <typeparam name="TExpected">The type of the expected answers.</typeparam>
    /// <param name="judge">The LLM that judges.</param>
    /// <param name="options">The prompt and scale; defaults when null.</param>
    /// <returns>The guide.</returns>
    public static Guide<TInput, TOutput, TExpected> LlmJudge<TInput, TOutput, TExpected>(IChatClient judge, LlmJudgeOptions? options = null) =>
        new LlmJudgeGuide<TInput, TOutput, TExpected>(judge, options ?? new LlmJudgeOptions());

    /// <summary>A guide from a delegate.</summary>
    /// <typeparam name="TInput">The type of the inputs.</typeparam>
    /// <typeparam name="TOutput">The type of the outputs.</typeparam>
    /// <typeparam name="TExpected">The type of the expected answers.</typeparam>
    /// <param name="assess">Scores (input, output, expected).</param>
    /// <returns>The guide.</returns>
    public static Guide<TInput, TOutput, TExpected> From<TInput, TOutput, TExpected>(Func<TInput, TOutput, TExpected, GuideResult> assess)
    {
        ArgumentNullException.ThrowIfNull(assess);
        return new DelegateGuide<TInput, TOutput, TExpected>((i, o, e, _) => ValueTask.FromResult(assess(i, o, e)));
    }

    /// <summary>A guide from an asynchronous delegate.</summary>
    /// <typeparam name="TInput">The type of the inputs.</typeparam>
    /// <typeparam name="TOutput">The type of the outputs.</typeparam>
    /// <typeparam name="TExpected">The type of the expected answers.</typeparam>
    /// <param name="assess">Scores (input, output, expected).</param>
    /// <returns>The guide.</returns>
    public static Guide<TInput, TOutput, TExpected> From<TInput, TOutput, TExpected>(Func<TInput, TOutput, TExpected, CancellationToken, ValueTask<GuideResult>> assess)
    {
        ArgumentNullException.ThrowIfNull(assess);
        return new DelegateGuide<TInput, TOutput, TExpected>(assess);
    }
}
