using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Opto.Testing;

/// <summary>
/// Records chat requests and answers to a readable JSON cassette file, and replays them deterministically, so that
/// code calling an LLM (optimizers included) runs in unit tests with no network and no key.
/// </summary>
/// <remarks>
/// <para>A request is identified by the SHA-256 of its canonical form (<see cref="CassetteRequest"/>: messages,
/// model, sampling options, response format, tools, additional properties). When the same request was recorded
/// several times, replay serves the answers in recorded order; after the last one it repeats the last
/// (<see cref="AllowRepeats"/>) or treats the request as unrecorded.</para>
/// <para>Cassettes never contain credentials: only the request and answer are stored. Thread-safe; the file is
/// rewritten after each new recording, so an interrupted run still leaves a valid cassette.</para>
/// </remarks>
public sealed class CassetteChatClient : IChatClient
{
    /// <summary>
    /// The environment variable read by <see cref="FromEnvironment"/>: <c>replay</c> (the default), <c>record</c>, or
    /// <c>auto</c> (replay what is recorded, record the rest).
    /// </summary>
    public const string ModeVariable = "OPTO_CASSETTE_MODE";

    private readonly IChatClient? _inner;
    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, List<int>> _indicesByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _servedByKey = new(StringComparer.Ordinal);
    private readonly ChatClientMetadata _metadata;
    private int _replayed;
    private int _recorded;

    /// <summary>Opens a cassette.</summary>
    /// <param name="cassettePath">The cassette file. Replay mode needs it to exist; the other modes create it.</param>
    /// <param name="mode">How the cassette is used.</param>
    /// <param name="innerClient">The live client; required by <see cref="CassetteMode.Record"/> and <see cref="CassetteMode.ReplayOrRecord"/>.</param>
    /// <exception cref="ArgumentException">A recording mode was chosen without an inner client.</exception>
    /// <exception cref="FileNotFoundException">Replay mode and the cassette does not exist.</exception>
    public CassetteChatClient(string cassettePath, CassetteMode mode, IChatClient? innerClient = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cassettePath);
        if (mode != CassetteMode.Replay && innerClient is null)
        {
            throw new ArgumentException($"Cassette mode {mode} needs the live client that it records.", nameof(innerClient));
        }

        CassettePath = Path.GetFullPath(cassettePath);
        Mode = mode;
        _inner = innerClient;

        if (mode != CassetteMode.Record)
        {
            if (File.Exists(CassettePath))
            {
                Load();
            }
            else if (mode == CassetteMode.Replay)
            {
                throw new FileNotFoundException(
                    $"The cassette '{CassettePath}' does not exist. Record it first: run once with {ModeVariable}=record "
                    + "(or CassetteMode.Record) and a live client, then commit the file.",
                    CassettePath);
            }
        }

        var model = _entries.Select(entry => entry.Interaction.Response.Model).FirstOrDefault(name => name is not null);
        _metadata = new ChatClientMetadata("opto-cassette", new Uri(CassettePath), model);
    }

    /// <summary>The full path of the cassette file.</summary>
    public string CassettePath { get; }

    /// <summary>How the cassette is used.</summary>
    public CassetteMode Mode { get; }

    /// <summary>
    /// Whether a request asked more often than it was recorded gets its last recorded answer again (true, the
    /// default) or is treated as unrecorded.
    /// </summary>
    public bool AllowRepeats { get; init; } = true;

    /// <summary>How many answers were served from the cassette.</summary>
    public int ReplayedCount => Volatile.Read(ref _replayed);

    /// <summary>How many new pairs were recorded.</summary>
    public int RecordedCount => Volatile.Read(ref _recorded);

    /// <summary>A snapshot of the pairs in the cassette.</summary>
    public IReadOnlyList<CassetteInteraction> Interactions
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Select(entry => entry.Interaction)];
            }
        }
    }

    /// <summary>Replays a cassette strictly; no live client is involved.</summary>
    /// <param name="cassettePath">The cassette file, which must exist.</param>
    /// <returns>The client.</returns>
    public static CassetteChatClient Replay(string cassettePath) => new(cassettePath, CassetteMode.Replay);

    /// <summary>Records every call of a live client into a new cassette.</summary>
    /// <param name="cassettePath">The cassette file; it is overwritten.</param>
    /// <param name="innerClient">The live client.</param>
    /// <returns>The client.</returns>
    public static CassetteChatClient Record(string cassettePath, IChatClient innerClient) => new(cassettePath, CassetteMode.Record, innerClient);

    /// <summary>Replays what is recorded and records the rest.</summary>
    /// <param name="cassettePath">The cassette file; created when missing.</param>
    /// <param name="innerClient">The live client for requests not yet recorded.</param>
    /// <returns>The client.</returns>
    public static CassetteChatClient ReplayOrRecord(string cassettePath, IChatClient innerClient) =>
        new(cassettePath, CassetteMode.ReplayOrRecord, innerClient);

    /// <summary>
    /// Opens a cassette in the mode named by <see cref="ModeVariable"/> (<c>replay</c> by default). Tests replay in CI,
    /// and a developer re-records with <c>OPTO_CASSETTE_MODE=record</c> and a configured provider.
    /// </summary>
    /// <param name="cassettePath">The cassette file.</param>
    /// <param name="liveClientFactory">Creates the live client; called only when recording.</param>
    /// <param name="environment">Environment variables to read instead of the process environment, or null.</param>
    /// <returns>The client.</returns>
    public static CassetteChatClient FromEnvironment(string cassettePath, Func<IChatClient>? liveClientFactory = null, IDictionary? environment = null)
    {
        var text = (environment ?? Environment.GetEnvironmentVariables())[ModeVariable] as string;
        var mode = text?.Trim().ToUpperInvariant() switch
        {
            null or "" or "REPLAY" => CassetteMode.Replay,
            "RECORD" => CassetteMode.Record,
            "AUTO" or "REPLAYORRECORD" or "REPLAY_OR_RECORD" => CassetteMode.ReplayOrRecord,
            _ => throw new ArgumentException($"{ModeVariable} is '{text}'; use replay, record or auto.", nameof(environment)),
        };
        if (mode == CassetteMode.Replay)
        {
            return Replay(cassettePath);
        }

        var live = liveClientFactory?.Invoke()
            ?? throw new InvalidOperationException($"{ModeVariable}={text} needs a live client to record, but none was given.");
        return new CassetteChatClient(cassettePath, mode, live);
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var request = CassetteConversions.ToCassette(list, options);
        var key = CassetteConversions.KeyOf(request);
        if (TryReplay(key, out var replayed))
        {
            return replayed;
        }

        var response = await LiveClient(request, key).GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        Append(key, request, response);
        return response;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var request = CassetteConversions.ToCassette(list, options);
        var key = CassetteConversions.KeyOf(request);
        if (TryReplay(key, out var replayed))
        {
            foreach (var update in replayed.ToChatResponseUpdates())
            {
                yield return update;
            }

            yield break;
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in LiveClient(request, key).GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }

        Append(key, request, updates.ToChatResponse());
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        // Consumers such as Semantic Kernel need metadata; without a live client the cassette provides its own.
        if (serviceKey is null && serviceType == typeof(ChatClientMetadata))
        {
            return _inner?.GetService(serviceType) ?? _metadata;
        }

        return _inner?.GetService(serviceType, serviceKey);
    }

    /// <summary>Disposes the live client, if any.</summary>
    public void Dispose() => _inner?.Dispose();

    private bool TryReplay(string key, out ChatResponse response)
    {
        response = null!;
        if (Mode == CassetteMode.Record)
        {
            return false;
        }

        int index;
        CassetteResponse recorded;
        lock (_lock)
        {
            if (!_indicesByKey.TryGetValue(key, out var indices))
            {
                return false;
            }

            var served = _servedByKey.GetValueOrDefault(key);
            if (served < indices.Count)
            {
                index = indices[served];
                _servedByKey[key] = served + 1;
            }
            else if (AllowRepeats)
            {
                index = indices[^1];
            }
            else
            {
                return false;
            }

            recorded = _entries[index].Interaction.Response;
        }

        Interlocked.Increment(ref _replayed);
        response = CassetteConversions.ToChatResponse(recorded, index);
        return true;
    }

    private IChatClient LiveClient(CassetteRequest request, string key) =>
        Mode == CassetteMode.Replay || _inner is null ? throw Mismatch(request, key) : _inner;

    private CassetteMismatchException Mismatch(CassetteRequest request, string key)
    {
        var actual = CassetteConversions.Render(request);
        var message = new StringBuilder();
        lock (_lock)
        {
            if (_indicesByKey.TryGetValue(key, out var indices))
            {
                message.Append(FormattableString.Invariant(
                    $"The cassette '{CassettePath}' recorded this request {indices.Count} time(s) and it was asked once more (key {key[..12]}). "))
                    .Append("Record the run again, or allow repeats (AllowRepeats = true).");
                return new CassetteMismatchException(message.ToString(), CassettePath, key, diff: null);
            }

            message.Append($"The cassette '{CassettePath}' has no recorded answer for this request (key {key[..12]}).");
            if (_entries.Count == 0)
            {
                message.AppendLine(" The cassette is empty. The request was:");
                foreach (var line in actual)
                {
                    message.Append("+ ").AppendLine(line);
                }

                AppendHowToRecord(message);
                return new CassetteMismatchException(message.ToString(), CassettePath, key, diff: null);
            }

            var (closest, distance) = _entries
                .Select((entry, index) => (Index: index, Distance: LineDiff.Distance(entry.Lines, actual)))
                .MinBy(candidate => candidate.Distance);
            var diff = LineDiff.Format(_entries[closest].Lines, actual);
            message.AppendLine()
                .AppendLine(FormattableString.Invariant($"Closest recorded request: interaction #{closest + 1} of {_entries.Count} (key {_entries[closest].Key[..12]}), {distance} line(s) differ."))
                .AppendLine("--- recorded")
                .AppendLine("+++ actual")
                .Append(diff);
            AppendHowToRecord(message);
            return new CassetteMismatchException(message.ToString(), CassettePath, key, diff);
        }
    }

    private static void AppendHowToRecord(StringBuilder message) =>
        message.Append($"If the change is intended, record again: {ModeVariable}=record (or CassetteMode.Record / ReplayOrRecord) with a live client.");

    private void Append(string key, CassetteRequest request, ChatResponse response)
    {
        var interaction = new CassetteInteraction { Key = key, Request = request, Response = CassetteConversions.ToCassette(response) };
        lock (_lock)
        {
            Add(key, interaction);

            // A recorded answer counts as served, so a later identical request gets the next recording, not this one.
            _servedByKey[key] = _indicesByKey[key].Count;
            Save();
        }

        Interlocked.Increment(ref _recorded);
    }

    private void Add(string key, CassetteInteraction interaction)
    {
        _entries.Add(new Entry(key, interaction, CassetteConversions.Render(interaction.Request)));
        if (!_indicesByKey.TryGetValue(key, out var indices))
        {
            _indicesByKey[key] = indices = [];
        }

        indices.Add(_entries.Count - 1);
    }

    private void Load()
    {
        CassetteDocument? document;
        try
        {
            using var stream = File.OpenRead(CassettePath);
            document = JsonSerializer.Deserialize<CassetteDocument>(stream, CassetteJson.File);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The cassette '{CassettePath}' is not valid cassette JSON: {ex.Message}", ex);
        }

        foreach (var interaction in document?.Interactions ?? [])
        {
            // Keys are recomputed so that a request edited by hand in the file still matches.
            var key = CassetteConversions.KeyOf(interaction.Request);
            Add(key, interaction with { Key = key });
        }
    }

    private void Save()
    {
        var directory = Path.GetDirectoryName(CassettePath)!;
        Directory.CreateDirectory(directory);
        var document = new CassetteDocument { Interactions = [.. _entries.Select(entry => entry.Interaction)] };
        // Write then rename, so that a reader never sees half a file; a unique name keeps parallel writers apart.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(CassettePath)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(document, CassetteJson.File) + "\n", new UTF8Encoding(false));
        File.Move(temporary, CassettePath, overwrite: true);
    }

    private sealed record Entry(string Key, CassetteInteraction Interaction, IReadOnlyList<string> Lines);
}
