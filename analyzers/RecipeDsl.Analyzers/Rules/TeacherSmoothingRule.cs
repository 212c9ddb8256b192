using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Roslyn;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>
/// RD1001: label smoothing on a distillation teacher. A teacher is a recipe with <c>model.role: teacher</c>, one whose
/// <c>model.type</c> class carries <c>[DistillationTeacher]</c>, or one that another recipe names as its teacher
/// (reported here, in the teacher's file, naming the students). Escalated when a student distils at T &gt; 2.
/// </summary>
internal static class TeacherSmoothingRule
{
    public static IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var recipe = context.Recipe;
        if (recipe.Loss.LabelSmoothing <= 0 || context.Locations.ValueSpan("loss.label_smoothing") is not { } span)
        {
            yield break;
        }

        var students = context.Project.Where(other => other.Distillation?.Teacher == recipe.Name).OrderBy(other => other.Name).ToList();
        var reasons = new List<string>();
        if (students.Count > 0)
        {
            reasons.Add($"the teacher of {string.Join(", ", students.Select(student => student.Name))}");
        }

        if (recipe.Model.Role == ModelRole.Teacher)
        {
            reasons.Add("model.role: teacher");
        }

        if (recipe.Model.Type is { } type && ModelTypeCheck.IsMarkedTeacher(context.Compilation, type))
        {
            reasons.Add($"{type} is marked [DistillationTeacher]");
        }

        if (reasons.Count == 0)
        {
            yield break;
        }

        var hottest = students.Select(student => student.Distillation!.Temperature).DefaultIfEmpty(0).Max();
        var escalation = hottest > 2
            ? $". At the student temperature T = {RuleContext.Number(hottest)} the soft targets are made of exactly those probabilities, so the harm grows with T (Chandrasegaran et al. 2022)"
            : "";
        yield return context.Report(DiagnosticDescriptors.TeacherLabelSmoothing, span, "0.0",
            RuleContext.Number(recipe.Loss.LabelSmoothing), recipe.Name, string.Join("; ", reasons), escalation);
    }
}
