namespace Opto.Testing;

/// <summary>How a <see cref="CassetteChatClient"/> uses its cassette file.</summary>
public enum CassetteMode
{
    /// <summary>
    /// Strict replay: answers come only from the file and no inner client is needed. A request that was not recorded
    /// throws <see cref="CassetteMismatchException"/> with a diff against the closest recorded request.
    /// </summary>
    Replay,

    /// <summary>Every request goes to the inner client; the file is started afresh and each pair is written to it.</summary>
    Record,

    /// <summary>Non-strict: recorded requests are replayed, new ones go to the inner client and are appended to the file.</summary>
    ReplayOrRecord,
}
