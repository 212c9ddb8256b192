using System.Globalization;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Model;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>RD1001: a recipe whose model is a distillation teacher must not train with label smoothing.</summary>
internal static class TeacherLabelSmoothingRule
{
    public static Diagnostic? Check(Recipe recipe, string path)
    {
        if (recipe.Model.Role != ModelRole.Teacher || recipe.Loss.LabelSmoothing <= 0 || recipe.Loss.LabelSmoothingSpan is not { } span)
        {
            return null;
        }

        return Diagnostic.Create(
            DiagnosticDescriptors.TeacherLabelSmoothing,
            RecipeLocations.Create(path, span),
            recipe.Loss.LabelSmoothing.ToString("R", CultureInfo.InvariantCulture),
            recipe.Name);
    }
}
