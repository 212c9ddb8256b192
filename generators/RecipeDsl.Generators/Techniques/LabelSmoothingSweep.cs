using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using System.Linq;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// An ε sweep: one model per candidate ε, all from the same initial weights, ranked on validation. The loop takes ε
/// as a parameter instead of the recipe's constant; each candidate's run passes its own.
/// </summary>
internal sealed class LabelSmoothingSweep : Technique
{
    public static Technique? From(Recipe recipe) => recipe.Sweep is null ? null : new LabelSmoothingSweep();

    public override (string Name, string Default)? EpsilonParameter(TrainerNames names) => ("labelSmoothing", $"{names.Settings}.LabelSmoothing");

    public override string Summary(Recipe recipe) =>
        $"sweep ε ∈ {{{string.Join(", ", recipe.Sweep!.LabelSmoothing.Select(Literals.Number))}}} by {recipe.Sweep.Metric.Spelling()}";

    public override IEnumerable<string> Settings(Recipe recipe) =>
    [
        $"public static global::System.Collections.Generic.IReadOnlyList<double> SweepCandidates {{ get; }} = new double[] {{ {Literals.Doubles(recipe.Sweep!.LabelSmoothing)} }};",
        $"public const int SweepEpochs = {Literals.Int(recipe.Sweep.Epochs)};",
        $"public const {TrainingAlias}.ValidationMetric SweepMetric = {TrainingAlias}.ValidationMetric.{recipe.Sweep.Metric};",
    ];

    /// <remarks>Calls the loop's private overload, ε last; the parser refuses a sweep of a distillation student, whose loop takes a teacher too.</remarks>
    public override void EmitEntryPoints(SourceWriter writer, TrainerNames names)
    {
        writer.WriteLine("/// <summary>Trains one model per candidate ε, all from the same initial weights, and names the best on validation.</summary>");
        writer.OpenBlock($"public {TrainingAlias}.SweepResult Sweep({TrainingAlias}.TrainingOptions? options = null)");
        writer.WriteLines(
            "// Candidates share the recipe's name, so they would share a checkpoint: a sweep writes none.",
            $"var sweepOptions = (options ?? new {TrainingAlias}.TrainingOptions()) with {{ Epochs = options?.Epochs ?? {names.Settings}.SweepEpochs, CheckpointDirectory = null }};",
            $"return {TrainingAlias}.LabelSmoothingSweep.Run(",
            $"    {names.Settings}.Name,",
            $"    {names.Settings}.SweepCandidates,",
            $"    {names.Settings}.SweepMetric,",
            "    () => CreateModel(options?.Seed),",
            "    (model, epsilon) => Train(model, sweepOptions, epsilon));");
        writer.CloseBlock();
        writer.WriteLine();
    }
}
