using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// One training technique as the generated trainer carries it out: everything the technique adds to the trainer,
/// in one class. The trainer emitter asks no technique whether it is on; it walks the techniques a recipe has
/// (<see cref="TrainerPlan"/>, in the documented order) and writes what each contributes at each point of the loop.
/// Every hook writes nothing unless the technique overrides it. The hooks that fill one slot of the loop
/// (<see cref="BatchTransform"/>, <see cref="MixBatch"/>, <see cref="CombineLoss"/>, <see cref="AfterTraining"/>,
/// <see cref="EpsilonParameter"/>) take at most one technique each: <see cref="TrainerPlan"/> refuses a second.
/// How the loss itself is formed is two more roles: the one <see cref="ITargetSmoothing"/> and the one
/// <see cref="LossCriterion"/> of the plan.
/// </summary>
/// <remarks>
/// Still outside the units: fine-tuning from <c>model.pretrained</c> (a way to start, not a technique) and the
/// next-token task's step. The model hooks reach every generated network (<see cref="AfterHiddenLayer"/>: a gru's
/// outputs, a transformer's embeddings); the parser keeps techniques with model members away from custom models.
/// </remarks>
internal abstract class Technique
{
    /// <summary>A few words for the recipe's one-line summary (catalog, doc comments), such as "focal loss γ 2".</summary>
    public virtual string? Summary(Recipe recipe) => null;

    /// <summary>Where <see cref="Summary"/> goes: with the network, after the data, or with the training (most).</summary>
    public virtual SummaryPlace SummaryPlace => SummaryPlace.Training;

    /// <summary>Constants among the data settings, before the data description (<c>LabelNoise</c>).</summary>
    public virtual IEnumerable<string> DataSettings() => [];

    /// <summary>Properties the recipe's <c>DataDescription</c> is initialised with, such as <c>LabelNoise = LabelNoise,</c>.</summary>
    public virtual IEnumerable<string> DataDescription() => [];

    /// <summary>
    /// Layers a generated network applies after its hidden layer <paramref name="index"/> (0-based; for a gru, index 0
    /// is its outputs), in forward order: each one is a field called on the running activations.
    /// </summary>
    public virtual IEnumerable<ModelLayer> AfterHiddenLayer(int index) => [];

    /// <summary>Words for the generated network's doc comment, after its layers (", " is added): "dropout 0.25 after each hidden layer".</summary>
    public virtual string? DescribeModel() => null;

    /// <summary>The technique's recipe constants, for <c>&lt;Name&gt;Recipe</c>: written only for recipes that use it.</summary>
    public virtual IEnumerable<string> Settings(Recipe recipe) => [];

    /// <summary>Lines of the generated model's constructor, before <c>RegisterComponents()</c>.</summary>
    public virtual IEnumerable<string> ModelConstruction() => [];

    /// <summary>Members of the generated model class, before <c>forward</c>.</summary>
    public virtual void EmitModelMembers(SourceWriter writer)
    {
    }

    /// <summary>Whether the technique replaces the parameterless <c>Train</c> with its own (a student trains its teacher first).</summary>
    public virtual bool ReplacesDefaultEntryPoint => false;

    /// <summary>
    /// When ε varies between runs of one trainer: the loop's ε parameter and what the public <c>Train</c> passes for it.
    /// </summary>
    public virtual (string Name, string Default)? EpsilonParameter(TrainerNames names) => null;

    /// <summary>Public methods beside <c>Train(options)</c>: other ways in, such as a sweep or a saved teacher.</summary>
    public virtual void EmitEntryPoints(SourceWriter writer, TrainerNames names)
    {
    }

    /// <summary>What the training loop takes besides the model (", Teacher teacher"), with the argument that passes it on.</summary>
    public virtual (string Parameter, string Argument)? LoopParameter(TrainerNames names) => null;

    /// <summary>Lines after the model is on the device and before the optimizer exists: state the loop needs.</summary>
    public virtual IEnumerable<string> Prepare(TrainerNames names) => [];

    /// <summary>
    /// Lines after the optimizer exists and <c>batches</c> is known, before a checkpoint is restored: state that lives
    /// with the loop (a schedule of the optimizer, early stopping's best weights).
    /// </summary>
    public virtual IEnumerable<string> PrepareLoop(TrainerNames names) => [];

    /// <summary>The variable of the technique's <c>ICheckpointPart</c>, whose state every checkpoint keeps.</summary>
    public virtual string? CheckpointPart => null;

    /// <summary>What must stay true for the loop to start another epoch, besides the epoch count.</summary>
    public virtual string? LoopCondition => null;

    /// <summary>
    /// What one epoch's pass needs of the technique's state, as (type, variable): a parameter of the generated
    /// <c>TrainEpoch</c>, passed the variable of the same name.
    /// </summary>
    public virtual (string Type, string Name)? EpochState(TrainerNames names) => null;

    /// <summary>Lines at the start of every epoch, after <c>model.train()</c>.</summary>
    public virtual IEnumerable<string> StartEpoch(TrainerNames names) => [];

    /// <summary>What <c>TrainBatch</c> applies to the stored inputs of each training batch, if anything.</summary>
    public virtual string? BatchTransform => null;

    /// <summary>
    /// The line that mixes each batch, given the expression of its targets (N, K): it declares the mixed inputs,
    /// returned as the variable the model is called on, and <c>targets</c>.
    /// </summary>
    public virtual (string Line, string Inputs)? MixBatch(string targets) => null;

    /// <summary>The loss of the step from the loss on the labels (a student adds its teacher's term).</summary>
    public virtual (string[] Lines, string Loss)? CombineLoss(TrainerNames names, string labelLoss, string inputs) => null;

    /// <summary>
    /// The expression that runs the model on a training batch's inputs, when the technique runs it (a bfloat16 copy);
    /// null keeps <c>model.call(inputs)</c>.
    /// </summary>
    public virtual string? CallModel(string inputs) => null;

    /// <summary>Lines between <c>loss.backward()</c> and <c>optimizer.step()</c>.</summary>
    public virtual IEnumerable<string> BeforeStep(TrainerNames names) => [];

    /// <summary>Lines after every <c>optimizer.step()</c>.</summary>
    public virtual IEnumerable<string> AfterStep(TrainerNames names) => [];

    /// <summary>Lines after the last batch of every epoch's pass over the training split, before validation.</summary>
    public virtual IEnumerable<string> EndTrainingPass(TrainerNames names) => [];

    /// <summary>A property the epoch's <c>EpochMetrics</c> is initialised with, such as <c>GradientNorm = …</c>.</summary>
    public virtual string? EpochMetric => null;

    /// <summary>Lines after an epoch's metrics are recorded, before its checkpoint.</summary>
    public virtual IEnumerable<string> EndEpoch(TrainerNames names) => [];

    /// <summary>Lines after the last epoch, before the test split is scored.</summary>
    public virtual IEnumerable<string> AfterLoop(TrainerNames names) => [];

    /// <summary>A property the <c>TrainingResult</c> is initialised with.</summary>
    public virtual string? ResultProperty => null;

    /// <summary>
    /// The lines that produce <c>test</c> after training, when the technique scores the test split itself, and the
    /// variable the result gets besides it; null keeps the plain test evaluation.
    /// </summary>
    public virtual (string[] Lines, string ResultArgument)? AfterTraining(TrainerNames names) => null;

    /// <summary>Private helpers of the trainer class, after the training loop.</summary>
    public virtual void EmitHelpers(SourceWriter writer, TrainerNames names)
    {
    }
}
