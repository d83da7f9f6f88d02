using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Opto.Llm;

/// <summary>
/// Builds <see cref="LlmOptions"/> from a configuration section and environment variables, field by field.
/// </summary>
/// <remarks>
/// For each field the first value found wins, in this order: the <c>OPTO_LLM_*</c> variables, then the configuration
/// section (keys <c>Provider</c>, <c>Model</c>, <c>Endpoint</c>, <c>ApiKey</c>), then the provider's conventional
/// variables (<c>OPENAI_API_KEY</c>, <c>OPENAI_BASE_URL</c>, <c>AZURE_OPENAI_ENDPOINT</c>, <c>AZURE_OPENAI_API_KEY</c>,
/// <c>AZURE_OPENAI_DEPLOYMENT</c>). So a key can stay in the environment while the model lives in
/// <c>appsettings.json</c>. When no provider is named it is inferred: an endpoint on an Azure host means Azure
/// OpenAI, any other endpoint an OpenAI-compatible server; otherwise <c>AZURE_OPENAI_ENDPOINT</c> means Azure and
/// <c>OPENAI_API_KEY</c> means OpenAI. <c>OPENAI_API_KEY</c> is never sent to any other provider.
/// </remarks>
public static class LlmOptionsLoader
{
    /// <summary>The configuration section read by default.</summary>
    public const string DefaultSection = "Opto:Llm";

    private static readonly string[] AzureHostSuffixes = [".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"];

    /// <summary>Loads options from the process environment and, when given, a configuration.</summary>
    /// <param name="configuration">The application configuration, or null to use environment variables only.</param>
    /// <param name="environment">
    /// Environment variables to read instead of the process environment (useful in tests); null reads the process environment.
    /// </param>
    /// <param name="section">The configuration section to read.</param>
    /// <returns>The options, or null when nothing at all is configured.</returns>
    /// <exception cref="LlmConfigurationException">A value is present but cannot be understood (an unknown provider, a malformed URL).</exception>
    public static LlmOptions? Load(IConfiguration? configuration = null, IDictionary? environment = null, string section = DefaultSection)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var config = configuration?.GetSection(section);

        string? Env(string name) => NonEmpty(environment[name] as string);
        string? Config(string key) => NonEmpty(config?[key]);

        var providerText = Env(LlmEnvironmentVariables.Provider) ?? Config("Provider");
        var model = Env(LlmEnvironmentVariables.Model) ?? Config("Model");
        var endpointText = Env(LlmEnvironmentVariables.Endpoint) ?? Config("Endpoint");
        var apiKey = Env(LlmEnvironmentVariables.ApiKey) ?? Config("ApiKey");

        var openAIKey = Env(LlmEnvironmentVariables.OpenAIApiKey);
        var openAIBaseUrl = Env(LlmEnvironmentVariables.OpenAIBaseUrl);
        var azureEndpoint = Env(LlmEnvironmentVariables.AzureOpenAIEndpoint);
        var azureKey = Env(LlmEnvironmentVariables.AzureOpenAIApiKey);
        var azureDeployment = Env(LlmEnvironmentVariables.AzureOpenAIDeployment);

        if (providerText is null && model is null && endpointText is null && apiKey is null
            && openAIKey is null && azureEndpoint is null && azureKey is null)
        {
            return null;
        }

        var endpoint = ParseEndpoint(endpointText, "endpoint");
        LlmProvider provider;
        Uri? defaultEndpoint = null;
        if (providerText is not null)
        {
            if (!LlmProviderNames.TryParse(providerText, out provider, out defaultEndpoint))
            {
                var registered = LlmProviderRegistry.Names;
                var accepted = registered.Count == 0 ? LlmProviderNames.Accepted : $"{LlmProviderNames.Accepted}, {string.Join(", ", registered)}";
                var hint = LlmProviderNames.PackageHint(providerText) is { } packageHint ? " " + packageHint : "";
                throw new LlmConfigurationException(
                    $"Unknown LLM provider '{providerText}' (from {LlmEnvironmentVariables.Provider} or \"{section}:Provider\"). Use one of: {accepted}.{hint}");
            }
        }
        else if (endpoint is not null)
        {
            provider = IsAzureHost(endpoint) ? LlmProvider.AzureOpenAI : LlmProvider.OpenAICompatible;
        }
        else if (azureEndpoint is not null)
        {
            provider = LlmProvider.AzureOpenAI;
        }
        else
        {
            provider = LlmProvider.OpenAI;
        }

        switch (provider)
        {
            case LlmProvider.OpenAI:
                apiKey ??= openAIKey;
                endpoint ??= ParseEndpoint(openAIBaseUrl, LlmEnvironmentVariables.OpenAIBaseUrl);
                break;
            case LlmProvider.AzureOpenAI:
                apiKey ??= azureKey;
                model ??= azureDeployment;
                endpoint ??= ParseEndpoint(azureEndpoint, LlmEnvironmentVariables.AzureOpenAIEndpoint);
                break;
            default:
                endpoint ??= defaultEndpoint;
                break;
        }

        return new LlmOptions { Provider = provider, Model = model, Endpoint = endpoint, ApiKey = apiKey };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri? ParseEndpoint(string? text, string source)
    {
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        throw new LlmConfigurationException($"The {source} '{text}' is not an absolute http(s) URL, e.g. http://localhost:11434/v1.");
    }

    private static bool IsAzureHost(Uri endpoint) =>
        AzureHostSuffixes.Any(suffix => endpoint.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
}
