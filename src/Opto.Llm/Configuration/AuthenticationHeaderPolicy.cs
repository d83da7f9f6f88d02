using System.ClientModel.Primitives;

namespace Opto.Llm;

/// <summary>
/// Rewrites the credentials of each request just before it is sent: Azure wants the key in an <c>api-key</c>
/// header, and a keyless local server should receive no <c>Authorization</c> header at all.
/// </summary>
/// <remarks>
/// The OpenAI client always adds a bearer header from its credential. Rewriting it here keeps us on the client's
/// stable constructor instead of its experimental authentication-policy one.
/// </remarks>
internal sealed class AuthenticationHeaderPolicy(string? apiKeyHeader, string? apiKey) : PipelinePolicy
{
    /// <summary>Sends no credentials.</summary>
    public static AuthenticationHeaderPolicy Anonymous { get; } = new(null, null);

    /// <summary>Sends the key in Azure's <c>api-key</c> header.</summary>
    /// <param name="apiKey">The key.</param>
    /// <returns>The policy.</returns>
    public static AuthenticationHeaderPolicy AzureApiKey(string apiKey) => new("api-key", apiKey);

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Rewrite(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Rewrite(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Rewrite(PipelineMessage message)
    {
        message.Request.Headers.Remove("Authorization");
        if (apiKeyHeader is not null && apiKey is not null)
        {
            message.Request.Headers.Set(apiKeyHeader, apiKey);
        }
    }
}
