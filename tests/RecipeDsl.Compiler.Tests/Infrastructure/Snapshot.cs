using System;
using System.IO;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Infrastructure;

/// <summary>Baseline files in Snapshots/ (the System.Text.Json generator tests' pattern).</summary>
internal static class Snapshot
{
    public static void Match(string fileName, string actual)
    {
        var path = Path.Combine(RepositoryPaths.Snapshots, fileName);
        var received = Path.ChangeExtension(path, ".received.txt");
        File.Delete(received);
        if (Environment.GetEnvironmentVariable("RECIPEDSL_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot {path}. Run the tests with RECIPEDSL_UPDATE_SNAPSHOTS=1 to create it, then review it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
        }

        Assert.Equal(expected, actual);
    }
}
