using Opto.Trace;

namespace Opto.Examples.CodeRepair;

/// <summary>
/// An ordinary class with a bug. <see cref="ParseDuration"/> is [Trainable]: its source is a code parameter that an
/// optimizer may rewrite; the new source is compiled at run time, checked by the sandbox and run by the generated
/// <c>ParseDurationTrained</c> and traced <c>ParseDuration(Node&lt;string&gt;)</c> overloads.
/// </summary>
[TraceModel]
public partial class DurationParser
{
    /// <summary>
    /// Reads a duration such as "1h30m", "2m30" or "90" and returns it in seconds. Units: d, h, m, s (either case);
    /// a number without a unit at the end counts as seconds; spaces are ignored.
    /// </summary>
    [Trainable]
    public int ParseDuration(string text)
    {
        var total = 0;
        var number = 0;
        foreach (var c in text)
        {
            if (char.IsDigit(c))
            {
                number = (number * 10) + (c - '0');
            }
            else if (c == 'h')
            {
                total += number * 3600;
                number = 0;
            }
            else if (c == 'm')
            {
                total += number * 60;
                number = 0;
            }
            else if (c == 's')
            {
                total += number;
                number = 0;
            }
        }

        return total;
    }
}
