using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Roslyn;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>
/// Label smoothing where distillation needs plain labels. RD1001: on a teacher, a recipe with <c>model.role: teacher</c>,
/// one whose <c>model.type</c> class carries <c>[DistillationTeacher]</c>, or one that another recipe names as its
/// teacher (reported in the teacher's file, naming the students); escalated when a student distils at T &gt; 2.
/// RD1002: in a student's hard-label loss.
/// </summary>
internal sealed class DistillationRules : TechniqueRules
{
    public static readonly DiagnosticDescriptor TeacherLabelSmoothing = Rule("RD1001", DiagnosticSeverity.Warning,
        "Label smoothing on a distillation teacher",
        "Label smoothing ε = {0} on recipe '{1}', a distillation teacher ({2}): smoothing erases the wrong-class probabilities its students learn from; train teachers with label_smoothing: 0{3}",
        "Müller, Kornblith and Hinton (2019) showed that teachers trained with label smoothing make worse distillation teachers: "
        + "smoothing pushes the probabilities of the incorrect classes toward uniform, destroying the information about which wrong classes "
        + "the teacher found plausible. A recipe is a teacher when it says model.role: teacher, when its model.type class carries "
        + "[DistillationTeacher], or when another recipe names it as distillation.teacher. The harm grows with the distillation temperature.",
        fixable: true);

    public static readonly DiagnosticDescriptor StudentSmoothing = Rule("RD1002", DiagnosticSeverity.Warning,
        "Label smoothing in a distillation student's hard-label loss",
        "Label smoothing ε = {0} in the hard-label loss of student '{1}': the teacher's soft targets already carry the regularisation; train the hard term on plain labels",
        "The seed article's DistillationLoss keeps its hard-label cross-entropy unsmoothed (\"no smoothing here either\"): smoothing it "
        + "pulls the student toward a uniform distribution while the soft term pulls it toward the teacher's.",
        fixable: true);

    public override ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ImmutableArray.Create(TeacherLabelSmoothing, StudentSmoothing);

    public override IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var diagnostic in CheckTeacher(context))
        {
            yield return diagnostic;
        }

        // RD1002: the student's hard-label loss ("no smoothing here either").
        var recipe = context.Recipe;
        if (recipe.Distillation is not null && recipe.Loss.LabelSmoothing > 0 && context.Locations.ValueSpan("loss.label_smoothing") is { } span)
        {
            yield return context.Report(StudentSmoothing, span, new CodeFix("0.0", "Train the student's hard-label loss without label smoothing"),
                RuleContext.Number(recipe.Loss.LabelSmoothing), recipe.Name);
        }
    }

    private static IEnumerable<Diagnostic> CheckTeacher(RuleContext context)
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
        yield return context.Report(TeacherLabelSmoothing, span, new CodeFix("0.0", "Train the teacher without label smoothing"),
            RuleContext.Number(recipe.Loss.LabelSmoothing), recipe.Name, string.Join("; ", reasons), escalation);
    }
}
