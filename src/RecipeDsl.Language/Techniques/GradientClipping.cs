using System;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Writing;

namespace RecipeDsl.Language.Techniques;

/// <summary>Reads and writes <c>training.grad_clip_norm</c>: the largest total L2 norm of all gradients of a step.</summary>
public static class GradientClippingSection
{
    public const string Path = "training.grad_clip_norm";

    /// <summary>The norm, or null when the recipe does not clip.</summary>
    internal static double? Read(ValueReader read, Section training) =>
        training.HasValue("grad_clip_norm") ? read.Number(training, "grad_clip_norm", 1, NumberRange.OpenClosed(0, 1e6)) : null;

    internal static void Write(double? norm, Action<int, string> line)
    {
        if (norm is { } value)
        {
            line(1, "grad_clip_norm: " + YamlText.Number(value));
        }
    }
}
