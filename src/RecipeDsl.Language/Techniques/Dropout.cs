using System;
using System.Linq;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Problems;
using RecipeDsl.Language.Writing;

namespace RecipeDsl.Language.Techniques;

/// <summary>Reads and writes <c>model.dropout</c>: one probability for every hidden layer, or one per hidden layer.</summary>
public static class DropoutSection
{
    public const string Path = "model.dropout";

    /// <summary>No dropout unless the recipe asks for it.</summary>
    public const double Default = 0.0;

    /// <summary>One probability per hidden layer (a gru's one applies to its outputs).</summary>
    internal static double[] Read(ValueReader read, Section model, Architecture architecture, int hiddenLayers)
    {
        var range = NumberRange.HalfOpen(0, 1);
        if (model.Value("dropout") is not YamlSequence list)
        {
            var shared = read.Number(model, "dropout", Default, range);
            return Enumerable.Repeat(shared, hiddenLayers).ToArray();
        }

        if (architecture is Architecture.Gru or Architecture.Transformer)
        {
            read.Report(ProblemIds.InvalidValue, list.Span, Path, architecture == Architecture.Gru
                ? "a gru takes one dropout probability, applied to its outputs"
                : "a transformer takes one dropout probability, applied to its embeddings, attention and residual branches");
        }

        var perLayer = read.Numbers(model, "dropout", range, "[0.2, 0.1]");
        if (perLayer is not null && perLayer.Length != hiddenLayers)
        {
            read.Report(ProblemIds.InvalidValue, list.Span, Path,
                $"it lists {perLayer.Length} probabilities for {hiddenLayers} hidden layer(s); give one per layer, or one number for all");
        }

        return perLayer is not null && perLayer.Length == hiddenLayers ? perLayer : new double[hiddenLayers];
    }

    internal static void Write(EquatableArray<double> probabilities, Action<int, string> line) =>
        line(1, "dropout: " + (probabilities.Distinct().Count() == 1 ? YamlText.Number(probabilities[0]) : YamlText.List(probabilities)));
}
