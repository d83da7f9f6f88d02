namespace Opto.Trace;

/// <summary>
/// Sends feedback from outputs to every parameter that influenced them: O(V+E) per output, one topological order,
/// no recursion. Several outputs may carry different feedback; a parameter keeps one <see cref="FeedbackRecord"/>
/// per output that reached it.
/// </summary>
public static class Backward
{
    /// <summary>Gives feedback to several outputs in one step; each may have its own feedback.</summary>
    /// <param name="outputs">The outputs and their feedback.</param>
    /// <param name="retainGraph">Whether the nodes may take part in a later Backward of this step.</param>
    /// <returns>One record per output.</returns>
    /// <exception cref="ArgumentException">Feedback is empty, or an output appears twice.</exception>
    /// <exception cref="InvalidOperationException">An output is outside the current scope, or its graph was already consumed.</exception>
    public static IReadOnlyList<FeedbackRecord> Run(IEnumerable<(Node Output, string Feedback)> outputs, bool retainGraph = false)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var items = outputs.ToArray();
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        foreach (var (output, feedback) in items)
        {
            Validate(output, feedback);
            if (!seen.Add(output))
            {
                throw new ArgumentException($"Node '{output.Name}' is given feedback twice in one call; combine the two texts.", nameof(outputs));
            }
        }

        // Every check happens before anything is written, so a refused call leaves the graph as it was.
        var orders = new Node[items.Length][];
        for (var i = 0; i < items.Length; i++)
        {
            orders[i] = Topology.Ancestors(items[i].Output);
            CheckNotConsumed(items[i].Output, orders[i]);
        }

        var records = new FeedbackRecord[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            records[i] = Deliver(items[i].Output, items[i].Feedback, orders[i]);
        }

        if (!retainGraph)
        {
            foreach (var order in orders)
            {
                Consume(order);
            }
        }

        return records;
    }

    internal static FeedbackRecord Single(Node output, string feedback, bool retainGraph)
    {
        Validate(output, feedback);
        var order = Topology.Ancestors(output);
        CheckNotConsumed(output, order);
        var record = Deliver(output, feedback, order);
        if (!retainGraph)
        {
            Consume(order);
        }

        return record;
    }

    private static FeedbackRecord Deliver(Node output, string feedback, Node[] order)
    {
        var record = new FeedbackRecord(output, feedback, order);
        foreach (var node in order)
        {
            node.AcceptFeedback(record);
        }

        output.Graph?.AddFeedback(record);
        return record;
    }

    private static void Consume(Node[] order)
    {
        foreach (var node in order)
        {
            if (!node.IsRoot)
            {
                node.IsConsumed = true;
            }
        }
    }

    private static void Validate(Node output, string feedback)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (feedback is null)
        {
            throw new ArgumentNullException(nameof(feedback), $"Feedback for '{output.Name}' is null; say what was right or wrong with the output.");
        }

        if (string.IsNullOrWhiteSpace(feedback))
        {
            throw new ArgumentException($"Feedback for '{output.Name}' is empty; say what was right or wrong with the output.", nameof(feedback));
        }

        if (output.Graph is not { } graph)
        {
            return; // a parameter may receive feedback directly, in any scope or none
        }

        if (!graph.IsOpen)
        {
            throw new InvalidOperationException(
                $"Node '{output.Name}' belongs to a trace scope that has ended; call Backward inside the scope's using block.");
        }

        if (!graph.IsSelfOrAncestorOf(TraceScope.Current?.Graph))
        {
            throw new InvalidOperationException(
                $"Node '{output.Name}' belongs to another trace scope than the current one; call Backward in the flow that traced it.");
        }
    }

    private static void CheckNotConsumed(Node output, Node[] order)
    {
        foreach (var node in order)
        {
            if (node.IsConsumed)
            {
                throw new InvalidOperationException(
                    $"Node '{node.Name}' (an ancestor of '{output.Name}') was already passed by a Backward call that did not retain the graph. " +
                    "Pass retainGraph: true to the earlier call, or give all outputs their feedback in one Backward.Run call.");
            }
        }
    }
}
