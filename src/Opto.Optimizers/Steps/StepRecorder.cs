using System.Text.Json;
using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// Collects what happens during one step (calls, updates, rejections) and applies values, so that an optimizer
/// cannot change a parameter without the change being recorded. One recorder serves one step and is not
/// thread-safe.
/// </summary>
public sealed class StepRecorder
{
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly List<LlmExchange> _exchanges = [];
    private readonly List<ParameterUpdate> _updates = [];
    private readonly List<RejectedUpdate> _rejections = [];
    private readonly List<string> _unchanged = [];
    private readonly List<string> _notes = [];

    internal StepRecorder(int number, JsonSerializerOptions serializerOptions)
    {
        Number = number;
        _serializerOptions = serializerOptions;
    }

    /// <summary>The step's number.</summary>
    public int Number { get; }

    /// <summary>How many LLM calls were recorded so far (the index the next one will get).</summary>
    public int ExchangeCount => _exchanges.Count;

    /// <summary>How many values were applied so far.</summary>
    public int UpdateCount => _updates.Count;

    /// <summary>The reasoning of the answer used, if any.</summary>
    public string? Reasoning { get; set; }

    /// <summary>Why nothing changed; filled in automatically at the end when left empty and nothing changed.</summary>
    public string? NoOpReason { get; set; }

    /// <summary>Whether the LLM said that nothing should change.</summary>
    public bool Terminated { get; set; }

    /// <summary>Records one LLM call.</summary>
    /// <param name="purpose">What the call was for.</param>
    /// <param name="messages">The messages sent.</param>
    /// <param name="response">The raw answer text.</param>
    /// <param name="temperature">The temperature requested, if any.</param>
    /// <param name="usage">Token counts, if reported.</param>
    /// <returns>The index of the exchange.</returns>
    public int RecordExchange(string purpose, IEnumerable<ChatMessage> messages, string response, float? temperature = null, UsageDetails? usage = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(response);
        _exchanges.Add(new LlmExchange
        {
            Purpose = purpose,
            Messages = Array.AsReadOnly([.. messages.Select(m => new RecordedMessage(m.Role, m.Text))]),
            Response = response,
            Temperature = temperature,
            Usage = usage,
        });
        return _exchanges.Count - 1;
    }

    /// <summary>Adds a remark to the step's record.</summary>
    /// <param name="note">The remark.</param>
    public void Note(string note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        _notes.Add(note);
    }

    /// <summary>Records a proposal that will not be applied.</summary>
    /// <param name="rejection">The proposal and the reason.</param>
    public void Reject(RejectedUpdate rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        _rejections.Add(rejection);
    }

    /// <summary>
    /// Applies a value to a parameter and records the outcome: an update, "unchanged" when the value equals the
    /// current one (the parameter's version is then left alone), or a rejection when the parameter refuses it.
    /// </summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="value">The new value, already of the parameter's type.</param>
    /// <param name="proposedText">The value as the LLM wrote it, for the record.</param>
    /// <param name="exchange">The index of the answer that proposed it.</param>
    /// <returns>Whether the parameter now holds a new value.</returns>
    public bool Apply(IParameterNode parameter, object? value, string proposedText, int exchange = -1)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(proposedText);
        var old = parameter.BoxedValue;
        if (SameValue(parameter.ValueType, old, value))
        {
            _unchanged.Add(parameter.Name);
            return false;
        }

        if (!parameter.TrySetBoxed(value, out var reason))
        {
            _rejections.Add(new RejectedUpdate(parameter.Name, proposedText, reason ?? "the parameter refused the value", exchange));
            return false;
        }

        _updates.Add(new ParameterUpdate(parameter.Name, old, value));
        return true;
    }

    internal OptimizerStep Build()
    {
        UsageDetails? usage = null;
        foreach (var exchange in _exchanges)
        {
            if (exchange.Usage is { } u)
            {
                usage ??= new UsageDetails();
                usage.Add(u);
            }
        }

        return new OptimizerStep
        {
            Number = Number,
            Exchanges = Array.AsReadOnly([.. _exchanges]),
            Updates = Array.AsReadOnly([.. _updates]),
            Rejections = Array.AsReadOnly([.. _rejections]),
            Unchanged = Array.AsReadOnly([.. _unchanged]),
            Notes = Array.AsReadOnly([.. _notes]),
            Reasoning = Reasoning,
            NoOpReason = _updates.Count > 0 ? null : NoOpReason ?? DefaultNoOpReason(),
            Terminated = Terminated,
            Usage = usage,
        };
    }

    private string DefaultNoOpReason()
    {
        if (_rejections.Count > 0)
        {
            return "every proposed value was rejected: " + string.Join("; ", _rejections.Select(r => $"{r.Name}: {r.Reason}"));
        }

        if (_unchanged.Count > 0)
        {
            return "every proposed value equals the current one (" + string.Join(", ", _unchanged) + ")";
        }

        return "the optimizer proposed no change";
    }

    /// <summary>Values are compared by their JSON form, so that lists and dictionaries compare by content.</summary>
    private bool SameValue(Type type, object? a, object? b)
    {
        if (Equals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        try
        {
            return JsonSerializer.Serialize(a, type, _serializerOptions) == JsonSerializer.Serialize(b, type, _serializerOptions);
        }
        catch (NotSupportedException)
        {
            return false; // a type JSON cannot write is simply treated as changed
        }
    }
}
