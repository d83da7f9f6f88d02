using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace Opto.Llm.Tests.Configuration;

public class LlmClientFactoryTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void Nothing_configured_returns_false_with_the_how_to_message()
    {
        var created = LlmClientFactory.TryCreate(new ConfigurationBuilder().Build(), NoEnvironment, out var client, out var problem);

        Assert.False(created);
        Assert.Null(client);
        Assert.Equal(LlmClientFactory.NotConfiguredMessage, problem);
        Assert.Contains("OPTO_LLM_PROVIDER", problem);
        Assert.Contains("OPENAI_API_KEY", problem);
        Assert.Contains("AZURE_OPENAI_ENDPOINT", problem);
        Assert.Contains("appsettings.json", problem);
        Assert.Contains("\"Opto\": { \"Llm\"", problem);
    }

    [Fact]
    public void Create_throws_the_how_to_message_when_nothing_is_configured()
    {
        var error = Assert.Throws<LlmConfigurationException>(() => LlmClientFactory.Create(null, NoEnvironment));

        Assert.Equal(LlmClientFactory.NotConfiguredMessage, error.Message);
    }

    [Fact]
    public void Incomplete_configuration_says_what_is_missing()
    {
        var environment = new Dictionary<string, string?> { ["OPTO_LLM_PROVIDER"] = "azure", ["OPTO_LLM_MODEL"] = "deployment" };

        var created = LlmClientFactory.TryCreate(null, environment, out _, out var problem);

        Assert.False(created);
        Assert.Contains("AZURE_OPENAI_ENDPOINT", problem);
        Assert.Contains("AZURE_OPENAI_API_KEY", problem);
        Assert.DoesNotContain("deployment name", problem);
    }

    [Fact]
    public void A_client_is_created_from_code_and_reports_its_metadata()
    {
        using var client = LlmClientFactory.Create(new LlmOptions
        {
            Provider = LlmProvider.OpenAICompatible,
            Endpoint = new Uri("http://localhost:11434/v1"),
            Model = "llama3.2",
        });

        var metadata = client.GetService<ChatClientMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal("llama3.2", metadata.DefaultModelId);
        Assert.Equal(new Uri("http://localhost:11434/v1/"), metadata.ProviderUri);
    }

    [Fact]
    public void A_client_is_created_from_environment_variables()
    {
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test", ["OPTO_LLM_MODEL"] = "gpt-4o" };

        Assert.True(LlmClientFactory.TryCreate(null, environment, out var client, out _));
        using (client)
        {
            Assert.Equal("gpt-4o", client.GetService<ChatClientMetadata>()?.DefaultModelId);
        }
    }

    [Theory]
    [InlineData(LlmProvider.AzureOpenAI, "https://contoso.openai.azure.com", "https://contoso.openai.azure.com/openai/v1/")]
    [InlineData(LlmProvider.AzureOpenAI, "https://contoso.openai.azure.com/openai", "https://contoso.openai.azure.com/openai/v1/")]
    [InlineData(LlmProvider.AzureOpenAI, "https://contoso.openai.azure.com/openai/v1", "https://contoso.openai.azure.com/openai/v1/")]
    [InlineData(LlmProvider.OpenAICompatible, "http://localhost:11434", "http://localhost:11434/v1/")]
    [InlineData(LlmProvider.OpenAICompatible, "http://localhost:8080/api/v2", "http://localhost:8080/api/v2/")]
    [InlineData(LlmProvider.OpenAI, "https://proxy.example/v1", "https://proxy.example/v1/")]
    public void Endpoints_are_completed_where_the_protocol_lives(LlmProvider provider, string given, string expected)
    {
        var endpoint = LlmClientFactory.ResolveEndpoint(new LlmOptions { Provider = provider, Endpoint = new Uri(given) });

        Assert.Equal(new Uri(expected), endpoint);
    }

    [Fact]
    public void ToString_never_shows_the_key()
    {
        var options = new LlmOptions { Provider = LlmProvider.OpenAI, ApiKey = "sk-very-secret" };

        Assert.DoesNotContain("sk-very-secret", options.ToString());
        Assert.Contains("***", options.ToString());
    }
}
