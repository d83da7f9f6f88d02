using Opto.Runs.Journal;
using Opto.Runs.Queries;
using Opto.Trainer.Runs;

namespace Opto.Runs;

/// <content>The read side: what the <c>opto</c> tool lists, shows, compares, plots and exports.</content>
public sealed partial class RunStore
{
    /// <summary>Lists every run, oldest first.</summary>
    /// <returns>One line per run.</returns>
    public IReadOnlyList<RunSummary> ListRuns() =>
        Read(connection => RunReader.Runs(connection, null).Select(r => r.Summary).ToList());

    /// <summary>Finds a run by its key.</summary>
    /// <param name="runKey">The run's key.</param>
    /// <returns>The run's listing line, or <see langword="null"/> when the store has no such run.</returns>
    public RunSummary? FindRun(string runKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runKey);
        return Read(connection => RunReader.Runs(connection, runKey).Select(r => r.Summary).SingleOrDefault());
    }

    /// <summary>A run with its settings, initial parameters and steps (scores, changes, counts).</summary>
    /// <param name="runKey">The run's key.</param>
    /// <returns>The run.</returns>
    /// <exception cref="KeyNotFoundException">The store has no such run; the message lists the runs it has.</exception>
    public RunDetails GetRun(string runKey) => Read(connection =>
    {
        var run = RunReader.RequireRun(connection, runKey, Path);
        var steps = RunReader.Steps(connection, run.Id).Select(s => s.Summary).ToList();
        return new RunDetails(run.Summary, run.SettingsJson, run.EndMessage, RunReader.ParametersAt(connection, run.Id, 0), steps);
    });

    /// <summary>One step, whole: scores, examples, parameters after it, changes, LLM calls, graph and state.</summary>
    /// <param name="runKey">The run's key.</param>
    /// <param name="step">The step's number, from 1.</param>
    /// <returns>The step as it was recorded (its changes rebuilt from the parameter versions).</returns>
    /// <exception cref="KeyNotFoundException">The store has no such run or the run has no such step.</exception>
    public StepRecord GetStep(string runKey, int step) => Read(connection =>
    {
        var run = RunReader.RequireRun(connection, runKey, Path);
        RunReader.RequireStep(run, step, allowZero: false);
        return RunReader.Step(connection, run.Id, step);
    });

    /// <summary>The parameters of a run after a step.</summary>
    /// <param name="runKey">The run's key.</param>
    /// <param name="step">The step (0 for the start); <see langword="null"/> for the last step.</param>
    /// <returns>The parameters, in the order they were declared.</returns>
    /// <exception cref="KeyNotFoundException">The store has no such run or the run has no such step.</exception>
    public IReadOnlyList<ParameterSnapshot> GetParameters(string runKey, int? step = null) => Read(connection =>
    {
        var run = RunReader.RequireRun(connection, runKey, Path);
        var at = step ?? run.Summary.Steps;
        RunReader.RequireStep(run, at, allowZero: true);
        return RunReader.ParametersAt(connection, run.Id, at);
    });

    /// <summary>The lineage of one parameter: every version, with the step, feedback and reason that produced it.</summary>
    /// <param name="runKey">The run's key.</param>
    /// <param name="parameterName">The parameter's key.</param>
    /// <returns>The versions, oldest (the start, step 0) first.</returns>
    /// <exception cref="KeyNotFoundException">The store has no such run, or the run no such parameter; the message lists its parameters.</exception>
    public IReadOnlyList<ParameterVersion> GetLineage(string runKey, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parameterName);
        return Read(connection =>
        {
            var run = RunReader.RequireRun(connection, runKey, Path);
            var versions = RunReader.Versions(connection, run.Id, parameterName);
            if (versions.Count == 0)
            {
                var names = RunReader.ParameterNames(connection, run.Id);
                throw new KeyNotFoundException($"Run '{runKey}' has no parameter '{parameterName}'; its parameters are {string.Join(", ", names)}.");
            }

            return (IReadOnlyList<ParameterVersion>)versions[0].Versions;
        });
    }

    /// <summary>The graph (DOT) kept for a step.</summary>
    /// <param name="runKey">The run's key.</param>
    /// <param name="step">The step's number, from 1.</param>
    /// <returns>The DOT text, or <see langword="null"/> when the step kept no graph.</returns>
    /// <exception cref="KeyNotFoundException">The store has no such run or the run has no such step.</exception>
    public string? GetGraphDot(string runKey, int step) => Read(connection =>
    {
        var run = RunReader.RequireRun(connection, runKey, Path);
        RunReader.RequireStep(run, step, allowZero: false);
        var (id, _, _) = RunReader.Steps(connection, run.Id, step).Single();
        return RunReader.Graph(connection, id);
    });

    /// <summary>The score curve of a run, for plotting: step → training and validation score.</summary>
    /// <param name="runKey">The run's key.</param>
    /// <returns>One point per step, in order.</returns>
    /// <exception cref="KeyNotFoundException">The store has no such run.</exception>
    public IReadOnlyList<ScorePoint> GetScoreCurve(string runKey) => Read(connection =>
    {
        var run = RunReader.RequireRun(connection, runKey, Path);
        return RunReader.Steps(connection, run.Id).Select(s => new ScorePoint(s.Summary.Number, s.Summary.Score, s.Summary.ValidationScore)).ToList();
    });

    /// <summary>Compares two runs: their final parameters and their scores.</summary>
    /// <param name="leftRunKey">The first run's key.</param>
    /// <param name="rightRunKey">The second run's key.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="KeyNotFoundException">The store has no such run.</exception>
    public RunComparison CompareRuns(string leftRunKey, string rightRunKey) => Read(connection =>
    {
        var left = RunReader.RequireRun(connection, leftRunKey, Path);
        var right = RunReader.RequireRun(connection, rightRunKey, Path);
        return Compare(connection, left, left.Summary.Steps, left.Summary.Key, right, right.Summary.Steps, right.Summary.Key);
    });

    /// <summary>Compares two steps of one run: the parameters after each, and their scores.</summary>
    /// <param name="runKey">The run's key.</param>
    /// <param name="leftStep">The first step (0 for the start).</param>
    /// <param name="rightStep">The second step (0 for the start).</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="KeyNotFoundException">The store has no such run or the run has no such step.</exception>
    public RunComparison CompareSteps(string runKey, int leftStep, int rightStep) => Read(connection =>
    {
        var run = RunReader.RequireRun(connection, runKey, Path);
        RunReader.RequireStep(run, leftStep, allowZero: true);
        RunReader.RequireStep(run, rightStep, allowZero: true);
        return Compare(connection, run, leftStep, $"{runKey}@{leftStep}", run, rightStep, $"{runKey}@{rightStep}");
    });

    private static RunComparison Compare(
        Microsoft.Data.Sqlite.SqliteConnection connection, RunRow left, int leftStep, string leftLabel, RunRow right, int rightStep, string rightLabel)
    {
        var leftParameters = RunReader.ParametersAt(connection, left.Id, leftStep);
        var rightParameters = RunReader.ParametersAt(connection, right.Id, rightStep).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var rows = new List<ParameterComparison>();
        foreach (var parameter in leftParameters)
        {
            var other = rightParameters.GetValueOrDefault(parameter.Name);
            rows.Add(new ParameterComparison(parameter.Name, parameter.ValueJson, other?.ValueJson, other is null || !JsonText.SameValue(parameter.ValueJson, other.ValueJson)));
            rightParameters.Remove(parameter.Name);
        }

        var onlyRight = RunReader.ParametersAt(connection, right.Id, rightStep).Where(p => rightParameters.ContainsKey(p.Name));
        rows.AddRange(onlyRight.Select(p => new ParameterComparison(p.Name, null, p.ValueJson, Differs: true)));
        return new RunComparison(Side(connection, left, leftStep, leftLabel), Side(connection, right, rightStep, rightLabel), rows);
    }

    private static ComparisonSide Side(Microsoft.Data.Sqlite.SqliteConnection connection, RunRow run, int step, string label)
    {
        var steps = RunReader.Steps(connection, run.Id).Select(s => s.Summary).Where(s => s.Number <= step).ToList();
        var at = steps.LastOrDefault();
        double? best;
        if (step == run.Summary.Steps)
        {
            best = run.Summary.BestScore;
        }
        else
        {
            var validation = steps.Select(s => s.ValidationScore).Where(v => v.HasValue).ToList();
            best = validation.Count > 0 ? validation.Max() : steps.Select(s => s.Score).Max();
        }

        return new ComparisonSide(label, step, at?.Score, at?.ValidationScore, best);
    }
}
