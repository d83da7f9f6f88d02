using System.Text.Json;
using Opto.Trainer.Runs;

namespace Opto.Trainer;

/// <summary>
/// Treats candidates as the arms of a bandit. Each step pulls the arm with the highest upper confidence bound
/// mean + c·√(ln T / n) (an arm never pulled comes first): its parameters are scored on a training minibatch (with
/// feedback for an LLM optimizer), which updates the arm; the optimizer then proposes a child, which is scored on the
/// validation set (or on a minibatch when there is none) and added as a new arm. When there are more than
/// <see cref="BufferSize"/> arms, the one with the lowest bound leaves. The parameters are left at the arm with the
/// best mean.
/// </summary>
public sealed class UcbSearchAlgorithm : TrainingAlgorithm
{
    /// <summary>Gets or sets how many candidates are kept.</summary>
    /// <value>The default value is 10.</value>
    public int BufferSize { get; init; } = 10;

    /// <summary>Gets or sets the weight c of the exploration bonus.</summary>
    /// <value>The default value is 1.</value>
    public double Exploration { get; init; } = 1.0;

    /// <inheritdoc />
    public override string Name => "ucb";

    /// <inheritdoc />
    public override bool RequiresValidation => false;

    /// <inheritdoc />
    public override void Validate()
    {
        RequireAtLeast(BufferSize, 1, nameof(BufferSize));
        if (!(Exploration >= 0) || double.IsInfinity(Exploration))
        {
            throw new ArgumentOutOfRangeException(nameof(Exploration), Exploration, $"{nameof(Exploration)} must be a finite number of at least 0 (got {Exploration}).");
        }
    }

    internal override AlgorithmRun CreateRun() => new Run(BufferSize, Exploration);

    internal override void WriteSettings(Utf8JsonWriter writer)
    {
        writer.WriteNumber("bufferSize", BufferSize);
        writer.WriteNumber("exploration", Exploration);
    }

    private sealed class Run(int bufferSize, double exploration) : AlgorithmRun
    {
        private List<Arm> _arms = [];
        private int _pulls;

        public override async Task<StepOutcome> StepAsync(IAlgorithmContext context, CancellationToken cancellationToken)
        {
            var optimizer = context.Optimizer;
            if (_arms.Count == 0)
            {
                _arms.Add(new Arm(context.Capture(), 0, 0));
            }

            var parentIndex = IndexOfMax(a => Bound(a));
            var parent = _arms[parentIndex];
            context.Apply(parent.Values);
            var training = await GatherFeedbackAsync(context, cancellationToken).ConfigureAwait(false)
                ?? await context.EvaluateTrainingBatchAsync(backward: false, cancellationToken).ConfigureAwait(false);
            _arms[parentIndex] = parent = parent with { Sum = parent.Sum + Scores.Rank(training.Mean), Count = parent.Count + 1 };
            _pulls++;

            var proposal = await optimizer.ProposeAsync(cancellationToken).ConfigureAwait(false);
            var child = context.Capture();
            var outcome = new StepOutcome { ScoredValues = parent.Values, Score = training.Mean, Kept = proposal };
            outcome.OptimizerSteps.Add(proposal.Step);
            outcome.Examples.AddRange(training.Examples);
            outcome.OptimizerDone = optimizer.Exhausted || proposal.Step.Terminated;

            if (_arms.Any(a => a.Values.SameAs(child)))
            {
                if (!optimizer.UsesFeedback)
                {
                    optimizer.Report(training.Mean);
                }

                outcome.Note = "the proposal equals a candidate already kept";
            }
            else
            {
                var childScore = context.HasValidation
                    ? await context.EvaluateValidationAsync(cancellationToken).ConfigureAwait(false)
                    : await context.EvaluateTrainingBatchAsync(backward: false, cancellationToken).ConfigureAwait(false);
                optimizer.Report(childScore.Mean);
                _arms.Add(new Arm(child, Scores.Rank(childScore.Mean), 1));
                _pulls++;
                outcome.ValidationScore = context.HasValidation ? childScore.Mean : null;
                if (context.HasValidation)
                {
                    outcome.AddValidation(childScore);
                }

                if (_arms.Count > bufferSize)
                {
                    _arms.RemoveAt(IndexOfMin(a => Bound(a)));
                }
            }

            var best = _arms[IndexOfMax(a => a.Count == 0 ? double.NegativeInfinity : a.Mean)];
            context.Apply(best.Values);
            outcome.ScoredValues = best.Values;
            outcome.TrackedScore = best.Count == 0 ? double.NaN : best.Mean;
            if (!ReferenceEquals(best.Values, child))
            {
                outcome.Kept = null;
            }

            return outcome;
        }

        public override JsonElement? SaveState() => JsonSerializer.SerializeToElement(
            new UcbState([.. _arms.Select(a => new ArmState(new Dictionary<string, string>(a.Values.Json, StringComparer.Ordinal), a.Sum, a.Count))], _pulls),
            TrainerJson.Default.UcbState);

        public override void LoadState(JsonElement state)
        {
            var saved = state.Deserialize(TrainerJson.Default.UcbState) ?? throw new InvalidOperationException("The saved bandit is empty.");
            _arms = [.. saved.Arms.Select(a => new Arm(ParameterValues.FromJson(a.Values), a.Sum, a.Count))];
            _pulls = saved.Pulls;
        }

        private double Bound(Arm arm) => arm.Count == 0
            ? double.PositiveInfinity
            : arm.Mean + exploration * Math.Sqrt(Math.Log(Math.Max(_pulls, 1)) / arm.Count);

        private int IndexOfMax(Func<Arm, double> key)
        {
            var best = 0;
            for (var i = 1; i < _arms.Count; i++)
            {
                if (key(_arms[i]) > key(_arms[best]))
                {
                    best = i;
                }
            }

            return best;
        }

        private int IndexOfMin(Func<Arm, double> key)
        {
            var worst = 0;
            for (var i = 1; i < _arms.Count; i++)
            {
                if (key(_arms[i]) < key(_arms[worst]))
                {
                    worst = i;
                }
            }

            return worst;
        }
    }

    private sealed record Arm(ParameterValues Values, double Sum, int Count)
    {
        public double Mean => Sum / Count;
    }
}

/// <summary>A saved arm.</summary>
/// <param name="Values">JSON text by parameter key.</param>
/// <param name="Sum">The sum of its scores.</param>
/// <param name="Count">How many scores were summed.</param>
internal sealed record ArmState(Dictionary<string, string> Values, double Sum, int Count);

/// <summary>The saved bandit.</summary>
/// <param name="Arms">The arms.</param>
/// <param name="Pulls">The total number of scores taken.</param>
internal sealed record UcbState(List<ArmState> Arms, int Pulls);
