using RecipeDsl.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>
/// Mixup (Zhang et al. 2018): a batch is mixed with a shuffled copy of itself, inputs and soft targets alike,
/// x̃ = λx + (1−λ)x[π], ỹ = λy + (1−λ)y[π], with λ ~ Beta(α, α) drawn once per batch. The targets come in already
/// smoothed (if the recipe smooths), so smoothing happens once. Partners are a random permutation π of the batch,
/// so a batch of any size, an odd last one included, is mixed; an example π maps onto itself stays unmixed.
/// </summary>
public sealed class Mixup : ICheckpointPart
{
    private readonly double _alpha;
    private readonly double _probability;
    private readonly BetaSampler _sampler;
    private readonly Generator _partners;

    /// <param name="probability">The chance that a batch is mixed at all.</param>
    public Mixup(double alpha, double probability, int seed)
    {
        _alpha = alpha;
        _probability = probability;
        _sampler = new BetaSampler(seed);
        _partners = new Generator((ulong)seed + 1);
    }

    /// <summary>Mixes one batch. Returns the inputs and targets to train on, and λ (1 when the batch was left as it is).</summary>
    public (Tensor Inputs, Tensor Targets, double Lambda) Apply(Tensor inputs, Tensor targets)
    {
        if (_probability < 1 && _sampler.NextUniform() >= _probability)
        {
            return (inputs, targets, 1.0);
        }

        var lambda = _sampler.NextBeta(_alpha, _alpha);
        using var own = lambda.ToScalar();
        using var other = (1 - lambda).ToScalar();
        var partner = randperm(inputs.shape[0], generator: _partners).to(inputs.device);
        var mixedInputs = inputs.mul(own).add_(inputs.index_select(0, partner).mul(other), alpha: HeldScalars.One);
        var mixedTargets = targets.mul(own).add_(targets.index_select(0, partner).mul(other), alpha: HeldScalars.One);
        return (mixedInputs, mixedTargets, lambda);
    }

    public string CheckpointName => "mixup";

    /// <summary>Writes the state of both generators, for checkpoints.</summary>
    public void Save(System.IO.BinaryWriter writer)
    {
        _sampler.Save(writer);
        Checkpoints.WriteState(writer, _partners.get_state());
    }

    public void Restore(System.IO.BinaryReader reader)
    {
        _sampler.Restore(reader);
        _partners.set_state(Checkpoints.ReadState(reader));
    }
}
