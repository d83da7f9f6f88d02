using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace Opto.SemanticKernel;

/// <summary>
/// Bridges between Semantic Kernel and the <see cref="IChatClient"/> the optimizers use, both ways: a kernel (or
/// one of its chat services) becomes the optimizer's LLM, and any <see cref="IChatClient"/> (for example one built
/// with Opto.Llm middleware or a test double) becomes a kernel chat service.
/// </summary>
public static class KernelChatClientExtensions
{
    /// <summary>
    /// The kernel's chat model as an <see cref="IChatClient"/> for an optimizer, e.g.
    /// <c>new OptoPrime(parameters, kernel.AsOptimizerChatClient())</c>. An <see cref="IChatClient"/> registered in the
    /// kernel is used as it is; otherwise its <see cref="IChatCompletionService"/> is adapted.
    /// </summary>
    /// <param name="kernel">The kernel.</param>
    /// <param name="serviceId">The key the service was registered under, or null for the default one.</param>
    /// <returns>The client; it reports <see cref="ChatClientMetadata"/>. Disposing it does not dispose the kernel's service.</returns>
    /// <exception cref="InvalidOperationException">The kernel has no chat service (under that key).</exception>
    public static IChatClient AsOptimizerChatClient(this Kernel kernel, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var services = kernel.Services;
        var client = serviceId is null ? services.GetService<IChatClient>() : services.GetKeyedService<IChatClient>(serviceId);
        if (client is not null)
        {
            return new KernelChatClient(client, ownsInner: false);
        }

        var completion = serviceId is null ? services.GetService<IChatCompletionService>() : services.GetKeyedService<IChatCompletionService>(serviceId);
        if (completion is not null)
        {
            return completion.AsOptimizerChatClient();
        }

        var which = serviceId is null ? "" : $" under the key '{serviceId}'";
        throw new InvalidOperationException(
            $"The kernel has no chat service{which}. Register one before building it, e.g. builder.AddOptoChatClient(client) or builder.Services.AddSingleton<IChatCompletionService>(service).");
    }

    /// <summary>A Semantic Kernel chat completion service as an <see cref="IChatClient"/> for an optimizer.</summary>
    /// <param name="service">The service.</param>
    /// <returns>The client; it reports <see cref="ChatClientMetadata"/> with the service's model id.</returns>
    public static IChatClient AsOptimizerChatClient(this IChatCompletionService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new KernelChatClient(service.AsChatClient(), ownsInner: true, service.GetModelId());
    }

    /// <summary>
    /// An <see cref="IChatClient"/> as a Semantic Kernel chat completion service. The client is given
    /// <see cref="ChatClientMetadata"/> when it has none, which Semantic Kernel requires.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="services">Services for the adapter (function invocation uses the kernel's), or null.</param>
    /// <returns>The service.</returns>
    public static IChatCompletionService AsKernelChatCompletionService(this IChatClient client, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return WithMetadata(client).AsChatCompletionService(services);
    }

    /// <summary>
    /// Registers an <see cref="IChatClient"/> as the kernel's chat model, so that prompt functions (including
    /// <see cref="TrainablePromptFunction"/>) run on it. The client is given <see cref="ChatClientMetadata"/> when it
    /// has none, which Semantic Kernel requires.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="client">The client; the kernel does not dispose it.</param>
    /// <param name="serviceId">A key to register it under (to choose it with execution settings' <c>ServiceId</c>), or null for the default.</param>
    /// <returns>The builder.</returns>
    public static IKernelBuilder AddOptoChatClient(this IKernelBuilder builder, IChatClient client, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(client);
        var registered = WithMetadata(client);
        if (serviceId is null)
        {
            builder.Services.AddSingleton(registered);
        }
        else
        {
            builder.Services.AddKeyedSingleton(serviceId, registered);
        }

        return builder;
    }

    private static IChatClient WithMetadata(IChatClient client) =>
        client.GetService(typeof(ChatClientMetadata)) is ChatClientMetadata ? client : new KernelChatClient(client, ownsInner: false);
}
