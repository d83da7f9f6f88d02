using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Opto.Testing;

/// <summary>Converts between Microsoft.Extensions.AI chat types and the cassette records, and computes request keys.</summary>
internal static class CassetteConversions
{
    /// <summary>The canonical form of a request.</summary>
    public static CassetteRequest ToCassette(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var format = options?.ResponseFormat;
        var json = format as ChatResponseFormatJson;
        return new CassetteRequest
        {
            Model = options?.ModelId,
            Temperature = options?.Temperature,
            TopP = options?.TopP,
            TopK = options?.TopK,
            MaxOutputTokens = options?.MaxOutputTokens,
            Seed = options?.Seed,
            FrequencyPenalty = options?.FrequencyPenalty,
            PresencePenalty = options?.PresencePenalty,
            StopSequences = options?.StopSequences is { Count: > 0 } stops ? [.. stops] : null,
            ResponseFormat = format switch
            {
                null => null,
                ChatResponseFormatText => "text",
                ChatResponseFormatJson { Schema: null } => "json",
                ChatResponseFormatJson => "json_schema",
                _ => format.GetType().Name,
            },
            SchemaName = json?.SchemaName,
            Schema = json?.Schema,
            Instructions = Normalize(options?.Instructions),
            Tools = options?.Tools is { Count: > 0 } tools ? [.. tools.Select(tool => tool.Name)] : null,
            ToolMode = options?.ToolMode switch
            {
                null => null,
                NoneChatToolMode => "none",
                AutoChatToolMode => "auto",
                RequiredChatToolMode { RequiredFunctionName: { } name } => "required:" + name,
                RequiredChatToolMode => "required",
                var mode => mode.GetType().Name,
            },
            Extra = options?.AdditionalProperties is { Count: > 0 } extra
                ? new SortedDictionary<string, string>(extra.ToDictionary(pair => pair.Key, pair => ToText(pair.Value) ?? "null"), StringComparer.Ordinal)
                : null,
            Messages = [.. messages.Select(ToCassette)],
        };
    }

    /// <summary>The cassette form of a message.</summary>
    public static CassetteMessage ToCassette(ChatMessage message)
    {
        var calls = new List<CassetteFunctionCall>();
        var results = new List<CassetteFunctionResult>();
        var attachments = new List<string>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent or TextReasoningContent or UsageContent:
                    break;
                case FunctionCallContent call:
                    calls.Add(new CassetteFunctionCall
                    {
                        CallId = call.CallId,
                        Name = call.Name,
                        Arguments = call.Arguments is null ? null : JsonSerializer.SerializeToElement(call.Arguments, AIJsonUtilities.DefaultOptions),
                    });
                    break;
                case FunctionResultContent result:
                    results.Add(new CassetteFunctionResult { CallId = result.CallId, Result = Normalize(ToText(result.Result)) });
                    break;
                case DataContent data:
                    attachments.Add($"{data.MediaType} sha256:{Convert.ToHexStringLower(SHA256.HashData(data.Data.Span))}");
                    break;
                case UriContent uri:
                    attachments.Add($"{uri.MediaType} {uri.Uri}");
                    break;
                default:
                    attachments.Add(content.GetType().Name);
                    break;
            }
        }

        var text = Normalize(message.Text);
        return new CassetteMessage
        {
            Role = message.Role.Value,
            Name = message.AuthorName,
            Text = string.IsNullOrEmpty(text) ? null : text,
            FunctionCalls = calls.Count > 0 ? calls : null,
            FunctionResults = results.Count > 0 ? results : null,
            Attachments = attachments.Count > 0 ? attachments : null,
        };
    }

    /// <summary>The cassette form of an answer.</summary>
    public static CassetteResponse ToCassette(ChatResponse response) => new()
    {
        Messages = [.. response.Messages.Select(ToCassette)],
        Model = response.ModelId,
        FinishReason = response.FinishReason?.Value,
        Usage = response.Usage is { } usage
            ? new CassetteUsage
            {
                InputTokens = usage.InputTokenCount,
                OutputTokens = usage.OutputTokenCount,
                TotalTokens = usage.TotalTokenCount,
                CachedInputTokens = usage.CachedInputTokenCount,
                ReasoningTokens = usage.ReasoningTokenCount,
            }
            : null,
    };

    /// <summary>Rebuilds the answer of a recorded interaction.</summary>
    public static ChatResponse ToChatResponse(CassetteResponse recorded, int interactionIndex)
    {
        var messages = recorded.Messages.Select(message =>
        {
            var contents = new List<AIContent>();
            if (message.Text is not null)
            {
                contents.Add(new TextContent(message.Text));
            }

            foreach (var call in message.FunctionCalls ?? [])
            {
                var arguments = call.Arguments is { ValueKind: JsonValueKind.Object } element
                    ? element.Deserialize<Dictionary<string, object?>>(AIJsonUtilities.DefaultOptions)
                    : null;
                contents.Add(new FunctionCallContent(call.CallId, call.Name, arguments));
            }

            return new ChatMessage(new ChatRole(message.Role), contents) { AuthorName = message.Name };
        }).ToList();

        return new ChatResponse(messages)
        {
            ModelId = recorded.Model,
            ResponseId = string.Create(CultureInfo.InvariantCulture, $"cassette-{interactionIndex + 1}"),
            FinishReason = recorded.FinishReason is { } reason ? new ChatFinishReason(reason) : null,
            Usage = recorded.Usage is { } usage
                ? new UsageDetails
                {
                    InputTokenCount = usage.InputTokens,
                    OutputTokenCount = usage.OutputTokens,
                    TotalTokenCount = usage.TotalTokens,
                    CachedInputTokenCount = usage.CachedInputTokens,
                    ReasoningTokenCount = usage.ReasoningTokens,
                }
                : null,
        };
    }

    /// <summary>The request key: SHA-256 of the compact canonical JSON, in lower-case hex.</summary>
    public static string KeyOf(CassetteRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, CassetteJson.Compact)));

    /// <summary>A line-per-fact rendering of a request, used for mismatch diffs.</summary>
    public static IReadOnlyList<string> Render(CassetteRequest request)
    {
        var lines = new List<string>();
        void Option(string name, object? value)
        {
            if (value is not null)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}"));
            }
        }

        Option("model", request.Model);
        Option("temperature", request.Temperature);
        Option("top_p", request.TopP);
        Option("top_k", request.TopK);
        Option("max_output_tokens", request.MaxOutputTokens);
        Option("seed", request.Seed);
        Option("frequency_penalty", request.FrequencyPenalty);
        Option("presence_penalty", request.PresencePenalty);
        Option("stop", request.StopSequences is null ? null : string.Join(" | ", request.StopSequences));
        Option("response_format", request.SchemaName is null ? request.ResponseFormat : $"{request.ResponseFormat} ({request.SchemaName})");
        Option("schema", request.Schema is { } schema ? JsonSerializer.Serialize(schema, CassetteJson.Compact) : null);
        Option("tools", request.Tools is null ? null : string.Join(", ", request.Tools));
        Option("tool_mode", request.ToolMode);
        foreach (var (name, value) in request.Extra ?? new Dictionary<string, string>())
        {
            Option("extra." + name, value);
        }

        if (request.Instructions is not null)
        {
            lines.Add("[instructions]");
            lines.AddRange(request.Instructions.Split('\n'));
        }

        foreach (var message in request.Messages)
        {
            lines.Add(message.Name is null ? $"[{message.Role}]" : $"[{message.Role} {message.Name}]");
            if (message.Text is not null)
            {
                lines.AddRange(message.Text.Split('\n'));
            }

            foreach (var call in message.FunctionCalls ?? [])
            {
                lines.Add($"call {call.Name}#{call.CallId} {(call.Arguments is { } args ? JsonSerializer.Serialize(args, CassetteJson.Compact) : "{}")}");
            }

            foreach (var result in message.FunctionResults ?? [])
            {
                lines.Add($"result #{result.CallId}:");
                lines.AddRange((result.Result ?? "null").Split('\n'));
            }

            foreach (var attachment in message.Attachments ?? [])
            {
                lines.Add("attachment " + attachment);
            }
        }

        return lines;
    }

    private static string? Normalize(string? text) => text?.ReplaceLineEndings("\n");

    private static string? ToText(object? value) => value switch
    {
        null => null,
        string text => text,
        JsonElement element => JsonSerializer.Serialize(element, CassetteJson.Compact),
        _ => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions),
    };
}
