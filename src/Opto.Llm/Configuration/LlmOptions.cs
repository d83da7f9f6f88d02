using System.Text;

namespace Opto.Llm;

/// <summary>
/// Which LLM service to use and how to reach it. Build it in code, or load it with <see cref="LlmOptionsLoader"/>
/// from configuration (an <c>appsettings.json</c> section such as <c>"Opto:Llm"</c>) and environment variables.
/// </summary>
/// <remarks><see cref="ToString"/> never prints the API key.</remarks>
public sealed record LlmOptions
{
    /// <summary>The model used for <see cref="LlmProvider.OpenAI"/> when none is given.</summary>
    public const string DefaultOpenAIModel = "gpt-4o-mini";

    /// <summary>The kind of service. Defaults to <see cref="LlmProvider.OpenAI"/>.</summary>
    public LlmProvider Provider { get; init; } = LlmProvider.OpenAI;

    /// <summary>The model name; for Azure OpenAI, the deployment name. OpenAI falls back to <see cref="DefaultOpenAIModel"/>.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// The base URL. Required for Azure OpenAI (the resource URL) and OpenAI-compatible servers
    /// (for example <c>http://localhost:11434/v1</c> for Ollama); optional for OpenAI.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The API key. Required for OpenAI and Azure OpenAI; optional for local servers.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// The HTTP timeout of the provider SDK for one request. Leave it null to keep the SDK default (100 s);
    /// per-call timeouts belong to <c>UseOptoResilience</c>.
    /// </summary>
    public TimeSpan? NetworkTimeout { get; init; }

    /// <summary>The model that will be used: <see cref="Model"/>, or the provider's default when it has one.</summary>
    public string? EffectiveModel => string.IsNullOrWhiteSpace(Model)
        ? (Provider == LlmProvider.OpenAI ? DefaultOpenAIModel : null)
        : Model;

    /// <summary>Lists what is missing or wrong, each item saying how to fix it. An empty list means the options are usable.</summary>
    /// <returns>The problems found; empty when there are none.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Endpoint is not null && (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"The endpoint '{Endpoint}' is not an absolute http(s) URL.");
        }

        switch (Provider)
        {
            case LlmProvider.OpenAI:
                if (string.IsNullOrWhiteSpace(ApiKey))
                {
                    problems.Add($"OpenAI needs an API key: set {LlmEnvironmentVariables.OpenAIApiKey} (or {LlmEnvironmentVariables.ApiKey}, or \"ApiKey\" in the configuration section).");
                }

                break;
            case LlmProvider.AzureOpenAI:
                if (Endpoint is null)
                {
                    problems.Add($"Azure OpenAI needs the resource URL: set {LlmEnvironmentVariables.AzureOpenAIEndpoint} (or {LlmEnvironmentVariables.Endpoint}, or \"Endpoint\"), e.g. https://my-resource.openai.azure.com.");
                }

                if (string.IsNullOrWhiteSpace(ApiKey))
                {
                    problems.Add($"Azure OpenAI needs an API key: set {LlmEnvironmentVariables.AzureOpenAIApiKey} (or {LlmEnvironmentVariables.ApiKey}, or \"ApiKey\").");
                }

                if (string.IsNullOrWhiteSpace(Model))
                {
                    problems.Add($"Azure OpenAI needs the deployment name as the model: set {LlmEnvironmentVariables.AzureOpenAIDeployment} (or {LlmEnvironmentVariables.Model}, or \"Model\").");
                }

                break;
            case LlmProvider.OpenAICompatible:
                if (Endpoint is null)
                {
                    problems.Add($"An OpenAI-compatible server needs its base URL: set {LlmEnvironmentVariables.Endpoint} (or \"Endpoint\"), e.g. http://localhost:11434/v1 for Ollama.");
                }

                if (string.IsNullOrWhiteSpace(Model))
                {
                    problems.Add($"An OpenAI-compatible server needs a model name: set {LlmEnvironmentVariables.Model} (or \"Model\"), e.g. llama3.2.");
                }

                break;
            default:
                problems.Add($"Unknown provider '{Provider}'.");
                break;
        }

        return problems;
    }

    /// <summary>Describes the options with the API key masked, so that they can be logged safely.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("LlmOptions { Provider = ").Append(Provider);
        text.Append(", Model = ").Append(EffectiveModel ?? "(none)");
        text.Append(", Endpoint = ").Append(Endpoint?.ToString() ?? "(default)");
        text.Append(", ApiKey = ").Append(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***");
        if (NetworkTimeout is { } timeout)
        {
            text.Append(", NetworkTimeout = ").Append(timeout);
        }

        return text.Append(" }").ToString();
    }
}
