using Microsoft.Extensions.AI;

namespace Opto.Trainer.Runs;

/// <summary>Ways to have a workflow's own LLM calls recorded with the training steps.</summary>
public static class StepRecordingExtensions
{
    /// <summary>Wraps the client so its calls are listed with the LLM calls of the running training step.</summary>
    /// <param name="client">The client the workflow uses.</param>
    /// <param name="purpose">What the calls are for, as the records show it.</param>
    /// <returns>The wrapping client.</returns>
    public static IChatClient RecordedInTrainingSteps(this IChatClient client, string purpose = "workflow") =>
        new StepRecordingChatClient(client, purpose);

    /// <summary>Adds <see cref="StepRecordingChatClient"/> to a chat-client pipeline.</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="purpose">What the calls are for, as the records show it.</param>
    /// <returns>The same builder.</returns>
    public static ChatClientBuilder UseTrainingStepRecording(this ChatClientBuilder builder, string purpose = "workflow")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new StepRecordingChatClient(inner, purpose));
    }
}
