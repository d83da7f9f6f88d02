namespace Opto.TorchSharp;

/// <summary>The optimizers a student can be trained with, named as in PyTorch's <c>torch.optim</c> (lower case).</summary>
public static class StudentOptimizers
{
    /// <summary>Adam (β = 0.9, 0.999; weight decay added to the gradient, as in PyTorch).</summary>
    public const string Adam = "adam";

    /// <summary>AdamW (β = 0.9, 0.999; decoupled weight decay).</summary>
    public const string AdamW = "adamw";

    /// <summary>Plain stochastic gradient descent, no momentum.</summary>
    public const string Sgd = "sgd";

    /// <summary>All of them, in the order shown to optimizers.</summary>
    public static IReadOnlyList<string> All { get; } = [Adam, AdamW, Sgd];
}
