using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Opto.Testing;

namespace Opto.Llm.Tests.Configuration;

public class LlmProviderRegistryTests
{
    [Fact]
    public void A_registered_provider_is_chosen_by_name_and_reads_its_own_settings()
    {
        LlmProviderContext? seen = null;
        LlmProviderRegistry.Register("test-local", context =>
        {
            seen = context;
            return new ScriptedChatClient { ModelId = context.Model! };
        });
        try
        {
            var environment = new Dictionary<string, string?>
            {
                ["OPTO_LLM_PROVIDER"] = "Test_Local",
                ["OPTO_LLM_MODEL"] = " /models/m.gguf ",
                ["OPTO_TEST_THREADS"] = "3",
            };
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Opto:Llm:Threads"] = "8",
                ["Opto:Llm:ContextSize"] = "2048",
            }).Build();

            Assert.True(LlmClientFactory.TryCreate(configuration, environment, out var client, out var problem), problem);

            Assert.Equal("/models/m.gguf", client.GetService<ChatClientMetadata>()?.DefaultModelId);
            Assert.NotNull(seen);
            Assert.Equal("Test_Local", seen.ProviderName);
            Assert.Equal("3", seen.Get("Threads", "OPTO_TEST_THREADS"));
            Assert.Equal("2048", seen.Get("ContextSize", "OPTO_TEST_CONTEXT"));
            Assert.Null(seen.Endpoint);
            Assert.Equal("Opto:Llm", seen.SectionPath);
        }
        finally
        {
            Assert.True(LlmProviderRegistry.Unregister("test-local"));
        }
    }

    [Fact]
    public void A_configuration_error_of_a_registered_provider_is_the_problem()
    {
        LlmProviderRegistry.Register("test-broken", _ => throw new LlmConfigurationException("set the model file"));
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Opto:Llm:Provider"] = "test-broken",
            }).Build();

            Assert.False(LlmClientFactory.TryCreate(configuration, new Dictionary<string, string?>(), out var client, out var problem));
            Assert.Null(client);
            Assert.Equal("set the model file", problem);
            Assert.Contains("test-broken", LlmProviderRegistry.Names);
        }
        finally
        {
            LlmProviderRegistry.Unregister("test-broken");
        }

        Assert.DoesNotContain("test-broken", LlmProviderRegistry.Names);
    }

    [Fact]
    public void Built_in_names_cannot_be_registered()
    {
        Assert.Throws<ArgumentException>(() => LlmProviderRegistry.Register("Ollama", _ => new ScriptedChatClient()));
    }

    [Fact]
    public void Gguf_without_the_local_model_package_says_where_it_is()
    {
        var environment = new Dictionary<string, string?> { ["OPTO_LLM_PROVIDER"] = "gguf", ["OPTO_LLM_MODEL"] = "/models/m.gguf" };

        Assert.False(LlmClientFactory.TryCreate(null, environment, out _, out var problem));

        Assert.Contains("Unknown LLM provider 'gguf'", problem);
        Assert.Contains("Opto.LLamaSharp", problem);
        Assert.Contains("LocalLlm.Register()", problem);
    }
}
