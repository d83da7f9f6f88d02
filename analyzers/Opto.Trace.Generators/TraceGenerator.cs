using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Opto.Trace.Generators.Emission;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Parsing;

namespace Opto.Trace.Generators;

/// <summary>
/// Generates the traced overloads of [Bundle] methods, the parameters behind [Trainable] members, the code
/// parameters and overloads of [Trainable] methods and the parameter listing of [TraceModel] classes. Only the pipeline is here; parsing turns each target into an equatable model
/// (no symbols or syntax survive it, so unchanged targets are skipped) and emission writes the code. Misuse is
/// reported by the analyzers, not here: the generator simply emits nothing for what it does not support.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TraceGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var bundles = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.BundleAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, token) => BundleParser.Parse(ctx, token))
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.BundleMethods);
        // One file per type rather than per method: 200 one-method files cost the compiler noticeably more than 20.
        var bundleTypes = bundles
            .Collect()
            .SelectMany(static (methods, token) => BundleParser.GroupByType(methods, token))
            .WithTrackingName(TrackingNames.BundleTypes);
        context.RegisterSourceOutput(bundleTypes, static (spc, type) =>
            spc.AddSource(BundleEmitter.HintName(type), BundleEmitter.Emit(type)));

        var trainables = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.TrainableAttribute,
                static (node, _) => node is PropertyDeclarationSyntax or VariableDeclaratorSyntax,
                static (ctx, token) => TrainableParser.Parse(ctx, token))
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.TrainableMembers);
        context.RegisterSourceOutput(trainables, static (spc, member) =>
            spc.AddSource(TrainableEmitter.HintName(member!), TrainableEmitter.Emit(member!)));

        var trainableMethods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.TrainableAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, token) => TrainableMethodParser.Parse(ctx, token))
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.TrainableMethods);
        context.RegisterSourceOutput(trainableMethods, static (spc, method) =>
            spc.AddSource(TrainableMethodEmitter.HintName(method!), TrainableMethodEmitter.Emit(method!)));

        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.TraceModelAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (ctx, token) => TraceModelParser.Parse(ctx, token))
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.TraceModels);
        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource(TraceModelEmitter.HintName(model!), TraceModelEmitter.Emit(model!)));
    }
}
