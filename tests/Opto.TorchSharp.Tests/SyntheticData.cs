using Opto.TorchSharp;

namespace Opto.TorchSharp.Tests;

/// <summary>Small, seeded datasets for real (CPU) training in tests.</summary>
internal static class SyntheticData
{
    /// <summary>
    /// Gaussian blobs around well-separated centres, one per class, so a small MLP reaches high accuracy in a few epochs.
    /// Examples of classes 0 and 1 are tagged with skill "easy"; the rest with "hard", whose centres are closer.
    /// </summary>
    public static StudentDataset Blobs(int count, int classes = 3, int features = 4, int seed = 1, float spread = 0.5f, float scale = 1f)
    {
        var random = new Random(seed);
        var rows = new float[count][];
        var labels = new int[count];
        var skills = new string[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % classes;
            var row = new float[features];
            for (var f = 0; f < features; f++)
            {
                var centre = f == label % features ? 3f : 0f;
                row[f] = scale * (centre + (spread * Gaussian(random)));
            }

            rows[i] = row;
            labels[i] = label;
            skills[i] = label < 2 ? "easy" : "hard";
        }

        return StudentDataset.Create(rows, labels, [.. Enumerable.Range(0, classes).Select(c => $"c{c}")], skills);
    }

    private static float Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
