namespace Opto.Trainer.Runs;

/// <summary>What a run is, written when it starts.</summary>
public sealed record RunStart
{
    /// <summary>
    /// The stable key of the run (chosen by the caller, e.g. "quickstart"); opening an unfinished run with the
    /// same key resumes it.
    /// </summary>
    public required string RunKey { get; init; }

    /// <summary>The algorithm's name, e.g. <c>minibatch</c>, <c>search</c>, <c>beam</c>, <c>ucb</c>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The optimizer's name, e.g. <c>OptoPrime</c> or <c>NumericSearch</c>.</summary>
    public required string Optimizer { get; init; }

    /// <summary>The parameters as they were before the first step.</summary>
    public required IReadOnlyList<ParameterSnapshot> Parameters { get; init; }

    /// <summary>The run's settings as JSON (seed, batch size, budgets…), for display and for checking a resume matches.</summary>
    public string SettingsJson { get; init; } = "{}";

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A parameter's value at one moment.</summary>
/// <param name="Name">The parameter's key.</param>
/// <param name="TypeName">The value's type, as <c>TypeNames.Friendly</c> writes it.</param>
/// <param name="ValueJson">The value as JSON.</param>
/// <param name="Version">The parameter's version (changes since it was created).</param>
/// <param name="IsCode">Whether the value is source code.</param>
public sealed record ParameterSnapshot(string Name, string TypeName, string ValueJson, int Version, bool IsCode);

/// <summary>A parameter's change in one step, and why it happened.</summary>
/// <param name="Name">The parameter's key.</param>
/// <param name="OldValueJson">The value before, as JSON.</param>
/// <param name="NewValueJson">The value after, as JSON.</param>
/// <param name="Feedback">The feedback that led to the change (what the optimizer read), when there was any.</param>
/// <param name="Reason">The optimizer's reasoning, or the search rule that proposed the value.</param>
public sealed record ParameterChange(string Name, string OldValueJson, string NewValueJson, string? Feedback, string? Reason);

/// <summary>One call to an LLM made during a step.</summary>
public sealed record LlmCallRecord
{
    /// <summary>What the call was for (<c>propose</c>, <c>re-ask</c>, <c>judge</c>…).</summary>
    public required string Purpose { get; init; }

    /// <summary>The model, when known.</summary>
    public string? Model { get; init; }

    /// <summary>Input tokens, when reported.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Output tokens, when reported.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>How long the call took, when measured.</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary>What the call cost, when a price is known.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The cassette key of the call, when it was recorded or replayed.</summary>
    public string? CassetteKey { get; init; }

    /// <summary>The messages sent, as JSON.</summary>
    public string? RequestJson { get; init; }

    /// <summary>The answer text.</summary>
    public string? Response { get; init; }
}

/// <summary>The score of one example evaluated in a step.</summary>
/// <param name="ExampleId">The example's id in its dataset.</param>
/// <param name="Score">The guide's score (higher is better).</param>
/// <param name="Feedback">The guide's feedback text.</param>
/// <param name="Error">The exception text when the workflow or the guide threw on this example.</param>
public sealed record ExampleScore(string ExampleId, double Score, string? Feedback, string? Error);

/// <summary>Everything about one completed step.</summary>
public sealed record StepRecord
{
    /// <summary>The step's number, from 1.</summary>
    public required int Number { get; init; }

    /// <summary>The mean training score of the step, when it evaluated anything.</summary>
    public double? Score { get; init; }

    /// <summary>The validation score after the step, when there is a validation set.</summary>
    public double? ValidationScore { get; init; }

    /// <summary>The examples evaluated in this step.</summary>
    public IReadOnlyList<ExampleScore> Examples { get; init; } = [];

    /// <summary>Every trainable parameter after the step (the state a resume starts from).</summary>
    public required IReadOnlyList<ParameterSnapshot> Parameters { get; init; }

    /// <summary>The parameters the step changed.</summary>
    public IReadOnlyList<ParameterChange> Changes { get; init; } = [];

    /// <summary>The LLM calls of the step.</summary>
    public IReadOnlyList<LlmCallRecord> LlmCalls { get; init; } = [];

    /// <summary>A graph of the step (DOT), when one was kept.</summary>
    public string? GraphDot { get; init; }

    /// <summary>
    /// The algorithm's and optimizer's state after the step as JSON (random-number state, best so far, beam,
    /// bandit counts, search state) — everything a resume needs besides the parameters.
    /// </summary>
    public string StateJson { get; init; } = "{}";

    /// <summary>Remarks, e.g. why nothing changed.</summary>
    public string? Note { get; init; }

    /// <summary>When the step completed.</summary>
    public DateTimeOffset CompletedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>How long the step took.</summary>
    public TimeSpan Duration { get; init; }
}

/// <summary>Where an unfinished run resumes.</summary>
/// <param name="RunId">The store's id of the run.</param>
/// <param name="LastCompletedStep">The number of the last step written (0 when none was).</param>
/// <param name="Parameters">The parameters after that step (or the initial ones).</param>
/// <param name="StateJson">The state written with that step.</param>
public sealed record ResumePoint(long RunId, int LastCompletedStep, IReadOnlyList<ParameterSnapshot> Parameters, string StateJson);

/// <summary>How a run ended.</summary>
/// <param name="Status">One of <see cref="RunStatus"/>.</param>
/// <param name="BestScore">The best score seen, when any.</param>
/// <param name="Message">Why it ended (e.g. the budget that ran out, the exception).</param>
public sealed record RunEnd(RunStatus Status, double? BestScore, string? Message);

/// <summary>The state of a run.</summary>
public enum RunStatus
{
    /// <summary>Started and not finished (or killed).</summary>
    Running,

    /// <summary>Ran all its steps.</summary>
    Completed,

    /// <summary>Stopped early because it stopped improving or the optimizer said so.</summary>
    Stopped,

    /// <summary>A budget (steps, tokens, money, time) ran out.</summary>
    BudgetExhausted,

    /// <summary>Cancelled by the caller (Ctrl+C); resumes when opened again.</summary>
    Cancelled,

    /// <summary>Failed with an exception; resumes when opened again.</summary>
    Failed,
}
