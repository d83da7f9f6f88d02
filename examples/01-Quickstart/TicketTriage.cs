using System.ComponentModel.DataAnnotations;
using Opto.Trace;

namespace Opto.Examples.Quickstart;

/// <summary>A support ticket as it arrives.</summary>
/// <param name="Id">The ticket number, e.g. T-101.</param>
/// <param name="Customer">The customer's name.</param>
/// <param name="HoursWaiting">How long the customer has been waiting for an answer.</param>
/// <param name="Text">What the customer wrote.</param>
public sealed record Ticket(string Id, string Customer, double HoursWaiting, string Text);

/// <summary>What the triage decided: how urgent the ticket is, which team gets it, and the first reply.</summary>
public sealed record Triage(string Priority, string Team, string Reply);

/// <summary>The right answer for a ticket, from the dataset.</summary>
public sealed record Label(string Priority, string Team);

/// <summary>
/// The workflow being optimized: plain C# with four trainable values. Two are numbers and one is a choice between
/// teams, which a search can tune from scores alone; the reply template is text, which needs an LLM to rewrite.
/// </summary>
[TraceModel]
public partial class TicketTriage
{
    /// <summary>Urgency at or above which a ticket is marked urgent (each alarm word adds 3 points).</summary>
    [Trainable, Range(0.0, 10.0)]
    public partial double UrgentThreshold { get; set; }

    /// <summary>Urgency added for every hour the customer has waited.</summary>
    [Trainable, Range(0.0, 1.0)]
    public partial double WaitWeight { get; set; }

    /// <summary>The team that gets a ticket when no billing or technical word matches.</summary>
    [Trainable, AllowedValues("billing", "technical", "accounts")]
    public partial string FallbackTeam { get; set; }

    /// <summary>The first reply to the customer; {customer} and {ticket} are replaced by the customer's name and the ticket number.</summary>
    [Trainable, MaxLength(300)]
    public partial string ReplyTemplate { get; set; }

    /// <summary>Decides the priority and the team of a ticket, and writes the first reply.</summary>
    [Bundle]
    public Triage Decide(Ticket ticket)
    {
        // Read every trainable value up front: a value read only on some branch is an input of only those calls, and
        // an optimizer can only change what its feedback reached.
        var (threshold, waitWeight, fallbackTeam, replyTemplate) = (UrgentThreshold, WaitWeight, FallbackTeam, ReplyTemplate);
        var text = ticket.Text.ToLowerInvariant();
        string[] alarmWords = ["down", "outage", "cannot", "urgent", "twice", "blocked", "lost", "fails"];
        var urgency = 3.0 * alarmWords.Count(text.Contains) + waitWeight * ticket.HoursWaiting;
        var priority = urgency >= threshold ? "urgent" : "normal";

        string[] billingWords = ["invoice", "refund", "charged", "payment"];
        string[] technicalWords = ["error", "crash", "down", "outage", "bug", "slow"];
        var team = billingWords.Any(text.Contains) ? "billing"
            : technicalWords.Any(text.Contains) ? "technical"
            : fallbackTeam;

        var reply = replyTemplate.Replace("{customer}", ticket.Customer, StringComparison.Ordinal)
            .Replace("{ticket}", ticket.Id, StringComparison.Ordinal);
        return new Triage(priority, team, reply);
    }
}
