namespace Opto.LLamaSharp.Tests.Gguf;

/// <summary>
/// A "llama" architecture model small enough to write in a test: random F32 weights, a SentencePiece-style vocabulary
/// of the three special tokens, all 256 byte tokens (so any text can be tokenized) and a handful of words. It loads
/// and generates like a real model; what it generates is noise.
/// </summary>
internal sealed record TinyLlamaModel
{
    /// <summary>Width of the hidden state.</summary>
    public int EmbeddingSize { get; init; } = 64;

    /// <summary>Attention heads (and key/value heads: no grouped-query attention).</summary>
    public int HeadCount { get; init; } = 4;

    /// <summary>Width of the feed-forward layer.</summary>
    public int FeedForwardSize { get; init; } = 128;

    /// <summary>Transformer blocks.</summary>
    public int BlockCount { get; init; } = 1;

    /// <summary>The training context written in the metadata (RoPE needs no table, so a large value costs nothing).</summary>
    public int ContextLength { get; init; } = 8192;

    /// <summary>Seeds the random weights.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>A Jinja chat template to store as <c>tokenizer.chat_template</c>, or null for none.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>The model name stored as <c>general.name</c>.</summary>
    public string Name { get; init; } = "tiny-random-llama";

    private static readonly string[] Words = ["▁the", "▁a", "▁is", "▁hello", "▁world", "▁prompt", "▁value", "▁", "e", "t", "a", "o"];

    /// <summary>Token ids of the special tokens.</summary>
    public const uint UnknownId = 0, BeginId = 1, EndId = 2;

    /// <summary>How many tokens the vocabulary has.</summary>
    public static int VocabularySize => 3 + 256 + Words.Length;

    /// <summary>Writes the model to a file.</summary>
    /// <param name="path">Where to write it.</param>
    public void Save(string path) => Build().Save(path);

    /// <summary>Writes the model to a new file in the temporary folder and returns its path.</summary>
    public string SaveToTempFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opto-tiny-llama-{Guid.NewGuid():N}.gguf");
        Save(path);
        return path;
    }

    private GgufWriter Build()
    {
        // Vocabulary: <unk> (type 2 = unknown), <s> and </s> (type 3 = control), <0x00>..<0xFF> (type 6 = byte),
        // then ordinary pieces (type 1 = normal); "▁" marks a leading space as in SentencePiece.
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<int> { 2, 3, 3 };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(6);
        }

        tokens.AddRange(Words);
        types.AddRange(Words.Select(_ => 1));
        var scores = tokens.Select((_, i) => -(float)i).ToArray();

        var headSize = EmbeddingSize / HeadCount;
        var writer = new GgufWriter()
            .Add("general.architecture", "llama")
            .Add("general.name", Name)
            .Add("llama.context_length", (uint)ContextLength)
            .Add("llama.embedding_length", (uint)EmbeddingSize)
            .Add("llama.block_count", (uint)BlockCount)
            .Add("llama.feed_forward_length", (uint)FeedForwardSize)
            .Add("llama.attention.head_count", (uint)HeadCount)
            .Add("llama.attention.head_count_kv", (uint)HeadCount)
            .Add("llama.rope.dimension_count", (uint)headSize)
            .Add("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .Add("tokenizer.ggml.model", "llama")
            .Add("tokenizer.ggml.tokens", tokens)
            .Add("tokenizer.ggml.scores", scores)
            .Add("tokenizer.ggml.token_type", types)
            .Add("tokenizer.ggml.unknown_token_id", UnknownId)
            .Add("tokenizer.ggml.bos_token_id", BeginId)
            .Add("tokenizer.ggml.eos_token_id", EndId);
        if (ChatTemplate is not null)
        {
            writer.Add("tokenizer.chat_template", ChatTemplate);
        }

        var random = new Random(Seed);
        float[] Noise(long count)
        {
            var data = new float[count];
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (float)((random.NextDouble() * 2) - 1) * 0.5f;
            }

            return data;
        }

        static float[] Ones(long count) => Enumerable.Repeat(1f, (int)count).ToArray();

        long e = EmbeddingSize, v = tokens.Count, f = FeedForwardSize;
        writer.AddTensor("token_embd.weight", [e, v], Noise(e * v));
        writer.AddTensor("output_norm.weight", [e], Ones(e));
        writer.AddTensor("output.weight", [e, v], Noise(e * v));
        for (var block = 0; block < BlockCount; block++)
        {
            var prefix = $"blk.{block}.";
            writer.AddTensor(prefix + "attn_norm.weight", [e], Ones(e));
            writer.AddTensor(prefix + "attn_q.weight", [e, e], Noise(e * e));
            writer.AddTensor(prefix + "attn_k.weight", [e, e], Noise(e * e));
            writer.AddTensor(prefix + "attn_v.weight", [e, e], Noise(e * e));
            writer.AddTensor(prefix + "attn_output.weight", [e, e], Noise(e * e));
            writer.AddTensor(prefix + "ffn_norm.weight", [e], Ones(e));
            writer.AddTensor(prefix + "ffn_gate.weight", [e, f], Noise(e * f));
            writer.AddTensor(prefix + "ffn_down.weight", [f, e], Noise(f * e));
            writer.AddTensor(prefix + "ffn_up.weight", [e, f], Noise(e * f));
        }

        return writer;
    }
}
