using static TorchSharp.torch;

namespace RecipeDsl.Training;

public static class Seeding
{
    /// <summary>
    /// Seeds the CPU generator and, when CUDA is present, every CUDA generator too: <c>torch.manual_seed</c> alone
    /// seeds the CPU only, which leaves CUDA dropout masks unseeded.
    /// </summary>
    public static void SeedAll(int seed)
    {
        manual_seed(seed);
        if (cuda.is_available())
        {
            cuda.manual_seed_all(seed);
        }
    }

    /// <summary>A CPU generator for shuffling: each call of randperm on it gives the next epoch's fresh order.</summary>
    public static Generator ShuffleGenerator(int seed) => new((ulong)seed);
}
