using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Opto.Reporting;

/// <summary>How reports write scores, times and parameter values: the same text in a terminal and in a log.</summary>
public static class ReportFormat
{
    /// <summary>What a missing value prints as.</summary>
    public const string Missing = "-";

    /// <summary>A score with three decimals, or <see cref="Missing"/>.</summary>
    /// <param name="score">The score.</param>
    /// <returns>The text.</returns>
    public static string Score(double? score) =>
        score is { } value ? value.ToString("0.000", CultureInfo.InvariantCulture) : Missing;

    /// <summary>A moment as local date and time to the second (<c>2026-11-25 18:31:02</c>).</summary>
    /// <param name="moment">The moment.</param>
    /// <returns>The text.</returns>
    public static string Time(DateTimeOffset moment) =>
        moment.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// A stored parameter value (JSON) as a person reads it: a JSON string becomes its text, anything else stays
    /// JSON written compactly. Text that is not valid JSON is returned as it is.
    /// </summary>
    /// <param name="valueJson">The value as JSON.</param>
    /// <returns>The text.</returns>
    public static string Value(string valueJson)
    {
        ArgumentNullException.ThrowIfNull(valueJson);
        try
        {
            using var document = JsonDocument.Parse(valueJson);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.String ? root.GetString()! : JsonSerializer.Serialize(root);
        }
        catch (JsonException)
        {
            return valueJson;
        }
    }

    /// <summary>
    /// Shortens text to one line of at most <paramref name="maxLength"/> characters: runs of white space (new lines
    /// included) become one space, and a cut is marked with an ellipsis.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The longest result, at least 2.</param>
    /// <returns>The one-line text.</returns>
    public static string Shorten(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var line = OneLine(text);
        return line.Length <= maxLength ? line : string.Concat(line.AsSpan(0, maxLength - 1).TrimEnd(), "…");
    }

    /// <summary>A stored value (JSON) shortened to one line: <see cref="Value"/> then <see cref="Shorten"/>.</summary>
    /// <param name="valueJson">The value as JSON.</param>
    /// <param name="maxLength">The longest result.</param>
    /// <returns>The one-line text.</returns>
    public static string BriefValue(string valueJson, int maxLength = 48) => Shorten(Value(valueJson), maxLength);

    /// <summary>Text on one line: every run of white space becomes one space, and the ends are trimmed.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The line.</returns>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
