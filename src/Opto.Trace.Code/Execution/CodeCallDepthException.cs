namespace Opto.Trace.Code;

/// <summary>Trainable code nested its calls too deeply (usually runaway recursion) and was stopped before the stack overflowed.</summary>
public sealed class CodeCallDepthException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="depth">How many nested calls were active when the code was stopped.</param>
    /// <param name="stackExhausted">Whether the stack itself ran low before the configured depth was reached.</param>
    public CodeCallDepthException(int depth, bool stackExhausted = false)
        : base(stackExhausted
            ? $"stopped after {depth} nested calls: the stack is nearly full (infinite recursion?)"
            : $"stopped after {depth} nested calls: the code recursed too deeply (infinite recursion?)")
    {
        Depth = depth;
        StackExhausted = stackExhausted;
    }

    /// <summary>How many nested calls were active.</summary>
    public int Depth { get; }

    /// <summary>Whether the stack itself ran low before the configured depth was reached.</summary>
    public bool StackExhausted { get; }
}
