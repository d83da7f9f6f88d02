namespace Opto.Trace.Code;

/// <summary>
/// Makes the <see cref="ParameterNode{T}"/> that holds a trainable method's C# source. Its constraints tell the
/// optimizer, in words, which signature to keep and what the sandbox allows; whether a new value compiles is not a
/// constraint but feedback (a value that does not compile is accepted, and the next call reports why).
/// </summary>
public static class CodeParameter
{
    /// <summary>Creates the parameter for a method that implements <typeparamref name="TDelegate"/>.</summary>
    /// <typeparam name="TDelegate">The delegate type the method must fit.</typeparam>
    /// <param name="source">The method's initial full text.</param>
    /// <param name="methodName">The method's name, which new versions must keep.</param>
    /// <param name="name">The parameter's key; <paramref name="methodName"/> when null.</param>
    /// <param name="description">What the method is for, shown to the optimizer.</param>
    /// <param name="trainable">Whether optimizers may change it.</param>
    /// <param name="rules">Further rules in words (e.g. from <see cref="ConstraintAttribute"/>), added to the constraint text.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ArgumentException">The delegate type is unsupported, or a name is invalid.</exception>
    public static ParameterNode<string> Create<TDelegate>(string source, string methodName, string? name = null, string? description = null, bool trainable = true,
        string? rules = null)
        where TDelegate : Delegate
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        var shape = DelegateShape.Of(typeof(TDelegate));
        var signature = CSharpTypeNames.Signature(shape.Invoke, methodName, withParameterNames: false);
        var constraints = new ParameterConstraints
        {
            Text = $"The full C# text of the method '{signature}' (helper methods and usings may surround it). Keep its name " +
                "and signature. It runs in a sandbox: pure computation only, with no file system, network, processes, " +
                "reflection, environment, threads, console or unsafe code, and within a time limit." +
                (string.IsNullOrWhiteSpace(rules) ? "" : " " + rules.Trim()),
        };
        description ??= $"The C# source of the method {methodName}.";
        return new ParameterNode<string>(source, name ?? methodName, description, constraints, trainable) { IsCode = true };
    }
}
