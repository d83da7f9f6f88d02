using Microsoft.CodeAnalysis;

namespace Opto.Trace.Code;

/// <summary>Finds the compiler's symbol for a runtime type, so that a method's signature can be compared with a delegate's.</summary>
internal static class TypeSymbols
{
    public static ITypeSymbol? Resolve(Compilation compilation, Type type)
    {
        if (type == typeof(void))
        {
            return compilation.GetSpecialType(SpecialType.System_Void);
        }

        if (type.IsArray)
        {
            return Resolve(compilation, type.GetElementType()!) is { } element
                ? compilation.CreateArrayTypeSymbol(element, type.GetArrayRank())
                : null;
        }

        if (!type.IsGenericType)
        {
            return Named(compilation, type);
        }

        if (Named(compilation, type.GetGenericTypeDefinition()) is not { } definition)
        {
            return null;
        }

        var arguments = new ITypeSymbol[type.GetGenericArguments().Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (Resolve(compilation, type.GetGenericArguments()[i]) is not { } argument)
            {
                return null;
            }

            arguments[i] = argument;
        }

        return definition.Arity == arguments.Length ? definition.Construct(arguments) : null;
    }

    private static INamedTypeSymbol? Named(Compilation compilation, Type type)
    {
        if (type.FullName is not { } name)
        {
            return null;
        }

        // The same name may be visible from two references (an implementation and a facade); prefer the type's own assembly.
        var candidates = compilation.GetTypesByMetadataName(name);
        var assembly = type.Assembly.GetName().Name;
        return candidates.FirstOrDefault(c => c.ContainingAssembly.Identity.Name == assembly) ?? candidates.FirstOrDefault();
    }
}
