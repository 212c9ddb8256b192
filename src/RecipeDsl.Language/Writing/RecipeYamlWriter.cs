using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RecipeDsl.Data;
using RecipeDsl.Data.Text;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Techniques;

namespace RecipeDsl.Language.Writing;

/// <summary>
/// Writes a recipe back as YAML with every default resolved: what a run really used, for its report. Parsing the
/// text gives the same recipe again (a test checks it for every sample).
/// </summary>
public static class RecipeYamlWriter
{
    private static string Number(double value) => YamlText.Number(value);

    private static string List(IEnumerable<double> values) => YamlText.List(values);

    private static string Quoted(string text) => YamlText.Quoted(text);

    public static string Write(Recipe recipe)
    {
        var yaml = new StringBuilder();
        void Line(int indent, string text) => yaml.Append(' ', indent * 2).Append(text).Append('\n');

        yaml.Append("# ").Append(recipe.FileName);
        if (recipe.Bases.Count > 0)
        {
            // Resolved: the bases' keys are merged in, so this file stands alone (and says where they came from).
            yaml.Append(" (extends ").Append(string.Join(", which extends ", recipe.Bases)).Append(')');
        }

        yaml.Append(" with every default resolved\n");
        Line(0, "name: " + recipe.Name);
        if (recipe.Description is { } description)
        {
            Line(0, "description: " + Quoted(description));
        }

        Line(0, "task: " + recipe.Task.Spelling());
        Line(0, "data:");
        WriteSource(recipe.Data, Line);
        Line(1, "validation_split: " + Number(recipe.Data.ValidationSplit));
        Line(1, "batch_size: " + Number(recipe.Data.BatchSize));
        Line(1, "seed: " + Number(recipe.Data.Seed));
        if (!recipe.Task.PredictsNextToken())
        {
            LabelNoiseSection.Write(recipe.Data.LabelNoise, Line);
        }

        Line(1, "labels: " + recipe.Data.Labels.Spelling());

        Line(0, "model:");
        if (recipe.Model.Type is { } type)
        {
            Line(1, "type: " + type);
        }
        else
        {
            Line(1, "architecture: " + recipe.Model.Architecture.Spelling());
            if (recipe.Model.Transformer is { } transformer)
            {
                Line(1, "layers: " + Number(transformer.Layers));
                Line(1, "heads: " + Number(transformer.Heads));
                Line(1, "d_model: " + Number(transformer.Width));
                Line(1, "tie_embeddings: " + (transformer.TieEmbeddings ? "true" : "false"));
            }
            else
            {
                Line(1, "hidden_sizes: " + List(recipe.Model.HiddenSizes.Select(size => (double)size)));
            }

            if (recipe.Model.Architecture == Architecture.Cnn)
            {
                Line(1, "channels: " + List(recipe.Model.Channels.Select(size => (double)size)));
            }

            DropoutSection.Write(recipe.Model.Dropout, Line);
        }

        Line(1, "role: " + recipe.Model.Role.Spelling());
        if (recipe.Model.Pretrained is { } pretrained)
        {
            Line(1, "pretrained: " + Quoted(pretrained));
        }

        var optimizer = recipe.Training.Optimizer;
        Line(0, "training:");
        Line(1, "epochs: " + Number(recipe.Training.Epochs));
        Line(1, "optimizer:");
        Line(2, "type: " + optimizer.Kind.Spelling());
        Line(2, "lr: " + Number(optimizer.LearningRate));
        Line(2, "weight_decay: " + Number(optimizer.WeightDecay));
        if (optimizer.Kind == OptimizerKind.Sgd)
        {
            Line(2, "momentum: " + Number(optimizer.Momentum));
        }

        if (recipe.Training.Schedule is { } schedule)
        {
            LearningRateScheduleSection.Write(schedule, Line);
        }

        GradientClippingSection.Write(recipe.Training.GradClipNorm, Line);
        if (recipe.Training.EarlyStopping is { } earlyStopping)
        {
            EarlyStoppingSection.Write(earlyStopping, Line);
        }

        Line(1, "device: " + recipe.Training.Device.Spelling());
        Line(1, "precision: " + recipe.Training.Precision.Spelling());

        Line(0, "loss:");
        if (!recipe.Task.PredictsNextToken())
        {
            FocalLossSection.Write(recipe.Loss.Kind, recipe.Loss.FocalGamma, Line);
        }

        Line(1, "label_smoothing: " + Number(recipe.Loss.LabelSmoothing));
        Line(1, "smoothing_convention: " + recipe.Loss.Convention.Spelling());
        if (recipe.Loss.ClassSmoothing.Count > 0)
        {
            Line(1, "class_smoothing:");
            for (var c = 0; c < recipe.Loss.ClassSmoothing.Count; c++)
            {
                Line(2, Number(c) + ": " + Number(recipe.Loss.ClassSmoothing[c]));
            }
        }

        if (recipe.Task.PredictsNextToken())
        {
            Line(1, "ignore_index: " + Number(recipe.Loss.IgnoreIndex));
        }

        if (recipe.Mixup is { } mixup)
        {
            Line(0, "mixup:");
            Line(1, "alpha: " + Number(mixup.Alpha));
            Line(1, "prob: " + Number(mixup.Probability));
            Line(1, "label_smoothing: " + Number(mixup.LabelSmoothing));
        }

        if (recipe.Distillation is { } distillation)
        {
            Line(0, "distillation:");
            Line(1, "teacher: " + distillation.Teacher);
            Line(1, "temperature: " + Number(distillation.Temperature));
            Line(1, "alpha: " + Number(distillation.Alpha));
        }

        Line(0, "calibration:");
        Line(1, "temperature_scaling: " + (recipe.Calibration.TemperatureScaling ? "true" : "false"));
        Line(1, "bins: " + Number(recipe.Calibration.Bins));

        if (recipe.Sweep is { } sweep)
        {
            Line(0, "sweep:");
            Line(1, "label_smoothing: " + List(sweep.LabelSmoothing));
            Line(1, "epochs: " + Number(sweep.Epochs));
            Line(1, "metric: " + sweep.Metric.Spelling());
        }

        return yaml.ToString();
    }

    /// <summary>Where the examples come from and what they are: every fact the generated model's sizes came from.</summary>
    private static void WriteSource(DataSpec data, System.Action<int, string> line)
    {
        line(1, (data.Source.IsNamed() ? "dataset: " : "format: ") + data.Source.Spelling());
        if (data.Path is { } path)
        {
            line(1, "path: " + Quoted(path));
        }

        if (data.Text is { } text)
        {
            line(1, "tokenizer: " + text.Tokenizer.Spelling());
            if (text.Tokenizer == TokenizerKind.Chars)
            {
                line(1, "vocab_size: " + Number(text.VocabularySize));
            }

            line(1, "sequence_length: " + Number(text.SequenceLength));
            line(1, "files: " + Quoted(text.Files));
        }

        if (data.TestSplit is { } tokenTestSplit && data.Source.IsTokens())
        {
            line(1, "test_split: " + Number(tokenTestSplit));
        }

        if (data.Source.IsTokens())
        {
            return;
        }

        line(1, "input_shape: " + List(data.InputShape.Select(size => (double)size)));
        line(1, "classes: " + Number(data.Classes));
        if (data.ClassNames.Count > 0)
        {
            line(1, "class_names: [" + string.Join(", ", data.ClassNames.Select(Quoted)) + "]");
        }

        if (data.LabelColumn is { } labelColumn)
        {
            line(1, "label_column: " + Quoted(labelColumn));
        }

        if (data.TestSplit is { } testSplit)
        {
            line(1, "test_split: " + Number(testSplit));
        }

        switch (data.Normalization.Kind)
        {
            case NormalizationKind.Fixed:
                line(1, "normalize:");
                line(2, "mean: " + List(data.Normalization.Mean));
                line(2, "std: " + List(data.Normalization.Std));
                break;
            default:
                line(1, "normalize: " + (data.Normalization.Kind == NormalizationKind.Dataset ? "dataset" : "none"));
                break;
        }

        if (data.Augment.Any)
        {
            line(1, "augment:");
            line(2, "random_crop: " + Number(data.Augment.RandomCrop));
            line(2, "horizontal_flip: " + (data.Augment.HorizontalFlip ? "true" : "false"));
        }
    }
}
