using System.Text.Json;

namespace Opto.Trace;

/// <summary>
/// The type-erased face of a <see cref="ParameterNode{T}"/>, for optimizers, parameter files and run stores
/// that handle parameters of many types.
/// </summary>
public interface IParameterNode
{
    /// <summary>The parameter's stable key; also its node name.</summary>
    string Name { get; }

    /// <summary>What the parameter means, for the optimizer.</summary>
    string? Description { get; }

    /// <summary>The type of the value.</summary>
    Type ValueType { get; }

    /// <summary>The current value, boxed.</summary>
    object? BoxedValue { get; }

    /// <summary>Whether optimizers may change it. A non-trainable parameter is still saved and loaded.</summary>
    bool Trainable { get; }

    /// <summary>Whether the value is source code (e.g. a trainable method body), to be shown and edited as code.</summary>
    bool IsCode { get; }

    /// <summary>Rules every new value must satisfy.</summary>
    ParameterConstraints Constraints { get; }

    /// <summary>How many times the value has been changed since the parameter was created.</summary>
    int Version { get; }

    /// <summary>The feedback that reached this parameter since the last <see cref="ZeroFeedback"/>.</summary>
    IReadOnlyList<FeedbackRecord> Feedback { get; }

    /// <summary>Forgets the feedback gathered so far (and with it the graphs it kept alive).</summary>
    void ZeroFeedback();

    /// <summary>Sets the value from an object of the right type, checking the constraints.</summary>
    /// <param name="value">The new value.</param>
    /// <param name="reason">Why the value was refused, when it was.</param>
    /// <returns><see langword="true"/> when the value was set.</returns>
    bool TrySetBoxed(object? value, out string? reason);

    /// <summary>Writes the value as JSON.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="options">Serializer options for the value.</param>
    void WriteValue(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>
    /// Reads a value of this parameter's type from JSON without applying it. Constraints are not checked here
    /// (see <see cref="ParameterConstraints.Check"/>), so callers can tell a wrong type from a broken rule.
    /// </summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="options">Serializer options for the value.</param>
    /// <param name="value">The value read.</param>
    /// <param name="reason">Why the JSON does not hold a value of this type, when it does not.</param>
    /// <returns><see langword="true"/> when the JSON holds a value of the parameter's type.</returns>
    bool TryReadValue(JsonElement element, JsonSerializerOptions options, out object? value, out string? reason);
}
