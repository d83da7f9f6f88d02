using System.Text.Json;
using System.Text.RegularExpressions;

namespace Opto.Trace;

/// <summary>
/// A trainable value: a prompt, a hyper-parameter, the source of a method. Parameters live outside any one trace
/// scope, so the same parameter takes part in many graphs; feedback from every Backward that reaches it is kept
/// until <see cref="ZeroFeedback"/>.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
public sealed partial class ParameterNode<T> : Node<T>, IParameterNode
{
    private readonly Lock _feedbackGate = new();
    private List<FeedbackRecord>? _feedback;

    /// <summary>Creates a parameter.</summary>
    /// <param name="value">The initial value; it must satisfy <paramref name="constraints"/>.</param>
    /// <param name="name">A stable key: letters, digits, '_' and '.', not starting with a digit.</param>
    /// <param name="description">What the parameter means, shown to optimizers.</param>
    /// <param name="constraints">Rules every value must satisfy.</param>
    /// <param name="trainable">Whether optimizers may change it.</param>
    /// <exception cref="ArgumentException">The name is not a valid key, or the value breaks the constraints.</exception>
    public ParameterNode(T value, string name, string? description = null, ParameterConstraints? constraints = null, bool trainable = true)
        : base(graph: null, ValidateName(name), [], value, description)
    {
        Constraints = constraints ?? ParameterConstraints.None;
        Trainable = trainable;
        if (Constraints.Check(value) is { } problem)
        {
            throw new ArgumentException($"The initial value of parameter '{name}' breaks its constraints: {problem}", nameof(value));
        }
    }

    /// <summary>The value. Setting it checks the constraints and counts a new <see cref="Version"/>.</summary>
    /// <exception cref="ArgumentException">The value breaks the constraints.</exception>
    public new T Value
    {
        get => ReadValue();
        set
        {
            if (!TrySetValue(value, out var error))
            {
                throw new ArgumentException($"Parameter '{Name}' refused the value: {error}", nameof(value));
            }
        }
    }

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Parameter;

    /// <inheritdoc />
    public bool Trainable { get; }

    /// <inheritdoc />
    public ParameterConstraints Constraints { get; }

    /// <inheritdoc />
    public bool IsCode { get; init; }

    /// <inheritdoc />
    public int Version { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<FeedbackRecord> Feedback
    {
        get
        {
            lock (_feedbackGate)
            {
                return _feedback is null ? [] : [.. _feedback];
            }
        }
    }

    /// <summary>Sets the value if it satisfies the constraints.</summary>
    /// <param name="value">The new value.</param>
    /// <param name="reason">Why it was refused.</param>
    /// <returns><see langword="true"/> when the value was set.</returns>
    public bool TrySetValue(T value, out string? reason)
    {
        reason = Constraints.Check(value);
        if (reason is not null)
        {
            return false;
        }

        _value = value;
        Version++;
        return true;
    }

    /// <inheritdoc />
    public bool TrySetBoxed(object? value, out string? reason)
    {
        if (value is T typed)
        {
            return TrySetValue(typed, out reason);
        }

        if (value is null && default(T) is null)
        {
            return TrySetValue(default!, out reason);
        }

        reason = $"expected a value of type {TypeNames.Friendly(typeof(T))}, got {(value is null ? "null" : TypeNames.Friendly(value.GetType()))}";
        return false;
    }

    /// <inheritdoc />
    public void ZeroFeedback()
    {
        lock (_feedbackGate)
        {
            _feedback = null;
        }
    }

    /// <inheritdoc />
    public void WriteValue(Utf8JsonWriter writer, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, _value, options);

    /// <inheritdoc />
    public bool TryReadValue(JsonElement element, JsonSerializerOptions options, out object? value, out string? reason)
    {
        value = null;
        T? read;
        try
        {
            read = element.Deserialize<T>(options);
        }
        catch (JsonException ex)
        {
            reason = $"got {Describe(element)}, which is not a {TypeNames.Friendly(typeof(T))} ({ex.Message})";
            return false;
        }
        catch (NotSupportedException ex)
        {
            reason = $"values of type {TypeNames.Friendly(typeof(T))} cannot be read from JSON ({ex.Message})";
            return false;
        }

        if (read is null && default(T) is not null)
        {
            reason = $"got null, but {TypeNames.Friendly(typeof(T))} cannot be null";
            return false;
        }

        value = read;
        reason = null;
        return true;
    }

    internal override void AcceptFeedback(FeedbackRecord record)
    {
        lock (_feedbackGate)
        {
            (_feedback ??= []).Add(record);
        }
    }

    private protected override T ReadValue()
    {
        BundleFrame.RecordParameterRead(this);
        return _value;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    private static string ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!KeyPattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid parameter name: use letters, digits, '_' and '.', and do not start with a digit.",
                nameof(name));
        }

        return name;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex KeyPattern();
}
