using System;
using System.Linq;
using RecipeDsl.Networks;
using RecipeDsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Training;

public sealed class BFloat16CopyTests
{
    /// <summary>A model with a batch-norm layer (statistics training changes) and a constant buffer (one it does not).</summary>
    private sealed class Normalised : nn.Module<Tensor, Tensor>
    {
        private readonly Linear _first = nn.Linear(6, 8);
        private readonly BatchNorm1d _norm = nn.BatchNorm1d(8);
        private readonly Linear _second = nn.Linear(8, 3);
        private readonly Tensor _scale = tensor(1.2345678f);

        public Normalised() : base(nameof(Normalised)) => RegisterComponents();

        public Tensor Scale => _scale;

        public override Tensor forward(Tensor input) => _second.call(_norm.call(_first.call(input))) * _scale;
    }

    /// <summary>A GRU language model, as the generated gru recipes build one.</summary>
    private sealed class Recurrent : nn.Module<Tensor, Tensor>
    {
        private readonly Embedding _embedding = nn.Embedding(20, 8);
        private readonly GRU _gru = nn.GRU(8, 16, batchFirst: true);
        private readonly Linear _head = nn.Linear(16, 20);

        public Recurrent() : base(nameof(Recurrent)) => RegisterComponents();

        public override Tensor forward(Tensor input)
        {
            var (output, _) = _gru.call(_embedding.call(input));
            return _head.call(output);
        }
    }

    /// <summary>A one-block transformer from the runtime's own layers.</summary>
    private sealed class Decoder : nn.Module<Tensor, Tensor>
    {
        private readonly TokenEmbedding _embedding = new(20, 16, 8);
        private readonly TransformerBlock _block = new(16, 2, 0.1, 1);
        private readonly Linear _head = nn.Linear(16, 20);

        public Decoder() : base(nameof(Decoder)) => RegisterComponents();

        public override Tensor forward(Tensor input) => _head.call(_block.call(_embedding.call(input)));
    }

    [Fact]
    public void The_copy_runs_in_bfloat16_and_hands_float32_gradients_to_the_model()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var master = new Normalised();
        using var copy = new BFloat16Copy<Normalised>(master, new Normalised(), log: null, "test");
        copy.StartEpoch();
        var inputs = randn(16, 6);
        var labels = randint(0, 3, 16);
        var reference = new Normalised();
        reference.load_state_dict(master.state_dict());
        reference.train();

        var logits = copy.Forward(inputs);
        nn.functional.cross_entropy(logits, labels).backward();
        copy.GradientsToMaster();
        nn.functional.cross_entropy(reference.call(inputs), labels).backward();

        Assert.Equal(ScalarType.Float32, logits.dtype);
        foreach (var (parameter, expected) in master.parameters().Zip(reference.parameters()))
        {
            Assert.Equal(ScalarType.Float32, parameter.grad!.dtype);
            // bfloat16 arithmetic: near the float32 pass's gradient, not equal to it.
            Assert.True(parameter.grad.allclose(expected.grad!, rtol: 0.1, atol: 0.02), "gradient far from float32's");
        }

        Assert.False(master.parameters().First().grad!.allclose(reference.parameters().First().grad!, rtol: 0, atol: 0));
        Assert.All(copy.Model.parameters(), parameter => Assert.Null(parameter.grad));
    }

    [Fact]
    public void After_a_step_the_copy_holds_the_float32_weights_rounded()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var master = new Normalised();
        using var copy = new BFloat16Copy<Normalised>(master, new Normalised(), log: null, "test");
        using var optimizer = new RecipeDsl.Optimizers.AdamW(master.parameters(), lr: 0.01);
        copy.StartEpoch();

        nn.functional.cross_entropy(copy.Forward(randn(16, 6)), randint(0, 3, 16)).backward();
        copy.GradientsToMaster();
        optimizer.step();
        copy.CopyWeights();

        var mastersFirst = master.parameters().First();
        var copysFirst = copy.Model.parameters().First();
        Assert.Equal(ScalarType.BFloat16, copysFirst.dtype);
        Assert.True(copysFirst.equal(mastersFirst.to(ScalarType.BFloat16)).all().item<bool>());
        Assert.Null(copysFirst.grad);
    }

    [Fact]
    public void Batch_norm_statistics_come_back_after_the_epoch_and_unchanged_buffers_stay_exact()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var master = new Normalised();
        using var copy = new BFloat16Copy<Normalised>(master, new Normalised(), log: null, "test");
        var before = master.named_buffers().ToDictionary(b => b.name, b => b.buffer.clone());
        copy.StartEpoch();

        copy.Forward(randn(32, 6) * 3 + 1);
        copy.EndEpoch();

        var after = master.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        var runningMean = after.Keys.Single(name => name.EndsWith("running_mean", StringComparison.Ordinal));
        Assert.False(after[runningMean].allclose(before[runningMean], rtol: 0, atol: 0));
        Assert.Equal(1L, after[after.Keys.Single(name => name.EndsWith("num_batches_tracked", StringComparison.Ordinal))].item<long>());
        Assert.Equal(1.2345678f, master.Scale.item<float>());
        Assert.All(after.Values, buffer => Assert.NotEqual(ScalarType.BFloat16, buffer.dtype));
        // Batch norm ran in float32 in the copy: its statistics are exactly those of a float32 layer on the same inputs.
        Assert.All(copy.Model.named_buffers().Where(b => b.name.Contains("running", StringComparison.Ordinal)), b => Assert.Equal(ScalarType.Float32, b.buffer.dtype));
    }

    [Fact]
    public void Batch_norm_statistics_track_small_changes_that_bfloat16_would_round_away()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var master = new Normalised();
        using var copy = new BFloat16Copy<Normalised>(master, new Normalised(), log: null, "test");
        var inputs = randn(64, 6);
        copy.StartEpoch();

        // The same batch sixty times: a float32 running mean reaches 1 − 0.9⁶⁰ (99.8 %) of the batch mean; bfloat16
        // statistics would stop moving once a step (10 % of the gap) fell below half their last bit, about 2 % short.
        for (var step = 0; step < 60; step++)
        {
            copy.Forward(inputs);
        }

        copy.EndEpoch();
        var runningMean = master.named_buffers().Single(b => b.name.EndsWith("running_mean", StringComparison.Ordinal)).buffer;
        // What the layer normalises: the copy's first (bfloat16) layer's outputs.
        var first = (nn.Module<Tensor, Tensor>)copy.Model.named_children().First().module;
        var batchMean = first.call(inputs.to(ScalarType.BFloat16)).to(ScalarType.Float32).mean(new long[] { 0 });
        Assert.True(runningMean.allclose(batchMean, rtol: 0.004, atol: 1e-4), $"running mean {runningMean.str()} against the batch mean {batchMean.str()}");
    }

    [Fact]
    public void A_gru_and_a_transformer_train_in_bfloat16_on_the_cpu()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        TrainsThroughCopy(new Recurrent(), new Recurrent());
        TrainsThroughCopy(new Decoder(), new Decoder());
    }

    [Fact]
    public void A_copy_of_another_model_is_refused()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => new BFloat16Copy<nn.Module<Tensor, Tensor>>(new Recurrent(), new Decoder(), log: null, "test"));

        Assert.Contains("must be a fresh instance of the same model", error.Message);
    }

    [Fact]
    public void A_cpu_run_says_bf16_is_usually_slower_there()
    {
        using var scope = NewDisposeScope();
        var log = new System.IO.StringWriter();

        using var copy = new BFloat16Copy<Normalised>(new Normalised(), new Normalised(), log, "Recipe");

        Assert.StartsWith("Recipe: precision bf16 on the cpu: usually slower than fp32", log.ToString());
    }

    private static void TrainsThroughCopy<T>(T master, T fresh) where T : nn.Module<Tensor, Tensor>
    {
        using var copy = new BFloat16Copy<T>(master, fresh, log: null, "test");
        using var optimizer = new RecipeDsl.Optimizers.AdamW(master.parameters(), lr: 0.01);
        var tokens = randint(0, 20, new long[] { 4, 8 });
        var losses = new double[5];
        copy.StartEpoch();
        for (var step = 0; step < losses.Length; step++)
        {
            optimizer.zero_grad();
            var logits = copy.Forward(tokens);
            var loss = nn.functional.cross_entropy(logits.reshape(-1, 20), tokens.reshape(-1));
            loss.backward();
            copy.GradientsToMaster();
            optimizer.step();
            copy.CopyWeights();
            losses[step] = loss.item<float>();
        }

        Assert.All(losses, loss => Assert.True(double.IsFinite(loss)));
        Assert.True(losses[^1] < losses[0], $"{typeof(T).Name}: losses {string.Join(", ", losses)}");
    }

}
