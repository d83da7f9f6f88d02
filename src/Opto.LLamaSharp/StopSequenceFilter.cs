namespace Opto.LLamaSharp;

/// <summary>
/// Passes generated text through until a stop sequence appears, holding back only the tail that could still be
/// the start of one, so that a stop sequence never reaches the caller, even when it arrives split over tokens.
/// </summary>
internal sealed class StopSequenceFilter(IReadOnlyList<string> stops)
{
    private readonly string[] _stops = [.. stops.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal)];
    private string _held = "";

    /// <summary>Whether a stop sequence was seen; nothing more should be generated.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Adds a piece of generated text.</summary>
    /// <param name="piece">The piece.</param>
    /// <returns>The text that can be released now (possibly empty).</returns>
    public string Push(string piece)
    {
        if (Stopped)
        {
            return "";
        }

        var text = _held + piece;
        var first = -1;
        foreach (var stop in _stops)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (first >= 0)
        {
            Stopped = true;
            _held = "";
            return text[..first];
        }

        var keep = LongestStopPrefixAtEnd(text);
        _held = text[(text.Length - keep)..];
        return text[..(text.Length - keep)];
    }

    /// <summary>Releases the held-back tail at the end of generation.</summary>
    /// <returns>The tail.</returns>
    public string Flush()
    {
        var rest = Stopped ? "" : _held;
        _held = "";
        return rest;
    }

    private int LongestStopPrefixAtEnd(string text)
    {
        var longest = 0;
        foreach (var stop in _stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
