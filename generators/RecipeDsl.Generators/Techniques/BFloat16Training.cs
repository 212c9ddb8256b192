using System.Collections.Generic;
using RecipeDsl.Language.Model;
using RecipeDsl.Training;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// <c>training.precision: bf16</c>: every batch runs forward and backward through a bfloat16 copy of the model, whose
/// gradients (as float32) the optimizer applies to the float32 model, copied back after each step. The float32 model
/// is the one evaluated, checkpointed and saved. Before gradient clipping in plan order, so that clipping sees float32
/// gradients.
/// </summary>
internal sealed class BFloat16Training : Technique
{
    private const string Copy = "bfloat16Copy";

    public static Technique? From(Recipe recipe) => recipe.Training.Precision == TrainingPrecision.Bf16 ? new BFloat16Training() : null;

    public override IEnumerable<string> Prepare(TrainerNames names) =>
        [$"using var {Copy} = new {TrainingAlias}.BFloat16Copy<{names.Model}>(model, new {names.Model}(), options.Log, {names.Settings}.Name);"];

    public override (string Type, string Name)? EpochState(TrainerNames names) => ($"{TrainingAlias}.BFloat16Copy<{names.Model}>", Copy);

    public override IEnumerable<string> StartEpoch(TrainerNames names) => [$"{Copy}.StartEpoch();"];

    public override string? CallModel(string inputs) => $"{Copy}.Forward({inputs})";

    public override IEnumerable<string> BeforeStep(TrainerNames names) => [$"{Copy}.GradientsToMaster();"];

    public override IEnumerable<string> AfterStep(TrainerNames names) => [$"{Copy}.CopyWeights();"];

    public override IEnumerable<string> EndTrainingPass(TrainerNames names) => [$"{Copy}.EndEpoch();"];
}
