using System.Diagnostics;
using System.Text;

namespace Opto.Trace;

/// <summary>What an optimizer is told about an exception thrown by a traced operation.</summary>
internal sealed record ErrorReport(string ErrorType, string Message, SourceLocation? Location, string Text)
{
    private const string Marker = "   // <-- ";

    public static ErrorReport Build(Operation operation, Exception error)
    {
        var root = Innermost(error);
        var type = root.GetType().Name;
        var message = string.IsNullOrWhiteSpace(root.Message) ? "(no message)" : root.Message;
        var location = FindLocation(root, operation);

        var text = new StringBuilder();
        text.Append('(').Append(type).Append(") ").Append(message);
        text.Append("\nin operation ").Append(operation.Name);
        if (location is not null)
        {
            text.Append(" at ").Append(location);
        }

        if (Annotate(operation, location, $"({type}) {message}") is { } annotated)
        {
            text.Append("\n\n").Append(annotated);
        }

        return new ErrorReport(type, message, location, text.ToString());
    }

    /// <summary>Feedback from a traced call that failed inside another names the first failure, not the wrapper.</summary>
    private static Exception Innermost(Exception error) => error switch
    {
        TraceExecutionException traced => traced.InnerException ?? traced,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Innermost(aggregate.InnerExceptions[0]),
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Innermost(inner),
        _ => error,
    };

    private static SourceLocation? FindLocation(Exception error, Operation operation)
    {
        var frames = new StackTrace(error, fNeedFileInfo: true).GetFrames();
        SourceLocation? first = null;
        foreach (var frame in frames)
        {
            var file = frame.GetFileName();
            if (string.IsNullOrEmpty(file) || frame.GetFileLineNumber() <= 0)
            {
                continue;
            }

            var method = frame.GetMethod();
            var location = new SourceLocation(file, frame.GetFileLineNumber(), method is null ? null : $"{method.DeclaringType?.Name}.{method.Name}");
            first ??= location;
            // Prefer the frame inside the operation's own source, when we know where that is.
            if (IsInside(operation, location))
            {
                return location;
            }
        }

        // When the operation's own source is known, a frame outside it (library code that raised on the
        // operation's behalf, e.g. a compiler) would point the reader at the wrong place: say nothing instead.
        return HasKnownSource(operation) ? null : first;
    }

    private static bool HasKnownSource(Operation operation) => operation is { SourceText: not null, FilePath: not null, Line: > 0 };

    private static bool IsInside(Operation operation, SourceLocation location)
    {
        if (operation is not { SourceText: { } source, FilePath: { } file, Line: > 0 })
        {
            return false;
        }

        return string.Equals(Path.GetFullPath(file), Path.GetFullPath(location.FilePath), StringComparison.Ordinal)
            && location.Line >= operation.Line
            && location.Line < operation.Line + CountLines(source);
    }

    private static string? Annotate(Operation operation, SourceLocation? location, string note)
    {
        if (operation.SourceText is null)
        {
            return null;
        }

        var lines = operation.SourceText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var failing = location is not null && IsInside(operation, location) ? location.Line - operation.Line : -1;
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            sb.Append(lines[i]);
            if (i == failing)
            {
                sb.Append(Marker).Append(note);
            }

            if (i < lines.Length - 1)
            {
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private static int CountLines(string text) => text.AsSpan().Count('\n') + 1;
}
