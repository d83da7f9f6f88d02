using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opto.Runs.Journal;

/// <summary>Compares JSON texts by meaning, so that spacing or property order never makes two values differ.</summary>
internal static class JsonText
{
    public static bool SameValue(string left, string right)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right));
        }
        catch (JsonException)
        {
            // Not JSON after all (a trainer's bug, or hand-written text): only identical text counts as equal.
            return false;
        }
    }
}
