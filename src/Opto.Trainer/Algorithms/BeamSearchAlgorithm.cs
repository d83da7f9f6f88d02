using System.Text.Json;
using Opto.Trainer.Runs;

namespace Opto.Trainer;

/// <summary>
/// Keeps the <see cref="Width"/> best candidates. Each step expands every candidate of the beam with
/// <see cref="Proposals"/> proposals (an LLM optimizer reads a fresh training minibatch's feedback for each beam),
/// scores the new candidates on the validation set, and keeps the best <see cref="Width"/> of old and new. The
/// parameters are left at the best candidate. Needs a validation set.
/// </summary>
/// <remarks>
/// A search optimizer keeps its own notion of where to search, so with one the beam simply keeps the best
/// <see cref="Width"/> of everything it proposed.
/// </remarks>
public sealed class BeamSearchAlgorithm : TrainingAlgorithm
{
    /// <summary>Gets or sets how many candidates the beam keeps.</summary>
    /// <value>The default value is 3.</value>
    public int Width { get; init; } = 3;

    /// <summary>Gets or sets how many proposals each beam gets per step.</summary>
    /// <value>The default value is 2.</value>
    public int Proposals { get; init; } = 2;

    /// <inheritdoc />
    public override string Name => "beam";

    /// <inheritdoc />
    public override bool RequiresValidation => true;

    /// <inheritdoc />
    public override void Validate()
    {
        RequireAtLeast(Width, 1, nameof(Width));
        RequireAtLeast(Proposals, 1, nameof(Proposals));
    }

    internal override AlgorithmRun CreateRun() => new Run(Width, Proposals);

    internal override void WriteSettings(Utf8JsonWriter writer)
    {
        writer.WriteNumber("width", Width);
        writer.WriteNumber("proposals", Proposals);
    }

    private sealed class Run(int width, int proposals) : AlgorithmRun
    {
        private List<BeamEntry> _beam = [];

        public override async Task<StepOutcome> StepAsync(IAlgorithmContext context, CancellationToken cancellationToken)
        {
            var optimizer = context.Optimizer;
            ScoredSet? firstValidation = null;
            if (_beam.Count == 0)
            {
                firstValidation = await context.EvaluateValidationAsync(cancellationToken).ConfigureAwait(false);
                _beam.Add(new BeamEntry(context.Capture(), firstValidation.Mean, null, firstValidation));
            }

            var outcome = new StepOutcome { ScoredValues = _beam[0].Values };
            var pool = new List<BeamEntry>(_beam);
            var trainingScores = new List<double>();
            foreach (var parent in _beam)
            {
                context.Apply(parent.Values);
                var training = await GatherFeedbackAsync(context, cancellationToken).ConfigureAwait(false);
                if (training is not null)
                {
                    trainingScores.Add(training.Mean);
                    outcome.Examples.AddRange(training.Examples);
                }

                for (var i = 0; i < proposals; i++)
                {
                    context.Apply(parent.Values);
                    var proposal = await optimizer.ProposeAsync(cancellationToken).ConfigureAwait(false);
                    outcome.OptimizerSteps.Add(proposal.Step);
                    var candidate = context.Capture();
                    if (pool.Any(p => p.Values.SameAs(candidate)))
                    {
                        if (!optimizer.UsesFeedback)
                        {
                            optimizer.Report(pool.First(p => p.Values.SameAs(candidate)).Score);
                        }

                        continue;
                    }

                    var validation = await context.EvaluateValidationAsync(cancellationToken).ConfigureAwait(false);
                    optimizer.Report(validation.Mean);
                    pool.Add(new BeamEntry(candidate, validation.Mean, proposal, validation));
                }
            }

            // A stable sort keeps older candidates first among equals, so ties never churn the beam.
            _beam = [.. pool.OrderByDescending(e => Scores.Rank(e.Score)).Take(width)];
            var best = _beam[0];
            context.Apply(best.Values);
            outcome.Kept = best.Proposal;
            outcome.ScoredValues = best.Values;
            outcome.TrackedScore = best.Score;
            outcome.ValidationScore = best.Score;
            outcome.Score = trainingScores.Count > 0 ? trainingScores.Average() : null;
            outcome.OptimizerDone = optimizer.Exhausted;
            if (best.Validation is not null)
            {
                outcome.AddValidation(best.Validation);
            }

            // A proposal and its validation belong to the step that made them; later steps (and a resumed run, which
            // cannot know them) see only values and scores.
            _beam = [.. _beam.Select(e => e with { Proposal = null, Validation = null })];
            return outcome;
        }

        public override JsonElement? SaveState() => JsonSerializer.SerializeToElement(
            new BeamState([.. _beam.Select(e => new ScoredValuesState(new Dictionary<string, string>(e.Values.Json, StringComparer.Ordinal), e.Score))]),
            TrainerJson.Default.BeamState);

        public override void LoadState(JsonElement state)
        {
            var saved = state.Deserialize(TrainerJson.Default.BeamState) ?? throw new InvalidOperationException("The saved beam is empty.");
            _beam = [.. saved.Beam.Select(e => new BeamEntry(ParameterValues.FromJson(e.Values), e.Score, null, null))];
        }
    }

    /// <summary>A candidate of the beam; the proposal and validation are known only in the step that made it.</summary>
    private sealed record BeamEntry(ParameterValues Values, double Score, Proposal? Proposal, ScoredSet? Validation);
}

/// <summary>Parameter values with their score, as saved.</summary>
/// <param name="Values">JSON text by parameter key.</param>
/// <param name="Score">The score.</param>
internal sealed record ScoredValuesState(Dictionary<string, string> Values, double Score);

/// <summary>The saved beam, best first.</summary>
/// <param name="Beam">The candidates.</param>
internal sealed record BeamState(List<ScoredValuesState> Beam);
