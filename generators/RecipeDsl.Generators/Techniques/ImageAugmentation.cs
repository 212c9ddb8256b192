using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// <c>data.augment</c>: random crops and flips of the stored training images, drawn per image from the recipe's seed
/// and the epoch (so a resumed run needs nothing in the checkpoint).
/// </summary>
internal sealed class ImageAugmentation : Technique
{
    public static Technique? From(Recipe recipe) => recipe.Data.Augment.Any ? new ImageAugmentation() : null;

    public override IEnumerable<string> Settings(Recipe recipe) =>
    [
        $"public const int RandomCrop = {Literals.Int(recipe.Data.Augment.RandomCrop)};",
        $"public const bool HorizontalFlip = {(recipe.Data.Augment.HorizontalFlip ? "true" : "false")};",
    ];

    public override IEnumerable<string> Prepare(TrainerNames names) =>
        [$"using var augmentation = new {DataAlias}.ImageAugmentation({names.Settings}.RandomCrop, {names.Settings}.HorizontalFlip, seed);"];

    public override (string Type, string Name)? EpochState(TrainerNames names) => ($"{DataAlias}.ImageAugmentation", "augmentation");

    public override IEnumerable<string> StartEpoch(TrainerNames names) => ["augmentation.StartEpoch(epoch);"];

    public override string? BatchTransform => "augmentation";
}
