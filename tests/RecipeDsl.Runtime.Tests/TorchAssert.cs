using System;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests;

internal static class TorchAssert
{
    public static void Close(double expected, Tensor actual, double tolerance = 1e-5) =>
        Close(expected, actual.to(float64).item<double>(), tolerance);

    public static void Close(double expected, double actual, double tolerance = 1e-5) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R} (tolerance {tolerance})");

    public static void AllClose(Tensor expected, Tensor actual, double tolerance = 1e-5) =>
        Assert.True(expected.allclose(actual, rtol: 0, atol: tolerance), $"expected {expected.ToString(TorchSharp.TensorStringStyle.Julia)}, got {actual.ToString(TorchSharp.TensorStringStyle.Julia)}");
}
