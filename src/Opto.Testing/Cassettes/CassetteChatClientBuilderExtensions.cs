using Microsoft.Extensions.AI;

namespace Opto.Testing;

/// <summary>Puts a <see cref="CassetteChatClient"/> into a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class CassetteChatClientBuilderExtensions
{
    /// <summary>
    /// Records or replays the calls that reach this point of the pipeline. In <see cref="CassetteMode.Replay"/> the
    /// clients below it are never called, so the middleware above (budget, telemetry) still runs on replayed answers.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="cassettePath">The cassette file.</param>
    /// <param name="mode">How the cassette is used.</param>
    /// <returns>The same builder.</returns>
    public static ChatClientBuilder UseCassette(this ChatClientBuilder builder, string cassettePath, CassetteMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new CassetteChatClient(cassettePath, mode, inner));
    }
}
