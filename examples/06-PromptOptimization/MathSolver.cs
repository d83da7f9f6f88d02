using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Examples.PromptOptimization;

/// <summary>
/// Solves word problems with a chat model. The prompt is the trainable part: the system instructions and the
/// instruction on how to write the answer, which the grader must be able to read.
/// </summary>
[TraceModel]
public partial class MathSolver(IChatClient taskModel)
{
    /// <summary>The system instructions of the task model.</summary>
    [Trainable, MaxLength(600)]
    public partial string Instructions { get; set; }

    /// <summary>Tells the task model how to write its final answer.</summary>
    [Trainable, MaxLength(300)]
    public partial string AnswerFormat { get; set; }

    /// <summary>Asks the task model to solve one word problem; returns its whole reply.</summary>
    [Bundle]
    public async Task<string> SolveAsync(string question, CancellationToken cancellationToken)
    {
        var system = Instructions + "\n" + AnswerFormat;
        var response = await taskModel.GetResponseAsync(
            [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, question)], cancellationToken: cancellationToken);
        return response.Text;
    }

    /// <summary>The number on the reply's last "Answer: ..." line, or null when there is none.</summary>
    public static string? FinalAnswer(string reply) =>
        AnswerLine().Matches(reply) is { Count: > 0 } matches ? matches[^1].Groups[1].Value : null;

    [GeneratedRegex(@"Answer:\s*(-?\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerLine();
}
