using System.Runtime.CompilerServices;

namespace Opto.Optimizers.Tests;

/// <summary>
/// Text approval: the expected output lives in __snapshots__/Name.approved.txt next to the tests. A mismatch writes
/// Name.received.txt beside it and fails; a missing snapshot is written and approved locally, but fails when the CI
/// environment variable is set, so that nothing is approved silently there. This is the one seam to swap for Verify.
/// </summary>
internal static class Snapshots
{
    public static void Match(string actual, string name, [CallerFilePath] string testFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "__snapshots__");
        var approved = Path.Combine(folder, name + ".approved.txt");
        var received = Path.Combine(folder, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!actual.EndsWith('\n'))
        {
            actual += "\n";
        }

        Directory.CreateDirectory(folder);
        if (!File.Exists(approved))
        {
            File.WriteAllText(received, actual);
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                Assert.Fail($"No approved snapshot {approved}; the output was written to {received}. Review it and rename it to approve it.");
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
