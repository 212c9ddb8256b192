using System;
using System.IO;

namespace RecipeDsl.Training;

/// <summary>
/// Draws from Beta(α, α) on the CPU with a seeded generator, so Mixup's λ sequence is the same on every device.
/// Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); Gamma by Marsaglia and Tsang (2000). The uniform source
/// is SplitMix64, whose whole state is one number, so a checkpoint can save and restore it.
/// </summary>
public sealed class BetaSampler
{
    private ulong _state;

    public BetaSampler(int seed) => _state = (ulong)seed;

    /// <summary>Uniform in [0, 1).</summary>
    public double NextUniform() => (Datasets.DatasetSplit.SplitMix64(ref _state) >> 11) * (1.0 / (1UL << 53));

    public double NextBeta(double alpha, double beta)
    {
        var x = NextGamma(alpha);
        var y = NextGamma(beta);
        if (x.Value > 0 && y.Value > 0 && !double.IsInfinity(x.Value + y.Value))
        {
            return x.Value / (x.Value + y.Value);
        }

        // For a small shape (α below about 0.05) Gamma draws underflow to 0, and 0 / 0 is NaN: the logarithms do
        // not underflow, and X / (X + Y) = 1 / (1 + e^(log Y − log X)).
        var difference = y.Log - x.Log;
        if (double.IsNaN(difference))
        {
            // Both logarithms are −∞ (α below about 1e-307): Beta(α, α) is then a fair coin between 0 and 1.
            return NextUniform() < 0.5 ? 0 : 1;
        }

        return difference > 0 ? Math.Exp(-difference) / (1 + Math.Exp(-difference)) : 1 / (1 + Math.Exp(difference));
    }

    public void Save(BinaryWriter writer) => writer.Write(_state);

    public void Restore(BinaryReader reader) => _state = reader.ReadUInt64();

    /// <summary>A Gamma(shape) draw, and its logarithm, which stays finite where the draw itself underflows.</summary>
    private (double Value, double Log) NextGamma(double shape)
    {
        if (shape < 1)
        {
            // Gamma(a) = Gamma(a + 1) · U^(1/a) for a < 1.
            var larger = NextGamma(shape + 1);
            var u = NextOpenUniform();
            return (larger.Value * Math.Pow(u, 1 / shape), larger.Log + Math.Log(u) / shape);
        }

        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = NextOpenUniform();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
            {
                return (d * v, Math.Log(d * v));
            }
        }
    }

    private double NextNormal() =>
        Math.Sqrt(-2 * Math.Log(NextOpenUniform())) * Math.Cos(2 * Math.PI * NextUniform());

    private double NextOpenUniform()
    {
        double u;
        do
        {
            u = NextUniform();
        }
        while (u == 0);

        return u;
    }
}
