using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Opto.Llm;

namespace Opto.LLamaSharp;

/// <summary>
/// Makes in-process GGUF models a provider of <see cref="LlmClientFactory"/>:
/// <c>OPTO_LLM_PROVIDER=gguf</c> with <c>OPTO_LLM_MODEL=/path/model.gguf</c> (or <c>"Provider": "gguf"</c> and
/// <c>"Model"</c> in the <c>Opto:Llm</c> section). Call <see cref="Register"/> once at startup, or use
/// <see cref="TryCreate"/>, which registers and then creates whatever provider is configured.
/// </summary>
/// <remarks>
/// Optional settings, environment variable first, then the key in the section: <c>OPTO_LLM_CONTEXT_SIZE</c> /
/// <c>ContextSize</c>, <c>OPTO_LLM_MAX_TOKENS</c> / <c>MaxOutputTokens</c>, <c>OPTO_LLM_SEED</c> / <c>Seed</c>,
/// <c>OPTO_LLM_THREADS</c> / <c>Threads</c>, <c>OPTO_LLM_GPU_LAYERS</c> / <c>GpuLayerCount</c>. The model is loaded
/// when the client is created; dispose the client to free it.
/// </remarks>
public static class LocalLlm
{
    /// <summary>The provider name: <c>gguf</c>.</summary>
    public const string ProviderName = "gguf";

    /// <summary>Another accepted name for the same provider.</summary>
    public const string AlternativeProviderName = "llamasharp";

    /// <summary>The context window, in tokens.</summary>
    public const string ContextSizeVariable = "OPTO_LLM_CONTEXT_SIZE";

    /// <summary>The most tokens of an answer when a request does not say.</summary>
    public const string MaxTokensVariable = "OPTO_LLM_MAX_TOKENS";

    /// <summary>The sampling seed when a request does not give one.</summary>
    public const string SeedVariable = "OPTO_LLM_SEED";

    /// <summary>The CPU threads llama.cpp uses.</summary>
    public const string ThreadsVariable = "OPTO_LLM_THREADS";

    /// <summary>The layers to offload to a GPU (0 with the CPU backend).</summary>
    public const string GpuLayersVariable = "OPTO_LLM_GPU_LAYERS";

    /// <summary>Registers the <c>gguf</c> provider (and its alias <c>llamasharp</c>) with <see cref="LlmProviderRegistry"/>. Safe to call more than once.</summary>
    public static void Register()
    {
        LlmProviderRegistry.Register(ProviderName, Create);
        LlmProviderRegistry.Register(AlternativeProviderName, Create);
    }

    /// <summary>
    /// Registers the <c>gguf</c> provider, then creates the configured client through
    /// <see cref="LlmClientFactory.TryCreate(IConfiguration?, IDictionary?, out IChatClient?, out string?)"/>:
    /// a local model when the provider is <c>gguf</c>, otherwise OpenAI, Azure OpenAI or a compatible server.
    /// </summary>
    /// <param name="configuration">The application configuration, or null.</param>
    /// <param name="environment">Environment variables to read instead of the process environment, or null.</param>
    /// <param name="client">The client, when one could be created.</param>
    /// <param name="problem">When false is returned: what is missing or wrong.</param>
    /// <returns>Whether a client was created.</returns>
    public static bool TryCreate(IConfiguration? configuration, IDictionary? environment,
        [NotNullWhen(true)] out IChatClient? client, [NotNullWhen(false)] out string? problem)
    {
        Register();
        return LlmClientFactory.TryCreate(configuration, environment, out client, out problem);
    }

    /// <summary>Reads the local-model options from a provider's settings.</summary>
    /// <param name="context">The settings.</param>
    /// <returns>The options.</returns>
    /// <exception cref="LlmConfigurationException">The model path is missing, or a number cannot be read.</exception>
    public static LocalModelOptions ReadOptions(LlmProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Model ?? throw new LlmConfigurationException(
            $"The {context.ProviderName} provider needs the model file: set {LlmEnvironmentVariables.Model}=/path/to/model.gguf (or \"Model\" in \"{context.SectionPath}\").");

        return new LocalModelOptions
        {
            ModelPath = path,
            ContextSize = Number(context, "ContextSize", ContextSizeVariable, uint.Parse) ?? LocalModelOptions.DefaultContextSize,
            MaxOutputTokens = Number(context, "MaxOutputTokens", MaxTokensVariable, int.Parse) ?? LocalModelOptions.DefaultMaxOutputTokens,
            Seed = Number(context, "Seed", SeedVariable, uint.Parse),
            Threads = Number(context, "Threads", ThreadsVariable, int.Parse),
            GpuLayerCount = Number(context, "GpuLayerCount", GpuLayersVariable, int.Parse) ?? 0,
        };
    }

    private static IChatClient Create(LlmProviderContext context)
    {
        var options = ReadOptions(context);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new LlmConfigurationException(
                $"The {context.ProviderName} provider cannot load its model:{Environment.NewLine}  - " + string.Join($"{Environment.NewLine}  - ", problems));
        }

        try
        {
            return LocalModelChatClient.Load(options);
        }
        catch (LocalModelException ex)
        {
            throw new LlmConfigurationException(ex.Message, ex);
        }
    }

    private static T? Number<T>(LlmProviderContext context, string key, string variable, Func<string, IFormatProvider, T> parse)
        where T : struct
    {
        var text = context.Get(key, variable);
        if (text is null)
        {
            return null;
        }

        try
        {
            return parse(text, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new LlmConfigurationException($"{variable} (or \"{key}\" in \"{context.SectionPath}\") must be a whole number in range; got '{text}'.", ex);
        }
    }
}
