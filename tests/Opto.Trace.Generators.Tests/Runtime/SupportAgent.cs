using System.ComponentModel.DataAnnotations;

namespace Opto.Trace.Generators.Tests.Runtime;

/// <summary>A model compiled with the generator as a user would compile it; the runtime tests call what it generated.</summary>
[TraceModel]
public partial class SupportAgent
{
    /// <summary>System prompt that sets the agent's tone and policy.</summary>
    [Trainable, MaxLength(200)]
    public partial string SystemPrompt { get; set; }

    [Trainable(Description = "Sampling temperature."), Range(0.0, 1.5)]
    public partial double Temperature { get; set; }

    [Trainable, Constraint("A short sign-off.")]
    private readonly string _signature = "Best regards";

    /// <summary>The retriever, itself a model: its parameters are listed as Retriever.*.</summary>
    public Retriever Retriever { get; } = new() { TopK = 3 };

    /// <summary>Chooses the team that should handle a ticket.</summary>
    [Bundle]
    public string Route(string ticket) => ticket.Contains("refund", StringComparison.Ordinal) ? "billing" : "support";

    /// <summary>Writes the reply to a ticket.</summary>
    [Bundle]
    public async Task<string> ReplyAsync(string ticket, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return $"{SystemPrompt} [{Temperature:0.0}] Re: {ticket}. {Signature}";
    }

    /// <summary>Fails on purpose.</summary>
    [Bundle]
    public static int Explode(int code) => throw new InvalidOperationException($"boom {code}");

    /// <summary>Scores how urgent a ticket is, from 0 (routine) to 3 (urgent).</summary>
    [Trainable, Constraint("Return 0 to 3.")]
    public int Urgency(string ticket) => ticket.Contains("now", StringComparison.Ordinal) ? 3 : 1;

    /// <summary>Tags a ticket with its urgency.</summary>
    [Bundle]
    public string Tag(string ticket) => $"[{UrgencyTrained(ticket)}] {ticket}";

    /// <summary>Shortens a ticket for the dashboard.</summary>
    [Trainable]
    public async Task<string> PreviewAsync(string ticket)
    {
        await Task.Yield();
        return ticket.Length > 12 ? ticket[..12] + "..." : ticket;
    }
}

/// <summary>A nested model.</summary>
[TraceModel]
public partial class Retriever
{
    /// <summary>How many documents to fetch.</summary>
    [Trainable, Range(1, 20)]
    public partial int TopK { get; set; }

    /// <summary>Scores how well a document matches a query.</summary>
    [Trainable]
    public double Score(string query, string document) => document.Contains(query, StringComparison.OrdinalIgnoreCase) ? 1.0 : 0.0;
}
