using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// One training technique as the generated trainer carries it out: everything the technique adds to the trainer,
/// in one class. The trainer emitter asks no technique whether it is on; it walks the techniques a recipe has
/// (<see cref="TrainerPlan"/>, in the documented order) and writes what each contributes at each point of the loop.
/// Every hook writes nothing unless the technique overrides it. The hooks that fill one slot of the loop
/// (<see cref="CheckpointState"/>, <see cref="BatchTransform"/>, <see cref="AfterTraining"/>,
/// <see cref="EpsilonParameter"/>) take at most one technique each: <see cref="TrainerPlan"/> refuses a second.
/// </summary>
/// <remarks>
/// Still outside the units (later steps of issue 10): label smoothing's own constants and every technique's loss term
/// (composed by <c>BatchStepEmitter</c>), fine-tuning from <c>model.pretrained</c>, and the analyzer rules. The model
/// hooks reach generated mlp and cnn models only; the parser keeps techniques with model members away from gru and
/// custom models.
/// </remarks>
internal abstract class Technique
{
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

    /// <summary>The object whose random state each checkpoint keeps, so that a resumed run draws what it would have drawn.</summary>
    public virtual string? CheckpointState => null;

    /// <summary>Lines at the start of every epoch, after <c>model.train()</c>.</summary>
    public virtual IEnumerable<string> StartEpoch(TrainerNames names) => [];

    /// <summary>What <c>TrainBatch</c> applies to the stored inputs of each training batch, if anything.</summary>
    public virtual string? BatchTransform => null;

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
