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

    /// <summary>
    /// On a CUDA device, reseeds every CUDA generator from the recipe's seed and the epoch, so that the CUDA random state
    /// at the start of an epoch is a function of the two: TorchSharp 0.107 can neither read nor set a CUDA generator's
    /// state (its default generator is the CPU one), so a checkpoint cannot hold it, and a resumed run reseeds the same way
    /// instead. The CPU generator's state is saved in the checkpoint itself; on the CPU this does nothing.
    /// </summary>
    public static void SeedCudaForEpoch(int seed, int epoch, Device device)
    {
        if (device.type == TorchSharp.DeviceType.CUDA)
        {
            cuda.manual_seed_all(EpochSeed(seed, epoch));
        }
    }

    /// <summary>A seed for one epoch, far from the recipe seed and from every other epoch's (SplitMix64 of both).</summary>
    public static long EpochSeed(int seed, int epoch)
    {
        var state = ((ulong)(uint)seed << 32) | (uint)epoch;
        return (long)(Datasets.DatasetSplit.SplitMix64(ref state) >> 1);
    }

    /// <summary>A CPU generator for shuffling: each call of randperm on it gives the next epoch's fresh order.</summary>
    public static Generator ShuffleGenerator(int seed) => new((ulong)seed);
}
