using Opto.Llm;
using Opto.Trace;

namespace Opto.Trainer;

/// <summary>
/// Runs the workflow and the guide on examples, each in its own <see cref="TraceScope"/>, with a bounded degree of
/// parallelism. Scopes are async-local, so parallel examples never mix graphs. An example whose workflow or guide
/// throws gets the error score and the exception text and the others go on; cancellation and a used-up LLM budget
/// are not example errors and end the evaluation.
/// </summary>
internal sealed class Evaluator<TInput, TOutput, TExpected>(
    Func<TInput, CancellationToken, ValueTask<Node<TOutput>>> workflow,
    Guide<TInput, TOutput, TExpected> guide,
    EvaluationOptions options)
{
    public async Task<Evaluation<TOutput>> EvaluateAsync(
        IReadOnlyList<Example<TInput, TExpected>> examples,
        bool backward,
        EvaluationPhase phase,
        int step,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var outcomes = new ExampleOutcome<TOutput>[examples.Count];
        var completed = 0;
        if (options.MaxDegreeOfParallelism == 1 || examples.Count <= 1)
        {
            for (var i = 0; i < outcomes.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                outcomes[i] = await RunOneAsync(examples[i], backward, cancellationToken).ConfigureAwait(false);
                Report(progress, step, phase, ++completed, outcomes.Length, outcomes[i]);
            }
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, outcomes.Length), parallel, async (i, token) =>
            {
                outcomes[i] = await RunOneAsync(examples[i], backward, token).ConfigureAwait(false);
                Report(progress, step, phase, Interlocked.Increment(ref completed), outcomes.Length, outcomes[i]);
            }).ConfigureAwait(false);
        }

        return new Evaluation<TOutput>(outcomes);
    }

    private static void Report(IProgress<TrainingProgress>? progress, int step, EvaluationPhase phase, int completed, int total, ExampleOutcome<TOutput> outcome) =>
        progress?.Report(new ExampleEvaluated(step, phase, completed, total, outcome.ToRecord()));

    private async ValueTask<ExampleOutcome<TOutput>> RunOneAsync(Example<TInput, TExpected> example, bool backward, CancellationToken cancellationToken)
    {
        using var scope = TraceScope.Begin();
        Node<TOutput> output;
        try
        {
            output = await workflow(example.Input, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The workflow returned null instead of an output node.");
        }
        catch (TraceExecutionException failure)
        {
            // A traced operation threw: its exception node is the output, and its text (error, location, source line)
            // is what the optimizer should read.
            var text = failure.Node.FeedbackText;
            if (backward)
            {
                TryBackward(failure.Node, text);
            }

            return new ExampleOutcome<TOutput>(example.Id, default, options.ErrorScore, text, Describe(failure.InnerException ?? failure));
        }
        catch (Exception ex) when (IsExampleError(ex, cancellationToken))
        {
            var text = "The workflow threw " + Describe(ex);
            return new ExampleOutcome<TOutput>(example.Id, default, options.ErrorScore, text, Describe(ex));
        }

        var value = output.Value;
        GuideResult result;
        try
        {
            result = await guide.AssessAsync(example.Input, value, example.Expected, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsExampleError(ex, cancellationToken))
        {
            return new ExampleOutcome<TOutput>(example.Id, value, options.ErrorScore, "The guide could not judge the output: " + Describe(ex), Describe(ex));
        }

        var feedback = string.IsNullOrWhiteSpace(result.Feedback)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Score: {result.Score:R}.")
            : result.Feedback;
        string? error = null;
        if (backward)
        {
            error = TryBackward(output, feedback);
        }

        return new ExampleOutcome<TOutput>(example.Id, value, result.Score, feedback, error);
    }

    /// <summary>Sends feedback back through the example's graph; a refusal (e.g. a reused graph) is recorded, not thrown.</summary>
    private static string? TryBackward(Node output, string feedback)
    {
        try
        {
            Backward.Run([(output, feedback)]);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return "Backward failed: " + ex.Message;
        }
    }

    private static bool IsExampleError(Exception ex, CancellationToken cancellationToken) =>
        ex is not BudgetExceededException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";
}
