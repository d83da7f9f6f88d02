using Microsoft.Extensions.AI;

namespace Opto.Trainer;

/// <summary>Settings of the LLM-as-judge guide.</summary>
public sealed class LlmJudgeOptions
{
    /// <summary>Gets or sets what a good answer is, added to the prompt (e.g. "Be strict about units.").</summary>
    /// <value>The default value is <see langword="null"/>: correctness against the reference only.</value>
    public string? Criteria { get; init; }

    /// <summary>Gets or sets the system message; a default grader instruction when null.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Gets or sets the top of the scale the judge is asked to use; scores are divided by it.</summary>
    /// <value>The default value is 1.</value>
    public double MaxScore { get; init; } = 1;

    /// <summary>Gets or sets options for the judge's calls (model, temperature…).</summary>
    public ChatOptions? ChatOptions { get; init; }
}
