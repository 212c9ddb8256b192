using System.Collections.Generic;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Mixup: batches mixed with a shuffled copy of themselves, λ ~ Beta(α, α). Its own seeded generators are part of
/// every checkpoint. (The mixing of inputs and soft targets is written with the loss, by <c>BatchStepEmitter</c>.)
/// </summary>
internal sealed class Mixup : Technique
{
    public override IEnumerable<string> Prepare(TrainerNames names) =>
        [$"var mixup = new {Training}.Mixup({names.Settings}.MixupAlpha, {names.Settings}.MixupProbability, {names.Settings}.Seed);"];

    public override string? CheckpointState => "mixup";
}
