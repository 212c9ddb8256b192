using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Optimizers;

/// <summary>
/// The parameters of one optimizer group as views of one contiguous buffer, so that an update is a handful of kernels
/// over the whole model instead of a handful per parameter tensor (the idea of apex's FusedAdam and DeepSpeed's
/// contiguous buffers). Written here because TorchSharp exposes neither PyTorch's foreach nor its fused optimizers.
/// </summary>
/// <remarks>
/// Each parameter keeps its identity (module fields, state_dict names, the optimizer's per-parameter state all still
/// refer to it); only its storage moves into the buffer. Gradients are set to none between steps, as PyTorch's
/// <c>zero_grad</c> does by default, and gathered into one flat gradient by a single concatenation: cheaper than
/// zeroing each gradient and letting backward add into it. Parameters that a load gave fresh storage are put back at
/// the next step (<see cref="EnsureInBuffer"/>); a model moved to another device or type is stepped parameter by
/// parameter.
/// </remarks>
internal sealed class FlatParameters : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly long[] _offsets;
    private readonly Tensor[] _views;
    private readonly IntPtr _valuesAddress;

    private FlatParameters(Parameter[] parameters, Tensor values)
    {
        _parameters = parameters;
        Values = values;
        _valuesAddress = StorageAddress(values);
        _offsets = new long[parameters.Length];
        _views = new Tensor[parameters.Length];
        var offset = 0L;
        using var noGrad = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            _offsets[i] = offset;
            _views[i] = View(values, i);
            _views[i].copy_(parameters[i]);
            parameters[i].set_(_views[i]);
            offset += parameters[i].numel();
        }
    }

    /// <summary>All parameter values, one after another in the group's order.</summary>
    public Tensor Values { get; }

    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>
    /// The group's parameters moved into one buffer, or null when they cannot share one: none, sparse, on several
    /// devices or of several element types, listed twice, or already sharing a storage.
    /// </summary>
    public static FlatParameters? TryCreate(IEnumerable<Parameter> group)
    {
        var parameters = group.ToArray();
        if (parameters.Length == 0
            || parameters.Any(p => p.is_sparse || !p.is_floating_point() || p.device_type != parameters[0].device_type || p.device_index != parameters[0].device_index || p.dtype != parameters[0].dtype)
            || parameters.Select(p => p.Handle).Distinct().Count() != parameters.Length
            || SharesStorage(parameters))
        {
            return null;
        }

        var values = zeros(parameters.Sum(p => p.numel()), parameters[0].dtype, parameters[0].device).DetachFromDisposeScope();
        return new FlatParameters(parameters, values);
    }

    /// <summary>
    /// Whether two parameters already share a storage: a recurrent layer on a GPU keeps its weights in one buffer of
    /// cuDNN's layout, which moving them would break (cuDNN would copy them back on every call).
    /// </summary>
    private static bool SharesStorage(Parameter[] parameters)
    {
        var addresses = parameters.Select(StorageAddress).Where(address => address != IntPtr.Zero).ToArray();
        return addresses.Distinct().Count() != addresses.Length;
    }

    /// <summary>A fresh zero buffer laid out as <see cref="Values"/> for one kind of optimizer state.</summary>
    public StateViews NewState() => new(this, zeros_like(Values).DetachFromDisposeScope());

    /// <summary>Parameter <paramref name="index"/>'s part of a buffer laid out as <see cref="Values"/>.</summary>
    public Tensor View(Tensor buffer, int index)
    {
        using var part = buffer.narrow(0, _offsets[index], _parameters[index].numel());
        return part.view(_parameters[index].shape).DetachFromDisposeScope();
    }

    /// <summary>
    /// Whether the parameters live in the buffer, putting them back when something gave them fresh storage on the same
    /// device (<c>set_</c>, a load that does not copy in place); false when they now have another device or element
    /// type (a model moved after its optimizer was built), and the caller steps them one by one. Every parameter's
    /// offset and the first one's storage tell: a fresh storage starts at offset 0.
    /// </summary>
    public bool EnsureInBuffer()
    {
        var first = _parameters[0];
        if (first.dtype != Values.dtype || first.device_type != Values.device_type || first.device_index != Values.device_index)
        {
            return false;
        }

        var inPlace = StorageAddress(first) == _valuesAddress;
        for (var i = 1; i < _parameters.Length && inPlace; i++)
        {
            inPlace = _parameters[i].storage_offset() == _offsets[i];
        }

        if (inPlace)
        {
            return true;
        }

        using var noGrad = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            _views[i].copy_(_parameters[i]);
            _parameters[i].set_(_views[i]);
        }

        return true;
    }

    /// <summary>
    /// Where a tensor's storage starts (TorchSharp 0.107 offers it through a typed storage only); 0 for types other
    /// than float32 and float64, whose storage is then not compared.
    /// </summary>
    private static IntPtr StorageAddress(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.dtype switch
        {
            ScalarType.Float32 => tensor.storage<float>().data_ptr(),
            ScalarType.Float64 => tensor.storage<double>().data_ptr(),
            _ => IntPtr.Zero,
        };
    }

    /// <summary>Where each parameter starts in the buffer, in elements.</summary>
    public IReadOnlyList<long> Offsets => _offsets;

    /// <summary>
    /// Every parameter's gradient, or null when a parameter has none (it took no part in the loss): TorchSharp's
    /// optimizers skip such a parameter, so the caller steps one by one.
    /// </summary>
    public Tensor[]? Gradients()
    {
        var gradients = new Tensor[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].grad is not { } gradient)
            {
                return null;
            }

            gradients[i] = gradient;
        }

        return gradients;
    }

    /// <summary><paramref name="gradients"/> (from <see cref="Gradients"/>) as one flat tensor laid out as <see cref="Values"/>.</summary>
    public static Tensor Gather(Tensor[] gradients) => cat(gradients.Select(gradient => gradient.reshape(-1)).ToArray());

    /// <summary>Sets every gradient to none: backward then hands over its gradient instead of adding into a zeroed one.</summary>
    public void ClearGradients()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad = null;
        }
    }

    public void Dispose()
    {
        foreach (var view in _views)
        {
            view.Dispose();
        }

        Values.Dispose();
    }
}

/// <summary>
/// One kind of optimizer state (a moment, a momentum) for a flat group: one buffer, and per parameter the view that
/// TorchSharp's per-parameter state holds, so state_dict keeps its format and loads in place.
/// </summary>
/// <remarks>
/// TorchSharp's state handling may dispose or replace the tensor it holds (loading a momentum buffer does both), so
/// it is handed its own handle of each view and the buffer keeps the originals; a replaced tensor's values are taken
/// back into the buffer at the next step.
/// </remarks>
internal sealed class StateViews : IDisposable
{
    private readonly Tensor[] _views;
    private readonly Tensor?[] _given;

    public StateViews(FlatParameters flat, Tensor buffer)
    {
        Buffer = buffer;
        _views = Enumerable.Range(0, flat.Parameters.Count).Select(i => flat.View(buffer, i)).ToArray();
        _given = new Tensor?[_views.Length];
    }

    /// <summary>The state of the whole group, laid out as the parameters' values.</summary>
    public Tensor Buffer { get; }

    /// <summary>
    /// Makes parameter <paramref name="index"/>'s state tensor its view again when something replaced it, moving
    /// the values it holds into the buffer. Leaves a state that does not exist (null) alone.
    /// </summary>
    public void Bind(int index, ref Tensor? state)
    {
        if (state is null || ReferenceEquals(state, _given[index]))
        {
            return;
        }

        using (no_grad())
        {
            _views[index].copy_(state);
        }

        state.Dispose();
        state = Give(index);
    }

    /// <summary>A new handle of parameter <paramref name="index"/>'s view, for its TorchSharp state to hold.</summary>
    public Tensor Give(int index) => _given[index] = _views[index].alias().DetachFromDisposeScope();

    public void Dispose()
    {
        foreach (var view in _views)
        {
            view.Dispose();
        }

        Buffer.Dispose();
    }
}
