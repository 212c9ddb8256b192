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
/// points, epoch-start lines, checkpoint parts): the TF32 switches, label noise in the data, dropout in the network,
/// the teacher (distillation), the targets' smoothing (per-class or one ε), the loss (cross-entropy or focal), image
/// augmentation, Mixup, temperature scaling, the ε sweep, the learning rate schedule, the bfloat16 copy (its float32
/// gradients before clipping), gradient clipping, early stopping. Changing it changes the generated output.
/// </remarks>
internal sealed class TrainerPlan
{
    private TrainerPlan(TrainerSpec spec, IReadOnlyList<Technique> techniques)
    {
        Recipe = spec.Recipe;
        Names = new TrainerNames(spec);
        Techniques = techniques;
        Smoothing = OneAtMost(techniques.OfType<ITargetSmoothing>(), nameof(ITargetSmoothing));
        Criterion = techniques.OfType<LossCriterion>().Single();
        EpsilonParameter = OneAtMost(techniques.Select(t => t.EpsilonParameter(Names)), nameof(Technique.EpsilonParameter));
        Epsilon = EpsilonParameter?.Name ?? $"{Names.Settings}.LabelSmoothing";
        CheckpointParts = techniques.Select(t => t.CheckpointPart).OfType<string>().ToArray();
        BatchTransform = OneAtMost(techniques.Select(t => t.BatchTransform), nameof(Technique.BatchTransform));
        // The hooks are pure, so asking with placeholder expressions finds the technique that fills the slot.
        MixBatch = OneAtMost(techniques.Where(t => t.MixBatch("targets") is not null), nameof(Technique.MixBatch));
        ModelCaller = OneAtMost(techniques.Where(t => t.CallModel("inputs") is not null), nameof(Technique.CallModel));
        CombineLoss = OneAtMost(techniques.Where(t => t.CombineLoss(Names, "loss", "inputs") is not null), nameof(Technique.CombineLoss));
        AfterTraining = OneAtMost(techniques.Select(t => t.AfterTraining(Names)), nameof(Technique.AfterTraining));
        LoopParameters = techniques.Select(t => t.LoopParameter(Names)).OfType<(string Parameter, string Argument)>().ToArray();
        var epochState = techniques.Select(t => t.EpochState(Names)).OfType<(string Type, string Name)>().ToList();
        if (EpsilonParameter is { } epsilon)
        {
            epochState.Add(("double", epsilon.Name));
        }

        EpochState = epochState;
        LoopConditions = techniques.Select(t => t.LoopCondition).OfType<string>().ToArray();
        EpochMetrics = techniques.Select(t => t.EpochMetric).OfType<string>().ToArray();
        ResultProperties = techniques.Select(t => t.ResultProperty).OfType<string>().ToArray();
    }

    public Recipe Recipe { get; }

    public TrainerNames Names { get; }

    /// <summary>The recipe's techniques, in loop order.</summary>
    public IReadOnlyList<Technique> Techniques { get; }

    /// <summary>The technique that smooths the targets, if any.</summary>
    public ITargetSmoothing? Smoothing { get; }

    /// <summary>The recipe's loss.</summary>
    public LossCriterion Criterion { get; }

    /// <summary>The technique that mixes each batch (inputs and targets), if any.</summary>
    public Technique? MixBatch { get; }

    /// <summary>The technique that runs the model on training batches (a bfloat16 copy), if any.</summary>
    public Technique? ModelCaller { get; }

    /// <summary>The expression that runs the model on a training batch's <paramref name="inputs"/>.</summary>
    public string CallModel(string inputs) => ModelCaller?.CallModel(inputs) ?? $"model.call({inputs})";

    /// <summary>The technique that adds to the loss on the labels (a student's teacher term), if any.</summary>
    public Technique? CombineLoss { get; }

    /// <summary>The loop's ε parameter and its default when ε varies between runs of one trainer; null otherwise.</summary>
    public (string Name, string Default)? EpsilonParameter { get; }

    /// <summary>The C# expression of ε inside the loop: the parameter, or the recipe's constant.</summary>
    public string Epsilon { get; }

    /// <summary>The variables whose state every checkpoint keeps beside the model's, in plan order.</summary>
    public IReadOnlyList<string> CheckpointParts { get; }

    /// <summary>What each training batch's stored inputs go through, if anything.</summary>
    public string? BatchTransform { get; }

    /// <summary>The lines that score the test split after training, when a technique replaces the plain evaluation.</summary>
    public (string[] Lines, string ResultArgument)? AfterTraining { get; }

    /// <summary>What the loop takes besides the model and the options.</summary>
    public IReadOnlyList<(string Parameter, string Argument)> LoopParameters { get; }

    /// <summary>What one epoch's pass takes besides the loop's own state: the techniques' state, then a swept ε.</summary>
    public IReadOnlyList<(string Type, string Name)> EpochState { get; }

    /// <summary>What must hold for the loop to start another epoch, besides the epoch count.</summary>
    public IReadOnlyList<string> LoopConditions { get; }

    /// <summary>The properties each epoch's metrics are initialised with besides the learning rate.</summary>
    public IReadOnlyList<string> EpochMetrics { get; }

    /// <summary>The properties the training result is initialised with.</summary>
    public IReadOnlyList<string> ResultProperties { get; }

    public static TrainerPlan For(TrainerSpec spec) => new(spec, TechniquesOf(spec.Recipe));

    /// <summary>
    /// Every technique, in plan order, as the function that returns its unit for a recipe that uses it (else null).
    /// Adding a technique is adding its line here.
    /// </summary>
    private static readonly System.Func<Recipe, Technique?>[] Units =
    [
        Precision.From,
        LabelNoise.From,
        Dropout.From,
        Distillation.From,
        ClassSmoothing.From,
        LabelSmoothing.From,
        LossCriterion.From,
        ImageAugmentation.From,
        Mixup.From,
        TemperatureScaling.From,
        LabelSmoothingSweep.From,
        LearningRateSchedule.From,
        BFloat16Training.From,
        GradientClipping.From,
        EarlyStopping.From,
    ];

    /// <summary>The techniques <paramref name="recipe"/> uses, in plan order.</summary>
    public static IReadOnlyList<Technique> TechniquesOf(Recipe recipe) => Units.Select(unit => unit(recipe)).OfType<Technique>().ToList();

    /// <summary>The one technique's contribution to a slot of the loop, or null; two would be a generator bug.</summary>
    private static T? OneAtMost<T>(IEnumerable<T?> contributions, string slot)
    {
        var present = contributions.Where(contribution => contribution is not null).ToList();
        return present.Count <= 1 ? present.FirstOrDefault()
            : throw new System.InvalidOperationException($"Two techniques fill the loop's {slot}; it takes one.");
    }
}
