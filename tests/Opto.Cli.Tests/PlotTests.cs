using System.Buffers.Binary;
using Opto.Cli.Tests.Infrastructure;

namespace Opto.Cli.Tests;

public sealed class PlotTests : StoreTest
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Writes_a_png_of_the_requested_size_and_prints_its_path()
    {
        var result = await Cli.RunAsync("plot", "alpha", "-o", "plots/alpha.png", "--width", "640", "--height", "360");

        Assert.Equal(0, result.ExitCode);
        var path = Folder.File("plots/alpha.png");
        Assert.Equal(path, result.Out.Trim());
        var (width, height, size) = ReadPng(path);
        Assert.Equal((640, 360), (width, height));
        Assert.True(size > 5_000, $"a plot with axes, two lines and a legend is more than {size} bytes");
    }

    [Fact]
    public async Task The_default_file_is_named_after_the_run()
    {
        var result = await Cli.RunAsync("plot", "beta");

        Assert.Equal(0, result.ExitCode);
        var (width, height, _) = ReadPng(Folder.File("beta-scores.png"));
        Assert.Equal((800, 450), (width, height));
    }

    [Fact]
    public async Task A_run_without_scores_is_an_error()
    {
        var result = await Cli.RunAsync("plot", "gamma");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no scored step", Assert.Single(result.ErrorLines));
    }

    private static (int Width, int Height, long Size) ReadPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)), bytes.Length);
    }
}
