namespace Opto.Trainer;

/// <summary>
/// The basic loop. With an LLM optimizer, each step evaluates a training minibatch, sends every example's feedback
/// back through its graph and takes one optimizer step. With a search optimizer, each step proposes a candidate,
/// evaluates it on the minibatch (or on the validation set when there is one) and reports the score.
/// </summary>
public sealed class MinibatchAlgorithm : TrainingAlgorithm
{
    /// <inheritdoc />
    public override string Name => "minibatch";

    /// <inheritdoc />
    public override bool RequiresValidation => false;

    internal override AlgorithmRun CreateRun() => new Run();

    private sealed class Run : AlgorithmRun
    {
        public override async Task<StepOutcome> StepAsync(IAlgorithmContext context, CancellationToken cancellationToken)
        {
            var optimizer = context.Optimizer;
            var before = context.Capture();
            var training = await GatherFeedbackAsync(context, cancellationToken).ConfigureAwait(false);
            var proposal = await optimizer.ProposeAsync(cancellationToken).ConfigureAwait(false);
            var after = context.Capture();

            // A search optimizer's candidate is scored after it was proposed; an LLM's feedback was gathered before.
            training ??= await context.EvaluateTrainingBatchAsync(backward: false, cancellationToken).ConfigureAwait(false);
            var validation = context.HasValidation ? await context.EvaluateValidationAsync(cancellationToken).ConfigureAwait(false) : null;
            if (!optimizer.UsesFeedback)
            {
                optimizer.Report(validation?.Mean ?? training.Mean);
            }

            var outcome = new StepOutcome
            {
                Score = training.Mean,
                ValidationScore = validation?.Mean,
                Kept = proposal,
                // Without validation, an LLM step's batch score measured the parameters before the step.
                ScoredValues = validation is null && optimizer.UsesFeedback ? before : after,
                TrackedScore = validation?.Mean ?? training.Mean,
                ProposalUnscored = validation is null && optimizer.UsesFeedback && proposal.Step.Changed,
                OptimizerDone = optimizer.Exhausted || proposal.Step.Terminated,
                Note = proposal.Step.NoOpReason,
            };
            outcome.Examples.AddRange(training.Examples);
            if (validation is not null)
            {
                outcome.AddValidation(validation);
            }

            outcome.OptimizerSteps.Add(proposal.Step);
            return outcome;
        }
    }
}
