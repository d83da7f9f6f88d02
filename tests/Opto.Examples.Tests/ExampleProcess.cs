using Opto.Testing;
using System.Diagnostics;

namespace Opto.Examples.Tests;

/// <summary>Runs an example's built assembly as its own process, with a controlled environment.</summary>
internal static class ExampleProcess
{
    // Variables that would make an example reach a real provider; a test decides them itself.
    private static readonly string[] ProviderVariables =
    [
        "OPTO_LLM_PROVIDER", "OPTO_LLM_MODEL", "OPTO_LLM_ENDPOINT", "OPTO_LLM_API_KEY",
        "OPENAI_API_KEY", "OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT",
    ];

    /// <summary>The environment that makes an example use the scripted OpenAI-compatible server (and a run store file).</summary>
    public static Dictionary<string, string> ScriptedLlm(LoopbackOpenAIServer server, string? runsDb = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["OPTO_LLM_PROVIDER"] = "compatible",
            ["OPTO_LLM_MODEL"] = "scripted",
            ["OPTO_LLM_ENDPOINT"] = new Uri(server.BaseUri, "v1").AbsoluteUri,
        };
        if (runsDb is not null)
        {
            environment["OPTO_RUNS_DB"] = runsDb;
        }

        return environment;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string assemblyName, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        Assert.True(File.Exists(dll), $"The example was not built next to the tests: {dll}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in ProviderVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
