using System.Text;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Opto.LLamaSharp;

/// <summary>
/// Receives llama.cpp's log, which is process-wide: lines go to the latest logger given (or nowhere), and recent
/// warnings and errors are kept so that a failed load can quote what llama.cpp said about it.
/// </summary>
internal static class NativeLog
{
    private const int KeptProblems = 32;

    private static readonly Lock Gate = new();
    private static readonly EventId LogEvent = new(1, "LlamaCpp");
    private static readonly Queue<(long Sequence, string Line)> Problems = new();
    private static ILogger? s_logger;
    private static long s_sequence;
    private static int s_installed;

    [ThreadStatic]
    private static StringBuilder? s_pending;

    [ThreadStatic]
    private static LLamaLogLevel s_pendingLevel;

    /// <summary>Installs the callback (once) and makes <paramref name="logger"/> the receiver when it is given.</summary>
    /// <param name="logger">The new receiver, or null to keep the current one.</param>
    public static void Install(ILogger? logger)
    {
        if (logger is not null)
        {
            Volatile.Write(ref s_logger, logger);
        }

        if (Interlocked.Exchange(ref s_installed, 1) == 0)
        {
            NativeLogConfig.llama_log_set(OnMessage);
        }
    }

    /// <summary>A position in the log; <see cref="ProblemsSince"/> returns what came after it.</summary>
    /// <returns>The position.</returns>
    public static long Mark()
    {
        lock (Gate)
        {
            return s_sequence;
        }
    }

    /// <summary>The warnings and errors logged after <paramref name="mark"/> (the latest few).</summary>
    /// <param name="mark">A value from <see cref="Mark"/>.</param>
    /// <returns>The lines, oldest first.</returns>
    public static IReadOnlyList<string> ProblemsSince(long mark)
    {
        lock (Gate)
        {
            return [.. Problems.Where(p => p.Sequence > mark).Select(p => p.Line)];
        }
    }

    private static void OnMessage(LLamaLogLevel level, string message)
    {
        // llama.cpp writes some lines in pieces (progress dots, "Continue" parts); join them into whole lines.
        if (level != LLamaLogLevel.Continue)
        {
            s_pendingLevel = level;
        }

        var pending = s_pending ??= new StringBuilder();
        pending.Append(message);
        if (!message.EndsWith('\n'))
        {
            return;
        }

        var line = pending.ToString().TrimEnd();
        pending.Clear();
        if (line.Length == 0)
        {
            return;
        }

        level = s_pendingLevel;
        if (level is LLamaLogLevel.Warning or LLamaLogLevel.Error)
        {
            lock (Gate)
            {
                Problems.Enqueue((++s_sequence, line));
                while (Problems.Count > KeptProblems)
                {
                    Problems.Dequeue();
                }
            }
        }

        if (Volatile.Read(ref s_logger) is { } logger)
        {
            var logLevel = level switch
            {
                LLamaLogLevel.Error => LogLevel.Error,
                LLamaLogLevel.Warning => LogLevel.Warning,
                LLamaLogLevel.Info => LogLevel.Information,
                _ => LogLevel.Debug,
            };
            logger.Log(logLevel, LogEvent, line, null, static (text, _) => "llama.cpp: " + text);
        }
    }
}
