using Opto.Trainer.Runs;

namespace Opto.Runs;

/// <summary>One line of a run listing.</summary>
/// <param name="Key">The run's key.</param>
/// <param name="Algorithm">The algorithm's name.</param>
/// <param name="Optimizer">The optimizer's name.</param>
/// <param name="Status">Where the run stands.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended, if it did.</param>
/// <param name="Steps">How many steps it completed.</param>
/// <param name="BestScore">
/// The best score the trainer reported when the run ended; for a run without one, the highest validation score of its
/// steps, or else their highest training score.
/// </param>
public sealed record RunSummary(
    string Key, string Algorithm, string Optimizer, RunStatus Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Steps, double? BestScore);

/// <summary>A run with its steps, for showing it.</summary>
/// <param name="Summary">The run's listing line.</param>
/// <param name="SettingsJson">The run's settings as JSON.</param>
/// <param name="EndMessage">Why the run ended, when it said.</param>
/// <param name="InitialParameters">The parameters before the first step.</param>
/// <param name="Steps">The steps, in order.</param>
public sealed record RunDetails(
    RunSummary Summary, string SettingsJson, string? EndMessage, IReadOnlyList<ParameterSnapshot> InitialParameters, IReadOnlyList<StepSummary> Steps);

/// <summary>A step as a run's overview shows it.</summary>
/// <param name="Number">The step's number, from 1.</param>
/// <param name="Score">The step's mean training score.</param>
/// <param name="ValidationScore">The validation score after the step.</param>
/// <param name="Changes">The parameters the step changed (old value, new value, feedback, reason).</param>
/// <param name="ExampleCount">How many examples it evaluated.</param>
/// <param name="LlmCallCount">How many LLM calls it made.</param>
/// <param name="InputTokens">The input tokens of those calls that reported them.</param>
/// <param name="OutputTokens">The output tokens of those calls that reported them.</param>
/// <param name="Cost">The cost of those calls that had a price.</param>
/// <param name="HasGraph">Whether a graph (DOT) was kept for the step.</param>
/// <param name="Note">The step's remark.</param>
/// <param name="CompletedAt">When it completed.</param>
/// <param name="Duration">How long it took.</param>
public sealed record StepSummary(
    int Number,
    double? Score,
    double? ValidationScore,
    IReadOnlyList<ParameterChange> Changes,
    int ExampleCount,
    int LlmCallCount,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    bool HasGraph,
    string? Note,
    DateTimeOffset CompletedAt,
    TimeSpan Duration);

/// <summary>One version of a parameter, and what produced it.</summary>
/// <param name="Step">The step that produced it (0 for the value the run started with).</param>
/// <param name="TypeName">The value's type.</param>
/// <param name="ValueJson">The value as JSON.</param>
/// <param name="Version">The parameter's own version number.</param>
/// <param name="IsCode">Whether the value is source code.</param>
/// <param name="PreviousValueJson">The value it replaced (<see langword="null"/> for the first version).</param>
/// <param name="Feedback">The feedback that led to it, when the step reported any.</param>
/// <param name="Reason">The optimizer's reasoning or the search rule, when the step reported any.</param>
public sealed record ParameterVersion(
    int Step, string TypeName, string ValueJson, int Version, bool IsCode, string? PreviousValueJson, string? Feedback, string? Reason);

/// <summary>A point of a run's score curve.</summary>
/// <param name="Step">The step.</param>
/// <param name="Score">The step's mean training score.</param>
/// <param name="ValidationScore">The validation score after the step.</param>
public sealed record ScorePoint(int Step, double? Score, double? ValidationScore);

/// <summary>A parameter on both sides of a comparison.</summary>
/// <param name="Name">The parameter's key.</param>
/// <param name="LeftValueJson">Its value on the left (<see langword="null"/> when the left side has no such parameter).</param>
/// <param name="RightValueJson">Its value on the right (<see langword="null"/> when the right side has no such parameter).</param>
/// <param name="Differs">Whether the two values differ (compared as JSON, so spacing does not count).</param>
public sealed record ParameterComparison(string Name, string? LeftValueJson, string? RightValueJson, bool Differs);

/// <summary>The scores of one side of a comparison.</summary>
/// <param name="Label">What the side is: <c>run-key</c>, or <c>run-key@step</c>.</param>
/// <param name="Step">The step whose parameters are compared (a run's last step; 0 when it has none).</param>
/// <param name="Score">That step's training score.</param>
/// <param name="ValidationScore">That step's validation score.</param>
/// <param name="BestScore">The best score up to that step (as <see cref="RunSummary.BestScore"/> counts it for a whole run).</param>
public sealed record ComparisonSide(string Label, int Step, double? Score, double? ValidationScore, double? BestScore);

/// <summary>Two runs, or two steps of a run, side by side.</summary>
/// <param name="Left">The left side's scores.</param>
/// <param name="Right">The right side's scores.</param>
/// <param name="Parameters">Every parameter of either side, in the left side's order and then the right's new ones.</param>
public sealed record RunComparison(ComparisonSide Left, ComparisonSide Right, IReadOnlyList<ParameterComparison> Parameters);

/// <summary>What <see cref="RunStore.ExportJson(string, Stream, RunExportOptions?)"/> writes.</summary>
public sealed record RunExportOptions
{
    /// <summary>
    /// Leaves out everything that depends on the clock (start, end and completion times, step durations, LLM latencies),
    /// so that two runs of the same deterministic program export to the same text. Default: <see langword="false"/>.
    /// </summary>
    public bool OmitTimings { get; init; }
}
