using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>A chat message as it was sent, frozen as text (a <see cref="ChatMessage"/> is mutable).</summary>
/// <param name="Role">Who speaks.</param>
/// <param name="Text">What was said.</param>
public sealed record RecordedMessage(ChatRole Role, string Text);
