using System;
using RecipeDsl.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Networks;

/// <summary>
/// A language model's input: each token's learned vector plus its position's, GPT-2's learned absolute positions,
/// both initialised N(0, 0.02). <see cref="TokenWeights"/> is the matrix a tied output layer reuses.
/// </summary>
public sealed class TokenEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Embedding tokens;
    private readonly Embedding positions;
    private readonly long _positions;

    /// <param name="positions">The longest sequence the model takes (one row per position).</param>
    public TokenEmbedding(long vocabulary, long width, long positions, string name = "embedding")
        : base(name)
    {
        _positions = positions;
        tokens = nn.Embedding(vocabulary, width);
        this.positions = nn.Embedding(positions, width);
        RegisterComponents();
        nn.init.normal_(tokens.weight!, std: 0.02);
        nn.init.normal_(this.positions.weight!, std: 0.02);
    }

    /// <summary>The token embedding's weights (vocabulary, width): logits = x · Wᵀ when the output is tied.</summary>
    public Tensor TokenWeights => tokens.weight!;

    /// <summary>Token ids (batch, time) → vectors (batch, time, width).</summary>
    public override Tensor forward(Tensor input)
    {
        var time = input.shape[1];
        if (time > _positions)
        {
            throw new ArgumentException($"A sequence of {time} tokens is longer than the model's {_positions} positions.", nameof(input));
        }

        using var scope = NewDisposeScope();
        using var start = 0L.ToScalar();
        using var stop = time.ToScalar();
        var positionIds = arange(start, stop, dtype: ScalarType.Int64, device: input.device);
        // Position vectors (time, width) broadcast over the batch.
        return tokens.call(input).add(positions.call(positionIds), HeldScalars.One).MoveToOuterDisposeScope();
    }
}
