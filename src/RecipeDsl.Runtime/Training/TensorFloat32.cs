using System;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>
/// Whether CUDA matmuls and cuDNN convolutions may round float32 inputs to TF32 (10-bit mantissa) for one training
/// run (<c>training.precision</c>). The switches are global to the process, so a run puts them back as it found them.
/// </summary>
/// <remarks>
/// libtorch's defaults differ by operation (matmuls fp32, cuDNN convolutions TF32), so a float32 recipe turns both off
/// and a tf32 recipe turns both on. Neither changes anything on a CPU.
/// </remarks>
public sealed class TensorFloat32 : IDisposable
{
    private readonly bool _matmulBefore;
    private readonly bool _convolutionBefore;

    private TensorFloat32(bool allowed)
    {
        _matmulBefore = backends.cuda.matmul.allow_tf32;
        _convolutionBefore = backends.cudnn.allow_tf32;
        Set(allowed, allowed);
    }

    /// <summary>Full float32 for the run (<c>precision: fp32</c>, and bf16's float32 parts).</summary>
    public static TensorFloat32 Off() => new(allowed: false);

    /// <summary>TF32 for the run's CUDA matmuls and convolutions (<c>precision: tf32</c>); on a CPU the run says it is float32.</summary>
    public static TensorFloat32 On(Device device, TextWriter? log, string recipeName)
    {
        if (device.type != DeviceType.CUDA)
        {
            log?.WriteLine($"{recipeName}: precision tf32 applies to CUDA matmuls and convolutions only; on the {device.type.ToString().ToLowerInvariant()} this run is fp32");
        }

        return new TensorFloat32(allowed: true);
    }

    public void Dispose() => Set(_matmulBefore, _convolutionBefore);

    private static void Set(bool matmul, bool convolution)
    {
        backends.cuda.matmul.allow_tf32 = matmul;
        backends.cudnn.allow_tf32 = convolution;
    }
}
