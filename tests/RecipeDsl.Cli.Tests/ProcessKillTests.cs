using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Xunit;

namespace RecipeDsl.Cli.Tests;

/// <summary>
/// The real thing: <c>recipedsl train</c> as a child process, killed with SIGKILL once a checkpoint is on disk, then
/// resumed with --resume; its metrics and test results equal an uninterrupted run's (CPU).
/// </summary>
public sealed class ProcessKillTests : IDisposable
{
    private static readonly string[] Train = { "train", "mnist-mlp", "--epochs", "30", "--max-train", "500", "--device", "cpu" };

    private readonly string _out = Directory.CreateTempSubdirectory("recipedsl-kill-").FullName;

    [Fact]
    public void A_run_killed_after_a_checkpoint_resumes_to_the_metrics_of_an_uninterrupted_run()
    {
        var full = Path.Combine(_out, "full");
        var cut = Path.Combine(_out, "cut");
        var (fullExit, fullOutput) = RunToEnd(Train.Append("--out").Append(full));
        Assert.True(fullExit == 0, fullOutput);

        using (var killed = Start(Train.Append("--out").Append(cut)))
        {
            var checkpoint = Path.Combine(cut, "MnistMlp.checkpoint");
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (CheckpointEpoch(checkpoint) < 2 && !killed.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }

            Assert.False(killed.HasExited, "the run ended before it could be killed; give it more epochs");
            killed.Kill(entireProcessTree: true); // SIGKILL: no handler, no flush, nothing the program can do
            killed.WaitForExit();
        }

        var killedAfter = CheckpointEpoch(Path.Combine(cut, "MnistMlp.checkpoint"));
        Assert.InRange(killedAfter, 2, 29);
        var (resumedExit, resumedOutput) = RunToEnd(Train.Append("--out").Append(cut).Append("--resume"));

        Assert.True(resumedExit == 0, resumedOutput);
        Assert.Contains($"MnistMlp: resumed after epoch {killedAfter}", resumedOutput);
        Assert.Equal(Metrics(full), Metrics(cut));
        Assert.Equal(TestRow(fullOutput), TestRow(resumedOutput));
    }

    /// <summary>The epoch a checkpoint file holds, read the way Checkpoints writes it; 0 while there is none.</summary>
    private static int CheckpointEpoch(string path)
    {
        try
        {
            using var reader = new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            reader.ReadString();
            reader.ReadInt32();
            reader.ReadString();
            return reader.ReadInt32();
        }
        catch (IOException)
        {
            return 0; // not there yet, or being renamed into place
        }
    }

    /// <summary>Every metrics line without its wall-clock seconds.</summary>
    private static string[] Metrics(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "MnistMlp.metrics.jsonl")).Select(line =>
        {
            var json = JsonNode.Parse(line)!.AsObject();
            json.Remove("seconds");
            return json.ToJsonString();
        }).ToArray();

    private static string TestRow(string output) => output.Split('\n').Single(line => line.StartsWith("│ test", StringComparison.Ordinal));

    private static (int ExitCode, string Output) RunToEnd(System.Collections.Generic.IEnumerable<string> args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static Process Start(System.Collections.Generic.IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "recipedsl.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COLUMNS"] = "200";
        return Process.Start(start)!;
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}
