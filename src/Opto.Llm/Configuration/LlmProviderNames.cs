namespace Opto.Llm;

/// <summary>
/// Parses the provider names accepted in configuration and environment variables. Server names such as
/// <c>ollama</c> select <see cref="LlmProvider.OpenAICompatible"/> and bring that server's usual local URL.
/// </summary>
public static class LlmProviderNames
{
    /// <summary>The accepted names, as shown in error messages.</summary>
    public const string Accepted = "openai, azure, compatible, ollama, vllm, lmstudio, llamacpp";

    private static readonly Dictionary<string, (LlmProvider Provider, Uri? DefaultEndpoint)> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = (LlmProvider.OpenAI, null),
        ["azure"] = (LlmProvider.AzureOpenAI, null),
        ["azureopenai"] = (LlmProvider.AzureOpenAI, null),
        ["compatible"] = (LlmProvider.OpenAICompatible, null),
        ["openaicompatible"] = (LlmProvider.OpenAICompatible, null),
        ["custom"] = (LlmProvider.OpenAICompatible, null),
        ["ollama"] = (LlmProvider.OpenAICompatible, new Uri("http://localhost:11434/v1/")),
        ["vllm"] = (LlmProvider.OpenAICompatible, new Uri("http://localhost:8000/v1/")),
        ["lmstudio"] = (LlmProvider.OpenAICompatible, new Uri("http://localhost:1234/v1/")),
        ["llamacpp"] = (LlmProvider.OpenAICompatible, new Uri("http://localhost:8080/v1/")),
    };

    /// <summary>Parses a provider name; case, dashes, underscores, dots and spaces are ignored (<c>LM-Studio</c>, <c>llama.cpp</c>).</summary>
    /// <param name="name">The name to parse.</param>
    /// <param name="provider">The provider it names.</param>
    /// <param name="defaultEndpoint">The server's usual local URL when the name is a server name; otherwise null.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? name, out LlmProvider provider, out Uri? defaultEndpoint)
    {
        provider = default;
        defaultEndpoint = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        if (!Names.TryGetValue(Squeeze(name), out var entry))
        {
            return false;
        }

        (provider, defaultEndpoint) = entry;
        return true;
    }

    /// <summary>
    /// Says where a provider that is not built in comes from, for names that belong to an Opto package
    /// (<c>gguf</c> is in Opto.LLamaSharp); null for other names.
    /// </summary>
    /// <param name="name">The configured name.</param>
    /// <returns>A sentence saying what to reference and call, or null.</returns>
    public static string? PackageHint(string? name) =>
        !string.IsNullOrWhiteSpace(name) && Squeeze(name).ToUpperInvariant() is "GGUF" or "LLAMASHARP"
            ? $"The '{name.Trim()}' provider (an in-process GGUF model) is in the Opto.LLamaSharp package: reference it and call LocalLlm.Register() at startup, or create the client with LocalLlm.TryCreate(...)."
            : null;

    /// <summary>The name without case-insensitive noise: dashes, underscores, dots and spaces removed.</summary>
    internal static string Squeeze(string name) => new([.. name.Trim().Where(c => c is not ('-' or '_' or '.' or ' '))]);
}
