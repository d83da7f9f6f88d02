using System.Globalization;

namespace Opto.Trace.Code;

/// <summary>Short human-readable durations for feedback ("2 s", "1.5 s", "250 ms").</summary>
internal static class Durations
{
    public static string Format(TimeSpan duration) => duration.TotalSeconds >= 1
        ? duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s"
        : Math.Ceiling(duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
}
