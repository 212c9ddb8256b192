using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RecipeDsl.Compiler.Tests.Infrastructure;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Techniques;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Schema;

/// <summary>recipes/recipe.schema.json (what editors validate with) and the parser (what the build enforces) agree.</summary>
public sealed class RecipeSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Recipes, "recipe.schema.json"))).RootElement;

    /// <summary>Every key path of the schema with its definition; a oneOf contributes the properties of its object branch.</summary>
    private static Dictionary<string, JsonElement> SchemaKeys()
    {
        var keys = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        void Walk(JsonElement node, string prefix)
        {
            if (node.TryGetProperty("oneOf", out var branches))
            {
                foreach (var branch in branches.EnumerateArray())
                {
                    Walk(branch, prefix);
                }
            }

            if (!node.TryGetProperty("properties", out var properties))
            {
                return;
            }

            Assert.True(node.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False,
                $"'{prefix}' must reject unknown keys, as the parser does");
            foreach (var property in properties.EnumerateObject())
            {
                var path = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
                keys[path] = property.Value;
                Walk(property.Value, path);
            }
        }

        Walk(Schema, "");
        return keys;
    }

    [Fact]
    public void The_schema_has_exactly_the_keys_the_parser_accepts()
    {
        Assert.Equal(RecipeKeys.AllPaths.OrderBy(k => k, StringComparer.Ordinal), SchemaKeys().Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_key_has_a_description()
    {
        Assert.All(SchemaKeys(), pair => Assert.True(pair.Value.TryGetProperty("description", out _), pair.Key));
    }

    [Theory]
    [InlineData("task")]
    [InlineData("data.dataset")]
    [InlineData("data.format")]
    [InlineData("model.architecture")]
    [InlineData("model.role")]
    [InlineData("training.optimizer.type")]
    [InlineData("training.device")]
    [InlineData("loss.smoothing_convention")]
    [InlineData("data.labels")]
    [InlineData("sweep.metric")]
    [InlineData("training.early_stopping.metric")]
    [InlineData("training.schedule.type")]
    [InlineData("loss.type")]
    public void Enumerations_match_the_parser(string key)
    {
        var expected = key switch
        {
            "task" => RecipeValues.Tasks.Select(p => p.Key),
            "data.dataset" => RecipeValues.Datasets.Select(p => p.Key),
            "data.format" => RecipeValues.Formats.Select(p => p.Key),
            "model.architecture" => RecipeValues.Architectures.Select(p => p.Key),
            "model.role" => RecipeValues.Roles.Select(p => p.Key),
            "training.optimizer.type" => RecipeValues.Optimizers.Select(p => p.Key),
            "training.device" => RecipeValues.Devices.Select(p => p.Key),
            "data.labels" => RecipeValues.LabelQualities.Select(p => p.Key),
            "sweep.metric" or "training.early_stopping.metric" => RecipeValues.ValidationMetrics.Select(p => p.Key),
            "training.schedule.type" => LearningRateScheduleSection.Kinds.Select(p => p.Key),
            "loss.type" => FocalLossSection.Kinds.Select(p => p.Key),
            _ => RecipeValues.SmoothingConventions.Select(p => p.Key),
        };

        Assert.Equal(expected, SchemaKeys()[key].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("data.validation_split", RecipeDefaults.ValidationSplit)]
    [InlineData("data.batch_size", RecipeDefaults.BatchSize)]
    [InlineData("data.seed", RecipeDefaults.Seed)]
    [InlineData(DropoutSection.Path, DropoutSection.Default)]
    [InlineData("training.epochs", RecipeDefaults.Epochs)]
    [InlineData("training.optimizer.momentum", RecipeDefaults.SgdMomentum)]
    [InlineData("loss.label_smoothing", RecipeDefaults.LabelSmoothing)]
    [InlineData(LabelNoiseSection.Path, LabelNoiseSection.Default)]
    [InlineData("data.test_split", RecipeDefaults.TestSplit)]
    [InlineData("mixup.alpha", RecipeDefaults.MixupAlpha)]
    [InlineData("mixup.prob", RecipeDefaults.MixupProbability)]
    [InlineData("distillation.temperature", RecipeDefaults.DistillationTemperature)]
    [InlineData("distillation.alpha", RecipeDefaults.DistillationAlpha)]
    [InlineData("calibration.bins", RecipeDefaults.CalibrationBins)]
    [InlineData("loss.ignore_index", RecipeDefaults.IgnoreIndex)]
    [InlineData("loss.focal_gamma", FocalLossSection.DefaultGamma)]
    [InlineData("training.schedule.gamma", LearningRateScheduleSection.StepGamma)]
    [InlineData("training.early_stopping.patience", EarlyStoppingSection.DefaultPatience)]
    [InlineData("training.early_stopping.min_delta", 0)]
    public void Numeric_defaults_match_the_parser(string key, double expected)
    {
        Assert.Equal(expected, SchemaKeys()[key].GetProperty("default").GetDouble());
    }

    [Fact]
    public void Every_sample_recipe_points_editors_at_the_schema()
    {
        foreach (var path in Directory.GetFiles(RepositoryPaths.Recipes, "*.recipe.yaml"))
        {
            Assert.StartsWith("# yaml-language-server: $schema=./recipe.schema.json", File.ReadAllText(path));
        }
    }
}
