using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Opto.Llm;

namespace Opto.LLamaSharp.Tests;

[Collection(TinyModelGroup.Name)]
public class LocalLlmProviderTests(TinyModelFixture model)
{
    [Fact]
    public void OPTO_LLM_PROVIDER_gguf_loads_the_model_file_named_by_OPTO_LLM_MODEL()
    {
        var environment = new Dictionary<string, string?>
        {
            ["OPTO_LLM_PROVIDER"] = "gguf",
            ["OPTO_LLM_MODEL"] = model.ModelPath,
            ["OPTO_LLM_CONTEXT_SIZE"] = "1024",
            ["OPTO_LLM_MAX_TOKENS"] = "16",
            ["OPTO_LLM_SEED"] = "9",
        };

        Assert.True(LocalLlm.TryCreate(null, environment, out var client, out var problem), problem);
        using (client)
        {
            var local = Assert.IsType<LocalModelChatClient>(client);
            Assert.Equal(1024u, local.ContextSize);
            Assert.Equal(16, local.Options.MaxOutputTokens);
            Assert.Equal(9u, local.Options.Seed);
            Assert.Equal("tiny-random-llama", client.GetService<ChatClientMetadata>()?.DefaultModelId);
        }
    }

    [Fact]
    public void The_configuration_section_works_too_and_after_Register_so_does_LlmClientFactory()
    {
        LocalLlm.Register();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Opto:Llm:Provider"] = "LLamaSharp",
            ["Opto:Llm:Model"] = model.ModelPath,
            ["Opto:Llm:ContextSize"] = "512",
        }).Build();

        using var client = LlmClientFactory.Create(configuration, new Dictionary<string, string?>());

        Assert.Equal(512u, Assert.IsType<LocalModelChatClient>(client).ContextSize);
    }

    [Fact]
    public void Other_providers_still_go_through_the_factory()
    {
        var environment = new Dictionary<string, string?> { ["OPTO_LLM_PROVIDER"] = "ollama", ["OPTO_LLM_MODEL"] = "llama3.2" };

        Assert.True(LocalLlm.TryCreate(null, environment, out var client, out _));
        using (client)
        {
            Assert.IsNotType<LocalModelChatClient>(client);
        }

        Assert.False(LocalLlm.TryCreate(null, new Dictionary<string, string?>(), out _, out var problem));
        Assert.Equal(LlmClientFactory.NotConfiguredMessage, problem);
    }

    [Theory]
    [InlineData(null, "needs the model file: set OPTO_LLM_MODEL")]
    [InlineData("/nonexistent/model.gguf", "'/nonexistent/model.gguf' does not exist")]
    public void A_missing_model_is_a_problem_that_says_what_to_set(string? path, string expected)
    {
        var environment = new Dictionary<string, string?> { ["OPTO_LLM_PROVIDER"] = "gguf", ["OPTO_LLM_MODEL"] = path };

        Assert.False(LocalLlm.TryCreate(null, environment, out var client, out var problem));
        Assert.Null(client);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void A_setting_that_is_not_a_number_is_a_problem()
    {
        var environment = new Dictionary<string, string?>
        {
            ["OPTO_LLM_PROVIDER"] = "gguf",
            ["OPTO_LLM_MODEL"] = model.ModelPath,
            ["OPTO_LLM_CONTEXT_SIZE"] = "big",
        };

        Assert.False(LocalLlm.TryCreate(null, environment, out _, out var problem));
        Assert.Contains("OPTO_LLM_CONTEXT_SIZE", problem);
        Assert.Contains("'big'", problem);
    }
}
