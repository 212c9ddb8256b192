using System.IO;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>Loads the weights a recipe fine-tunes from (<c>model.pretrained</c>).</summary>
public static class PretrainedWeights
{
    /// <summary>Loads <paramref name="path"/> into <paramref name="model"/>, in the format its extension names (<see cref="ModelWeights"/>).</summary>
    /// <exception cref="UnusableFileException">The file does not exist or does not fit the model; the message names the recipe and the resolved path.</exception>
    public static void Load(nn.Module model, string path, string recipe)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new UnusableFileException(
                fullPath,
                $"Recipe '{recipe}': model.pretrained names '{path}', which does not exist (relative paths resolve against the working directory, here '{fullPath}'). "
                + "Save weights with 'recipedsl train <recipe> --save-model <file>'.");
        }

        try
        {
            ModelWeights.Load(model, fullPath, recipe);
        }
        catch (UnusableFileException e)
        {
            // Not "train this recipe": its model would load the same file first.
            throw new UnusableFileException(fullPath,
                $"Recipe '{recipe}': model.pretrained '{path}' does not fit its model ({UnusableFileException.Reason(e.InnerException ?? e)}). "
                + "Name weights saved from a model with the same layers (recipedsl train <recipe> --save-model <file>), or remove model.pretrained.",
                e.InnerException);
        }
    }
}
