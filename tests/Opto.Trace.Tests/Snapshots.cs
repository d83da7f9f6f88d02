using System.Runtime.CompilerServices;

namespace Opto.Trace.Tests;

/// <summary>
/// Text snapshots: the expected output lives next to the test in __snapshots__/Name.approved.txt.
/// A missing snapshot is written and fails under CI (so a new snapshot is never approved silently there);
/// a mismatch writes Name.received.txt beside it and fails with both texts.
/// </summary>
internal static class Snapshots
{
    public static void Match(string actual, string name, [CallerFilePath] string testFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "__snapshots__");
        var approved = Path.Combine(folder, name + ".approved.txt");
        var received = Path.Combine(folder, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        Directory.CreateDirectory(folder);

        if (!File.Exists(approved))
        {
            File.WriteAllText(received, actual);
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                Assert.Fail($"No approved snapshot {approved}; the output was written to {received}.");
            }

            File.Move(received, approved);
            return;
        }

        var expected = File.ReadAllText(approved).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"Snapshot {name} differs (received output in {received}).\n--- approved\n{expected}\n--- received\n{actual}");
        }

        File.Delete(received);
    }
}
