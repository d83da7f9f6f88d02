using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using OpenAI;
using OpenAI.Chat;

namespace Opto.Llm;

/// <summary>
/// Creates an <see cref="IChatClient"/> for OpenAI, Azure OpenAI or any OpenAI-compatible server from
/// <see cref="LlmOptions"/>, a configuration section or environment variables.
/// </summary>
/// <remarks>
/// The clients it creates do not retry on their own (the OpenAI SDK's built-in retries are switched off) so that
/// <c>UseOptoResilience</c> is the single place where retries, Retry-After and backoff are decided.
/// </remarks>
public static class LlmClientFactory
{
    /// <summary>The message given when no provider is configured. It says every way to configure one.</summary>
    public const string NotConfiguredMessage =
        """
        No LLM provider is configured. Configure one in any of these ways:

        1. Environment variables:
             OPTO_LLM_PROVIDER  openai | azure | compatible | ollama | vllm | lmstudio | llamacpp
                                | gguf (an in-process model file; needs Opto.LLamaSharp and LocalLlm.Register())
             OPTO_LLM_MODEL     model name (Azure: the deployment name), e.g. gpt-4o-mini or llama3.2;
                                for gguf, the path of the .gguf file
             OPTO_LLM_ENDPOINT  base URL (Azure: https://<resource>.openai.azure.com; Ollama: http://localhost:11434/v1)
             OPTO_LLM_API_KEY   API key (optional for local servers)
           or the conventional variables:
             OPENAI_API_KEY (OpenAI, model gpt-4o-mini unless OPTO_LLM_MODEL is set)
             AZURE_OPENAI_ENDPOINT + AZURE_OPENAI_API_KEY + AZURE_OPENAI_DEPLOYMENT (Azure OpenAI)

        2. appsettings.json (section "Opto:Llm"), passing the IConfiguration to LlmClientFactory:
             { "Opto": { "Llm": { "Provider": "ollama", "Model": "llama3.2", "Endpoint": "http://localhost:11434/v1" } } }
           Keep keys out of the file: "ApiKey" can come from OPTO_LLM_API_KEY or OPENAI_API_KEY instead.

        3. Code:
             LlmClientFactory.Create(new LlmOptions { Provider = LlmProvider.OpenAI, Model = "gpt-4o-mini", ApiKey = "..." })
        """;

    /// <summary>Creates a client from the process environment variables.</summary>
    /// <param name="client">The client, when a provider is configured and valid.</param>
    /// <returns>False when nothing is configured or the configuration is invalid.</returns>
    public static bool TryCreate([NotNullWhen(true)] out IChatClient? client) => TryCreate(null, null, out client, out _);

    /// <summary>
    /// Creates a client from a configuration section and environment variables (see <see cref="LlmOptionsLoader"/>).
    /// A provider name registered in <see cref="LlmProviderRegistry"/> (such as <c>gguf</c>) is handed to its factory.
    /// </summary>
    /// <param name="configuration">The application configuration, or null.</param>
    /// <param name="environment">Environment variables to read instead of the process environment, or null.</param>
    /// <param name="client">The client, when a provider is configured and valid.</param>
    /// <param name="problem">
    /// When false is returned: <see cref="NotConfiguredMessage"/> if nothing is configured, otherwise what is wrong.
    /// </param>
    /// <returns>Whether a client was created.</returns>
    public static bool TryCreate(
        IConfiguration? configuration,
        IDictionary? environment,
        [NotNullWhen(true)] out IChatClient? client,
        [NotNullWhen(false)] out string? problem)
    {
        environment ??= Environment.GetEnvironmentVariables();
        if (TryCreateRegistered(configuration, environment, out client, out problem) is { } handled)
        {
            return handled;
        }

        LlmOptions? options;
        try
        {
            options = LlmOptionsLoader.Load(configuration, environment);
        }
        catch (LlmConfigurationException ex)
        {
            client = null;
            problem = ex.Message;
            return false;
        }

        if (options is null)
        {
            client = null;
            problem = NotConfiguredMessage;
            return false;
        }

        return TryCreate(options, out client, out problem);
    }

    /// <summary>Creates a client from options, reporting instead of throwing when they are invalid.</summary>
    /// <param name="options">The options.</param>
    /// <param name="client">The client, when the options are valid.</param>
    /// <param name="problem">What is wrong, when false is returned.</param>
    /// <returns>Whether a client was created.</returns>
    public static bool TryCreate(LlmOptions options, [NotNullWhen(true)] out IChatClient? client, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            client = null;
            problem = Describe(options, problems);
            return false;
        }

        client = Build(options);
        problem = null;
        return true;
    }

    /// <summary>Creates a client from a configuration section and environment variables, or throws.</summary>
    /// <param name="configuration">The application configuration, or null.</param>
    /// <param name="environment">Environment variables to read instead of the process environment, or null.</param>
    /// <returns>The client.</returns>
    /// <exception cref="LlmConfigurationException">Nothing is configured (the message is <see cref="NotConfiguredMessage"/>) or the configuration is invalid.</exception>
    public static IChatClient Create(IConfiguration? configuration = null, IDictionary? environment = null) =>
        TryCreate(configuration, environment, out var client, out var problem) ? client : throw new LlmConfigurationException(problem);

    /// <summary>Creates a client from options, or throws.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The client.</returns>
    /// <exception cref="LlmConfigurationException">The options are invalid; the message says what to fix.</exception>
    public static IChatClient Create(LlmOptions options) =>
        TryCreate(options, out var client, out var problem) ? client : throw new LlmConfigurationException(problem);

    /// <summary>
    /// Starts a middleware pipeline over a client created from options, e.g.
    /// <c>LlmClientFactory.CreateBuilder(options).UseOptoDefaults(ledger).Build()</c>.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>A builder whose inner client is the provider's client.</returns>
    public static ChatClientBuilder CreateBuilder(LlmOptions options) => new(Create(options));

    /// <summary>The endpoint actually called for these options (Azure and bare server URLs are completed).</summary>
    /// <param name="options">Valid options.</param>
    /// <returns>The base URL the OpenAI client will use, or null for the OpenAI default.</returns>
    public static Uri? ResolveEndpoint(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoint is not { } endpoint)
        {
            return null;
        }

        var path = endpoint.AbsolutePath.TrimEnd('/');
        return options.Provider switch
        {
            // Azure's v1 API speaks the OpenAI protocol under /openai/v1/, so no Azure SDK is needed.
            LlmProvider.AzureOpenAI when !path.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase) =>
                new Uri(WithSlash(endpoint), path.EndsWith("/openai", StringComparison.OrdinalIgnoreCase) ? "v1/" : "openai/v1/"),

            // Ollama, vLLM, LM Studio and llama.cpp all serve the protocol under /v1; a bare host:port means that.
            LlmProvider.OpenAICompatible when path.Length == 0 => new Uri(WithSlash(endpoint), "v1/"),
            _ => WithSlash(endpoint),
        };
    }

    /// <summary>Hands the configuration to a registered provider when one is named; null when none is.</summary>
    private static bool? TryCreateRegistered(IConfiguration? configuration, IDictionary environment, out IChatClient? client, out string? problem)
    {
        client = null;
        problem = null;
        var section = configuration?.GetSection(LlmOptionsLoader.DefaultSection);
        var providerText = environment[LlmEnvironmentVariables.Provider] as string;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            providerText = section?["Provider"];
        }

        if (!LlmProviderRegistry.TryGet(providerText, out var factory))
        {
            return null;
        }

        try
        {
            client = factory(new LlmProviderContext(providerText!.Trim(), section, environment))
                ?? throw new LlmConfigurationException($"The registered LLM provider '{providerText.Trim()}' created no client.");
            return true;
        }
        catch (LlmConfigurationException ex)
        {
            problem = ex.Message;
            return false;
        }
    }

    private static IChatClient Build(LlmOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            // Retries belong to UseOptoResilience; two retry layers would multiply attempts and hide Retry-After.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        if (ResolveEndpoint(options) is { } endpoint)
        {
            clientOptions.Endpoint = endpoint;
        }

        if (options.NetworkTimeout is { } timeout)
        {
            clientOptions.NetworkTimeout = timeout;
        }

        // The OpenAI client insists on a credential; the policy below removes or moves it where the service expects it.
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey);
        if (options.Provider == LlmProvider.AzureOpenAI)
        {
            clientOptions.AddPolicy(AuthenticationHeaderPolicy.AzureApiKey(options.ApiKey!), PipelinePosition.BeforeTransport);
        }
        else if (string.IsNullOrEmpty(options.ApiKey))
        {
            clientOptions.AddPolicy(AuthenticationHeaderPolicy.Anonymous, PipelinePosition.BeforeTransport);
        }

        var chatClient = new ChatClient(options.EffectiveModel!, credential, clientOptions);
        return chatClient.AsIChatClient();
    }

    private static Uri WithSlash(Uri endpoint) =>
        endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");

    private static string Describe(LlmOptions options, IReadOnlyList<string> problems) =>
        $"The LLM configuration ({options}) is incomplete:{Environment.NewLine}  - "
        + string.Join($"{Environment.NewLine}  - ", problems);
}
