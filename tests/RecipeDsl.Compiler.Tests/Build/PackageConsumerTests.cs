using System;
using System.IO;
using System.Linq;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Build;

/// <summary>
/// The NuGet package on its own: packed into a local folder feed, referenced by version from a fresh project whose
/// Program.cs is one line (the package's host over its recipe catalog), built and run. RD1001 appears at the
/// consumer's YAML line, and the host lists and trains the consumer's recipes (MNIST, a CSV table, an image folder,
/// text through the cl100k tokenizer) and writes their report folders.
/// </summary>
[Collection(ConsumerProject.Collection)]
public sealed class PackageConsumerTests : IDisposable
{
    private readonly string _version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
    private readonly string _feed = Directory.CreateTempSubdirectory("recipedsl-feed-").FullName;
    private readonly ConsumerProject _consumer;

    public PackageConsumerTests()
    {
        _consumer = new ConsumerProject(
            """
            // The whole program: the package's command-line host over this project's recipes.
            return RecipeDsl.Host.RecipeDslApp.Run(args, RecipeDsl.Recipes.RecipeCatalog.All);
            """,
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RecipeDsl" Version="{_version}" />
                <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
              </ItemGroup>
            </Project>
            """);
        _consumer.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="recipedsl-test-feed" value="{_feed}" />
              </packageSources>
            </configuration>
            """);
        _consumer.Write("recipes/teacher.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  role: teacher\nloss:\n  label_smoothing: 0.1\n");
        _consumer.Write("recipes/points.recipe.yaml",
            "data:\n  format: csv\n  path: data/points.csv\n  input_shape: [2]\n  classes: 2\nmodel:\n  architecture: mlp\n  hidden_sizes: [8]\ntraining:\n  epochs: 1\n");
        _consumer.Write("recipes/data/points.csv", "x,y,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 7},{i % 5},{i % 2}\n")));
        _consumer.Write("recipes/icons.recipe.yaml",
            "data:\n  format: image_folder\n  path: data/icons\n  input_shape: [3, 4, 4]\n  classes: 2\nmodel:\n  architecture: cnn\n  channels: [4]\n  hidden_sizes: [8]\ntraining:\n  epochs: 1\n");
        _consumer.Write("recipes/lines.recipe.yaml",
            "task: sequence\ndata:\n  format: text\n  path: data/lines.txt\n  tokenizer: cl100k\n  sequence_length: 16\n  batch_size: 8\n"
            + "model:\n  architecture: transformer\n  layers: 1\n  heads: 2\n  d_model: 16\ntraining:\n  epochs: 1\n");
        _consumer.Write("recipes/data/lines.txt", string.Concat(Enumerable.Range(0, 60).Select(i => $"Line {i} of a small text, read by the consumer.\n")));
        foreach (var (name, shade) in new[] { ("dark", (byte)20), ("light", (byte)230) })
        {
            for (var i = 0; i < 5; i++)
            {
                _consumer.WriteBytes($"recipes/data/icons/{name}/{i}.bmp", Bitmap(4, (byte)(shade + i)));
            }
        }
    }

    /// <summary>A square 24-bit BMP of one grey: the simplest image file there is, written without a library.</summary>
    private static byte[] Bitmap(int side, byte grey)
    {
        var rowBytes = (side * 3 + 3) / 4 * 4;
        var bytes = new byte[54 + rowBytes * side];
        void Int(int offset, int value) => BitConverter.GetBytes(value).CopyTo(bytes, offset);
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        Int(2, bytes.Length);
        Int(10, 54);
        Int(14, 40);
        Int(18, side);
        Int(22, side);
        bytes[26] = 1;
        bytes[28] = 24;
        Int(34, rowBytes * side);
        for (var row = 0; row < side; row++)
        {
            for (var x = 0; x < side * 3; x++)
            {
                bytes[54 + row * rowBytes + x] = grey;
            }
        }

        return bytes;
    }

    [Fact]
    public void A_fresh_project_gets_trainers_warnings_and_the_command_line_from_the_package_alone()
    {
        var package = Path.Combine(RepositoryPaths.Root, "src", "RecipeDsl.Package", "RecipeDsl.Package.csproj");
        var (packExit, packOutput) = _consumer.Dotnet($"pack \"{package}\" -c {ConsumerProject.Configuration} -o \"{_feed}\" -p:PackageVersion={_version} -nodeReuse:false");
        Assert.True(packExit == 0, packOutput);

        var (buildExit, buildOutput) = _consumer.Build();
        Assert.True(buildExit == 0, buildOutput);
        Assert.Contains("recipes/teacher.recipe.yaml(7,20): warning RD1001", buildOutput);
        Assert.DoesNotContain("CS8784", buildOutput);
        Assert.DoesNotContain("CS8785", buildOutput);
        Assert.DoesNotContain("CS8032", buildOutput);

        var (listExit, listOutput) = Run("list");
        Assert.True(listExit == 0, listOutput);
        foreach (var name in new[] { "Teacher", "Points", "Icons", "Lines" })
        {
            Assert.Contains(name, listOutput);
        }

        var (trainExit, trainOutput) = Run("train teacher --epochs 1 --max-train 500 --out runs/teacher");
        Assert.True(trainExit == 0, trainOutput);
        Assert.Contains("Teacher: 1 epoch(s) on 500 training examples", trainOutput);
        foreach (var file in new[] { "report.md", "Teacher.metrics.jsonl", "Teacher.recipe.yaml", "Teacher.model.dat", "train-loss.png" })
        {
            Assert.True(File.Exists(Path.Combine(_consumer.Directory, "runs", "teacher", file)), $"runs/teacher/{file} is missing:\n{trainOutput}");
        }

        // The user's own files, read with the package's dependencies (Sep; SkiaSharp and its native library; the
        // tokenizer and its vocabulary package), through the same host.
        var (filesExit, filesOutput) = Run("compare points icons --out runs/files");
        Assert.True(filesExit == 0, filesOutput);
        Assert.Contains("Points: 1 epoch(s) on 29 training examples", filesOutput);
        Assert.Contains("Icons: 1 epoch(s) on 7 training examples", filesOutput);
        var (textExit, textOutput) = Run("train lines --out runs/lines");
        Assert.True(textExit == 0, textOutput);
        Assert.Matches(@"Lines: 1 epoch\(s\) on [0-9]+ training windows", textOutput);

        var (wrongExit, wrongOutput) = Run("train nosuch");
        Assert.Equal(2, wrongExit);
        Assert.Contains("No recipe named 'nosuch'. Known recipes: ", wrongOutput);
    }

    private (int ExitCode, string Output) Run(string arguments) => _consumer.Dotnet($"run --no-build -c {ConsumerProject.Configuration} -- {arguments}");

    public void Dispose()
    {
        _consumer.Dispose();
        Directory.Delete(_feed, recursive: true);
        ConsumerProject.ForgetPackage("RecipeDsl", _version);
    }
}
