namespace Opto.Trace.Generators;

/// <summary>Names of the pipeline steps, so that tests can check that each is cached when nothing relevant changed.</summary>
internal static class TrackingNames
{
    public const string BundleMethods = nameof(BundleMethods);
    public const string BundleTypes = nameof(BundleTypes);
    public const string TrainableMembers = nameof(TrainableMembers);
    public const string TrainableMethods = nameof(TrainableMethods);
    public const string TraceModels = nameof(TraceModels);
}
