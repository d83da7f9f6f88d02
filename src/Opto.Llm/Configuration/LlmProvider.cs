namespace Opto.Llm;

/// <summary>The kinds of LLM service that <see cref="LlmClientFactory"/> can connect to.</summary>
public enum LlmProvider
{
    /// <summary>The OpenAI API (api.openai.com), or a proxy of it when an endpoint is given.</summary>
    OpenAI,

    /// <summary>Azure OpenAI, reached through its OpenAI-compatible <c>/openai/v1/</c> endpoint with an <c>api-key</c> header.</summary>
    AzureOpenAI,

    /// <summary>
    /// Any server that speaks the OpenAI chat-completions protocol: Ollama, vLLM, LM Studio, llama.cpp server and others.
    /// It needs an endpoint and a model; the API key is optional.
    /// </summary>
    OpenAICompatible,
}
