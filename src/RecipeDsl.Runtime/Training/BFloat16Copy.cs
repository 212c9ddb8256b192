using System;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>
/// bfloat16 training with float32 master weights (<c>training.precision: bf16</c>): each batch runs forward and
/// backward through a bfloat16 copy of the model; its gradients become the float32 model's, which the optimizer steps,
/// and the stepped weights are copied back into the copy. TorchSharp has no autocast, so the casts are explicit.
/// </summary>
/// <remarks>
/// The float32 model stays the model of record: evaluation, temperature scaling, early stopping, checkpoints and saved
/// weights all see it, so a resumed or saved run loses nothing to rounding, and the optimizer's state is float32.
/// Batch-norm layers stay float32 in the copy, as under autocast; buffers that training changes (their statistics) are
/// taken back after every epoch, and buffers it does not change are left exact, not rounded through bfloat16. The loss is computed from float32 logits, as autocast does.
/// One copy per parameter each way; gathering them into one buffer would save launches and has not been measured.
/// </remarks>
public sealed class BFloat16Copy<TModel> : IDisposable where TModel : nn.Module<Tensor, Tensor>
{
    private readonly TModel _copy;
    private readonly (Parameter Master, Parameter Copy)[] _parameters;
    private readonly (Tensor Master, Tensor Copy)[] _buffers;

    /// <param name="master">The float32 model the optimizer steps, on its training device.</param>
    /// <param name="copy">A fresh instance of the same model (its weights are overwritten), moved here to bfloat16.</param>
    /// <param name="log">Where a run on a CPU says that bf16 is usually slower there.</param>
    public BFloat16Copy(TModel master, TModel copy, TextWriter? log, string recipeName)
    {
        var device = master.parameters().FirstOrDefault()?.device
            ?? throw new ArgumentException("bf16 training needs a model with parameters.", nameof(master));
        if (device.type != DeviceType.CUDA)
        {
            log?.WriteLine($"{recipeName}: precision bf16 on the {device.type.ToString().ToLowerInvariant()}: usually slower than fp32 where the processor has no bfloat16 arithmetic");
        }

        _copy = copy;
        _copy.to(device).to(ScalarType.BFloat16);
        // Batch norm stays float32, as under autocast: its running statistics move by 10 % of a batch's difference,
        // steps that bfloat16's 8-bit significand would round away. libtorch normalises bfloat16 inputs with float32
        // weights and statistics, and its outputs stay bfloat16.
        foreach (var module in _copy.modules().OfType<TorchSharp.Modules.BatchNorm>())
        {
            module.to(ScalarType.Float32);
        }

        _parameters = Pair(master.named_parameters(), _copy.named_parameters(), "parameter");
        _buffers = Pair(master.named_buffers(), _copy.named_buffers(), "buffer");
    }

    /// <summary>The bfloat16 model (tests look inside).</summary>
    internal TModel Model => _copy;

    /// <summary>At the start of an epoch's pass: the copy takes the float32 weights and buffers (a restored checkpoint, early stopping's weights) and training mode.</summary>
    public void StartEpoch()
    {
        using (no_grad())
        {
            foreach (var (master, copy) in _buffers)
            {
                copy.copy_(master);
            }
        }

        CopyWeights();
        _copy.train();
    }

    /// <summary>The batch through the copy: floating-point inputs as bfloat16 (token ids as they are), float32 logits out.</summary>
    public Tensor Forward(Tensor inputs)
    {
        var input = inputs.is_floating_point() ? inputs.to(ScalarType.BFloat16) : inputs;
        return _copy.call(input).to(ScalarType.Float32);
    }

    /// <summary>After backward: the copy's gradients, as float32, become the model's; the copy's are cleared.</summary>
    public void GradientsToMaster()
    {
        foreach (var (master, copy) in _parameters)
        {
            if (copy.grad is { } gradient)
            {
                using (gradient)
                using (var single = gradient.to(ScalarType.Float32))
                {
                    // The parameter keeps its own reference to the gradient; this handle is not needed after.
                    master.grad = single;
                }

                copy.grad = null;
            }
        }
    }

    /// <summary>After the optimizer's step: its float32 weights, rounded, into the copy.</summary>
    public void CopyWeights()
    {
        using var noGrad = no_grad();
        foreach (var (master, copy) in _parameters)
        {
            copy.copy_(master);
        }
    }

    /// <summary>At the end of an epoch's pass: buffers the pass changed (batch-norm statistics) into the float32 model.</summary>
    public void EndEpoch()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (master, copy) in _buffers)
        {
            if (!copy.allclose(master.to(copy.dtype), rtol: 0, atol: 0))
            {
                master.copy_(copy);
            }
        }
    }

    public void Dispose() => _copy.Dispose();

    private static (T Master, T Copy)[] Pair<T>(
        System.Collections.Generic.IEnumerable<(string Name, T Tensor)> master,
        System.Collections.Generic.IEnumerable<(string Name, T Tensor)> copy, string kind) where T : Tensor
    {
        var masters = master.ToArray();
        var copies = copy.ToArray();
        if (masters.Length != copies.Length || masters.Zip(copies, (m, c) => m.Name == c.Name && m.Tensor.shape.SequenceEqual(c.Tensor.shape)).Contains(false))
        {
            throw new ArgumentException($"The bfloat16 copy's {kind}s do not match the model's: it must be a fresh instance of the same model.");
        }

        return masters.Zip(copies, (m, c) => (m.Tensor, c.Tensor)).ToArray();
    }
}
