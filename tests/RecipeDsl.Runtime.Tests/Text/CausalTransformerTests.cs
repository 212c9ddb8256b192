using RecipeDsl.Networks;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Text;

public sealed class CausalTransformerTests
{
    /// <summary>The generated transformer's layout: embedding, blocks, final norm, tied output.</summary>
    private sealed class TinyDecoder : nn.Module<Tensor, Tensor>
    {
        private readonly TokenEmbedding embedding;
        private readonly TorchSharp.Modules.ModuleList<TransformerBlock> blocks;
        private readonly TorchSharp.Modules.LayerNorm norm;

        public TinyDecoder()
            : base(nameof(TinyDecoder))
        {
            embedding = new TokenEmbedding(50, 16, positions: 12);
            blocks = nn.ModuleList(new TransformerBlock(16, 4, 0.0, layers: 2), new TransformerBlock(16, 4, 0.0, layers: 2));
            norm = nn.LayerNorm(16);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var x = embedding.call(input);
            foreach (var block in blocks)
            {
                x = block.call(x);
            }

            return nn.functional.linear(norm.call(x), embedding.TokenWeights);
        }
    }

    [Fact]
    public void Changing_token_t_plus_one_never_changes_the_logits_at_t_or_before()
    {
        manual_seed(3);
        using var model = new TinyDecoder();
        model.eval();
        using var scope = NewDisposeScope();
        var tokens = randint(50, new long[] { 2, 10 }, dtype: ScalarType.Int64);
        var changed = tokens.clone();
        changed[TensorIndex.Colon, 6] = (tokens[TensorIndex.Colon, 6] + 1) % 50;

        var before = model.call(tokens);
        var after = model.call(changed);

        Assert.True(before.narrow(1, 0, 6).allclose(after.narrow(1, 0, 6), rtol: 0, atol: 1e-6));
        Assert.False(before.narrow(1, 6, 1).allclose(after.narrow(1, 6, 1), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void A_width_that_is_not_a_multiple_of_the_heads_is_refused()
    {
        var error = Assert.Throws<System.ArgumentException>(() => new TransformerBlock(30, 4, 0.1, layers: 1));

        Assert.Contains("not a multiple of heads 4", error.Message);
    }

    [Fact]
    public void A_sequence_longer_than_the_positions_is_refused()
    {
        using var embedding = new TokenEmbedding(10, 8, positions: 4);
        using var tokens = zeros(new long[] { 1, 5 }, dtype: ScalarType.Int64);

        Assert.Throws<System.ArgumentException>(() => embedding.call(tokens));
    }
}
