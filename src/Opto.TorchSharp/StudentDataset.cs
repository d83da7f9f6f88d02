using System.Globalization;
using System.Text;
using TorchSharp;

namespace Opto.TorchSharp;

/// <summary>
/// Examples for a student classifier: a feature vector and a class label per example, and optionally a skill tag
/// per example (the slice of the task it exercises, as in DataEnvGym's skill lists) so that the report can say which
/// skills the student is weak at. Immutable; the values are copied in.
/// </summary>
/// <remarks>
/// A dataset renders as a one-line summary (counts, classes, skills), never as its rows, so a dataset node can appear
/// in an optimizer's prompt without flooding it.
/// </remarks>
public sealed class StudentDataset
{
    private readonly float[] _features;
    private readonly int[] _labels;
    private readonly string[]? _skills;
    private readonly string[] _classNames;

    private StudentDataset(float[] features, int featureCount, int[] labels, string[] classNames, string[]? skills)
    {
        _features = features;
        FeatureCount = featureCount;
        _labels = labels;
        _classNames = classNames;
        _skills = skills;
    }

    /// <summary>The number of examples.</summary>
    public int Count => _labels.Length;

    /// <summary>The length of every feature vector.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of classes: the number of class names given, or the largest label plus one.</summary>
    public int ClassCount => _classNames.Length;

    /// <summary>The class names, indexed by label (the labels as text when no names were given).</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>The label of every example.</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>The skill tag of every example, or <see langword="null"/> when the examples are not tagged.</summary>
    public IReadOnlyList<string>? Skills => _skills;

    /// <summary>All features, row after row (<see cref="Count"/> rows of <see cref="FeatureCount"/> values).</summary>
    public ReadOnlyMemory<float> Features => _features;

    /// <summary>Creates a dataset from feature rows and labels.</summary>
    /// <param name="features">One feature vector per example; all of the same, non-zero length; finite values.</param>
    /// <param name="labels">One label per example, from 0 to the number of classes minus one.</param>
    /// <param name="classNames">Names of the classes, indexed by label; when given, their number is the class count.</param>
    /// <param name="skills">One skill tag per example (e.g. "add", "mul"), or <see langword="null"/>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentException">The rows, labels, names or skills do not fit together.</exception>
    public static StudentDataset Create(IReadOnlyList<float[]> features, IReadOnlyList<int> labels,
        IReadOnlyList<string>? classNames = null, IReadOnlyList<string>? skills = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Count == 0)
        {
            throw new ArgumentException("A dataset needs at least one example.", nameof(features));
        }

        var width = features[0]?.Length ?? 0;
        var flat = new float[checked(features.Count * width)];
        for (var i = 0; i < features.Count; i++)
        {
            var row = features[i];
            if (row is null || row.Length != width)
            {
                throw new ArgumentException(
                    $"Every feature row must have {width} values; row {i} has {row?.Length.ToString(CultureInfo.InvariantCulture) ?? "none (null)"}.",
                    nameof(features));
            }

            row.CopyTo(flat, i * width);
        }

        return FromFlat(flat, width, labels, classNames, skills);
    }

    /// <summary>Creates a dataset from features stored row after row.</summary>
    /// <param name="features">The features, <paramref name="featureCount"/> values per example.</param>
    /// <param name="featureCount">The length of one feature vector.</param>
    /// <param name="labels">One label per example.</param>
    /// <param name="classNames">Names of the classes, indexed by label.</param>
    /// <param name="skills">One skill tag per example, or <see langword="null"/>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentException">The features, labels, names or skills do not fit together.</exception>
    public static StudentDataset FromFlat(ReadOnlySpan<float> features, int featureCount, IReadOnlyList<int> labels,
        IReadOnlyList<string>? classNames = null, IReadOnlyList<string>? skills = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (featureCount <= 0)
        {
            throw new ArgumentException($"The feature count must be positive, got {featureCount}.", nameof(featureCount));
        }

        if (labels.Count == 0)
        {
            throw new ArgumentException("A dataset needs at least one example.", nameof(labels));
        }

        if (features.Length != (long)labels.Count * featureCount)
        {
            throw new ArgumentException(
                $"{labels.Count} labels need {(long)labels.Count * featureCount} feature values ({featureCount} per example), got {features.Length}.",
                nameof(features));
        }

        var copy = features.ToArray();
        var bad = Array.FindIndex(copy, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"Feature {bad % featureCount} of example {bad / featureCount} is {copy[bad].ToString(CultureInfo.InvariantCulture)}; features must be finite.",
                nameof(features));
        }

        var labelArray = labels.ToArray();
        var maxLabel = labelArray.Max();
        var names = classNames is null
            ? [.. Enumerable.Range(0, Math.Max(maxLabel, 0) + 1).Select(i => i.ToString(CultureInfo.InvariantCulture))]
            : classNames.ToArray();
        for (var i = 0; i < labelArray.Length; i++)
        {
            if (labelArray[i] < 0 || labelArray[i] >= names.Length)
            {
                throw new ArgumentException(
                    $"The label of example {i} is {labelArray[i]}, outside 0..{names.Length - 1} ({names.Length} classes).", nameof(labels));
            }
        }

        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new ArgumentException("Class names must be non-empty and distinct.", nameof(classNames));
        }

        string[]? skillArray = null;
        if (skills is not null)
        {
            if (skills.Count != labelArray.Length)
            {
                throw new ArgumentException($"{labelArray.Length} examples need {labelArray.Length} skill tags, got {skills.Count}.", nameof(skills));
            }

            skillArray = skills.ToArray();
            var empty = Array.FindIndex(skillArray, string.IsNullOrWhiteSpace);
            if (empty >= 0)
            {
                throw new ArgumentException($"The skill tag of example {empty} is empty; tag every example or pass no tags.", nameof(skills));
            }
        }

        return new StudentDataset(copy, featureCount, labelArray, names, skillArray);
    }

    /// <summary>Creates a dataset from a 2-D feature tensor and a 1-D tensor of integer labels (copied to the CPU).</summary>
    /// <param name="features">Shape [examples, features]; any floating type.</param>
    /// <param name="labels">Shape [examples]; any integer type.</param>
    /// <param name="classNames">Names of the classes, indexed by label.</param>
    /// <param name="skills">One skill tag per example, or <see langword="null"/>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit.</exception>
    public static StudentDataset FromTensors(torch.Tensor features, torch.Tensor labels,
        IReadOnlyList<string>? classNames = null, IReadOnlyList<string>? skills = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.dim() != 2 || labels.dim() != 1 || features.shape[0] != labels.shape[0])
        {
            throw new ArgumentException(
                $"Features must have shape [examples, features] and labels [examples]; got [{string.Join(", ", features.shape)}] and [{string.Join(", ", labels.shape)}].",
                nameof(features));
        }

        using var scope = torch.NewDisposeScope();
        var flat = features.to(torch.float32).cpu().contiguous().data<float>().ToArray();
        var labelValues = labels.to(torch.int64).cpu().contiguous().data<long>().ToArray();
        var intLabels = Array.ConvertAll(labelValues, l => l is < int.MinValue or > int.MaxValue ? -1 : (int)l);
        return FromFlat(flat, (int)features.shape[1], intLabels, classNames, skills);
    }

    /// <summary>
    /// Splits the examples at random into a training and a validation part (the same seed gives the same split).
    /// Both parts keep the class names, so a class missing from one part still counts.
    /// </summary>
    /// <param name="validationFraction">The share of examples for validation, strictly between 0 and 1.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <returns>The two parts.</returns>
    /// <exception cref="ArgumentException">The fraction leaves one part empty.</exception>
    public (StudentDataset Training, StudentDataset Validation) Split(double validationFraction, int seed = 0)
    {
        var validationCount = (int)Math.Round(Count * validationFraction);
        if (validationFraction is <= 0 or >= 1 || validationCount == 0 || validationCount == Count)
        {
            throw new ArgumentException(
                $"A validation fraction of {validationFraction.ToString(CultureInfo.InvariantCulture)} leaves one part of {Count} examples empty.",
                nameof(validationFraction));
        }

        var order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        return (Select(order.AsSpan(validationCount)), Select(order.AsSpan(0, validationCount)));
    }

    /// <summary>
    /// The examples of this dataset followed by those of <paramref name="other"/>: how a teacher's new data is
    /// added to what the student has seen so far.
    /// </summary>
    /// <param name="other">More examples with the same features, class names (or a prefix of them) and tagging.</param>
    /// <returns>The combined dataset.</returns>
    /// <exception cref="ArgumentException">The two datasets do not fit together.</exception>
    public StudentDataset Concat(StudentDataset other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.FeatureCount != FeatureCount)
        {
            throw new ArgumentException($"Cannot add examples with {other.FeatureCount} features to a dataset with {FeatureCount}.", nameof(other));
        }

        if ((_skills is null) != (other._skills is null))
        {
            throw new ArgumentException("Either both datasets tag their examples with skills or neither does.", nameof(other));
        }

        var names = MergeClassNames(this, other);
        return new StudentDataset([.. _features, .. other._features], FeatureCount, [.. _labels, .. other._labels], names,
            _skills is null ? null : [.. _skills, .. other._skills!]);
    }

    /// <summary>A one-line summary: examples, features, classes with their counts, skills with theirs.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Count} examples × {FeatureCount} features; {ClassCount} classes (");
        sb.Append(Tally(_labels.Select(l => _classNames[l]), _classNames));
        sb.Append(')');
        if (_skills is not null)
        {
            sb.Append("; skills (").Append(Tally(_skills, null)).Append(')');
        }

        return sb.ToString();
    }

    /// <summary>The class names two datasets share: one list must start with the other.</summary>
    internal static string[] MergeClassNames(StudentDataset a, StudentDataset b)
    {
        var (longer, shorter) = a.ClassCount >= b.ClassCount ? (a._classNames, b._classNames) : (b._classNames, a._classNames);
        for (var i = 0; i < shorter.Length; i++)
        {
            if (!string.Equals(longer[i], shorter[i], StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"The datasets name class {i} differently ('{a._classNames.ElementAtOrDefault(i)}' and '{b._classNames.ElementAtOrDefault(i)}'); give both the same class names.");
            }
        }

        return longer;
    }

    private StudentDataset Select(ReadOnlySpan<int> rows)
    {
        var features = new float[rows.Length * FeatureCount];
        var labels = new int[rows.Length];
        var skills = _skills is null ? null : new string[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            Array.Copy(_features, rows[i] * FeatureCount, features, i * FeatureCount, FeatureCount);
            labels[i] = _labels[rows[i]];
            if (skills is not null)
            {
                skills[i] = _skills![rows[i]];
            }
        }

        return new StudentDataset(features, FeatureCount, labels, _classNames, skills);
    }

    private static string Tally(IEnumerable<string> values, string[]? order)
    {
        const int MaxShown = 8;
        var counts = values.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var keys = order ?? [.. counts.Keys.Order(StringComparer.Ordinal)];
        var parts = keys.Take(MaxShown).Select(k => $"'{k}' {counts.GetValueOrDefault(k).ToString(CultureInfo.InvariantCulture)}");
        var text = string.Join(", ", parts);
        return keys.Length > MaxShown ? $"{text}, … {keys.Length - MaxShown} more" : text;
    }
}
