using System.Text;

namespace Opto.Testing;

/// <summary>A small line diff (longest common subsequence) for readable mismatch messages.</summary>
internal static class LineDiff
{
    // Beyond this the quadratic table gets too big for an error message; such requests are compared by prefix/suffix only.
    private const long MaxCells = 4_000_000;

    /// <summary>How many lines differ between the two texts (removed plus added).</summary>
    public static int Distance(IReadOnlyList<string> expected, IReadOnlyList<string> actual) =>
        Compute(expected, actual).Count(line => line.Kind != ' ');

    /// <summary>A unified-style diff: <c>- </c> for recorded lines, <c>+ </c> for actual ones, long unchanged runs elided.</summary>
    public static string Format(IReadOnlyList<string> expected, IReadOnlyList<string> actual, int context = 3)
    {
        var lines = Compute(expected, actual);
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != ' ')
            {
                text.Append(lines[i].Kind).Append(' ').AppendLine(lines[i].Text);
                continue;
            }

            // Keep unchanged lines only near a change.
            var runEnd = i;
            while (runEnd < lines.Count && lines[runEnd].Kind == ' ')
            {
                runEnd++;
            }

            var keepHead = i == 0 ? 0 : context;
            var keepTail = runEnd == lines.Count ? 0 : context;
            var runLength = runEnd - i;
            if (runLength <= keepHead + keepTail + 1)
            {
                for (var j = i; j < runEnd; j++)
                {
                    text.Append("  ").AppendLine(lines[j].Text);
                }
            }
            else
            {
                for (var j = i; j < i + keepHead; j++)
                {
                    text.Append("  ").AppendLine(lines[j].Text);
                }

                text.Append("  ... (").Append(runLength - keepHead - keepTail).AppendLine(" unchanged lines)");
                for (var j = runEnd - keepTail; j < runEnd; j++)
                {
                    text.Append("  ").AppendLine(lines[j].Text);
                }
            }

            i = runEnd - 1;
        }

        return text.ToString();
    }

    private static List<(char Kind, string Text)> Compute(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        // Common head and tail need no table.
        var head = 0;
        while (head < expected.Count && head < actual.Count && expected[head] == actual[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < expected.Count - head && tail < actual.Count - head
               && expected[expected.Count - 1 - tail] == actual[actual.Count - 1 - tail])
        {
            tail++;
        }

        var result = new List<(char, string)>();
        for (var i = 0; i < head; i++)
        {
            result.Add((' ', expected[i]));
        }

        var n = expected.Count - head - tail;
        var m = actual.Count - head - tail;
        if ((long)(n + 1) * (m + 1) > MaxCells)
        {
            for (var i = 0; i < n; i++)
            {
                result.Add(('-', expected[head + i]));
            }

            for (var j = 0; j < m; j++)
            {
                result.Add(('+', actual[head + j]));
            }
        }
        else
        {
            // lcs[i, j] = length of the LCS of expected[head+i..] and actual[head+j..].
            var lcs = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
            {
                for (var j = m - 1; j >= 0; j--)
                {
                    lcs[i, j] = expected[head + i] == actual[head + j]
                        ? lcs[i + 1, j + 1] + 1
                        : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            int a = 0, b = 0;
            while (a < n || b < m)
            {
                if (a < n && b < m && expected[head + a] == actual[head + b])
                {
                    result.Add((' ', expected[head + a]));
                    a++;
                    b++;
                }
                else if (a < n && (b == m || lcs[a + 1, b] >= lcs[a, b + 1]))
                {
                    result.Add(('-', expected[head + a]));
                    a++;
                }
                else
                {
                    result.Add(('+', actual[head + b]));
                    b++;
                }
            }
        }

        for (var i = expected.Count - tail; i < expected.Count; i++)
        {
            result.Add((' ', expected[i]));
        }

        return result;
    }
}
