using System.Collections.Generic;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using RecipeDsl.Training;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// <c>training.precision</c>'s TF32 switches, in every trainer: on for tf32, off otherwise (libtorch lets cuDNN
/// convolutions use TF32 by default, which fp32 does not want). bf16's copy of the model is <see cref="BFloat16Training"/>.
/// </summary>
internal sealed class Precision : Technique
{
    private readonly TrainingPrecision _precision;

    private Precision(TrainingPrecision precision) => _precision = precision;

    public static Technique From(Recipe recipe) => new Precision(recipe.Training.Precision);

    public override string? Summary(Recipe recipe) => _precision switch
    {
        TrainingPrecision.Tf32 => "tf32 matmuls and convolutions",
        TrainingPrecision.Bf16 => "bf16 forward and backward with float32 master weights",
        _ => null,
    };

    public override IEnumerable<string> Settings(Recipe recipe) =>
        _precision == TrainingPrecision.Fp32 ? [] : [$"public const {TrainingAlias}.TrainingPrecision Precision = {TrainingAlias}.TrainingPrecision.{_precision};"];

    public override IEnumerable<string> Prepare(TrainerNames names) => _precision switch
    {
        TrainingPrecision.Tf32 => [$"using var tensorFloat32 = {TrainingAlias}.TensorFloat32.On(device.Device, options.Log, {names.Settings}.Name);"],
        TrainingPrecision.Bf16 =>
        [
            "// bf16's float32 parts (the optimizer's update, evaluation) at full float32: TF32 off for this run.",
            $"using var tensorFloat32 = {TrainingAlias}.TensorFloat32.Off();",
        ],
        _ =>
        [
            "// Full float32: TF32 off for this run (libtorch lets cuDNN convolutions use it by default).",
            $"using var tensorFloat32 = {TrainingAlias}.TensorFloat32.Off();",
        ],
    };
}
