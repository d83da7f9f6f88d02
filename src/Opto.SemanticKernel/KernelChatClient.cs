using Microsoft.Extensions.AI;

namespace Opto.SemanticKernel;

/// <summary>
/// Passes calls through to another client and guarantees <see cref="ChatClientMetadata"/>: Semantic Kernel throws
/// when a chat client has none, and optimizers log the model id from it.
/// </summary>
internal sealed class KernelChatClient(IChatClient inner, bool ownsInner, string? modelId = null) : DelegatingChatClient(inner)
{
    private readonly ChatClientMetadata _fallbackMetadata = new("semantic-kernel", providerUri: null, modelId);

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        var found = base.GetService(serviceType, serviceKey);
        return found is null && serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _fallbackMetadata : found;
    }

    protected override void Dispose(bool disposing)
    {
        // A kernel's service belongs to the kernel; only an adapter created here is ours to dispose.
        if (ownsInner)
        {
            base.Dispose(disposing);
        }
    }
}
