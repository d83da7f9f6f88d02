using Opto.LLamaSharp.Tests.Gguf;

namespace Opto.LLamaSharp.Tests;

/// <summary>One tiny random model, written and loaded once for the tests that share it.</summary>
public sealed class TinyModelFixture : IDisposable
{
    public TinyModelFixture()
    {
        ModelPath = new TinyLlamaModel().SaveToTempFile();
        Client = LocalModelChatClient.Load(Options);
    }

    public string ModelPath { get; }

    /// <summary>A context large enough for an OptoPrime prompt and its re-ask, as byte-level tokens.</summary>
    public LocalModelOptions Options => new()
    {
        ModelPath = ModelPath,
        ContextSize = 8192,
        MaxOutputTokens = 24,
        Seed = 42,
        Threads = 2,
    };

    public LocalModelChatClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        File.Delete(ModelPath);
    }
}

[CollectionDefinition(Name)]
public sealed class TinyModelGroup : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "tiny model";
}
