namespace Opto.Cli;

/// <summary>Default output file names derived from run keys.</summary>
internal static class FileNames
{
    /// <summary>A run key made safe as part of a file name: characters a file system refuses become '_'.</summary>
    public static string FromKey(string runKey)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        return new string([.. runKey.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]);
    }

    /// <summary>Writes text to a file, creating its folder.</summary>
    public static string WriteText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }
}
