using System;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Writing;

namespace RecipeDsl.Language.Techniques;

/// <summary>Reads and writes <c>data.label_noise</c>: the share of training labels replaced by another class (seeded).</summary>
public static class LabelNoiseSection
{
    public const string Path = "data.label_noise";

    /// <summary>Clean labels unless the recipe asks for noise.</summary>
    public const double Default = 0.0;

    internal static double Read(ValueReader read, Section data) => read.Number(data, "label_noise", Default, NumberRange.HalfOpen(0, 1));

    internal static void Write(double share, Action<int, string> line) => line(1, "label_noise: " + YamlText.Number(share));
}
