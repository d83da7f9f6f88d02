using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace Opto.Llm;

/// <summary>Builds the client of a registered provider.</summary>
/// <param name="context">The provider name and its settings.</param>
/// <returns>The client.</returns>
/// <exception cref="LlmConfigurationException">The settings are missing or wrong; the message says what to fix.</exception>
public delegate IChatClient LlmProviderFactory(LlmProviderContext context);

/// <summary>
/// Providers that other packages add to <see cref="LlmClientFactory"/>, selected by name through
/// <c>OPTO_LLM_PROVIDER</c> or the <c>Provider</c> key, exactly like the built-in ones. This keeps Opto.Llm free of
/// their dependencies: for example Opto.LLamaSharp registers <c>gguf</c> (an in-process model file) with
/// <c>LocalLlm.Register()</c>.
/// </summary>
/// <remarks>
/// The registry is process-wide and thread-safe. Names are compared like built-in names: case, dashes,
/// underscores, dots and spaces are ignored. A built-in name cannot be registered.
/// </remarks>
public static class LlmProviderRegistry
{
    private static readonly ConcurrentDictionary<string, (string Name, LlmProviderFactory Factory)> Providers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered names, in no particular order.</summary>
    public static IReadOnlyList<string> Names => [.. Providers.Values.Select(p => p.Name)];

    /// <summary>Registers a provider, replacing any earlier registration of the same name.</summary>
    /// <param name="name">The name users configure, e.g. <c>gguf</c>.</param>
    /// <param name="factory">Builds the client from the settings.</param>
    /// <exception cref="ArgumentException">The name is empty or names a built-in provider.</exception>
    public static void Register(string name, LlmProviderFactory factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (LlmProviderNames.TryParse(name, out _, out _))
        {
            throw new ArgumentException($"'{name}' is a built-in provider name and cannot be registered.", nameof(name));
        }

        Providers[LlmProviderNames.Squeeze(name)] = (name.Trim(), factory);
    }

    /// <summary>Removes a registration.</summary>
    /// <param name="name">The name it was registered under.</param>
    /// <returns>Whether a registration was removed.</returns>
    public static bool Unregister(string name) =>
        !string.IsNullOrWhiteSpace(name) && Providers.TryRemove(LlmProviderNames.Squeeze(name), out _);

    /// <summary>Finds a registered provider.</summary>
    /// <param name="name">The configured name.</param>
    /// <param name="factory">Its factory, when registered.</param>
    /// <returns>Whether the name is registered.</returns>
    public static bool TryGet(string? name, [NotNullWhen(true)] out LlmProviderFactory? factory)
    {
        factory = null;
        if (string.IsNullOrWhiteSpace(name) || !Providers.TryGetValue(LlmProviderNames.Squeeze(name), out var entry))
        {
            return false;
        }

        factory = entry.Factory;
        return true;
    }
}
