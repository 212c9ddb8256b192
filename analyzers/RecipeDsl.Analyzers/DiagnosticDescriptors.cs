using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using System.Linq;
using RecipeDsl.Analyzers.Rules;
using RecipeDsl.Language.Problems;

namespace RecipeDsl.Analyzers;

/// <summary>
/// The descriptors of the parser's problems (ID, title, message, help text, severity), and every diagnostic RecipeDsl
/// reports: these and the practice rules, which each technique's rules declare beside their checks.
/// </summary>
public static class DiagnosticDescriptors
{
    private const string Schema = "RecipeDsl.Schema";

    public static readonly DiagnosticDescriptor YamlSyntax = Error(ProblemIds.YamlSyntax,
        "Recipe is not well-formed YAML",
        "YAML syntax error: {0}",
        "The recipe file could not be read as YAML, so no trainer is generated for it. Fix the syntax at the reported position.");

    public static readonly DiagnosticDescriptor UnknownKey = Error(ProblemIds.UnknownKey,
        "Unknown recipe key",
        "Unknown key '{0}'.{1}",
        "RecipeDsl rejects keys it does not know instead of ignoring them, so a typo cannot silently leave a setting at its default. The README lists every key.",
        fixable: true);

    public static readonly DiagnosticDescriptor WrongType = Error(ProblemIds.WrongType,
        "Recipe value has the wrong type",
        "'{0}' must be {1}, not {2}",
        "Numbers are written unquoted (1e-3 and 0.001 are both numbers); a quoted value is a string.");

    public static readonly DiagnosticDescriptor OutOfRange = Error(ProblemIds.OutOfRange,
        "Recipe value is out of range",
        "'{0}' is {1}, outside the allowed range {2}",
        "Each numeric key has a range in which training is meaningful (for example ε in [0, 1), lr > 0, epochs ≥ 1).");

    public static readonly DiagnosticDescriptor UnknownValue = Error(ProblemIds.UnknownValue,
        "Recipe value is not one of the allowed values",
        "'{0}' cannot be '{1}'; allowed: {2}.{3}",
        "This key takes one of a fixed set of words.",
        fixable: true);

    public static readonly DiagnosticDescriptor DuplicateKey = Error(ProblemIds.DuplicateKey,
        "Recipe key is given twice",
        "Duplicate key '{0}' (first given on line {1})",
        "YAML loaders differ on which of two equal keys wins; RecipeDsl refuses to guess.");

    public static readonly DiagnosticDescriptor MissingKey = Error(ProblemIds.MissingKey,
        "Required recipe key is missing",
        "Missing required key '{0}' (one of: {1})",
        "A recipe must say what it trains and on what: data.dataset and model.architecture have no default.");

    public static readonly DiagnosticDescriptor InvalidName = Error(ProblemIds.InvalidName,
        "Recipe name is not a C# identifier",
        "Recipe name '{0}' is not a C# identifier ({1})",
        "The recipe name becomes the prefix of the generated classes (<Name>Recipe, <Name>Model, <Name>Trainer).");

    public static readonly DiagnosticDescriptor NotApplicable = Error(ProblemIds.NotApplicable,
        "Recipe key does not apply here",
        "'{0}' does not apply here: {1}",
        "The key belongs to another choice of the enclosing option; remove it or change that option.");

    public static readonly DiagnosticDescriptor DuplicateName = Error(ProblemIds.DuplicateName,
        "Two recipes share a name",
        "Recipe name '{0}' is also used by {1}; recipe names must be unique in a project",
        "Generated class names come from recipe names; give one of the recipes a different 'name:' or file name.");

    public static readonly DiagnosticDescriptor InvalidValue = Error(ProblemIds.InvalidValue,
        "Recipe value is invalid",
        "'{0}' is invalid: {1}",
        "The value has the right type and range but does not fit the rest of the recipe.");

    public static readonly DiagnosticDescriptor UnknownTeacher = Error(ProblemIds.UnknownTeacher,
        "Distillation teacher is not a recipe of this project",
        "Teacher recipe '{0}' is not a valid recipe of this project.{1}",
        "distillation.teacher names another recipe of the same project (its name, or its file name in PascalCase); that recipe must itself be free of errors.");

    public static readonly DiagnosticDescriptor TeacherCycle = Error(ProblemIds.TeacherCycle,
        "Distillation teachers form a cycle",
        "Distillation teachers form a cycle: {0}",
        "A student trains its teacher first; a recipe cannot, through its teachers, be its own teacher.");

    public static readonly DiagnosticDescriptor UnknownModelType = Error(ProblemIds.UnknownModelType,
        "Model type not found",
        "Model type '{0}' is not a class of this compilation.{1}",
        "model.type takes the full name (namespace and class) of a torch.nn.Module<Tensor, Tensor> class of the project.");

    public static readonly DiagnosticDescriptor UnsuitableModelType = Error(ProblemIds.UnsuitableModelType,
        "Model type cannot be trained by a recipe",
        "Model type '{0}' cannot be trained by a recipe: {1}",
        "The generated trainer builds the model with a parameterless constructor and calls it on a tensor of inputs, so the class must be a concrete torch.nn.Module<Tensor, Tensor>.");

    public static readonly DiagnosticDescriptor UnknownBase = Error(ProblemIds.UnknownBase,
        "Recipe extends no usable recipe",
        "extends '{0}': {1}",
        "extends names the recipe this one builds on: a recipe file of the project, by its path relative to this recipe (base.recipe.yaml), or by its name or file stem (MnistMlp, mnist-mlp).");

    public static readonly DiagnosticDescriptor BaseCycle = Error(ProblemIds.BaseCycle,
        "Recipes extend each other in a cycle",
        "Recipes extend each other in a cycle: {0}",
        "A recipe is its base's keys with its own laid over them; a chain of bases cannot come back to a recipe already in it.");

    /// <summary>The descriptor of each parser problem ID.</summary>
    public static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ForProblem = new Dictionary<string, DiagnosticDescriptor>
    {
        [ProblemIds.YamlSyntax] = YamlSyntax,
        [ProblemIds.UnknownKey] = UnknownKey,
        [ProblemIds.WrongType] = WrongType,
        [ProblemIds.OutOfRange] = OutOfRange,
        [ProblemIds.UnknownValue] = UnknownValue,
        [ProblemIds.DuplicateKey] = DuplicateKey,
        [ProblemIds.MissingKey] = MissingKey,
        [ProblemIds.InvalidName] = InvalidName,
        [ProblemIds.NotApplicable] = NotApplicable,
        [ProblemIds.DuplicateName] = DuplicateName,
        [ProblemIds.InvalidValue] = InvalidValue,
        [ProblemIds.UnknownTeacher] = UnknownTeacher,
        [ProblemIds.TeacherCycle] = TeacherCycle,
        [ProblemIds.UnknownModelType] = UnknownModelType,
        [ProblemIds.UnsuitableModelType] = UnsuitableModelType,
        [ProblemIds.UnknownBase] = UnknownBase,
        [ProblemIds.BaseCycle] = BaseCycle,
    };

    /// <summary>The parser's problems, then every technique's practice rules (<see cref="PracticeRules.All"/>).</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
        ImmutableArray.CreateRange(ForProblem.Values).AddRange(PracticeRules.All.SelectMany(rules => rules.Descriptors));

    /// <summary>The IDs whose diagnostics may carry a code fix.</summary>
    public static ImmutableArray<string> Fixable { get; } =
        All.Where(descriptor => descriptor.CustomTags.Contains(FixProperties.FixableTag)).Select(descriptor => descriptor.Id).ToImmutableArray();

    /// <summary>The code fix title of a parser problem that carries a replacement ("did you mean").</summary>
    public static string FixTitle(string problemId, string replacement) => problemId switch
    {
        ProblemIds.UnknownKey => $"Rename the key to '{replacement}'",
        ProblemIds.UnknownValue => $"Change the value to '{replacement}'",
        _ => throw new System.ArgumentException($"{problemId} has no code fix; only the problems tagged fixable carry a replacement.", nameof(problemId)),
    };

    private static DiagnosticDescriptor Error(string id, string title, string message, string help, bool fixable = false) =>
        new(id, title, message, Schema, DiagnosticSeverity.Error, isEnabledByDefault: true, description: help,
            customTags: fixable ? new[] { FixProperties.FixableTag } : System.Array.Empty<string>());
}
