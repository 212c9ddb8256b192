using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Language.Model;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Every decision the settings, model and trainer emitters need, made once from the recipe (System.Text.Json's
/// generator keeps its specs the same way): the techniques the recipe uses, in order, and what follows from them.
/// </summary>
/// <remarks>
/// The order is the order of the techniques' setup lines, and so of everything they write (their constants, entry
/// points, epoch-start lines): the teacher (distillation), per-class ε, image augmentation, Mixup, temperature
/// scaling, the ε sweep. Changing it changes the generated output.
/// </remarks>
internal sealed class TrainerPlan
{
    private TrainerPlan(TrainerSpec spec, IReadOnlyList<Technique> techniques)
    {
        Recipe = spec.Recipe;
        Names = new TrainerNames(spec);
        Techniques = techniques;
        EpsilonParameter = OneAtMost(techniques.Select(t => t.EpsilonParameter(Names)), nameof(Technique.EpsilonParameter));
        Epsilon = EpsilonParameter?.Name ?? $"{Names.Settings}.LabelSmoothing";
        CheckpointState = OneAtMost(techniques.Select(t => t.CheckpointState), nameof(Technique.CheckpointState)) ?? "null";
        BatchTransform = OneAtMost(techniques.Select(t => t.BatchTransform), nameof(Technique.BatchTransform));
        AfterTraining = OneAtMost(techniques.Select(t => t.AfterTraining(Names)), nameof(Technique.AfterTraining));
        LoopParameters = techniques.Select(t => t.LoopParameter(Names)).OfType<(string Parameter, string Argument)>().ToArray();
    }

    public Recipe Recipe { get; }

    public TrainerNames Names { get; }

    /// <summary>The recipe's techniques, in loop order.</summary>
    public IReadOnlyList<Technique> Techniques { get; }

    /// <summary>The loop's ε parameter and its default when ε varies between runs of one trainer; null otherwise.</summary>
    public (string Name, string Default)? EpsilonParameter { get; }

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

        if (Emitting.BatchStepEmitter.UsesClassSmoothing(recipe))
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

    /// <summary>The one technique's contribution to a slot of the loop, or null; two would be a generator bug.</summary>
    private static T? OneAtMost<T>(IEnumerable<T?> contributions, string slot)
    {
        var present = contributions.Where(contribution => contribution is not null).ToList();
        return present.Count <= 1 ? present.FirstOrDefault()
            : throw new System.InvalidOperationException($"Two techniques fill the loop's {slot}; it takes one.");
    }
}
