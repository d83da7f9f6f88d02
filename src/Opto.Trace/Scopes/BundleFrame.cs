namespace Opto.Trace;

/// <summary>
/// Records the parameters read while a bundle's body runs, so that a prompt or setting used inside an operation
/// becomes an input of that operation (and receives its feedback) without being passed as an argument.
/// </summary>
internal sealed class BundleFrame(Node[] declaredInputs)
{
    // Up to this many inputs a linear scan beats hashing; wide operations switch to a set so that M reads of M
    // parameters stay O(M), not O(M²).
    private const int LinearScanLimit = 8;

    private readonly Lock _gate = new();
    private HashSet<Node>? _known;
    private List<Node>? _reads;

    public static void RecordParameterRead(Node parameter)
    {
        var context = TraceContext.Current;
        if (context is { Frame: { } frame, Paused: false })
        {
            frame.Add(parameter);
        }
    }

    /// <summary>The declared inputs followed by every parameter read that was not one of them, each once.</summary>
    public Node[] InputsWithReads()
    {
        lock (_gate)
        {
            if (_reads is null)
            {
                return declaredInputs;
            }

            var all = new Node[declaredInputs.Length + _reads.Count];
            declaredInputs.CopyTo(all, 0);
            _reads.CopyTo(all, declaredInputs.Length);
            return all;
        }
    }

    private void Add(Node parameter)
    {
        lock (_gate)
        {
            if (_known is null && declaredInputs.Length + (_reads?.Count ?? 0) <= LinearScanLimit)
            {
                if (Array.IndexOf(declaredInputs, parameter) >= 0 || (_reads?.Contains(parameter) ?? false))
                {
                    return;
                }
            }
            else
            {
                _known ??= [.. declaredInputs, .. _reads ?? []];
                if (!_known.Add(parameter))
                {
                    return;
                }
            }

            (_reads ??= []).Add(parameter);
        }
    }
}
