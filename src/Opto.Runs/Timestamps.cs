using System.Globalization;

namespace Opto.Runs;

/// <summary>How the store writes and reads times: ISO 8601 round-trip text, which sorts and reads well.</summary>
internal static class Timestamps
{
    public static string Write(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Read(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
