using System.Globalization;
using System.Text.Json;
using Opto.Trainer.Runs;

namespace Opto.Trainer;

/// <summary>
/// Per step, <see cref="Proposals"/> candidates are proposed from the current parameters (an LLM optimizer reads
/// one training minibatch's feedback for all of them); each is scored on the validation set and the best of them
/// and the current parameters is kept. Needs a validation set.
/// </summary>
public sealed class ValidationSearchAlgorithm : TrainingAlgorithm
{
    /// <summary>Gets or sets how many candidates each step proposes.</summary>
    /// <value>The default value is 4.</value>
    public int Proposals { get; init; } = 4;

    /// <inheritdoc />
    public override string Name => "search";

    /// <inheritdoc />
    public override bool RequiresValidation => true;

    /// <inheritdoc />
    public override void Validate() => RequireAtLeast(Proposals, 1, nameof(Proposals));

    internal override AlgorithmRun CreateRun() => new Run(Proposals);

    internal override void WriteSettings(Utf8JsonWriter writer) => writer.WriteNumber("proposals", Proposals);

    private sealed class Run(int proposals) : AlgorithmRun
    {
        private double? _incumbentScore;

        public override async Task<StepOutcome> StepAsync(IAlgorithmContext context, CancellationToken cancellationToken)
        {
            var optimizer = context.Optimizer;
            var incumbent = context.Capture();
            var outcome = new StepOutcome { ScoredValues = incumbent };
            ScoredSet? incumbentValidation = null;
            if (_incumbentScore is null)
            {
                incumbentValidation = await context.EvaluateValidationAsync(cancellationToken).ConfigureAwait(false);
                _incumbentScore = incumbentValidation.Mean;
            }

            var training = await GatherFeedbackAsync(context, cancellationToken).ConfigureAwait(false);
            var best = (Values: incumbent, Score: _incumbentScore.Value, Proposal: (Proposal?)null, Validation: incumbentValidation);
            var duplicates = 0;
            for (var i = 0; i < proposals; i++)
            {
                context.Apply(incumbent);
                var proposal = await optimizer.ProposeAsync(cancellationToken).ConfigureAwait(false);
                outcome.OptimizerSteps.Add(proposal.Step);
                outcome.OptimizerDone |= proposal.Step.Terminated;
                var candidate = context.Capture();
                if (candidate.SameAs(incumbent))
                {
                    duplicates++;
                    if (!optimizer.UsesFeedback)
                    {
                        optimizer.Report(_incumbentScore.Value);
                    }

                    continue;
                }

                var validation = await context.EvaluateValidationAsync(cancellationToken).ConfigureAwait(false);
                optimizer.Report(validation.Mean);
                if (Scores.Beats(validation.Mean, best.Score))
                {
                    best = (candidate, validation.Mean, proposal, validation);
                }
            }

            context.Apply(best.Values);
            _incumbentScore = best.Score;
            outcome.Kept = best.Proposal;
            outcome.ScoredValues = best.Values;
            outcome.TrackedScore = best.Score;
            outcome.ValidationScore = best.Score;
            outcome.Score = training?.Mean;
            outcome.OptimizerDone |= optimizer.Exhausted;
            if (training is not null)
            {
                outcome.Examples.AddRange(training.Examples);
            }

            if (best.Validation is not null)
            {
                outcome.AddValidation(best.Validation);
            }

            outcome.Note = best.Proposal is null
                ? string.Create(CultureInfo.InvariantCulture, $"no candidate beat the current parameters ({proposals} proposed, {duplicates} unchanged)")
                : null;
            return outcome;
        }

        public override JsonElement? SaveState() =>
            JsonSerializer.SerializeToElement(new SearchState(_incumbentScore), TrainerJson.Default.SearchState);

        public override void LoadState(JsonElement state) =>
            _incumbentScore = state.Deserialize(TrainerJson.Default.SearchState)?.IncumbentScore;
    }
}

/// <summary>The saved state of the validation search.</summary>
/// <param name="IncumbentScore">The validation score of the current parameters, once measured.</param>
internal sealed record SearchState(double? IncumbentScore);
