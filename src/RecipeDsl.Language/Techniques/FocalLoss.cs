using System;
using System.Collections.Generic;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Language.Writing;

namespace RecipeDsl.Language.Techniques;

/// <summary>The training loss of a classification recipe (<c>loss.type</c>).</summary>
public enum LossKind
{
    /// <summary>Cross-entropy against the (possibly smoothed or mixed) targets.</summary>
    CrossEntropy,

    /// <summary>Lin et al.'s focal loss, −Σₖ qₖ (1 − pₖ)^γ log pₖ: cross-entropy with confident classes down-weighted.</summary>
    Focal,
}

/// <summary>Reads and writes <c>loss.type</c> and <c>loss.focal_gamma</c>.</summary>
public static class FocalLossSection
{
    public static readonly IReadOnlyList<KeyValuePair<string, LossKind>> Kinds = new[]
    {
        new KeyValuePair<string, LossKind>("cross_entropy", LossKind.CrossEntropy),
        new KeyValuePair<string, LossKind>("focal", LossKind.Focal),
    };

    /// <summary>Lin et al. (2017) found γ = 2 best for detection; Mukhoti et al. (2020) use 1–5 for calibration.</summary>
    public const double DefaultGamma = 2;

    public static string Spelling(this LossKind kind) => kind == LossKind.Focal ? "focal" : "cross_entropy";

    /// <summary>The loss kind and its γ (0 for cross-entropy).</summary>
    internal static (LossKind Kind, double Gamma) Read(ValueReader read, Section loss)
    {
        var kind = read.Enum(loss, "type", LossKind.CrossEntropy, Kinds);
        var gamma = kind == LossKind.Focal
            ? read.Number(loss, "focal_gamma", DefaultGamma, NumberRange.Closed(0, 100))
            : read.NotApplicable(loss, "focal_gamma", "it applies only to type 'focal'", 0.0);
        return (kind, gamma);
    }

    internal static void Write(LossKind kind, double gamma, Action<int, string> line)
    {
        line(1, "type: " + kind.Spelling());
        if (kind == LossKind.Focal)
        {
            line(1, "focal_gamma: " + YamlText.Number(gamma));
        }
    }
}
