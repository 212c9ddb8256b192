using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Schema;

/// <summary>
/// The editing experience, proven with the real yaml-language-server 2.0.0 (the engine of VS Code's YAML extension)
/// driven headless by tests/yaml-language-server/check.mjs: the schema modeline of a recipe gives validation and
/// completion. The npm package is installed by .ci/run, or here on first use (npm ci, from the committed lock file).
/// </summary>
public sealed class YamlLanguageServerTests
{
    private static readonly string ToolDirectory = Path.Combine(RepositoryPaths.Root, "tests", "yaml-language-server");

    private const string Modeline = "# yaml-language-server: $schema=./recipe.schema.json\n";

    [Fact]
    public void Every_sample_recipe_is_valid_for_the_editor()
    {
        var samples = Directory.GetFiles(RepositoryPaths.Recipes, "*.recipe.yaml").OrderBy(path => path, StringComparer.Ordinal).ToArray();

        var report = Check(samples.Select(path => (path, File.ReadAllText(path))).ToArray());

        foreach (var document in report.GetProperty("documents").EnumerateArray())
        {
            Assert.True(document.GetProperty("diagnostics").GetArrayLength() == 0, $"{document.GetProperty("path")}: {document.GetProperty("diagnostics")}");
        }
    }

    [Fact]
    public void A_typo_and_a_wrong_type_are_flagged_on_their_lines()
    {
        var path = Path.Combine(RepositoryPaths.Recipes, "editor-check.recipe.yaml");
        var text = Modeline + "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\ntraining:\n  epochs: three\nloss:\n  label_smothing: 0.1\n";

        var problems = Check((path, text)).GetProperty("documents")[0].GetProperty("diagnostics").EnumerateArray()
            .Select(d => (d.GetProperty("line").GetInt32(), d.GetProperty("message").GetString() ?? ""))
            .OrderBy(d => d.Item1)
            .ToArray();

        Assert.Equal(new[] { (6, "Incorrect type. Expected \"integer\"."), (8, "Property label_smothing is not allowed.") }, problems);
    }

    [Fact]
    public void Completion_at_a_key_position_offers_that_sections_keys()
    {
        var path = Path.Combine(RepositoryPaths.Recipes, "editor-complete.recipe.yaml");
        var text = Modeline + "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\nloss:\n  \n";

        var labels = Check((path, text), completionAt: (path, 6, 2)).GetProperty("completion").EnumerateArray().Select(e => e.GetString()).ToArray();

        Assert.Equal(new[] { "class_smoothing", "focal_gamma", "ignore_index", "label_smoothing", "smoothing_convention", "type" }, labels.OrderBy(l => l, StringComparer.Ordinal));
    }

    private static JsonElement Check(params (string Path, string Text)[] documents) => Check(documents, null);

    private static JsonElement Check((string Path, string Text) document, (string Path, int Line, int Character) completionAt) =>
        Check(new[] { document }, completionAt);

    private static JsonElement Check((string Path, string Text)[] documents, (string Path, int Line, int Character)? completionAt)
    {
        EnsureInstalled();
        var request = Path.GetTempFileName();
        try
        {
            File.WriteAllText(request, JsonSerializer.Serialize(new
            {
                root = RepositoryPaths.Recipes,
                documents = documents.Select(d => new { path = d.Path, text = d.Text }),
                completion = completionAt is { } at ? new { path = at.Path, line = at.Line, character = at.Character } : null,
            }));
            var (exitCode, output, error) = Run("node", $"check.mjs \"{request}\"");
            Assert.True(exitCode == 0, $"check.mjs failed ({exitCode}): {error}");
            return JsonDocument.Parse(output).RootElement;
        }
        finally
        {
            File.Delete(request);
        }
    }

    private static readonly object InstallLock = new();

    private static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (!File.Exists(Path.Combine(ToolDirectory, "node_modules", "yaml-language-server", "package.json")))
            {
                var (exitCode, _, error) = Run("npm", "ci --no-audit --no-fund");
                Assert.True(exitCode == 0, $"npm ci in {ToolDirectory} failed: {error}");
            }
        }
    }

    private static (int ExitCode, string Output, string Error) Run(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = ToolDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {program}; Node.js and npm are needed for the editor tests.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
