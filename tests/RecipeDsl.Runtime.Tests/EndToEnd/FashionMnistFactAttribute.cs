using System.IO;
using RecipeDsl.Recipes;
using Xunit;

namespace RecipeDsl.Runtime.Tests.EndToEnd;

/// <summary>
/// A test on the real Fashion-MNIST files, skipped with the reason shown where Debian's package is not installed.
/// CI installs it (.ci/run), so there the test always runs.
/// </summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        var folder = SmokeFashionRecipe.Data.Path!;
        if (!File.Exists(Path.Combine(folder, "train-images-idx3-ubyte.gz")))
        {
            Skip = $"Fashion-MNIST is not installed in {folder}: apt-get install dataset-fashion-mnist";
        }
    }
}
