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
            throw new UnusableFileException(fullPath, $"Recipe '{recipe}': model.pretrained {char.ToLowerInvariant(e.Message[0])}{e.Message.Substring(1)}", e.InnerException);
        }
    }
}
