using System;
using System.Collections.Generic;
using System.Numerics;
using System.Threading.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Optimizers;

/// <summary>
/// Adam's and AdamW's update of a flat float32 group on the CPU in one pass over memory: each element's value,
/// gradient and two moments are read once and written once. Stepping with tensor operations takes about twenty passes
/// (each operation reads and writes the whole group), and on a CPU a wide model's update is bound by memory traffic.
/// Written here because neither TorchSharp nor libtorch's C API offers a fused CPU Adam; the arithmetic is the
/// tensor path's, operation for operation (<see cref="AdamUpdate"/>), without fused multiply-adds, so vector and
/// scalar elements round alike and results do not depend on how the work is split.
/// </summary>
internal static class CpuAdamKernel
{
    /// <summary>Elements per work item: large enough to amortise scheduling, small enough to share among cores.</summary>
    private const int ChunkSize = 1 << 15;

    /// <summary>
    /// Groups smaller than this step on the calling thread: their pass takes well under a millisecond, and pool
    /// threads would only compete with libtorch's own, which spin for a while after each operation.
    /// </summary>
    private const long ParallelFrom = 1 << 20;

    /// <summary>The numbers of one step; <see cref="Shrink"/> is 1 for Adam, <see cref="Decay"/> 0 for AdamW.</summary>
    public readonly record struct Constants(
        float Shrink, float Decay, float Beta1, float Take1, float Beta2, float Take2, float Correction2, float Eps, float StepSize, bool Maximize);

    /// <summary>Whether a group on <paramref name="values"/>' device and type, with these gradients, can step here.</summary>
    public static bool Applies(Tensor values, Tensor[] gradients)
    {
        if (values.device_type != DeviceType.CPU || values.dtype != ScalarType.Float32)
        {
            return false;
        }

        foreach (var gradient in gradients)
        {
            if (gradient.dtype != ScalarType.Float32 || gradient.device_type != DeviceType.CPU || !gradient.is_contiguous())
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="offsets">Where each parameter starts in the flat buffers; <paramref name="gradients"/> in the same order.</param>
    public static unsafe void Step(Tensor values, Tensor expAvg, Tensor expAvgSq, Tensor[] gradients, IReadOnlyList<long> offsets, Constants constants)
    {
        using var scope = NewDisposeScope();
        var (p, m, v) = (Address(values), Address(expAvg), Address(expAvgSq));
        var work = new (nint Gradient, long Start, int Length)[WorkItems(gradients)];
        var item = 0;
        for (var i = 0; i < gradients.Length; i++)
        {
            var gradient = Address(gradients[i]);
            var length = gradients[i].NumberOfElements;
            for (long start = 0; start < length; start += ChunkSize)
            {
                // Gradient addresses are per parameter; Start indexes the flat buffers.
                work[item++] = (gradient + (nint)(start * sizeof(float)), offsets[i] + start, (int)Math.Min(ChunkSize, length - start));
            }
        }

        if (values.NumberOfElements < ParallelFrom)
        {
            foreach (var part in work)
            {
                Segment(p, m, v, part, constants);
            }

            return;
        }

        Parallel.For(0, work.Length, index => Segment(p, m, v, work[index], constants));
    }

    private static int WorkItems(Tensor[] gradients)
    {
        var count = 0;
        foreach (var gradient in gradients)
        {
            count += (int)((gradient.NumberOfElements + ChunkSize - 1) / ChunkSize);
        }

        return count;
    }

    private static unsafe void Segment(nint values, nint expAvg, nint expAvgSq, (nint Gradient, long Start, int Length) part, Constants c)
    {
        var p = (float*)values + part.Start;
        var m = (float*)expAvg + part.Start;
        var v = (float*)expAvgSq + part.Start;
        var g = (float*)part.Gradient;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (shrink, decay, beta1, take1, beta2, take2, correction2, eps, stepSize) = (new Vector<float>(c.Shrink), new Vector<float>(c.Decay),
                new Vector<float>(c.Beta1), new Vector<float>(c.Take1), new Vector<float>(c.Beta2), new Vector<float>(c.Take2),
                new Vector<float>(c.Correction2), new Vector<float>(c.Eps), new Vector<float>(c.StepSize));
            for (; i <= part.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var gradient = c.Maximize ? -Vector.Load(g + i) : Vector.Load(g + i);
                var value = Vector.Load(p + i);
                gradient += decay * value;
                value *= shrink;
                var first = Vector.Load(m + i) * beta1 + gradient * take1;
                var second = Vector.Load(v + i) * beta2 + gradient * gradient * take2;
                var denominator = Vector.SquareRoot(second) / correction2 + eps;
                (value + stepSize * (first / denominator)).Store(p + i);
                first.Store(m + i);
                second.Store(v + i);
            }
        }

        for (; i < part.Length; i++)
        {
            var gradient = c.Maximize ? -g[i] : g[i];
            var value = p[i];
            gradient += c.Decay * value;
            value *= c.Shrink;
            var first = m[i] * c.Beta1 + gradient * c.Take1;
            var second = v[i] * c.Beta2 + gradient * gradient * c.Take2;
            var denominator = MathF.Sqrt(second) / c.Correction2 + c.Eps;
            p[i] = value + c.StepSize * (first / denominator);
            m[i] = first;
            v[i] = second;
        }
    }

    /// <summary>A contiguous float32 CPU tensor's first element (TorchSharp 0.107 offers its storage's address only).</summary>
    private static unsafe nint Address(Tensor tensor) => tensor.storage<float>().data_ptr() + (nint)(tensor.storage_offset() * sizeof(float));
}
