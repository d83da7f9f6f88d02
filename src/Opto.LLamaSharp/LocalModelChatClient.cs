using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace Opto.LLamaSharp;

/// <summary>
/// An in-process GGUF model (llama.cpp through LLamaSharp) as an <see cref="IChatClient"/>, so that an optimizer
/// can run with no server and no network. It owns the weights: dispose it to free them.
/// </summary>
/// <remarks>
/// <para>
/// Each call formats the conversation (with the model's chat template when it has one), checks that it fits the
/// context window, and generates on a fresh context with LLamaSharp's <see cref="StatelessExecutor"/>, so calls do
/// not influence each other. Calls run one at a time: llama.cpp already uses every thread it is given, and the
/// executor is not thread-safe.
/// </para>
/// <para>
/// Honoured from <see cref="ChatOptions"/>: <c>MaxOutputTokens</c>, <c>Temperature</c>, <c>TopP</c>, <c>TopK</c>,
/// <c>Seed</c>, <c>FrequencyPenalty</c>, <c>PresencePenalty</c>, <c>StopSequences</c>, <c>Instructions</c>.
/// <c>ResponseFormat</c> is not enforced (there is no grammar-constrained decoding yet), so an optimizer should
/// parse tolerantly, which the OptoPrime family does. Answers report exact token counts (prompt tokens as
/// tokenized, one output token per generation step) and a finish reason: <see cref="ChatFinishReason.Length"/>
/// when the token limit cut the answer.
/// </para>
/// <para>
/// Unlike <c>executor.AsChatClient()</c> from LLamaSharp, which this class replaces for that reason, it reports
/// <see cref="ChatClientMetadata"/> with the model id (Semantic Kernel needs it), usage and finish reasons (the
/// token budget middleware needs them), and applies the model's chat template.
/// </para>
/// </remarks>
public sealed class LocalModelChatClient : IChatClient
{
    /// <summary>The provider name reported in <see cref="ChatClientMetadata"/>.</summary>
    public const string ProviderName = "llamasharp";

    /// <summary>LLamaSharp's defaults, read for the settings a request leaves open (never used to sample, so it holds no native chain).</summary>
    private static readonly DefaultSamplingPipeline SamplingDefaults = new();

    private readonly LLamaWeights _weights;
    private readonly StatelessExecutor _executor;
    private readonly PromptFormatter _formatter;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private readonly ChatClientMetadata _metadata;
    private int _disposed;
    private int _weightsFreed;

    private LocalModelChatClient(LocalModelOptions options, LLamaWeights weights, ModelParams parameters)
    {
        Options = options;
        _weights = weights;
        _executor = new StatelessExecutor(weights, parameters);
        _formatter = new PromptFormatter(weights, options.UseChatTemplate);
        ContextSize = parameters.ContextSize ?? (uint)weights.ContextSize;
        ModelId = options.ModelId
            ?? (weights.Metadata.TryGetValue("general.name", out var name) && !string.IsNullOrWhiteSpace(name) ? name : Path.GetFileNameWithoutExtension(options.ModelPath));
        _metadata = new ChatClientMetadata(ProviderName, new Uri(Path.GetFullPath(options.ModelPath)), ModelId);
    }

    /// <summary>The options the model was loaded with.</summary>
    public LocalModelOptions Options { get; }

    /// <summary>The model id reported in answers and metadata.</summary>
    public string ModelId { get; }

    /// <summary>The context window in tokens.</summary>
    public uint ContextSize { get; }

    /// <summary>How many weights the model has.</summary>
    public ulong ParameterCount => _weights.ParameterCount;

    /// <summary>The model file's metadata (architecture, name, tokenizer settings…), as text.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _weights.Metadata;

    /// <summary>Whether prompts are formatted with the model's chat template (otherwise as a plain transcript).</summary>
    public bool UsesChatTemplate => _formatter.UsesChatTemplate;

    /// <summary>Loads a model.</summary>
    /// <param name="options">Where the model is and how to run it.</param>
    /// <returns>The client; dispose it to free the weights.</returns>
    /// <exception cref="ArgumentException">The options are invalid (for example the file does not exist).</exception>
    /// <exception cref="LocalModelException">llama.cpp could not load the file; the message quotes its errors.</exception>
    public static LocalModelChatClient Load(LocalModelOptions options)
    {
        var parameters = Prepare(options, out var mark);
        try
        {
            return new LocalModelChatClient(options, LLamaWeights.LoadFromFile(parameters), parameters);
        }
        catch (LoadWeightsFailedException ex)
        {
            throw LoadFailure(options, mark, ex);
        }
    }

    /// <summary>Loads a model without blocking the caller.</summary>
    /// <param name="options">Where the model is and how to run it.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The client; dispose it to free the weights.</returns>
    /// <exception cref="ArgumentException">The options are invalid (for example the file does not exist).</exception>
    /// <exception cref="LocalModelException">llama.cpp could not load the file; the message quotes its errors.</exception>
    public static async Task<LocalModelChatClient> LoadAsync(LocalModelOptions options, CancellationToken cancellationToken = default)
    {
        var parameters = Prepare(options, out var mark);
        LLamaWeights weights;
        try
        {
            weights = await LLamaWeights.LoadFromFileAsync(parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (LoadWeightsFailedException ex)
        {
            throw LoadFailure(options, mark, ex);
        }

        return new LocalModelChatClient(options, weights, parameters);
    }

    /// <summary>Counts the tokens of a text as this model tokenizes a prompt (with the begin-of-text token).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of tokens.</returns>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _weights.Tokenize(text, true, true, Encoding.UTF8).Length;
    }

    /// <summary>The exact text the model would read for these messages (to inspect or log it).</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The options; only <see cref="ChatOptions.Instructions"/> matters here.</param>
    /// <returns>The prompt text.</returns>
    public string FormatPrompt(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _formatter.Format(messages, options?.Instructions);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var outcome = new Outcome();
        var text = new StringBuilder();
        await foreach (var piece in GenerateAsync(messages, options, outcome, cancellationToken).ConfigureAwait(false))
        {
            text.Append(piece);
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString()) { MessageId = outcome.ResponseId })
        {
            ResponseId = outcome.ResponseId,
            ModelId = ModelId,
            CreatedAt = outcome.CreatedAt,
            FinishReason = outcome.FinishReason,
            Usage = outcome.Usage,
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var outcome = new Outcome();
        await foreach (var piece in GenerateAsync(messages, options, outcome, cancellationToken).ConfigureAwait(false))
        {
            if (piece.Length > 0)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece)
                {
                    ResponseId = outcome.ResponseId,
                    MessageId = outcome.ResponseId,
                    ModelId = ModelId,
                    CreatedAt = outcome.CreatedAt,
                };
            }
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(outcome.Usage ?? new UsageDetails())])
        {
            ResponseId = outcome.ResponseId,
            MessageId = outcome.ResponseId,
            ModelId = ModelId,
            CreatedAt = outcome.CreatedAt,
            FinishReason = outcome.FinishReason,
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(LLamaWeights))
        {
            return _weights;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>
    /// Frees the weights and makes later calls throw <see cref="ObjectDisposedException"/>. A call in progress is
    /// cancelled, and the weights are freed as soon as it has ended (never under its feet).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();
        FreeWeightsWhenIdle();
    }

    /// <summary>Frees the weights unless a call holds them; that call frees them when it ends.</summary>
    private void FreeWeightsWhenIdle()
    {
        if (!_gate.Wait(0))
        {
            return;
        }

        try
        {
            if (Interlocked.Exchange(ref _weightsFreed, 1) == 0)
            {
                _weights.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ModelParams Prepare(LocalModelOptions options, out long mark)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The local model options are invalid: " + string.Join(" ", problems), nameof(options));
        }

        NativeLog.Install(options.NativeLogger);
        mark = NativeLog.Mark();
        return new ModelParams(options.ModelPath)
        {
            ContextSize = options.ContextSize == 0 ? null : options.ContextSize,
            Threads = options.Threads,
            BatchThreads = options.Threads,
            GpuLayerCount = options.GpuLayerCount,
        };
    }

    private static LocalModelException LoadFailure(LocalModelOptions options, long mark, Exception error)
    {
        var said = NativeLog.ProblemsSince(mark);
        var detail = said.Count == 0 ? "" : $" llama.cpp said:{Environment.NewLine}  " + string.Join($"{Environment.NewLine}  ", said);
        return new LocalModelException(
            $"Could not load the GGUF model '{options.ModelPath}': the file is not a model llama.cpp can read (is it a complete .gguf file of a supported architecture?).{detail}",
            error);
    }

    private async IAsyncEnumerable<string> GenerateAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, Outcome outcome,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        try
        {
            await _gate.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(GetType().FullName);
        }

        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var prompt = _formatter.Format(messages, options?.Instructions);
            var promptTokens = _weights.Tokenize(prompt, true, true, Encoding.UTF8).Length;
            if (promptTokens >= ContextSize)
            {
                throw new LocalModelException(string.Create(CultureInfo.InvariantCulture,
                    $"The prompt has {promptTokens} tokens, which does not fit the context window of {ContextSize} tokens of model '{ModelId}'. Load the model with a larger ContextSize (OPTO_LLM_CONTEXT_SIZE), or send a shorter prompt."));
            }

            var maxTokens = options?.MaxOutputTokens ?? Options.MaxOutputTokens;
            using var sampling = CreateSampling(options);
            var inference = new InferenceParams { MaxTokens = maxTokens, SamplingPipeline = sampling };
            var filter = new StopSequenceFilter([.. _formatter.FormatStops, .. options?.StopSequences ?? []]);

            var generated = 0;
            await foreach (var piece in _executor.InferAsync(prompt, inference, linked.Token).ConfigureAwait(false))
            {
                generated++;
                var released = filter.Push(piece);
                if (released.Length > 0)
                {
                    yield return released;
                }

                if (filter.Stopped)
                {
                    break;
                }
            }

            // The executor ends quietly when cancelled between tokens; a cancelled call must not look like an answer.
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
            var tail = filter.Flush();
            if (tail.Length > 0)
            {
                yield return tail;
            }

            outcome.FinishReason = !filter.Stopped && generated >= maxTokens ? ChatFinishReason.Length : ChatFinishReason.Stop;
            outcome.Usage = new UsageDetails
            {
                InputTokenCount = promptTokens,
                OutputTokenCount = generated,
                TotalTokenCount = promptTokens + generated,
            };
        }
        finally
        {
            _gate.Release();
            if (Volatile.Read(ref _disposed) != 0)
            {
                FreeWeightsWhenIdle();
            }
        }
    }

    private DefaultSamplingPipeline CreateSampling(ChatOptions? options)
    {
        var defaults = SamplingDefaults;
        var seed = options?.Seed is long requested ? unchecked((uint)requested) : Options.Seed ?? (uint)Random.Shared.Next();
        return new DefaultSamplingPipeline
        {
            Seed = seed,
            Temperature = options?.Temperature ?? Options.Temperature ?? defaults.Temperature,
            TopP = options?.TopP ?? defaults.TopP,
            TopK = options?.TopK ?? defaults.TopK,
            FrequencyPenalty = options?.FrequencyPenalty ?? defaults.FrequencyPenalty,
            PresencePenalty = options?.PresencePenalty ?? defaults.PresencePenalty,
        };
    }

    /// <summary>What the generation loop reports once it ends.</summary>
    private sealed class Outcome
    {
        public string ResponseId { get; } = "local-" + Guid.NewGuid().ToString("N");

        public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

        public ChatFinishReason? FinishReason { get; set; }

        public UsageDetails? Usage { get; set; }
    }
}
