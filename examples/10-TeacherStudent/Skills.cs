using Opto.TorchSharp;

namespace Opto.Examples.TeacherStudent;

/// <summary>
/// One skill the student must learn: a rule that labels points (x, y) of the square [-1, 1]² with 0 or 1, and how
/// far a point lies from the rule's decision boundary (the teacher's "boundary" generator aims at that).
/// </summary>
internal sealed record Skill(string Name, string Rule, Func<double, double, bool> Label, Func<double, double, double> Margin);

/// <summary>The four synthetic skills, and how points of a skill become the student's feature vectors.</summary>
internal static class Skills
{
    public static IReadOnlyList<Skill> All { get; } =
    [
        new("threshold", "label 1 when x + y > 0.4", (x, y) => x + y > 0.4, (x, y) => Math.Abs(x + y - 0.4) / Math.Sqrt(2)),
        new("xor", "label 1 when x and y have opposite signs", (x, y) => x > 0 != y > 0, (x, y) => Math.Min(Math.Abs(x), Math.Abs(y))),
        new("ring", "label 1 when the distance from (0, 0) is between 0.35 and 0.75",
            (x, y) => Radius(x, y) is > 0.35 and < 0.75, (x, y) => Math.Min(Math.Abs(Radius(x, y) - 0.35), Math.Abs(Radius(x, y) - 0.75))),
        new("stripes", "label 1 when x lies in [-0.5, 0) or in [0.5, 1] (four vertical stripes, alternating)",
            (x, _) => x is >= -0.5 and < 0 or >= 0.5, (x, _) => new[] { -0.5, 0, 0.5 }.Min(b => Math.Abs(x - b))),
    ];

    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1"];

    public static Skill? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The student sees x, y and a one-hot code of the skill, so one small network learns all four rules and the
    /// report can slice its accuracy by skill.
    /// </summary>
    public static float[] Features(Skill skill, double x, double y)
    {
        var row = new float[2 + All.Count];
        row[0] = (float)x;
        row[1] = (float)y;
        row[2 + IndexOf(skill)] = 1;
        return row;
    }

    /// <summary>Points drawn uniformly over the square for every skill, labelled by the rules (the held-out tasks, the seed set).</summary>
    public static StudentDataset Uniformly(int perSkill, int seed)
    {
        var random = new Random(seed);
        var points = new List<LabelledPoint>();
        foreach (var skill in All)
        {
            for (var i = 0; i < perSkill; i++)
            {
                var (x, y) = (Uniform(random), Uniform(random));
                points.Add(new LabelledPoint(skill, x, y, skill.Label(x, y) ? 1 : 0));
            }
        }

        return ToDataset(points);
    }

    public static StudentDataset ToDataset(IReadOnlyList<LabelledPoint> points) =>
        StudentDataset.Create([.. points.Select(p => Features(p.Skill, p.X, p.Y))], [.. points.Select(p => p.Label)], ClassNames,
            [.. points.Select(p => p.Skill.Name)]);

    public static double Uniform(Random random) => (random.NextDouble() * 2) - 1;

    private static int IndexOf(Skill skill) => All.Select((s, i) => (s, i)).First(t => t.s == skill).i;

    private static double Radius(double x, double y) => Math.Sqrt((x * x) + (y * y));
}

/// <summary>One training example as the teacher thinks of it.</summary>
internal sealed record LabelledPoint(Skill Skill, double X, double Y, int Label);
