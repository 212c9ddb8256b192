using System;
using RecipeDsl.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Networks;

/// <summary>
/// One pre-norm decoder block of a causal language model, as GPT-2 has it: x + attention(norm(x)), then
/// x + MLP(norm(x)), the MLP 4 × wide with GELU. Attention is causal (position t sees positions 0…t) through libtorch's
/// scaled_dot_product_attention, which fuses the mask, softmax and dropout. Written out because TorchSharp's
/// TransformerEncoderLayer is post-norm and sequence-first only.
/// </summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm attentionNorm;
    private readonly Linear queryKeyValue;
    private readonly Linear attentionOutput;
    private readonly Dropout attentionDropout;
    private readonly LayerNorm mlpNorm;
    private readonly Linear expand;
    private readonly Linear contract;
    private readonly Dropout mlpDropout;
    private readonly long _heads;
    private readonly double _dropout;

    /// <param name="width">d_model: the width of every position's vector; a multiple of <paramref name="heads"/>.</param>
    /// <param name="layers">The model's block count: the residual outputs start scaled by 1/√(2·layers), as in GPT-2.</param>
    public TransformerBlock(long width, long heads, double dropout, int layers, string name = "block")
        : base(name)
    {
        if (heads <= 0 || width % heads != 0)
        {
            throw new ArgumentException($"d_model {width} is not a multiple of heads {heads}.", nameof(heads));
        }

        _heads = heads;
        _dropout = dropout;
        attentionNorm = nn.LayerNorm(width);
        queryKeyValue = nn.Linear(width, 3 * width);
        attentionOutput = nn.Linear(width, width);
        attentionDropout = nn.Dropout(dropout);
        mlpNorm = nn.LayerNorm(width);
        expand = nn.Linear(width, 4 * width);
        contract = nn.Linear(4 * width, width);
        mlpDropout = nn.Dropout(dropout);
        RegisterComponents();

        // GPT-2's initialisation: N(0, 0.02) weights, zero biases, residual projections scaled down by depth.
        var residualStd = 0.02 / Math.Sqrt(2.0 * Math.Max(layers, 1));
        foreach (var (linear, std) in new[] { (queryKeyValue, 0.02), (attentionOutput, residualStd), (expand, 0.02), (contract, residualStd) })
        {
            nn.init.normal_(linear.weight!, std: std);
            nn.init.zeros_(linear.bias!);
        }
    }

    /// <summary>(batch, time, width) → (batch, time, width); position t depends on positions 0…t only.</summary>
    public override Tensor forward(Tensor x)
    {
        var (batch, time, width) = (x.shape[0], x.shape[1], x.shape[2]);
        var headWidth = width / _heads;
        // (batch, time, 3·width) → three (batch, heads, time, headWidth) tensors.
        var qkv = queryKeyValue.call(attentionNorm.call(x)).view(batch, time, 3, _heads, headWidth).permute(2, 0, 3, 1, 4);
        var attended = nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], p: training ? _dropout : 0.0, is_casual: true);
        var merged = attended.transpose(1, 2).reshape(batch, time, width);
        x = x.add(attentionDropout.call(attentionOutput.call(merged)), HeldScalars.One);
        return x.add(mlpDropout.call(contract.call(nn.functional.gelu(expand.call(mlpNorm.call(x))))), HeldScalars.One);
    }
}
