using System;

namespace RecipeDsl.Training;

/// <summary>
/// Draws from Beta(α, α) on the CPU with a seeded generator, so Mixup's λ sequence is the same on every device.
/// Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); Gamma by Marsaglia and Tsang (2000).
/// </summary>
public sealed class BetaSampler
{
    private readonly Random _random;

    public BetaSampler(int seed) => _random = new Random(seed);

    public double NextUniform() => _random.NextDouble();

    public double NextBeta(double alpha, double beta)
    {
        var x = NextGamma(alpha);
        var y = NextGamma(beta);
        return x / (x + y);
    }

    private double NextGamma(double shape)
    {
        if (shape < 1)
        {
            // Gamma(a) = Gamma(a + 1) · U^(1/a) for a < 1.
            return NextGamma(shape + 1) * Math.Pow(NextOpenUniform(), 1 / shape);
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
                return d * v;
            }
        }
    }

    private double NextNormal() =>
        Math.Sqrt(-2 * Math.Log(NextOpenUniform())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private double NextOpenUniform()
    {
        double u;
        do
        {
            u = _random.NextDouble();
        }
        while (u == 0);

        return u;
    }
}
