using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RecipeDsl.Language.Problems;

namespace RecipeDsl.Analyzers;

/// <summary>Every diagnostic RecipeDsl reports: ID, title, message, help text and default severity, in one place.</summary>
public static class DiagnosticDescriptors
{
    private const string Schema = "RecipeDsl.Schema";
    private const string PracticeCategory = "RecipeDsl.Practice";

    public static readonly DiagnosticDescriptor YamlSyntax = Error(ProblemIds.YamlSyntax,
        "Recipe is not well-formed YAML",
        "YAML syntax error: {0}",
        "The recipe file could not be read as YAML, so no trainer is generated for it. Fix the syntax at the reported position.");

    public static readonly DiagnosticDescriptor UnknownKey = Error(ProblemIds.UnknownKey,
        "Unknown recipe key",
        "Unknown key '{0}'.{1}",
        "RecipeDsl rejects keys it does not know instead of ignoring them, so a typo cannot silently leave a setting at its default. The README lists every key.");

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
        "This key takes one of a fixed set of words.");

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

    public static readonly DiagnosticDescriptor TeacherLabelSmoothing = Practice("RD1001", DiagnosticSeverity.Warning,
        "Label smoothing on a distillation teacher",
        "Label smoothing ε = {0} on recipe '{1}', a distillation teacher ({2}): smoothing erases the wrong-class probabilities its students learn from; train teachers with label_smoothing: 0{3}",
        "Müller, Kornblith and Hinton (2019) showed that teachers trained with label smoothing make worse distillation teachers: "
        + "smoothing pushes the probabilities of the incorrect classes toward uniform, destroying the information about which wrong classes "
        + "the teacher found plausible. A recipe is a teacher when it says model.role: teacher, when its model.type class carries "
        + "[DistillationTeacher], or when another recipe names it as distillation.teacher. The harm grows with the distillation temperature.");

    public static readonly DiagnosticDescriptor StudentSmoothing = Practice("RD1002", DiagnosticSeverity.Warning,
        "Label smoothing in a distillation student's hard-label loss",
        "Label smoothing ε = {0} in the hard-label loss of student '{1}': the teacher's soft targets already carry the regularisation; train the hard term on plain labels",
        "The seed article's DistillationLoss keeps its hard-label cross-entropy unsmoothed (\"no smoothing here either\"): smoothing it "
        + "pulls the student toward a uniform distribution while the soft term pulls it toward the teacher's.");

    public static readonly DiagnosticDescriptor DoubleSmoothing = Practice("RD1003", DiagnosticSeverity.Warning,
        "Targets smoothed twice",
        "Targets are smoothed twice: loss.label_smoothing = {0} and mixup.label_smoothing = {1} give an effective ε = {2}; keep one of them",
        "Smoothing the Mixup targets and smoothing again in the loss compounds: 1 − (1 − a)(1 − b). timm users hit this when a "
        + "smoothing criterion meets Mixup(label_smoothing=…).");

    public static readonly DiagnosticDescriptor LargeOutputSpace = Practice("RD1004", DiagnosticSeverity.Warning,
        "Large label smoothing for a large output space",
        "Label smoothing ε = {0} over {1} classes over-regularises; with 30,000 or more classes or tokens, 0.05–0.1 is the usual range",
        "With a very large vocabulary, ε = 0.1 already moves a large absolute probability mass onto wrong tokens (the seed article, on machine translation).");

    public static readonly DiagnosticDescriptor FineTuningSmoothing = Practice("RD1005", DiagnosticSeverity.Warning,
        "Large label smoothing while fine-tuning",
        "Label smoothing ε = {0} while fine-tuning from '{1}': a pretrained model already has strong priors and calibration that large ε can disturb; 0.05 is the usual value",
        "The seed article: for fine-tuning, lower values (0.05) are often better to avoid destabilising the existing calibration.");

    public static readonly DiagnosticDescriptor NoisyLabelSmoothing = Practice("RD1006", DiagnosticSeverity.Warning,
        "Label smoothing is not noise handling",
        "Label smoothing on {0}: it softens every label alike and is no substitute for noise handling (noise-robust losses, relabelling); compare against a baseline",
        "Label smoothing is designed for confident labels you want to soften slightly; with wrong labels it applies the same soft target to clean and mislabelled examples.");

    public static readonly DiagnosticDescriptor MixupSmoothingSmallData = Practice("RD1007", DiagnosticSeverity.Info,
        "Mixup and label smoothing on a small training set",
        "Mixup together with label smoothing regularises strongly; with {0} training examples (fewer than {1}) that can underfit, so compare with either one alone",
        "The two are complementary, and their combined effect is stronger than either alone, which can be too much for small datasets (the seed article).");

    public static readonly DiagnosticDescriptor TemperatureScalingOnSmoothing = Practice("RD1008", DiagnosticSeverity.Info,
        "Temperature scaling on top of label smoothing",
        "Temperature scaling on top of label smoothing (ε = {0}): smoothing already moderates confidence, so the fitted temperature will gain less; compare NLL and ECE with ε = 0",
        "Using both gives the strongest calibration, but the marginal benefit of label smoothing when temperature scaling is planned is smaller.");

    public static readonly DiagnosticDescriptor MixupOddBatch = Practice("RD1009", DiagnosticSeverity.Info,
        "Mixup with an odd batch size",
        "batch_size {0} is odd: RecipeDsl pairs Mixup partners by a permutation and handles it, but flip-based Mixup (timm) needs an even batch; an even size keeps results comparable",
        "timm's Mixup pairs each example with its mirror in the batch and asserts an even batch size.");

    public static readonly DiagnosticDescriptor FlatTargets = Practice("RD1010", DiagnosticSeverity.Warning,
        "Label smoothing so large that the target is flat",
        "Label smoothing ε = {0} is at least (K−1)/K = {1}: {2}",
        "At ε ≥ (K−1)/K the smoothed target no longer (off_target) or barely (uniform) prefers the true class, so the model is trained toward uncertainty.");

    public static readonly DiagnosticDescriptor WarmupAsLongAsTraining = Practice("RD1011", DiagnosticSeverity.Warning,
        "Warmup as long as training",
        "warmup_epochs {0} is at least training.epochs {1}: the learning rate never reaches lr {2}, and the {3} schedule after the warmup never runs",
        "A warmup rises linearly to the optimizer's lr; when it lasts the whole run, training happens at a fraction of the rate the recipe names.");

    public static readonly DiagnosticDescriptor StepScheduleNeverDecays = Practice("RD1012", DiagnosticSeverity.Warning,
        "Step schedule that never decays",
        "step_size {0} is at least the {1} epochs left after warmup: the learning rate is never multiplied by gamma",
        "A step schedule multiplies lr by gamma every step_size epochs; a step size as long as training leaves the rate constant.");

    public static readonly DiagnosticDescriptor EarlyStoppingCannotStop = Practice("RD1013", DiagnosticSeverity.Info,
        "Early stopping that cannot stop early",
        "patience {0} with training.epochs {1} cannot stop before the last epoch (the first always counts as an improvement): every epoch is trained; early stopping only puts the best epoch's weights back",
        "Training stops after patience epochs without an improvement after the first epoch, which needs more than patience + 1 epochs.");

    public static readonly DiagnosticDescriptor FocalGammaZero = Practice("RD1014", DiagnosticSeverity.Info,
        "Focal loss with γ = 0",
        "focal_gamma 0 makes focal loss plain cross-entropy; use type: cross_entropy, or γ > 0 (Lin et al. use 2; Mukhoti et al. 1–5 for calibration)",
        "Focal loss −(1 − p)^γ log p equals cross-entropy at γ = 0.");

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
    };

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.CreateRange(ForProblem.Values).AddRange(
        TeacherLabelSmoothing, StudentSmoothing, DoubleSmoothing, LargeOutputSpace, FineTuningSmoothing, NoisyLabelSmoothing,
        MixupSmoothingSmallData, TemperatureScalingOnSmoothing, MixupOddBatch, FlatTargets,
        WarmupAsLongAsTraining, StepScheduleNeverDecays, EarlyStoppingCannotStop, FocalGammaZero);

    private static DiagnosticDescriptor Error(string id, string title, string message, string help) =>
        new(id, title, message, Schema, DiagnosticSeverity.Error, isEnabledByDefault: true, description: help);

    private static DiagnosticDescriptor Practice(string id, DiagnosticSeverity severity, string title, string message, string help) =>
        new(id, title, message, PracticeCategory, severity, isEnabledByDefault: true, description: help);
}
