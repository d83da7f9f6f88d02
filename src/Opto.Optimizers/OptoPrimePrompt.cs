using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>The messages <see cref="OptoPrime"/> sends for the current feedback, with what they were built from.</summary>
public sealed class OptoPrimePrompt
{
    internal OptoPrimePrompt(string system, string user, TraceProblem problem, TraceSubgraph subgraph, IReadOnlyList<IParameterNode> variables)
    {
        SystemMessage = system;
        UserMessage = user;
        Problem = problem;
        Subgraph = subgraph;
        Variables = variables;
    }

    /// <summary>The system message: the role, the section guide and the answer format.</summary>
    public string SystemMessage { get; }

    /// <summary>The user message: memory (if any), the problem and the request for an answer.</summary>
    public string UserMessage { get; }

    /// <summary>The problem's sections.</summary>
    public TraceProblem Problem { get; }

    /// <summary>The trace shown.</summary>
    public TraceSubgraph Subgraph { get; }

    /// <summary>The parameters the answer may change (those with feedback).</summary>
    public IReadOnlyList<IParameterNode> Variables { get; }

    /// <summary>The two messages, ready to send.</summary>
    /// <returns>A new list holding the system and the user message.</returns>
    public List<ChatMessage> ToMessages() => [new(ChatRole.System, SystemMessage), new(ChatRole.User, UserMessage)];

    /// <summary>Both messages as one text (for snapshots and logs).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"[system]\n{SystemMessage}\n\n[user]\n{UserMessage}";
}
