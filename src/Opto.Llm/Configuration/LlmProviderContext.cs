using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Opto.Llm;

/// <summary>
/// What a registered provider (see <see cref="LlmProviderRegistry"/>) is given to build its client: the provider
/// name as configured, the common settings, and access to any further setting it reads itself.
/// </summary>
/// <remarks>
/// Every value follows the same rule as <see cref="LlmOptionsLoader"/>: the environment variable wins over the
/// configuration key. Blank values count as absent, and values are trimmed.
/// </remarks>
public sealed class LlmProviderContext
{
    private readonly IConfigurationSection? _section;
    private readonly IDictionary _environment;

    internal LlmProviderContext(string providerName, IConfigurationSection? section, IDictionary environment)
    {
        ProviderName = providerName;
        _section = section;
        _environment = environment;
        SectionPath = section?.Path ?? LlmOptionsLoader.DefaultSection;
    }

    /// <summary>The provider name as it was configured, e.g. <c>gguf</c>.</summary>
    public string ProviderName { get; }

    /// <summary>The configuration section the settings come from (for messages), e.g. <c>Opto:Llm</c>.</summary>
    public string SectionPath { get; }

    /// <summary>The model: <c>OPTO_LLM_MODEL</c> or the section's <c>Model</c> key (for a local provider, usually a file path).</summary>
    public string? Model => Get("Model", LlmEnvironmentVariables.Model);

    /// <summary>The endpoint text, unparsed: <c>OPTO_LLM_ENDPOINT</c> or the section's <c>Endpoint</c> key.</summary>
    public string? Endpoint => Get("Endpoint", LlmEnvironmentVariables.Endpoint);

    /// <summary>The API key: <c>OPTO_LLM_API_KEY</c> or the section's <c>ApiKey</c> key.</summary>
    public string? ApiKey => Get("ApiKey", LlmEnvironmentVariables.ApiKey);

    /// <summary>Reads a setting: the environment variable when it is set, otherwise the configuration key.</summary>
    /// <param name="key">The key under the section, e.g. <c>ContextSize</c>.</param>
    /// <param name="environmentVariable">The environment variable that overrides it, e.g. <c>OPTO_LLM_CONTEXT_SIZE</c>; null for none.</param>
    /// <returns>The trimmed value, or null when neither is set.</returns>
    public string? Get(string key, string? environmentVariable = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (environmentVariable is not null && NonEmpty(_environment[environmentVariable] as string) is { } fromEnvironment)
        {
            return fromEnvironment;
        }

        return NonEmpty(_section?[key]);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
