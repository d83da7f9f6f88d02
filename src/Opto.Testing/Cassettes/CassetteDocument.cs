namespace Opto.Testing;

/// <summary>The content of a cassette file: request/response pairs in the order they were recorded.</summary>
public sealed record CassetteDocument
{
    /// <summary>The current format version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The file format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The recorded pairs.</summary>
    public IReadOnlyList<CassetteInteraction> Interactions { get; init; } = [];
}

/// <summary>One recorded request and the answer it got.</summary>
public sealed record CassetteInteraction
{
    /// <summary>
    /// The request key: the SHA-256 of the request's canonical JSON form. Informative only: keys are recomputed when
    /// the file is read, so a request edited by hand still matches.
    /// </summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The request, in canonical form.</summary>
    public CassetteRequest Request { get; init; } = new();

    /// <summary>The answer.</summary>
    public CassetteResponse Response { get; init; } = new();
}
