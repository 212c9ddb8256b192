using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Knowledge distillation: the student trains beside a teacher that only answers. Its ways in train the teacher
/// first, take a trained one, or load saved teacher weights; the loop keeps the teacher on the device and in eval mode.
/// </summary>
internal sealed class Distillation : Technique
{
    public static Technique? From(Recipe recipe) => recipe.Distillation is null ? null : new Distillation();

    public override string Summary(Recipe recipe) =>
        $"distilled from {recipe.Distillation!.Teacher} (T {Literals.Number(recipe.Distillation.Temperature)}, α {Literals.Number(recipe.Distillation.Alpha)})";

    public override IEnumerable<string> Settings(Recipe recipe) =>
    [
        $"public const string Teacher = {Literals.String(recipe.Distillation!.Teacher)};",
        $"public const double DistillationTemperature = {Literals.Double(recipe.Distillation.Temperature)};",
        $"public const double DistillationAlpha = {Literals.Double(recipe.Distillation.Alpha)};",
    ];

    public override bool ReplacesDefaultEntryPoint => true;

    public override void EmitEntryPoints(SourceWriter writer, TrainerNames names)
    {
        writer.WriteLine($"/// <summary>Trains the teacher recipe <c>{names.Teacher}</c> first, then a fresh student from it.</summary>");
        writer.OpenBlock($"public {TrainingAlias}.TrainingResult Train({TrainingAlias}.TrainingOptions? options = null)");
        writer.WriteLine($"var teacherTrainer = new {names.Teacher}Trainer();");
        writer.WriteLine("using var teacher = teacherTrainer.CreateModel(options?.Seed);");
        writer.WriteLine("teacherTrainer.Train(teacher, options is null ? null : options with { SaveModelTo = null });");
        writer.WriteLine("return Train(teacher, options);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Trains a fresh student from a trained <see cref=\"{names.TeacherModel}\"/>; a model of any other recipe does not compile here.</summary>");
        writer.OpenBlock($"public {TrainingAlias}.TrainingResult Train({names.TeacherModel} teacher, {TrainingAlias}.TrainingOptions? options = null)");
        writer.WriteLine("using var model = CreateModel(options?.Seed);");
        writer.WriteLine("return Train(model, teacher, options);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Loads teacher weights of recipe <c>{names.Teacher}</c> (saved by train --save-model, or a PyTorch state_dict .pt) and trains a fresh student from them.</summary>");
        writer.OpenBlock($"public {TrainingAlias}.TrainingResult TrainFromSavedTeacher(string teacherWeights, {TrainingAlias}.TrainingOptions? options = null)");
        writer.WriteLine($"using var teacher = new {names.TeacherModel}();");
        writer.WriteLine($"{TrainingAlias}.ModelWeights.Load(teacher, teacherWeights, {names.Teacher}Recipe.Name);");
        writer.WriteLine("return Train(teacher, options);");
        writer.CloseBlock();
        writer.WriteLine();
    }

    public override (string Parameter, string Argument)? LoopParameter(TrainerNames names) => ($"{names.TeacherModel} teacher", "teacher");

    public override IEnumerable<string> Prepare(TrainerNames names) => ["global::TorchSharp.ModuleExtensionMethods.to(teacher, device.Device);"];

    public override (string Type, string Name)? EpochState(TrainerNames names) => (names.TeacherModel, "teacher");

    public override IEnumerable<string> StartEpoch(TrainerNames names) => ["teacher.eval();"];

    /// <summary>The hard term is the loss on the labels, whatever the recipe's loss is; the teacher sees what the student sees.</summary>
    public override (string[] Lines, string Loss)? CombineLoss(TrainerNames names, string labelLoss, string inputs) =>
    (
        [$"var teacherLogits = TeacherLogits(teacher, {inputs});", $"var hardLoss = {labelLoss};"],
        $"{LossesAlias}.DistillationLoss.Combine(logits, teacherLogits, hardLoss, {names.Settings}.DistillationTemperature, {names.Settings}.DistillationAlpha)"
    );

    public override void EmitHelpers(SourceWriter writer, TrainerNames names)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>The teacher's logits: it only answers, in eval mode, and never learns.</summary>");
        writer.OpenBlock($"private static {Tensor} TeacherLogits({names.TeacherModel} teacher, {Tensor} inputs)");
        writer.WriteLine($"using var noGrad = no_grad();");
        writer.WriteLine("return teacher.call(inputs);");
        writer.CloseBlock();
    }
}
