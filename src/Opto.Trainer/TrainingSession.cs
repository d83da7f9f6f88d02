using System.Buffers;
using System.Text;
using System.Text.Json;
using Opto.Llm;
using Opto.Optimizers;
using Opto.Trace;
using Opto.Trainer.Runs;

namespace Opto.Trainer;

/// <summary>
/// One call of <see cref="Trainer{TInput, TOutput, TExpected}.TrainAsync"/>: opens or resumes the run, takes steps
/// through the algorithm, records each completed step, tracks the best values, applies budgets and early stopping,
/// and ends the run with its status.
/// </summary>
internal sealed class TrainingSession<TInput, TOutput, TExpected> : IAlgorithmContext
{
    private readonly Evaluator<TInput, TOutput, TExpected> _evaluator;
    private readonly Proposer _proposer;
    private readonly TrainerOptions _options;
    private readonly Dataset<TInput, TExpected> _training;
    private readonly Dataset<TInput, TExpected>? _validation;
    private readonly JsonSerializerOptions _json;
    private readonly BatchSampler _sampler;
    private readonly AlgorithmRun _algorithm;
    private readonly Dictionary<string, int> _versions = new(StringComparer.Ordinal);
    private readonly List<StepRecord> _steps = [];
    private ParameterValues _last;
    private ParameterValues? _bestValues;
    private double? _bestScore;
    private bool _lastProposalUnscored;
    private double? _trackedBest;
    private int _stepsWithoutImprovement;
    private int _step;

    public TrainingSession(Evaluator<TInput, TOutput, TExpected> evaluator, Proposer proposer, TrainerOptions options,
        Dataset<TInput, TExpected> training, Dataset<TInput, TExpected>? validation)
    {
        _evaluator = evaluator;
        _proposer = proposer;
        _options = options;
        _training = training;
        _validation = validation;
        _json = options.SerializerOptions ?? OptimizerOptions.DefaultSerializerOptions;
        _sampler = new BatchSampler(training.Count, options.BatchSize, options.Shuffle, options.Seed);
        _algorithm = options.Algorithm.CreateRun();
        _last = Capture();
        foreach (var parameter in proposer.Parameters)
        {
            _versions[parameter.Name] = parameter.Version;
        }
    }

    public Proposer Optimizer => _proposer;

    public bool HasValidation => _validation is { Count: > 0 };

    public ParameterValues Capture() => ParameterValues.Capture(_proposer.Parameters, _json);

    public void Apply(ParameterValues values) => values.ApplyTo(_proposer.Parameters, _json);

    public async Task<ScoredSet> EvaluateTrainingBatchAsync(bool backward, CancellationToken cancellationToken)
    {
        var indices = _sampler.Next();
        var batch = new Example<TInput, TExpected>[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            batch[i] = _training[indices[i]];
        }

        var evaluation = await _evaluator.EvaluateAsync(batch, backward, EvaluationPhase.Training, _step, _options.Progress, cancellationToken).ConfigureAwait(false);
        return Summarize(evaluation);
    }

    public async Task<ScoredSet> EvaluateValidationAsync(CancellationToken cancellationToken)
    {
        var validation = _validation ?? throw new InvalidOperationException("This algorithm needs a validation set.");
        var evaluation = await _evaluator.EvaluateAsync(validation, backward: false, EvaluationPhase.Validation, _step, _options.Progress, cancellationToken).ConfigureAwait(false);
        return Summarize(evaluation);
    }

    public async Task<TrainingResult> RunAsync(CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        var journal = _options.Journal;
        var resume = journal is null ? null : await journal.BeginAsync(Start(), cancellationToken).ConfigureAwait(false);
        var firstStep = 1;
        RunEnd end;
        try
        {
            if (resume is not null)
            {
                Resume(resume);
                firstStep = resume.LastCompletedStep + 1;
            }

            end = await StepsAsync(firstStep, started, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            end = new RunEnd(RunStatus.Cancelled, _bestScore, $"cancelled after step {_steps.LastOrDefault()?.Number ?? firstStep - 1}");
        }
        catch (BudgetExceededException ex)
        {
            end = new RunEnd(RunStatus.BudgetExhausted, _bestScore, ex.Message);
        }
        catch (Exception ex)
        {
            RestoreAfterInterruption();
            if (journal is not null)
            {
                await journal.CompleteAsync(new RunEnd(RunStatus.Failed, _bestScore, $"{ex.GetType().Name}: {ex.Message}"), CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        RestoreAfterInterruption();
        // An unscored last proposal is not known to be worse than the best scored values, and going back would
        // undo e.g. a one-step fix; it is kept, and the result still reports the best scored values.
        if (_options.RestoreBestAtEnd && _bestValues is not null && !_lastProposalUnscored)
        {
            Apply(_bestValues);
        }

        // The last batch's feedback keeps its graphs alive; the run is over, so let them go.
        _proposer.ClearFeedback();

        if (journal is not null)
        {
            // The end is written even when the run was cancelled: the caller's token no longer applies.
            await journal.CompleteAsync(end, CancellationToken.None).ConfigureAwait(false);
        }

        var bestValues = _bestValues?.ToObjects(_proposer.Parameters, _json) ?? new Dictionary<string, object?>();
        return new TrainingResult(end, bestValues, _steps.AsReadOnly(), _steps.LastOrDefault()?.Number ?? firstStep - 1, firstStep);
    }

    private async Task<RunEnd> StepsAsync(int firstStep, long started, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        for (_step = firstStep; ; _step++)
        {
            if (_step > _options.MaxSteps)
            {
                return new RunEnd(RunStatus.Completed, _bestScore, $"ran all {_options.MaxSteps} steps");
            }

            if (_options.Budget?.ExhaustedReason(time.GetElapsedTime(started)) is { } reason)
            {
                return new RunEnd(RunStatus.BudgetExhausted, _bestScore, reason);
            }

            cancellationToken.ThrowIfCancellationRequested();
            _options.Progress?.Report(new StepStarted(_step, _options.MaxSteps));
            var stepStarted = time.GetTimestamp();
            var calls = new StepCalls();
            StepCalls.Current = calls; // restored when this method returns
            var outcome = await _algorithm.StepAsync(this, cancellationToken).ConfigureAwait(false);
            var (record, next) = Record(outcome, calls, time.GetElapsedTime(stepStarted));
            _lastProposalUnscored = outcome.ProposalUnscored;
            if (_options.Journal is { } journal)
            {
                await journal.RecordStepAsync(record, cancellationToken).ConfigureAwait(false);
            }

            Commit(next);
            _steps.Add(record);
            _options.Progress?.Report(new StepFinished(record));

            if (outcome.OptimizerDone && _options.StopWhenOptimizerDone)
            {
                return new RunEnd(RunStatus.Stopped, _bestScore, $"the optimizer had nothing more to propose after step {_step}");
            }

            if (_options.Patience is { } patience && _stepsWithoutImprovement >= patience)
            {
                return new RunEnd(RunStatus.Stopped, _bestScore, $"no improvement in the last {patience} step(s)");
            }
        }
    }

    /// <summary>
    /// Turns a step's outcome into its record. The run's bookkeeping (last values, versions, best, patience) moves on
    /// only when <see cref="Commit"/> is called after the record was written, so a failed write leaves the run at its
    /// last recorded step.
    /// </summary>
    private (StepRecord Record, Bookkeeping Next) Record(StepOutcome outcome, StepCalls calls, TimeSpan duration)
    {
        var current = Capture();
        var versions = new Dictionary<string, int>(_versions, StringComparer.Ordinal);
        var changes = new List<ParameterChange>();
        foreach (var parameter in _proposer.Parameters)
        {
            var before = _last.Json[parameter.Name];
            var after = current.Json[parameter.Name];
            if (string.Equals(before, after, StringComparison.Ordinal))
            {
                continue;
            }

            versions[parameter.Name]++;
            var kept = outcome.Kept;
            string? feedback = null;
            kept?.FeedbackByParameter.TryGetValue(parameter.Name, out feedback);
            changes.Add(new ParameterChange(parameter.Name, before, after, feedback,
                kept is null ? "an earlier candidate scored best and was restored" : kept.Reason));
        }

        var next = new Bookkeeping(current, versions, _bestScore, _bestValues, _trackedBest, _stepsWithoutImprovement);
        if (next.BestScore is null || Scores.Beats(outcome.TrackedScore, next.BestScore.Value))
        {
            next = next with { BestScore = outcome.TrackedScore, BestValues = outcome.ScoredValues };
        }

        next = next.TrackedBest is null || Scores.Rank(outcome.TrackedScore) > next.TrackedBest.Value + _options.MinImprovement
            ? next with { TrackedBest = Scores.Rank(outcome.TrackedScore), StepsWithoutImprovement = 0 }
            : next with { StepsWithoutImprovement = next.StepsWithoutImprovement + 1 };

        var record = new StepRecord
        {
            Number = _step,
            Score = outcome.Score,
            ValidationScore = outcome.ValidationScore,
            Examples = outcome.Examples.AsReadOnly(),
            Parameters = Snapshots(current, versions),
            Changes = changes.AsReadOnly(),
            LlmCalls = [.. outcome.OptimizerSteps.SelectMany(s => s.Exchanges).Select(CallRecord), .. calls.ToList()],
            StateJson = SaveState(next),
            Note = outcome.Note,
            CompletedAt = _options.TimeProvider.GetUtcNow(),
            Duration = duration,
        };
        return (record, next);
    }

    private void Commit(Bookkeeping next)
    {
        _last = next.Last;
        foreach (var (name, version) in next.Versions)
        {
            _versions[name] = version;
        }

        _bestScore = next.BestScore;
        _bestValues = next.BestValues;
        _trackedBest = next.TrackedBest;
        _stepsWithoutImprovement = next.StepsWithoutImprovement;
    }

    private LlmCallRecord CallRecord(LlmExchange exchange)
    {
        return new LlmCallRecord
        {
            Purpose = exchange.Purpose,
            Model = _proposer.Model,
            InputTokens = exchange.Usage?.InputTokenCount,
            OutputTokens = exchange.Usage?.OutputTokenCount,
            RequestJson = StepCalls.RequestJson(exchange.Messages.Select(m => (m.Role.Value, m.Text))),
            Response = exchange.Response,
        };
    }

    private IReadOnlyList<ParameterSnapshot> Snapshots(ParameterValues values, Dictionary<string, int> versions) =>
        [.. _proposer.Parameters.Select(p => new ParameterSnapshot(p.Name, TypeNames.Friendly(p.ValueType), values.Json[p.Name], versions[p.Name], p.IsCode))];

    private string SaveState(Bookkeeping next)
    {
        var state = new RunState
        {
            Sampler = _sampler.Save(),
            Algorithm = _algorithm.SaveState(),
            Optimizer = _proposer.SaveState(),
            BestScore = next.BestScore,
            BestValues = next.BestValues is null ? null : new Dictionary<string, string>(next.BestValues.Json, StringComparer.Ordinal),
            TrackedBest = next.TrackedBest,
            StepsWithoutImprovement = next.StepsWithoutImprovement,
            Versions = next.Versions,
        };
        return JsonSerializer.Serialize(state, TrainerJson.Default.RunState);
    }

    /// <summary>Sets the parameters and state to those recorded with the resume point's step.</summary>
    private void Resume(ResumePoint resume)
    {
        var byName = resume.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var parameter in _proposer.Parameters)
        {
            if (!byName.TryGetValue(parameter.Name, out var snapshot))
            {
                throw new InvalidOperationException(
                    $"Run '{_options.RunKey}' cannot be resumed: its step {resume.LastCompletedStep} has no value for parameter '{parameter.Name}'. Use another run key for a run with other parameters.");
            }

            ParameterValues.Set(parameter, snapshot.ValueJson, _json);
            _versions[parameter.Name] = snapshot.Version;
        }

        _last = Capture();
        if (resume.LastCompletedStep == 0)
        {
            return;
        }

        RunState state;
        try
        {
            state = JsonSerializer.Deserialize(resume.StateJson, TrainerJson.Default.RunState)
                ?? throw new JsonException("the state is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Run '{_options.RunKey}' cannot be resumed: the state of step {resume.LastCompletedStep} is not one this trainer wrote ({ex.Message}).", ex);
        }

        _sampler.Load(state.Sampler);
        if (state.Algorithm is { } algorithm)
        {
            _algorithm.LoadState(algorithm);
        }

        if (state.Optimizer is { } optimizer)
        {
            _proposer.LoadState(optimizer);
        }

        _bestScore = state.BestScore;
        _bestValues = state.BestValues is null ? null : ParameterValues.FromJson(state.BestValues);
        _trackedBest = state.TrackedBest;
        _stepsWithoutImprovement = state.StepsWithoutImprovement;
        foreach (var (name, version) in state.Versions)
        {
            _versions[name] = version;
        }
    }

    /// <summary>A step cut short may have left a candidate applied; go back to the values of the last completed step.</summary>
    private void RestoreAfterInterruption() => Apply(_last);

    private RunStart Start()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("algorithm", _options.Algorithm.Name);
            _options.Algorithm.WriteSettings(writer);
            writer.WriteNumber("maxSteps", _options.MaxSteps);
            writer.WriteNumber("batchSize", _options.BatchSize);
            writer.WriteBoolean("shuffle", _options.Shuffle);
            writer.WriteNumber("seed", _options.Seed);
            writer.WriteNumber("maxDegreeOfParallelism", _options.MaxDegreeOfParallelism);
            writer.WriteNumber("errorScore", _options.ErrorScore);
            if (_options.Patience is { } patience)
            {
                writer.WriteNumber("patience", patience);
            }

            writer.WriteNumber("trainingExamples", _training.Count);
            writer.WriteNumber("validationExamples", _validation?.Count ?? 0);
            writer.WriteEndObject();
        }

        return new RunStart
        {
            RunKey = _options.RunKey,
            Algorithm = _options.Algorithm.Name,
            Optimizer = _proposer.Name,
            Parameters = Snapshots(_last, _versions),
            SettingsJson = Encoding.UTF8.GetString(buffer.WrittenSpan),
            StartedAt = _options.TimeProvider.GetUtcNow(),
        };
    }

    private static ScoredSet Summarize(Evaluation<TOutput> evaluation)
    {
        var examples = new ExampleScore[evaluation.Outcomes.Count];
        for (var i = 0; i < examples.Length; i++)
        {
            examples[i] = evaluation.Outcomes[i].ToRecord();
        }

        return new ScoredSet(evaluation.MeanScore, examples);
    }

    /// <summary>The run's bookkeeping after a step, applied once the step is recorded.</summary>
    private sealed record Bookkeeping(
        ParameterValues Last, Dictionary<string, int> Versions, double? BestScore, ParameterValues? BestValues, double? TrackedBest, int StepsWithoutImprovement);
}
