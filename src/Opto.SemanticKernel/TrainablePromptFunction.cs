using System.Collections.Concurrent;
using Microsoft.SemanticKernel;
using Opto.Trace;

namespace Opto.SemanticKernel;

/// <summary>
/// A Semantic Kernel prompt function whose template, and optionally temperature and maximum answer length, are
/// trainable parameters. Calling it inside a <see cref="TraceScope"/> runs it through a kernel and returns a traced
/// node whose inputs are the arguments and those parameters, so that <c>Backward</c> reaches the template and an
/// optimizer such as OptoPrime can rewrite it; the next call uses the new template.
/// </summary>
/// <example>
/// <code>
/// var summarize = new TrainablePromptFunction("Summarize", "Summarize: {{$text}}", new() { Temperature = 0.7, MaxTokens = 200 });
/// using (TraceScope.Begin())
/// {
///     var summary = await summarize.InvokeAsync(kernel, new KernelArguments { ["text"] = article });
///     summary.Backward("Too long: one sentence, please.");
/// }
/// await new OptoPrime(summarize.Parameters, kernel.AsOptimizerChatClient()).StepAsync();
/// </code>
/// </example>
public sealed class TrainablePromptFunction
{
    private readonly TrainablePromptFunctionOptions _options;
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly Lock _cacheGate = new();
    private (string Template, double? Temperature, int? MaxTokens, KernelFunction Function)? _cached;

    /// <summary>Creates the function and its parameters.</summary>
    /// <param name="name">The function's name; the parameters are named <c>{name}.template</c>, <c>{name}.temperature</c> and <c>{name}.max_tokens</c>.</param>
    /// <param name="template">The starting template, e.g. <c>Answer the question: {{$question}}</c>.</param>
    /// <param name="options">Which settings are trainable and their starting values; defaults when null.</param>
    /// <exception cref="ArgumentException">The name is not a valid parameter key, or a starting value breaks its range.</exception>
    public TrainablePromptFunction(string name, string template, TrainablePromptFunctionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(template);
        _options = options ?? new TrainablePromptFunctionOptions();
        if (_options.MaxTokensLimit < 1)
        {
            throw new ArgumentException($"{nameof(TrainablePromptFunctionOptions.MaxTokensLimit)} must be at least 1.", nameof(options));
        }

        Name = name;
        Template = new ParameterNode<string>(
            template,
            name + ".template",
            _options.TemplateDescription ?? $"The prompt template of {name}, sent to a chat model. {{{{$name}}}} inserts the argument called name; keep the variables the task needs.",
            _options.TemplateConstraints)
        { IsCode = false };

        var trainSettings = _options.TrainExecutionSettings;
        if (_options.Temperature is { } temperature)
        {
            Temperature = new ParameterNode<double>(temperature, name + ".temperature",
                $"The sampling temperature of {name}'s chat model: 0 is the most deterministic, higher is more varied.",
                ParameterConstraints.Range(0, 2), trainSettings);
        }

        if (_options.MaxTokens is { } maxTokens)
        {
            MaxTokens = new ParameterNode<int>(maxTokens, name + ".max_tokens",
                $"The most tokens {name}'s answer may have; a longer answer is cut off.",
                ParameterConstraints.Range(1, _options.MaxTokensLimit), trainSettings);
        }

        Parameters = [.. new IParameterNode?[] { Template, Temperature, MaxTokens }.OfType<IParameterNode>()];
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>The trainable template (not code: the optimizer sees it as text).</summary>
    public ParameterNode<string> Template { get; }

    /// <summary>The sampling temperature, when <see cref="TrainablePromptFunctionOptions.Temperature"/> was set.</summary>
    public ParameterNode<double>? Temperature { get; }

    /// <summary>The maximum answer length in tokens, when <see cref="TrainablePromptFunctionOptions.MaxTokens"/> was set.</summary>
    public ParameterNode<int>? MaxTokens { get; }

    /// <summary>The parameters of this function (the template first), to give to an optimizer.</summary>
    public IReadOnlyList<IParameterNode> Parameters { get; }

    /// <summary>The execution settings the current parameter values stand for.</summary>
    /// <returns>New settings; <c>temperature</c> and <c>max_tokens</c> are in <see cref="PromptExecutionSettings.ExtensionData"/>, which every connector reads.</returns>
    public PromptExecutionSettings CreateExecutionSettings() => CreateExecutionSettings(Temperature?.Value, MaxTokens?.Value);

    /// <summary>A Semantic Kernel function with the current template and settings, e.g. to add to a plugin once training is done.</summary>
    /// <returns>The function; it does not change when the parameters do.</returns>
    public KernelFunction ToKernelFunction() => FunctionFor(Template.Value, Temperature?.Value, MaxTokens?.Value);

    /// <summary>Runs the function as a traced operation; the arguments become input nodes named like them.</summary>
    /// <param name="kernel">The kernel whose chat service answers.</param>
    /// <param name="arguments">The template's arguments, or null for none (their execution settings are ignored: the parameters decide).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer as a node whose inputs are the arguments and this function's parameters.</returns>
    /// <exception cref="InvalidOperationException">No trace scope is open.</exception>
    /// <exception cref="TraceExecutionException">The function failed (a template error, a service error); the error is in the trace as feedback.</exception>
    public Task<Node<string>> InvokeAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var nodes = (arguments ?? []).Select(a => KeyValuePair.Create(a.Key, (Node)Node.Input(a.Value, a.Key))).ToList();
        return InvokeAsync(kernel, nodes, cancellationToken);
    }

    /// <summary>Runs the function as a traced operation on arguments that are already nodes (outputs of earlier steps).</summary>
    /// <param name="kernel">The kernel whose chat service answers.</param>
    /// <param name="arguments">The template's arguments by name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer as a node whose inputs are the arguments and this function's parameters.</returns>
    /// <exception cref="InvalidOperationException">No trace scope is open.</exception>
    /// <exception cref="TraceExecutionException">The function failed (a template error, a service error); the error is in the trace as feedback.</exception>
    public Task<Node<string>> InvokeAsync(Kernel kernel, IEnumerable<KeyValuePair<string, Node>> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(arguments);
        var list = arguments.ToList();
        var operation = OperationFor([.. list.Select(a => a.Key)]);
        return Bundle.InvokeAsync(operation, [.. list.Select(a => a.Value)], async ct =>
        {
            // Reading the parameters here, inside the traced operation, makes them its inputs.
            var function = ToKernelFunction();
            var values = new KernelArguments();
            foreach (var (name, node) in list)
            {
                values[name] = node.BoxedValue;
            }

            return await RunAsync(function, kernel, values, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Runs the function without tracing (for use after training, or outside a trace scope).</summary>
    /// <param name="kernel">The kernel whose chat service answers.</param>
    /// <param name="arguments">The template's arguments, or null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer text.</returns>
    public Task<string> RunAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return RunAsync(ToKernelFunction(), kernel, arguments ?? [], cancellationToken);
    }

    private static async Task<string> RunAsync(KernelFunction function, Kernel kernel, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var result = await function.InvokeAsync(kernel, arguments, cancellationToken).ConfigureAwait(false);
        return result.GetValue<string>() ?? result.ToString();
    }

    private PromptExecutionSettings CreateExecutionSettings(double? temperature, int? maxTokens)
    {
        var extensionData = new Dictionary<string, object>(StringComparer.Ordinal);
        if (temperature is { } t)
        {
            extensionData["temperature"] = t;
        }

        if (maxTokens is { } m)
        {
            extensionData["max_tokens"] = m;
        }

        return new PromptExecutionSettings { ServiceId = _options.ServiceId, ModelId = _options.ModelId, ExtensionData = extensionData };
    }

    private KernelFunction FunctionFor(string template, double? temperature, int? maxTokens)
    {
        lock (_cacheGate)
        {
            if (_cached is { } c && c.Template == template && c.Temperature == temperature && c.MaxTokens == maxTokens)
            {
                return c.Function;
            }
        }

        var config = new PromptTemplateConfig(template)
        {
            Name = Name,
            Description = _options.Description,
            TemplateFormat = _options.TemplateFormat,
        };
        config.AddExecutionSettings(CreateExecutionSettings(temperature, maxTokens));
        var function = KernelFunctionFactory.CreateFromPrompt(config, _options.TemplateFactory);
        lock (_cacheGate)
        {
            _cached = (template, temperature, maxTokens, function);
        }

        return function;
    }

    private Operation OperationFor(string[] argumentNames) =>
        _operations.GetOrAdd(string.Join('\u001f', argumentNames), _ => new Operation(
            Name,
            _options.Description is { } description
                ? $"{description} (A Semantic Kernel prompt function: the template {Template.Name} is filled with the arguments and sent to a chat model; the answer is the result.)"
                : $"A Semantic Kernel prompt function: the template {Template.Name} is filled with the arguments and sent to a chat model; the answer is the result.",
            argumentNames));
}
