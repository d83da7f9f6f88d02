using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Opto.Testing;

namespace Opto.SemanticKernel.Tests;

public class BridgeTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "What is 2 + 2?")];

    [Fact]
    public async Task A_kernel_with_a_chat_client_serves_as_the_optimizer_llm()
    {
        var scripted = new ScriptedChatClient("4");
        var kernel = Kernel.CreateBuilder().AddOptoChatClient(scripted).Build();

        using var client = kernel.AsOptimizerChatClient();
        var answer = await client.GetResponseAsync(Question);

        Assert.Equal("4", answer.Text);
        Assert.Equal("What is 2 + 2?", scripted.Requests[0].LastUserText);
        Assert.Equal("scripted-model", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task A_kernel_with_a_chat_completion_service_serves_as_the_optimizer_llm()
    {
        var service = new CannedChatCompletionService("four");
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(service);
        var kernel = builder.Build();

        using var client = kernel.AsOptimizerChatClient();
        var answer = await client.GetResponseAsync(Question, new ChatOptions { Temperature = 0.25f });

        Assert.Equal("four", answer.Text);
        Assert.Equal("What is 2 + 2?", service.Requests[0].History[^1].Content);
        Assert.Equal("canned-model", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task A_keyed_service_is_chosen_by_its_id()
    {
        var kernel = Kernel.CreateBuilder()
            .AddOptoChatClient(new ScriptedChatClient("default"))
            .AddOptoChatClient(new ScriptedChatClient("strong"), serviceId: "optimizer")
            .Build();

        Assert.Equal("strong", (await kernel.AsOptimizerChatClient("optimizer").GetResponseAsync(Question)).Text);
        Assert.Equal("default", (await kernel.AsOptimizerChatClient().GetResponseAsync(Question)).Text);
    }

    [Fact]
    public void A_kernel_without_a_chat_service_says_how_to_add_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Kernel.CreateBuilder().Build().AsOptimizerChatClient());
        Assert.Contains("AddOptoChatClient", error.Message);
    }

    [Fact]
    public async Task A_chat_client_serves_as_a_kernel_chat_completion_service()
    {
        var service = new ScriptedChatClient("Paris").AsKernelChatCompletionService();
        var history = new ChatHistory();
        history.AddUserMessage("Capital of France?");

        var answer = await service.GetChatMessageContentAsync(history);

        Assert.Equal("Paris", answer.Content);
    }

    [Fact]
    public async Task A_chat_client_without_metadata_still_runs_prompt_functions()
    {
        // Semantic Kernel throws ArgumentNullException('metadata') for such a client unless it is given metadata.
        var kernel = Kernel.CreateBuilder().AddOptoChatClient(new BareChatClient("hi there")).Build();

        var result = await kernel.InvokePromptAsync("Say hi to {{$name}}", new KernelArguments { ["name"] = "Ada" });

        Assert.Equal("hi there", result.GetValue<string>());
    }
}
