using System;
using System.Collections.Generic;
using TorchSharp;

namespace RecipeDsl.Torch;

/// <summary>
/// Numbers as Scalars that stay alive until this object is disposed (one optimizer step, say), and
/// <see cref="One"/>, alive for the whole process.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 turns every bare number it is given into a Scalar that only its finalizer frees, and the garbage
/// collector may run that finalizer while the native call still reads the Scalar: the call then throws ("Unknown scalar
/// type") or silently uses a garbage value, more often the more the process allocates. Its own optimizers did this on
/// every step (<c>param.add_(grad, alpha: -lr)</c>), which made seeded runs depend on what ran before them. So does
/// every <c>a + b</c> and one-argument <c>add_</c>: TorchSharp passes a bare 1 as alpha; pass <see cref="One"/>.
/// The Compiler tests' BareScalarFinder keeps this library and generated trainers free of bare Scalars.
/// </remarks>
public sealed class HeldScalars : IDisposable
{
    /// <summary>The alpha of a plain sum, <c>a.add_(b, alpha: HeldScalars.One)</c>; held by this static field, never finalized.</summary>
    public static Scalar One { get; } = 1.ToScalar();

    /// <summary>Zero, held the same way.</summary>
    public static Scalar Zero { get; } = 0.ToScalar();

    private readonly List<Scalar> _held = new();

    /// <summary>A Scalar for <paramref name="value"/>, freed when this step's scalars are disposed.</summary>
    public Scalar Of(double value)
    {
        var scalar = value.ToScalar();
        _held.Add(scalar);
        return scalar;
    }

    public void Dispose()
    {
        foreach (var scalar in _held)
        {
            scalar.Dispose();
        }

        _held.Clear();
    }
}
