using System.Text;
using Microsoft.Extensions.Configuration;

namespace Opto.Llm.Tests.Configuration;

public class LlmOptionsLoaderTests
{
    private static Dictionary<string, string?> Env(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => (string?)v.Value);

    [Fact]
    public void Nothing_configured_gives_null()
    {
        Assert.Null(LlmOptionsLoader.Load(configuration: null, environment: Env()));
    }

    [Fact]
    public void Opto_variables_configure_a_compatible_server()
    {
        var options = LlmOptionsLoader.Load(environment: Env(
            ("OPTO_LLM_PROVIDER", "compatible"),
            ("OPTO_LLM_MODEL", "qwen2.5"),
            ("OPTO_LLM_ENDPOINT", "http://gpu-box:8000/v1"),
            ("OPTO_LLM_API_KEY", "local-key")));

        Assert.NotNull(options);
        Assert.Equal(LlmProvider.OpenAICompatible, options.Provider);
        Assert.Equal("qwen2.5", options.Model);
        Assert.Equal(new Uri("http://gpu-box:8000/v1"), options.Endpoint);
        Assert.Equal("local-key", options.ApiKey);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("ollama", "http://localhost:11434/v1/")]
    [InlineData("Ollama", "http://localhost:11434/v1/")]
    [InlineData("vllm", "http://localhost:8000/v1/")]
    [InlineData("LM-Studio", "http://localhost:1234/v1/")]
    [InlineData("llama.cpp", "http://localhost:8080/v1/")]
    public void Server_names_bring_their_usual_local_url(string name, string expectedEndpoint)
    {
        var options = LlmOptionsLoader.Load(environment: Env(("OPTO_LLM_PROVIDER", name), ("OPTO_LLM_MODEL", "llama3.2")));

        Assert.NotNull(options);
        Assert.Equal(LlmProvider.OpenAICompatible, options.Provider);
        Assert.Equal(new Uri(expectedEndpoint), options.Endpoint);
        Assert.Null(options.ApiKey);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void OPENAI_API_KEY_alone_selects_OpenAI_with_the_default_model()
    {
        var options = LlmOptionsLoader.Load(environment: Env(("OPENAI_API_KEY", "sk-test")));

        Assert.NotNull(options);
        Assert.Equal(LlmProvider.OpenAI, options.Provider);
        Assert.Equal("sk-test", options.ApiKey);
        Assert.Equal(LlmOptions.DefaultOpenAIModel, options.EffectiveModel);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Conventional_Azure_variables_select_Azure()
    {
        var options = LlmOptionsLoader.Load(environment: Env(
            ("AZURE_OPENAI_ENDPOINT", "https://contoso.openai.azure.com/"),
            ("AZURE_OPENAI_API_KEY", "azure-key"),
            ("AZURE_OPENAI_DEPLOYMENT", "gpt4o-deployment"),
            ("OPENAI_API_KEY", "sk-should-not-be-used")));

        Assert.NotNull(options);
        Assert.Equal(LlmProvider.AzureOpenAI, options.Provider);
        Assert.Equal("azure-key", options.ApiKey);
        Assert.Equal("gpt4o-deployment", options.Model);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void An_Azure_host_in_the_endpoint_infers_Azure()
    {
        var options = LlmOptionsLoader.Load(environment: Env(
            ("OPTO_LLM_ENDPOINT", "https://contoso.openai.azure.com"), ("OPTO_LLM_MODEL", "dep"), ("OPTO_LLM_API_KEY", "k")));

        Assert.Equal(LlmProvider.AzureOpenAI, options!.Provider);
    }

    [Fact]
    public void The_OpenAI_key_is_never_sent_to_a_compatible_server()
    {
        var options = LlmOptionsLoader.Load(environment: Env(
            ("OPTO_LLM_PROVIDER", "ollama"), ("OPTO_LLM_MODEL", "llama3.2"), ("OPENAI_API_KEY", "sk-secret")));

        Assert.Null(options!.ApiKey);
    }

    [Fact]
    public void Appsettings_json_section_is_read()
    {
        const string json = """
            { "Opto": { "Llm": { "Provider": "ollama", "Model": "llama3.2", "Endpoint": "http://ollama.internal:11434/v1" } } }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        var options = LlmOptionsLoader.Load(configuration, Env());

        Assert.NotNull(options);
        Assert.Equal(LlmProvider.OpenAICompatible, options.Provider);
        Assert.Equal("llama3.2", options.Model);
        Assert.Equal(new Uri("http://ollama.internal:11434/v1"), options.Endpoint);
    }

    [Fact]
    public void A_custom_section_name_can_be_used()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Optimizer:Provider"] = "openai",
            ["Llm:Optimizer:Model"] = "gpt-4o",
            ["Llm:Optimizer:ApiKey"] = "sk-config",
        }).Build();

        var options = LlmOptionsLoader.Load(configuration, Env(), section: "Llm:Optimizer");

        Assert.Equal("gpt-4o", options!.Model);
        Assert.Equal("sk-config", options.ApiKey);
    }

    [Fact]
    public void Opto_variables_win_over_the_section_and_conventional_variables_fill_the_gaps()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Opto:Llm:Provider"] = "openai",
            ["Opto:Llm:Model"] = "gpt-4o-mini",
        }).Build();

        var options = LlmOptionsLoader.Load(configuration, Env(("OPTO_LLM_MODEL", "gpt-4o"), ("OPENAI_API_KEY", "sk-env")));

        Assert.Equal(LlmProvider.OpenAI, options!.Provider);
        Assert.Equal("gpt-4o", options.Model);
        Assert.Equal("sk-env", options.ApiKey);
    }

    [Fact]
    public void An_unknown_provider_is_reported_with_the_accepted_names()
    {
        var error = Assert.Throws<LlmConfigurationException>(() => LlmOptionsLoader.Load(environment: Env(("OPTO_LLM_PROVIDER", "anthropic"))));

        Assert.Contains("anthropic", error.Message);
        Assert.Contains(LlmProviderNames.Accepted, error.Message);
    }

    [Fact]
    public void A_malformed_endpoint_is_reported()
    {
        var error = Assert.Throws<LlmConfigurationException>(() => LlmOptionsLoader.Load(environment: Env(("OPTO_LLM_ENDPOINT", "localhost:11434"))));

        Assert.Contains("localhost:11434", error.Message);
    }
}
