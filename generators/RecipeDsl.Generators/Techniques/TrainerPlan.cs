using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Language.Model;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Every decision the trainer emitter needs, made once from the recipe (System.Text.Json's generator keeps its specs
/// the same way): the techniques the recipe uses, in loop order, and what follows from them.
/// </summary>
/// <remarks>
/// The order is the order of a training step, and so the order their lines appear in: the teacher (distillation),
/// per-class ε, image augmentation, Mixup, temperature scaling after training, and the ε sweep around all of it.
/// </remarks>
internal sealed class TrainerPlan
{
    private TrainerPlan(TrainerSpec spec, IReadOnlyList<Technique> techniques)
    {
        Spec = spec;
        Names = new TrainerNames(spec);
        Techniques = techniques;
        EpsilonParameter = techniques.OfType<LabelSmoothingSweep>().Any() ? LabelSmoothingSweep.EpsilonParameter : null;
        Epsilon = EpsilonParameter ?? $"{Names.Settings}.LabelSmoothing";
        CheckpointState = techniques.Select(t => t.CheckpointState).FirstOrDefault(state => state is not null) ?? "null";
        BatchTransform = techniques.Select(t => t.BatchTransform).FirstOrDefault(transform => transform is not null);
        AfterTraining = techniques.Select(t => t.AfterTraining(Names)).FirstOrDefault(lines => lines is not null);
        LoopParameters = techniques.Select(t => t.LoopParameter(Names)).OfType<(string Parameter, string Argument)>().ToArray();
    }

    public TrainerSpec Spec { get; }

    public Recipe Recipe => Spec.Recipe;

    public TrainerNames Names { get; }

    /// <summary>The recipe's techniques, in loop order.</summary>
    public IReadOnlyList<Technique> Techniques { get; }

    /// <summary>The name of the loop's ε parameter when ε varies between runs of one trainer (a sweep); null otherwise.</summary>
    public string? EpsilonParameter { get; }

    /// <summary>The C# expression of ε inside the loop: the parameter, or the recipe's constant.</summary>
    public string Epsilon { get; }

    /// <summary>The argument each checkpoint gets for the random state it keeps beside the model's ("null": none).</summary>
    public string CheckpointState { get; }

    /// <summary>What each training batch's stored inputs go through, if anything.</summary>
    public string? BatchTransform { get; }

    /// <summary>The lines that score the test split after training, when a technique replaces the plain evaluation.</summary>
    public (string[] Lines, string ResultArgument)? AfterTraining { get; }

    /// <summary>What the loop takes besides the model and the options.</summary>
    public IReadOnlyList<(string Parameter, string Argument)> LoopParameters { get; }

    public static TrainerPlan For(TrainerSpec spec)
    {
        var recipe = spec.Recipe;
        var techniques = new List<Technique>();
        if (recipe.Distillation is not null)
        {
            techniques.Add(new Distillation());
        }

        if (recipe.Loss.ClassSmoothing.Count > 0)
        {
            techniques.Add(new ClassSmoothing());
        }

        if (recipe.Data.Augment.Any)
        {
            techniques.Add(new ImageAugmentation());
        }

        if (recipe.Mixup is not null)
        {
            techniques.Add(new Mixup());
        }

        if (recipe.Calibration.TemperatureScaling)
        {
            techniques.Add(new TemperatureScaling());
        }

        if (recipe.Sweep is not null)
        {
            techniques.Add(new LabelSmoothingSweep());
        }

        return new TrainerPlan(spec, techniques);
    }
}
