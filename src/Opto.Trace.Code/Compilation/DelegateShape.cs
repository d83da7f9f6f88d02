using System.Reflection;

namespace Opto.Trace.Code;

/// <summary>What trainable code must provide for a delegate type: the parameter and return types of its Invoke.</summary>
internal sealed class DelegateShape
{
    private static readonly Dictionary<Type, DelegateShape> Known = [];
    private static readonly Lock KnownGate = new();

    private DelegateShape(Type delegateType, MethodInfo invoke)
    {
        DelegateType = delegateType;
        Invoke = invoke;
        ParameterTypes = [.. invoke.GetParameters().Select(p => p.ParameterType)];
        ReturnType = invoke.ReturnType;
        ParameterNames = [.. invoke.GetParameters().Select((p, i) => p.Name ?? "arg" + (i + 1))];
    }

    public Type DelegateType { get; }

    public MethodInfo Invoke { get; }

    public IReadOnlyList<Type> ParameterTypes { get; }

    public Type ReturnType { get; }

    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Every type the signature is made of (parameter, return and generic argument types, element types).</summary>
    public IEnumerable<Type> AllTypes()
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([.. ParameterTypes, ReturnType, DelegateType]);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (!seen.Add(type))
            {
                continue;
            }

            yield return type;
            if (type.HasElementType)
            {
                pending.Push(type.GetElementType()!);
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                pending.Push(argument);
            }
        }
    }

    /// <exception cref="ArgumentException">The type is not a delegate trainable code can implement.</exception>
    public static DelegateShape Of(Type delegateType)
    {
        lock (KnownGate)
        {
            if (Known.TryGetValue(delegateType, out var known))
            {
                return known;
            }
        }

        var shape = Create(delegateType);
        lock (KnownGate)
        {
            Known[delegateType] = shape;
        }

        return shape;
    }

    private static DelegateShape Create(Type delegateType)
    {
        if (!typeof(Delegate).IsAssignableFrom(delegateType) || delegateType == typeof(Delegate) || delegateType == typeof(MulticastDelegate))
        {
            throw new ArgumentException($"'{delegateType}' is not a concrete delegate type such as Func<int, int, int>.", nameof(delegateType));
        }

        if (delegateType.ContainsGenericParameters)
        {
            throw new ArgumentException($"'{delegateType}' is an open generic delegate; give all its type arguments.", nameof(delegateType));
        }

        var invoke = delegateType.GetMethod("Invoke") ?? throw new ArgumentException($"'{delegateType}' has no Invoke method.", nameof(delegateType));
        foreach (var parameter in invoke.GetParameters())
        {
            if (parameter.ParameterType.IsByRef || parameter.ParameterType.IsPointer)
            {
                throw new ArgumentException($"'{delegateType}' takes '{parameter.Name}' by reference or as a pointer; trainable code supports plain parameters only.", nameof(delegateType));
            }
        }

        if (invoke.ReturnType.IsByRef || invoke.ReturnType.IsPointer)
        {
            throw new ArgumentException($"'{delegateType}' returns by reference or a pointer; trainable code supports plain return values only.", nameof(delegateType));
        }

        var shape = new DelegateShape(delegateType, invoke);
        foreach (var type in shape.AllTypes())
        {
            if (!type.IsVisible && !type.IsGenericParameter && !type.HasElementType)
            {
                throw new ArgumentException($"'{type}' in the signature of '{delegateType}' is not public, so compiled code cannot use it.", nameof(delegateType));
            }
        }

        return shape;
    }
}
