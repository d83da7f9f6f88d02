using System.Runtime.CompilerServices;

namespace Opto.Testing;

/// <summary>
/// Approval of text output (rendered graphs, prompts, generated code) against files kept beside the tests:
/// <c>__snapshots__/Name.approved.txt</c>. This is the one seam for snapshot testing in the solution, so that a
/// move to another tool touches this file only.
/// </summary>
/// <remarks>
/// A mismatch writes <c>Name.received.txt</c> beside the approved file and fails with both texts. A missing snapshot
/// is written and approved on a developer machine, but fails when the <c>CI</c> environment variable is set, so that
/// nothing is ever approved unseen there. Line endings are normalized to <c>\n</c> and the text ends with one.
/// </remarks>
public static class TextSnapshot
{
    /// <summary>Compares <paramref name="actual"/> with the approved snapshot called <paramref name="name"/>.</summary>
    /// <param name="actual">The text produced by the test.</param>
    /// <param name="name">The snapshot's name, unique within the test file's folder.</param>
    /// <param name="testFile">Filled in by the compiler: the calling test's source file.</param>
    /// <exception cref="SnapshotMismatchException">The text differs, or (under CI) no snapshot was approved yet.</exception>
    public static void Match(string actual, string name, [CallerFilePath] string testFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var folder = Path.Combine(Path.GetDirectoryName(testFile) ?? ".", "__snapshots__");
        var approved = Path.Combine(folder, name + ".approved.txt");
        var received = Path.Combine(folder, name + ".received.txt");
        actual = Normalize(actual);
        Directory.CreateDirectory(folder);

        if (!File.Exists(approved))
        {
            File.WriteAllText(received, actual);
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                throw new SnapshotMismatchException(
                    $"There is no approved snapshot {approved}. The output was written to {received}; review it and rename it to approve it.");
            }

            File.Move(received, approved);
            return;
        }

        var expected = Normalize(File.ReadAllText(approved));
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.WriteAllText(received, actual);
            throw new SnapshotMismatchException(
                $"Snapshot {name} differs; the output is in {received}.\n--- approved\n{expected}--- received\n{actual}");
        }

        File.Delete(received);
    }

    private static string Normalize(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.EndsWith('\n') ? text : text + "\n";
    }
}
