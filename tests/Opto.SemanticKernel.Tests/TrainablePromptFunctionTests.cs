using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Opto.Optimizers;
using Opto.Testing;
using Opto.Trace;

namespace Opto.SemanticKernel.Tests;

public class TrainablePromptFunctionTests
{
    private static TrainablePromptFunction Answerer() => new(
        "Answer",
        "Answer the question: {{$question}}",
        new TrainablePromptFunctionOptions { Description = "Answers a customer's question.", Temperature = 0.7, MaxTokens = 200 });

    private static Kernel KernelWith(IChatClient client) => Kernel.CreateBuilder().AddOptoChatClient(client).Build();

    [Fact]
    public void The_template_and_chosen_settings_are_parameters()
    {
        var function = Answerer();

        Assert.Equal(["Answer.template", "Answer.temperature", "Answer.max_tokens"], function.Parameters.Select(p => p.Name));
        Assert.False(function.Template.IsCode);
        Assert.True(function.Template.Trainable);
        Assert.Contains("{{$name}}", function.Template.Description, StringComparison.Ordinal);
        Assert.Equal(0, function.Temperature!.Constraints.Minimum);
        Assert.Equal(2, function.Temperature.Constraints.Maximum);
        Assert.Equal(200, function.MaxTokens!.Value);

        var plain = new TrainablePromptFunction("Plain", "Hi");
        Assert.Equal(["Plain.template"], plain.Parameters.Select(p => p.Name));
        Assert.Null(plain.Temperature);
        Assert.Throws<ArgumentException>(() => new TrainablePromptFunction("Hot", "Hi", new TrainablePromptFunctionOptions { Temperature = 3 }));
    }

    [Fact]
    public async Task A_traced_call_runs_through_the_kernel_with_the_parameters_as_inputs()
    {
        var llm = new ScriptedChatClient("Our shop opens at 9.");
        var function = Answerer();

        using var scope = TraceScope.Begin();
        var answer = await function.InvokeAsync(KernelWith(llm), new KernelArguments { ["question"] = "When do you open?" });

        Assert.Equal("Our shop opens at 9.", answer.Value);
        var request = Assert.Single(llm.Requests);
        Assert.Equal("Answer the question: When do you open?", request.LastUserText);
        Assert.Equal(0.7f, request.Options?.Temperature);
        Assert.Equal(200, request.Options?.MaxOutputTokens);

        var message = Assert.IsType<MessageNode<string>>(answer);
        Assert.Equal("Answer", message.Operation.Name);
        var inputs = message.Inputs.Select(i => i.Node).ToList();
        Assert.Contains(function.Template, inputs);
        Assert.Contains(function.Temperature!, inputs);
        Assert.Contains(function.MaxTokens!, inputs);
        Assert.Contains(inputs, n => n.BoxedValue is "When do you open?");
    }

    [Fact]
    public async Task A_chat_completion_service_in_the_kernel_receives_the_settings()
    {
        var service = new CannedChatCompletionService("ok");
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(service);

        using var scope = TraceScope.Begin();
        var answer = await Answerer().InvokeAsync(builder.Build(), new KernelArguments { ["question"] = "Why?" });

        Assert.Equal("ok", answer.Value);
        var settings = service.Requests[0].Settings!;
        Assert.Equal(0.7, Convert.ToDouble(settings.ExtensionData!["temperature"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(200, Convert.ToInt32(settings.ExtensionData["max_tokens"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Backward_from_the_answer_reaches_the_template()
    {
        var function = Answerer();
        using (TraceScope.Begin())
        {
            var answer = await function.InvokeAsync(KernelWith(new ScriptedChatClient("We open at nine.")), new KernelArguments { ["question"] = "When?" });
            answer.Backward("Too curt: greet the customer first.");
        }

        var feedback = Assert.Single(function.Template.Feedback);
        Assert.Contains("greet the customer", feedback.ToString(), StringComparison.Ordinal);
        Assert.Single(function.Temperature!.Feedback);
        Assert.Single(function.MaxTokens!.Feedback);
    }

    [Fact]
    public async Task An_OptoPrime_step_rewrites_the_template_and_the_next_call_uses_it()
    {
        var taskLlm = new ScriptedChatClient("We open at nine.", "Hello! We open at nine.");
        var kernel = KernelWith(taskLlm);
        var function = Answerer();
        var question = new KernelArguments { ["question"] = "When do you open?" };

        using (TraceScope.Begin())
        {
            var answer = await function.InvokeAsync(kernel, question);
            answer.Backward("Too curt: greet the customer before answering.");
        }

        var optimizerLlm = new ScriptedChatClient(
            """
            {"reasoning": "The template asks for a bare answer; ask for a greeting first and lower the temperature.",
             "suggestion": {"Answer.template": "Greet the customer warmly, then answer: {{$question}}", "Answer.temperature": 0.3}}
            """);
        var optimizer = new OptoPrime(function.Parameters, optimizerLlm);
        var step = await optimizer.StepAsync();

        Assert.True(step.Changed, step.NoOpReason);
        Assert.Equal("Greet the customer warmly, then answer: {{$question}}", function.Template.Value);
        Assert.Equal(0.3, function.Temperature!.Value);
        var prompt = optimizerLlm.Requests[0].LastUserText;
        Assert.Contains("Answer the question: {{$question}}", prompt, StringComparison.Ordinal);
        Assert.Contains("Too curt", prompt, StringComparison.Ordinal);
        Assert.Contains("Answers a customer's question.", prompt, StringComparison.Ordinal);

        using (TraceScope.Begin())
        {
            var second = await function.InvokeAsync(kernel, question);
            Assert.Equal("Hello! We open at nine.", second.Value);
        }

        Assert.Equal("Greet the customer warmly, then answer: When do you open?", taskLlm.Requests[1].LastUserText);
        Assert.Equal(0.3f, taskLlm.Requests[1].Options?.Temperature);
    }

    [Fact]
    public async Task A_temperature_out_of_range_is_rejected_and_recorded()
    {
        var function = Answerer();
        using (TraceScope.Begin())
        {
            var answer = await function.InvokeAsync(KernelWith(new ScriptedChatClient("x")), new KernelArguments { ["question"] = "q" });
            answer.Backward("Be more creative.");
        }

        var optimizer = new OptoPrime(function.Parameters, new ScriptedChatClient(
            """{"reasoning": "r", "suggestion": {"Answer.temperature": 3.5}}""",
            """{"reasoning": "r", "suggestion": {"Answer.temperature": 1.2}}"""));
        var step = await optimizer.StepAsync();

        Assert.Equal(1.2, function.Temperature!.Value);
        Assert.Contains(step.Rejections, r => r.Name == "Answer.temperature");
    }

    [Fact]
    public async Task A_failing_service_is_a_traced_error_whose_feedback_reaches_the_template()
    {
        var function = Answerer();
        var llm = new ScriptedChatClient(ScriptedStep.Throw(new InvalidOperationException("model overloaded")));

        using var scope = TraceScope.Begin();
        var error = await Assert.ThrowsAsync<TraceExecutionException>(
            () => function.InvokeAsync(KernelWith(llm), new KernelArguments { ["question"] = "q" }));
        error.Node.Backward("The call failed.");

        Assert.Single(function.Template.Feedback);
    }

    [Fact]
    public async Task Outside_a_trace_scope_the_traced_call_says_how_to_open_one_and_RunAsync_works()
    {
        var function = Answerer();
        var kernel = KernelWith(new ScriptedChatClient("plain answer"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => function.InvokeAsync(kernel, new KernelArguments { ["question"] = "q" }));
        Assert.Contains("TraceScope.Begin()", error.Message, StringComparison.Ordinal);

        Assert.Equal("plain answer", await function.RunAsync(kernel, new KernelArguments { ["question"] = "q" }));
    }

    [Fact]
    public async Task Arguments_can_be_nodes_from_earlier_steps()
    {
        var llm = new ScriptedChatClient("summary");
        var function = new TrainablePromptFunction("Summarize", "Summarize: {{$text}}");

        using var scope = TraceScope.Begin();
        var text = Node.Input("A long article.", "article");
        var summary = await function.InvokeAsync(KernelWith(llm), [KeyValuePair.Create("text", (Node)text)]);

        Assert.Equal("Summarize: A long article.", llm.Requests[0].LastUserText);
        var message = Assert.IsType<MessageNode<string>>(summary);
        Assert.Contains(message.Inputs, i => i.Name == "text" && ReferenceEquals(i.Node, text));
    }

    [Fact]
    public void ToKernelFunction_captures_the_current_values()
    {
        var function = Answerer();
        var kernelFunction = function.ToKernelFunction();

        Assert.Equal("Answer", kernelFunction.Name);
        var settings = Assert.Single(kernelFunction.ExecutionSettings!).Value;
        Assert.Equal(0.7, settings.ExtensionData!["temperature"]);
        Assert.Same(kernelFunction, function.ToKernelFunction());

        function.Template.Value = "Changed: {{$question}}";
        Assert.NotSame(kernelFunction, function.ToKernelFunction());
    }
}
