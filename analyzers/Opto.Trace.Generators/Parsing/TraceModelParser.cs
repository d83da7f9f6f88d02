using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Models;

namespace Opto.Trace.Generators.Parsing;

/// <summary>Turns a [TraceModel] class into a <see cref="TraceModelInfo"/>, or nothing when the analyzers report it.</summary>
internal static class TraceModelParser
{
    public static TraceModelInfo? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type
            || Checks.TraceModelProblem(type) is not null
            || Checks.FirstNonPartialType(type, cancellationToken) is not null)
        {
            return null;
        }

        var parameters = new List<ModelParameterInfo>();
        var nestedProperties = new List<string>();
        var nestedFields = new List<string>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsStatic)
            {
                continue;
            }

            if (TrainableParser.ListedPropertyName(member, cancellationToken) is { } name)
            {
                var valueType = member is IPropertySymbol p ? p.Type : ((IFieldSymbol)member).Type;
                parameters.Add(new ModelParameterInfo(name, valueType.ToQualified(), IsMethod: false));
                continue;
            }

            if (TrainableMethodParser.IsListed(member, context.SemanticModel.Compilation, cancellationToken))
            {
                parameters.Add(new ModelParameterInfo(member.Name, null, IsMethod: true));
                continue;
            }

            switch (member)
            {
                case IPropertySymbol { IsIndexer: false, GetMethod: not null } property when Checks.IsNestedModelType(property.Type, cancellationToken):
                    nestedProperties.Add(property.Name);
                    break;
                case IFieldSymbol { IsImplicitlyDeclared: false } field when Checks.IsNestedModelType(field.Type, cancellationToken):
                    nestedFields.Add(field.Name);
                    break;
            }
        }

        // Properties come first: when a field and a property reach the same model, the property's (public) name wins.
        return new TraceModelInfo(
            HierarchyInfo.From(type),
            type.Name,
            parameters.ToEquatableArray(),
            nestedProperties.Concat(nestedFields).ToEquatableArray());
    }
}
