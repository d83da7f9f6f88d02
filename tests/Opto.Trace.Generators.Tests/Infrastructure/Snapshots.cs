using System.Runtime.CompilerServices;

namespace Opto.Trace.Generators.Tests.Infrastructure;

/// <summary>
/// The one place snapshot matching happens (so that moving to Verify later touches only this file). The approved
/// text lives in __snapshots__/Name.approved.txt beside the tests. A missing snapshot is written and the test
/// passes, except under CI (env CI set), where it fails so that nothing is approved unseen; a mismatch writes
/// Name.received.txt and fails with both texts.
/// </summary>
internal static class Snapshots
{
    public static void Match(string actual, string name, [CallerFilePath] string testFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "__snapshots__");
        var approved = Path.Combine(folder, name + ".approved.txt");
        var received = Path.Combine(folder, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (!File.Exists(approved))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(received, actual);
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail($"There is no approved snapshot {approved}. The output was written to {received}; review it and rename it to approve it.");
            }

            File.Move(received, approved);
            return;
        }

        var expected = File.ReadAllText(approved).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"Snapshot {name} differs; the output is in {received}.\n--- approved\n{expected}\n--- received\n{actual}");
        }

        File.Delete(received);
    }
}
