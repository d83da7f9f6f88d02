using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Opto.LLamaSharp;

/// <summary>
/// How to load and run an in-process GGUF model (see <see cref="LocalModelChatClient"/>). Only
/// <see cref="ModelPath"/> is required; the rest have defaults that suit an optimizer's LLM on a CPU.
/// </summary>
public sealed record LocalModelOptions
{
    /// <summary>The default <see cref="ContextSize"/>: room for an OptoPrime prompt of a small graph and its answer.</summary>
    public const uint DefaultContextSize = 4096;

    /// <summary>The default <see cref="MaxOutputTokens"/>.</summary>
    public const int DefaultMaxOutputTokens = 512;

    /// <summary>The path of the <c>.gguf</c> file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>
    /// The context window in tokens: the prompt and the answer must fit in it. Memory for the key/value cache grows
    /// with it. Default <see cref="DefaultContextSize"/>; 0 uses the size the model was trained with.
    /// </summary>
    public uint ContextSize { get; init; } = DefaultContextSize;

    /// <summary>The most tokens an answer may have when the request does not say (<c>ChatOptions.MaxOutputTokens</c>).</summary>
    public int MaxOutputTokens { get; init; } = DefaultMaxOutputTokens;

    /// <summary>
    /// The sampling seed when the request does not give one (<c>ChatOptions.Seed</c>). With a seed, the same prompt
    /// and settings give the same answer on the same machine and build. Null: a new random seed for every call.
    /// </summary>
    public uint? Seed { get; init; }

    /// <summary>The sampling temperature when the request does not give one; null keeps LLamaSharp's default (0.75).</summary>
    public float? Temperature { get; init; }

    /// <summary>CPU threads for generation and prompt processing; null lets llama.cpp choose.</summary>
    public int? Threads { get; init; }

    /// <summary>Layers to offload to a GPU. 0 (the default) runs on the CPU; the CPU backend package has no GPU support anyway.</summary>
    public int GpuLayerCount { get; init; }

    /// <summary>The model id reported in answers and metadata; by default the model's <c>general.name</c>, else the file name.</summary>
    public string? ModelId { get; init; }

    /// <summary>
    /// Whether to format the conversation with the chat template stored in the model file (<c>tokenizer.chat_template</c>),
    /// as instruction-tuned models expect. On by default. Without a template, or when llama.cpp does not recognise
    /// it, the conversation is written as a plain <c>System:</c> / <c>User:</c> / <c>Assistant:</c> transcript.
    /// </summary>
    public bool UseChatTemplate { get; init; } = true;

    /// <summary>
    /// Receives llama.cpp's own log lines (loading, warnings, errors). llama.cpp logs process-wide, so the logger of
    /// the latest model loaded with one wins. Null: the lines are dropped, except that warnings and errors from a
    /// failed load are quoted in the exception.
    /// </summary>
    public ILogger? NativeLogger { get; init; }

    /// <summary>Lists what is wrong with these options, each item saying how to fix it; empty when they are usable.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            problems.Add("The model path is empty: give the path of a .gguf file.");
        }
        else if (!File.Exists(ModelPath))
        {
            problems.Add($"The model file '{ModelPath}' does not exist.");
        }

        if (MaxOutputTokens < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"MaxOutputTokens must be at least 1 (got {MaxOutputTokens})."));
        }

        if (Threads is < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Threads must be at least 1 when set (got {Threads})."));
        }

        if (GpuLayerCount < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"GpuLayerCount cannot be negative (got {GpuLayerCount})."));
        }

        if (Temperature is < 0 or float.NaN)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Temperature cannot be negative (got {Temperature})."));
        }

        return problems;
    }
}
