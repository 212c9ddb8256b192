using System.Globalization;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Roslyn;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>
/// RD1001: a recipe whose model is a distillation teacher must not train with label smoothing. A teacher is a recipe
/// with <c>model.role: teacher</c>, or one whose <c>model.type</c> class carries <c>[DistillationTeacher]</c>.
/// </summary>
internal static class TeacherLabelSmoothingRule
{
    public static Diagnostic? Check(Recipe recipe, string path, Compilation compilation)
    {
        var isTeacher = recipe.Model.Role == ModelRole.Teacher
            || (recipe.Model.Type is { } type && ModelTypeCheck.IsMarkedTeacher(compilation, type));
        if (!isTeacher || recipe.Loss.LabelSmoothing <= 0 || recipe.Loss.LabelSmoothingSpan is not { } span)
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
