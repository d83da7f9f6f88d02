using Microsoft.Extensions.Time.Testing;

namespace Opto.Llm.Tests.Support;

/// <summary>Drives a <see cref="FakeTimeProvider"/> until a task finishes, so that backoff and timeouts never sleep for real.</summary>
internal static class FakeClock
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> task, TimeSpan? step = null)
    {
        await DriveAsync(time, task, step ?? TimeSpan.FromSeconds(1));
        return await task;
    }

    public static async Task RunAsync(FakeTimeProvider time, Task task, TimeSpan? step = null)
    {
        await DriveAsync(time, task, step ?? TimeSpan.FromSeconds(1));
        await task;
    }

    private static async Task DriveAsync(FakeTimeProvider time, Task task, TimeSpan step)
    {
        // Timers are registered asynchronously after each failure, so advance in small steps and yield in between.
        for (var i = 0; i < 100_000 && !task.IsCompleted; i++)
        {
            time.Advance(step);
            await Task.Delay(1);
        }
    }

    /// <summary>Waits (yielding) until a condition holds; the test fails instead of hanging when it never does.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 20_000; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(1);
        }

        Assert.Fail($"Gave up waiting until {what}.");
    }
}
