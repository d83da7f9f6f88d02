namespace Opto.Cli.Tests.Infrastructure;

/// <summary>A test with its own folder holding the sample store at the default place (.opto/runs.db).</summary>
public abstract class StoreTest : IAsyncLifetime, IDisposable
{
    protected TempDirectory Folder { get; } = new();

    protected string StorePath => Runs.RunStore.DefaultPath(Folder.Path);

    internal OptoRunner Cli => new() { CurrentDirectory = Folder.Path };

    public async Task InitializeAsync() => await SampleStore.CreateAsync(StorePath);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
