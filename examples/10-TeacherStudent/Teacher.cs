using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Opto.Trace;
using Opto.TorchSharp;

namespace Opto.Examples.TeacherStudent;

/// <summary>
/// The teacher's data-generation policy (DataEnvGym's "policy"): what it plans to write each round. Every value is a
/// trainable parameter node, so feedback on the student's report reaches it.
/// </summary>
internal sealed class TeacherPolicy
{
    public const string Generators = "uniform, center, boundary";

    public ParameterNode<double> Focus { get; } = new(0.0, "teacher.focus",
        "How the round's budget is split between skills: 0 evenly, 1 in proportion to each skill's validation error in the last round.",
        ParameterConstraints.Range(0, 1));

    public ParameterNode<double> Jitter { get; } = new(0.2, "teacher.jitter",
        "Standard deviation of the noise the synthetic generator adds to x and y after labelling a point: a little diversifies, " +
        "too much moves points across the decision boundary with the wrong label.",
        ParameterConstraints.Range(0, 0.5));

    public ParameterNode<string> Generator { get; } = new("center", "teacher.generator",
        "Where the synthetic generator draws points: uniform (the whole square), center (a Gaussian around the origin) or " +
        "boundary (mostly close to the skill's decision boundary).",
        ParameterConstraints.OneOf("uniform", "center", "boundary"));

    public ParameterNode<string> Instruction { get; } = new(
        "Write varied training points for each skill. Label every point exactly by the skill's rule.",
        "teacher.instruction",
        "The instruction an LLM teacher reads before writing training data (used only when an LLM is configured).",
        new ParameterConstraints { MaxLength = 1500 });

    /// <summary>How many examples of each skill to write this round, from the budget and the last per-skill errors.</summary>
    public IReadOnlyDictionary<Skill, int> Split(int budget, IReadOnlyDictionary<string, double>? lastErrors)
    {
        var focus = Focus.Value;
        var totalError = lastErrors?.Values.Sum() ?? 0;
        var shares = Skills.All.ToDictionary(s => s, s =>
            ((1 - focus) / Skills.All.Count) + (totalError > 0 ? focus * lastErrors![s.Name] / totalError : focus / Skills.All.Count));
        return shares.ToDictionary(p => p.Key, p => (int)Math.Round(budget * p.Value));
    }
}

/// <summary>A round's new examples and what the teacher has to say about them; the text is what an optimizer reads.</summary>
internal sealed record TeacherBatch(StudentDataset? Data, string Notes)
{
    public int Count => Data?.Count ?? 0;

    public override string ToString() => Notes;
}

/// <summary>The teacher's two engines (DataEnvGym's "engine"): synthetic points in code, or an LLM writing JSON lines.</summary>
internal static class TeacherEngines
{
    public static readonly Operation Synthetic = new("TeacherGeneratesData",
        "Draws the round's training points for each skill with the chosen generator, labels them by the skill's rule, then " +
        "adds jitter; the split between skills follows focus and the last round's per-skill errors.",
        ["focus", "jitter", "generator", "last_errors"]);

    public static readonly Operation Written = new("TeacherLlmWritesData",
        "Asks the teacher LLM, with the instruction, for the round's training points as JSON lines (split between skills by " +
        "focus and the last round's per-skill errors); unreadable lines and lines labelled against the rule are dropped.",
        ["instruction", "focus", "last_errors"]);

    public static TeacherBatch Generate(TeacherPolicy policy, int budget, IReadOnlyDictionary<string, double>? lastErrors, int seed)
    {
        var random = new Random(seed);
        var points = new List<LabelledPoint>();
        foreach (var (skill, count) in policy.Split(budget, lastErrors))
        {
            for (var i = 0; i < count; i++)
            {
                var (x, y) = Draw(policy.Generator.Value, skill, random);
                var label = skill.Label(x, y) ? 1 : 0;
                // Jitter is applied after labelling, as a careless augmentation would: near the boundary it mislabels.
                var jitter = policy.Jitter.Value;
                points.Add(new LabelledPoint(skill, Clamp(x + (jitter * Gaussian(random))), Clamp(y + (jitter * Gaussian(random))), label));
            }
        }

        var counts = string.Join(", ", points.GroupBy(p => p.Skill.Name).Select(g => $"'{g.Key}' {g.Count()}"));
        return new TeacherBatch(points.Count == 0 ? null : Skills.ToDataset(points),
            $"{points.Count} new examples ({counts}) from the {policy.Generator.Value} generator, jitter {policy.Jitter.Value:0.###}");
    }

    public static async Task<TeacherBatch> WriteAsync(IChatClient llm, TeacherPolicy policy, int budget,
        IReadOnlyDictionary<string, double>? lastErrors, CancellationToken cancellationToken)
    {
        var split = policy.Split(budget, lastErrors);
        var prompt = new StringBuilder()
            .AppendLine(policy.Instruction.Value)
            .AppendLine()
            .AppendLine("A student classifies points (x, y), both between -1 and 1, into label 0 or 1. Each skill has its own rule:");
        foreach (var skill in Skills.All)
        {
            prompt.AppendLine(CultureInfo.InvariantCulture, $"- {skill.Name}: {skill.Rule}");
        }

        prompt.AppendLine()
            .AppendLine("Write " + string.Join(", ", split.Where(p => p.Value > 0).Select(p => $"{p.Value} examples for '{p.Key.Name}'")) + ".")
            .AppendLine("""Answer with one JSON object per line and nothing else, e.g. {"skill": "xor", "x": 0.42, "y": -0.17, "label": 1}""");
        var response = await llm.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You write training data for a small classifier."), new ChatMessage(ChatRole.User, prompt.ToString())],
            cancellationToken: cancellationToken);
        return Parse(response.Text, split);
    }

    /// <summary>
    /// Reads what the LLM wrote, tolerantly: any line holding a JSON object counts; anything else is ignored. A line is
    /// kept when it names a skill, has x and y in [-1, 1] and the label the rule gives (a data-quality check, as
    /// DataEnvGym does for math answers), and its skill still has room in the round's split.
    /// </summary>
    public static TeacherBatch Parse(string text, IReadOnlyDictionary<Skill, int> split)
    {
        var points = new List<LabelledPoint>();
        var room = split.ToDictionary(p => p.Key, p => p.Value);
        int unreadable = 0, mislabelled = 0, surplus = 0;
        foreach (var line in text.Split('\n'))
        {
            var start = line.IndexOf('{', StringComparison.Ordinal);
            var end = line.LastIndexOf('}');
            if (start < 0 || end < start)
            {
                continue; // prose, code fences, blank lines
            }

            if (!TryRead(line[start..(end + 1)], out var point))
            {
                unreadable++;
            }
            else if (point.Label != (point.Skill.Label(point.X, point.Y) ? 1 : 0))
            {
                mislabelled++;
            }
            else if (room.GetValueOrDefault(point.Skill) <= 0)
            {
                surplus++;
            }
            else
            {
                room[point.Skill]--;
                points.Add(point);
            }
        }

        var asked = split.Values.Sum();
        var notes = new StringBuilder().Append(CultureInfo.InvariantCulture, $"the LLM teacher was asked for {asked} examples; {points.Count} kept");
        if (unreadable + mislabelled + surplus > 0)
        {
            notes.Append(CultureInfo.InvariantCulture,
                $"; dropped {unreadable + mislabelled + surplus} lines: {unreadable} unreadable, {mislabelled} labelled against the skill's rule, {surplus} beyond the requested count");
        }

        var missing = room.Where(p => p.Value > 0).Select(p => $"'{p.Key.Name}' {p.Value}").ToList();
        if (missing.Count > 0)
        {
            notes.Append("; still missing: ").AppendJoin(", ", missing);
        }

        return new TeacherBatch(points.Count == 0 ? null : Skills.ToDataset(points), notes.ToString());
    }

    private static bool TryRead(string json, out LabelledPoint point)
    {
        point = null!;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("skill", out var skillName) || skillName.ValueKind != JsonValueKind.String
                || Skills.Find(skillName.GetString()!) is not { } skill
                || !TryNumber(root, "x", out var x) || !TryNumber(root, "y", out var y) || !TryNumber(root, "label", out var label)
                || Math.Abs(x) > 1 || Math.Abs(y) > 1 || label is not (0 or 1))
            {
                return false;
            }

            point = new LabelledPoint(skill, x, y, (int)label);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Numbers may come quoted ("0.4") from smaller models; labels may come as true/false.
    private static bool TryNumber(JsonElement root, string name, out double value)
    {
        value = double.NaN;
        if (!root.TryGetProperty(name, out var element))
        {
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return element.TryGetDouble(out value) && double.IsFinite(value);
            case JsonValueKind.String:
                return double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
            case JsonValueKind.True or JsonValueKind.False:
                value = element.GetBoolean() ? 1 : 0;
                return true;
            default:
                return false;
        }
    }

    private static (double X, double Y) Draw(string generator, Skill skill, Random random)
    {
        switch (generator)
        {
            case "center":
                return (Clamp(0.3 * Gaussian(random)), Clamp(0.3 * Gaussian(random)));
            case "boundary":
                // Rejection sampling: a point is kept with a probability that falls off with its distance to the boundary.
                while (true)
                {
                    var (x, y) = (Skills.Uniform(random), Skills.Uniform(random));
                    if (random.NextDouble() < Math.Exp(-skill.Margin(x, y) / 0.12))
                    {
                        return (x, y);
                    }
                }

            default:
                return (Skills.Uniform(random), Skills.Uniform(random));
        }
    }

    private static double Clamp(double value) => Math.Clamp(value, -1, 1);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
