using System.Text.Json;
using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// The base of the LLM optimizers: it holds the trainable parameters and the chat client, runs one step at a
/// time and records every step in <see cref="History"/> — including steps that change nothing (with the reason)
/// and steps that fail (the failure is recorded, then rethrown). Typical loop:
/// <c>ZeroFeedback()</c>, run the program in a <see cref="TraceScope"/>, <c>Backward(feedback)</c>, <c>await StepAsync()</c>.
/// </summary>
public abstract class Optimizer
{
    private readonly List<OptimizerStep> _history = [];
    private readonly Lock _historyGate = new();
    private int _running;

    /// <summary>Creates an optimizer.</summary>
    /// <param name="parameters">The parameters (a <see cref="ParameterCollection"/> or any sequence); only trainable ones are changed.</param>
    /// <param name="chatClient">The LLM.</param>
    /// <param name="options">Shared settings; defaults when null.</param>
    /// <exception cref="ArgumentException">No parameter is trainable, two share a key, or an option is out of range.</exception>
    protected Optimizer(IEnumerable<IParameterNode> parameters, IChatClient chatClient, OptimizerOptions? options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(chatClient);
        var collection = parameters as ParameterCollection ?? new ParameterCollection(parameters);
        Parameters = [.. collection.Trainable];
        if (Parameters.Count == 0)
        {
            throw new ArgumentException(
                "None of the parameters is trainable, so the optimizer would have nothing to change. Pass the parameters it should optimize.",
                nameof(parameters));
        }

        ChatClient = chatClient;
        BaseOptions = options ?? new OptimizerOptions();
        BaseOptions.Validate();
        SerializerOptions = BaseOptions.SerializerOptions ?? OptimizerOptions.DefaultSerializerOptions;
    }

    /// <summary>The trainable parameters this optimizer may change.</summary>
    public IReadOnlyList<IParameterNode> Parameters { get; }

    /// <summary>The LLM.</summary>
    public IChatClient ChatClient { get; }

    /// <summary>Every step taken so far, oldest first.</summary>
    public IReadOnlyList<OptimizerStep> History
    {
        get
        {
            lock (_historyGate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>The shared settings.</summary>
    protected OptimizerOptions BaseOptions { get; }

    /// <summary>The serializer options used to read proposed values.</summary>
    protected JsonSerializerOptions SerializerOptions { get; }

    /// <summary>Forgets the feedback of every parameter (call it before each new round of Backward calls).</summary>
    public void ZeroFeedback()
    {
        foreach (var parameter in Parameters)
        {
            parameter.ZeroFeedback();
        }
    }

    /// <summary>
    /// Takes one step: reads the feedback the parameters hold, asks the LLM, and applies the values that fit.
    /// The step is added to <see cref="History"/> and returned, whether or not anything changed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the step; nothing is applied when it is cancelled.</param>
    /// <returns>The record of the step.</returns>
    /// <exception cref="InvalidOperationException">Another step of this optimizer is running.</exception>
    /// <exception cref="OperationCanceledException">The step was cancelled (the partial step is still recorded).</exception>
    public async Task<OptimizerStep> StepAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            throw new InvalidOperationException("A step of this optimizer is already running; await it before starting the next one.");
        }

        try
        {
            StepRecorder recorder;
            lock (_historyGate)
            {
                recorder = new StepRecorder(_history.Count + 1, SerializerOptions);
            }

            try
            {
                await RunStepAsync(recorder, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Answers already received must not vanish with the exception.
                recorder.NoOpReason = ex is OperationCanceledException
                    ? "the step was cancelled"
                    : $"the step failed: {ex.GetType().Name}: {ex.Message}";
                Record(recorder.Build());
                throw;
            }

            var step = recorder.Build();
            Record(step);
            return step;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Does the work of one step: ask the LLM through <see cref="SendAsync"/> and apply values through <see cref="StepRecorder.Apply"/>.</summary>
    /// <param name="recorder">Records the step.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes with the step.</returns>
    protected abstract Task RunStepAsync(StepRecorder recorder, CancellationToken cancellationToken);

    /// <summary>The trainable parameters that hold feedback, in declaration order.</summary>
    /// <returns>The parameters.</returns>
    protected IReadOnlyList<IParameterNode> ParametersWithFeedback() => [.. Parameters.Where(p => p.Feedback.Count > 0)];

    /// <summary>Sends messages to the LLM and records the exchange.</summary>
    /// <param name="step">Records the exchange.</param>
    /// <param name="purpose">What the call is for.</param>
    /// <param name="messages">The messages.</param>
    /// <param name="options">The chat options of this call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer text and the index of the exchange.</returns>
    protected async Task<(string Text, int Exchange)> SendAsync(StepRecorder step, string purpose, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(messages);
        var response = await ChatClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var text = response.Text ?? "";
        var index = step.RecordExchange(purpose, messages, text, options?.Temperature, response.Usage);
        return (text, index);
    }

    /// <summary>A fresh copy of the configured chat options, with the answer schema when structured output is on.</summary>
    private protected ChatOptions ChatOptionsFor(Func<JsonElement>? schema, string schemaName = SuggestionSchema.Name, string schemaDescription = SuggestionSchema.Description)
    {
        var options = BaseOptions.ChatOptions?.Clone() ?? new ChatOptions();
        if (BaseOptions.UseJsonSchema && schema is not null)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema(), schemaName, schemaDescription);
        }

        return options;
    }

    /// <summary>Chat options for an answer about the resolver's variables (with their schema when structured output is on).</summary>
    private protected ChatOptions SuggestionChatOptions(SuggestionResolver resolver) =>
        ChatOptionsFor(() => SuggestionSchema.Build(resolver.Variables, SerializerOptions));

    /// <summary>A resolver for the given variables, keyed by the names the prompt shows.</summary>
    private protected SuggestionResolver ResolverFor(IEnumerable<KeyValuePair<string, IParameterNode>> variables, TraceSubgraph? subgraph) =>
        new(variables, subgraph, SerializerOptions);

    /// <summary>
    /// Asks for suggestions and resolves them; when the answer is unusable, asks once more, quoting the problems.
    /// Every answer's rejections are recorded, so nothing is dropped silently.
    /// </summary>
    private protected async Task<Resolution> AskForSuggestionsAsync(StepRecorder step, string purpose, List<ChatMessage> conversation,
        SuggestionResolver resolver, ChatOptions options, CancellationToken cancellationToken)
    {
        var (answer, exchange) = await SendAsync(step, purpose, conversation, options, cancellationToken).ConfigureAwait(false);
        var resolution = resolver.Resolve(SuggestionParser.Parse(answer, resolver.Names), exchange);
        RecordRejections(step, resolution);
        if (!resolution.NeedsReask || !BaseOptions.ReaskOnProblems)
        {
            return resolution;
        }

        conversation.Add(new ChatMessage(ChatRole.Assistant, answer));
        conversation.Add(new ChatMessage(ChatRole.User, PromptText.Reask(resolution.Problems)));
        (answer, exchange) = await SendAsync(step, purpose + " (re-ask)", conversation, options, cancellationToken).ConfigureAwait(false);
        var second = resolver.Resolve(SuggestionParser.Parse(answer, resolver.Names), exchange);
        RecordRejections(step, second);
        if (second.Valid.Count == 0 && !second.Terminate && !second.NoChangeProposed)
        {
            if (resolution.Valid.Count > 0)
            {
                // The first answer's valid values were checked and fit; an unusable re-ask must not throw them away.
                return resolution;
            }

            second.NoOpReason = "the answer was still unusable after one re-ask: " + string.Join("; ", second.Problems);
        }

        return second;
    }

    /// <summary>Applies the valid values of a resolution (all checked before any is set) and notes why nothing changed.</summary>
    private protected static void Apply(StepRecorder step, Resolution resolution)
    {
        step.Reasoning ??= resolution.Reasoning;
        step.Terminated |= resolution.Terminate || resolution.NoChangeProposed;
        foreach (var valid in resolution.Valid)
        {
            step.Apply(valid.Parameter, valid.Value, valid.Text, valid.Exchange);
        }

        if (step.UpdateCount == 0 && resolution.NoOpReason is not null)
        {
            step.NoOpReason ??= resolution.NoOpReason;
        }
    }

    private static void RecordRejections(StepRecorder step, Resolution resolution)
    {
        foreach (var rejection in resolution.Rejected)
        {
            step.Reject(rejection);
        }
    }

    private void Record(OptimizerStep step)
    {
        lock (_historyGate)
        {
            _history.Add(step);
        }
    }
}
