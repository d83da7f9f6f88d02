namespace Opto.Trace;

public abstract partial class Node
{
    /// <summary>
    /// Sends <paramref name="feedback"/> from this node to every parameter that influenced it. Each reached
    /// parameter keeps a <see cref="FeedbackRecord"/> until its feedback is zeroed.
    /// </summary>
    /// <param name="feedback">What was right or wrong with this output: a score, an error, a sentence.</param>
    /// <param name="retainGraph">Whether the nodes may take part in another Backward in this step (otherwise a
    /// second Backward through them is refused, so that feedback is never counted twice by accident).</param>
    /// <returns>The record of this call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feedback"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="feedback"/> is empty or white space.</exception>
    /// <exception cref="InvalidOperationException">The node belongs to a scope that ended or is not current, or a
    /// node on the way was consumed by an earlier Backward.</exception>
    public FeedbackRecord Backward(string feedback, bool retainGraph = false) => Opto.Trace.Backward.Single(this, feedback, retainGraph);

    /// <summary>Hands a record to the node; parameters keep it, other nodes need not.</summary>
    internal virtual void AcceptFeedback(FeedbackRecord record)
    {
    }
}
