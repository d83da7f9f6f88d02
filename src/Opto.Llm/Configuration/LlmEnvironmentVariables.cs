namespace Opto.Llm;

/// <summary>The environment variables that <see cref="LlmOptionsLoader"/> reads.</summary>
public static class LlmEnvironmentVariables
{
    /// <summary>The provider: <c>openai</c>, <c>azure</c>, <c>compatible</c>, or a server name (<c>ollama</c>, <c>vllm</c>, <c>lmstudio</c>, <c>llamacpp</c>).</summary>
    public const string Provider = "OPTO_LLM_PROVIDER";

    /// <summary>The model name (for Azure OpenAI: the deployment name).</summary>
    public const string Model = "OPTO_LLM_MODEL";

    /// <summary>The base URL of the service.</summary>
    public const string Endpoint = "OPTO_LLM_ENDPOINT";

    /// <summary>The API key.</summary>
    public const string ApiKey = "OPTO_LLM_API_KEY";

    /// <summary>The conventional OpenAI key; used only for the OpenAI provider, never sent to another server.</summary>
    public const string OpenAIApiKey = "OPENAI_API_KEY";

    /// <summary>The conventional OpenAI base URL (used by OpenAI's own SDKs), for the OpenAI provider.</summary>
    public const string OpenAIBaseUrl = "OPENAI_BASE_URL";

    /// <summary>The conventional Azure OpenAI resource URL.</summary>
    public const string AzureOpenAIEndpoint = "AZURE_OPENAI_ENDPOINT";

    /// <summary>The conventional Azure OpenAI key.</summary>
    public const string AzureOpenAIApiKey = "AZURE_OPENAI_API_KEY";

    /// <summary>The Azure OpenAI deployment name, used as the model when no model is set.</summary>
    public const string AzureOpenAIDeployment = "AZURE_OPENAI_DEPLOYMENT";
}
