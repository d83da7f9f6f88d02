using Microsoft.Extensions.AI;
using Opto.LLamaSharp.Tests.Gguf;

namespace Opto.LLamaSharp.Tests;

[Collection(TinyModelGroup.Name)]
public class LocalModelChatClientTests(TinyModelFixture model)
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.System, "You are terse."), new(ChatRole.User, "hello world")];

    [Fact]
    public void The_written_model_loads_with_its_metadata()
    {
        var client = model.Client;

        Assert.Equal("tiny-random-llama", client.ModelId);
        Assert.Equal("llama", client.Metadata["general.architecture"]);
        Assert.Equal(8192u, client.ContextSize);
        Assert.True(client.ParameterCount > 50_000);
        Assert.False(client.UsesChatTemplate);
    }

    [Fact]
    public void GetService_returns_metadata_with_the_model_id_and_file()
    {
        var metadata = model.Client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal(LocalModelChatClient.ProviderName, metadata.ProviderName);
        Assert.Equal("tiny-random-llama", metadata.DefaultModelId);
        Assert.Equal(new Uri(model.ModelPath), metadata.ProviderUri);
        Assert.Same(model.Client, model.Client.GetService<LocalModelChatClient>());
        Assert.Null(model.Client.GetService<ChatClientMetadata>("some key"));
    }

    [Fact]
    public async Task It_generates_an_answer_with_usage_and_a_finish_reason()
    {
        var response = await model.Client.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 8 });

        Assert.Equal("tiny-random-llama", response.ModelId);
        Assert.NotNull(response.Usage);
        Assert.Equal(model.Client.CountTokens(model.Client.FormatPrompt(Hello)), response.Usage.InputTokenCount);
        Assert.InRange(response.Usage.OutputTokenCount!.Value, 0, 8);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        Assert.Equal(
            response.Usage.OutputTokenCount == 8 ? ChatFinishReason.Length : ChatFinishReason.Stop,
            response.FinishReason);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_answer()
    {
        var options = new ChatOptions { MaxOutputTokens = 12, Seed = 5, Temperature = 1.0f };

        var first = await model.Client.GetResponseAsync(Hello, options);
        var second = await model.Client.GetResponseAsync(Hello, options);

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task Streaming_yields_the_text_then_usage_and_the_finish_reason()
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in model.Client.GetStreamingResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 6, Seed = 5 }))
        {
            updates.Add(update);
        }

        var last = updates[^1];
        Assert.NotNull(last.FinishReason);
        var usage = Assert.IsType<UsageContent>(Assert.Single(last.Contents));
        Assert.InRange(usage.Details.OutputTokenCount!.Value, 0, 6);
        var streamed = updates.ToChatResponse();
        var whole = await model.Client.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 6, Seed = 5 });
        Assert.Equal(whole.Text, streamed.Text);
    }

    [Fact]
    public void The_prompt_is_a_transcript_when_the_model_has_no_chat_template()
    {
        var prompt = model.Client.FormatPrompt(Hello, new ChatOptions { Instructions = "Answer in JSON." });

        Assert.Equal("System: Answer in JSON.\n\nSystem: You are terse.\n\nUser: hello world\n\nAssistant:", prompt);
    }

    [Fact]
    public async Task A_cancelled_call_throws_and_leaves_the_client_usable()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.Client.GetResponseAsync(Hello, cancellationToken: cancelled.Token));

        using var midway = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in model.Client.GetStreamingResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 200 }, midway.Token))
            {
                await midway.CancelAsync();
            }
        });

        var after = await model.Client.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 2 });
        Assert.NotNull(after.Usage);
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_is_refused_with_what_to_change()
    {
        var huge = new ChatMessage(ChatRole.User, new string('x', 9000));

        var error = await Assert.ThrowsAsync<LocalModelException>(() => model.Client.GetResponseAsync([huge]));

        Assert.Contains("does not fit the context window of 8192 tokens", error.Message);
        Assert.Contains("ContextSize", error.Message);
    }

    [Fact]
    public async Task Calls_run_one_at_a_time_and_all_complete()
    {
        var options = new ChatOptions { MaxOutputTokens = 4, Seed = 1 };
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => model.Client.GetResponseAsync(Hello, options)));

        Assert.All(answers, a => Assert.Equal(answers[0].Text, a.Text));
    }
}

public class LocalModelLoadingTests
{
    [Fact]
    public async Task A_model_with_a_known_chat_template_formats_prompts_with_it()
    {
        const string chatml =
            "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}" +
            "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";
        var path = new TinyLlamaModel { ChatTemplate = chatml, Name = "tiny-chat" }.SaveToTempFile();
        try
        {
            using var client = await LocalModelChatClient.LoadAsync(new LocalModelOptions { ModelPath = path, ContextSize = 512, Seed = 3 });

            Assert.True(client.UsesChatTemplate);
            Assert.Equal("tiny-chat", client.ModelId);
            Assert.Equal(
                "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
                client.FormatPrompt([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "hi")]));
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { MaxOutputTokens = 4 });
            Assert.NotNull(response.FinishReason);

            var plain = LocalModelChatClient.Load(new LocalModelOptions { ModelPath = path, ContextSize = 512, UseChatTemplate = false, ModelId = "mine" });
            using (plain)
            {
                Assert.False(plain.UsesChatTemplate);
                Assert.Equal("mine", plain.ModelId);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Dispose_frees_the_model_and_later_calls_throw()
    {
        var path = new TinyLlamaModel().SaveToTempFile();
        try
        {
            var client = LocalModelChatClient.Load(new LocalModelOptions { ModelPath = path, ContextSize = 256 });
            client.Dispose();
            client.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));
            Assert.Throws<ObjectDisposedException>(() => client.CountTokens("hi"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_an_argument_error_that_names_it()
    {
        var error = Assert.Throws<ArgumentException>(() => LocalModelChatClient.Load(new LocalModelOptions { ModelPath = "/nonexistent/model.gguf" }));
        Assert.Contains("'/nonexistent/model.gguf' does not exist", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_model_fails_with_what_llama_cpp_said()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opto-not-a-model-{Guid.NewGuid():N}.gguf");
        File.WriteAllText(path, "this is not a model");
        try
        {
            var error = Assert.Throws<LocalModelException>(() => LocalModelChatClient.Load(new LocalModelOptions { ModelPath = path }));
            Assert.Contains("Could not load the GGUF model", error.Message);
            Assert.Contains("invalid magic", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Invalid_options_are_listed()
    {
        var problems = new LocalModelOptions { ModelPath = "", MaxOutputTokens = 0, Threads = 0, Temperature = -1 }.Validate();
        Assert.Equal(4, problems.Count);
    }
}

public class LocalModelDisposalTests
{
    [Fact]
    public async Task Dispose_during_a_call_returns_at_once_and_frees_the_weights_when_the_call_ends()
    {
        var path = new TinyLlamaModel().SaveToTempFile();
        try
        {
            var client = LocalModelChatClient.Load(new LocalModelOptions { ModelPath = path, ContextSize = 512, Seed = 1 });
            var weights = Assert.IsType<LLama.LLamaWeights>(client.GetService(typeof(LLama.LLamaWeights)));
            var stream = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { MaxOutputTokens = 400 })
                .GetAsyncEnumerator();
            Assert.True(await stream.MoveNextAsync());

            client.Dispose();
            Assert.False(weights.NativeHandle.IsClosed);

            var error = await Record.ExceptionAsync(async () =>
            {
                while (await stream.MoveNextAsync())
                {
                }
            });
            await stream.DisposeAsync();

            // Random weights could end the answer on their own before the dispose; otherwise the call is cut short.
            Assert.True(error is null or OperationCanceledException or ObjectDisposedException, error?.ToString());
            Assert.True(weights.NativeHandle.IsClosed);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
