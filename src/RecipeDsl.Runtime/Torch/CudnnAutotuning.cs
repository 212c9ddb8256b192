using System;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace RecipeDsl.Torch;

/// <summary>
/// cuDNN autotuning (PyTorch's <c>torch.backends.cudnn.benchmark</c>): for each convolution shape cuDNN times its
/// algorithms once and keeps the fastest. Trainers turn it on for a GPU (<see cref="Training.Devices"/>).
/// </summary>
/// <remarks>
/// TorchSharp 0.107 exposes cuDNN's TF32 switch but not this one. libtorch's C++ API has it as
/// <c>at::globalContext().setBenchmarkCuDNN(bool)</c>; it is called here by its Itanium C++ ABI name in libtorch_cpu,
/// the library TorchSharp has already loaded. Where that library or name is not found (another platform, another
/// libtorch build), nothing changes and <see cref="TrySet"/> says so.
/// </remarks>
public static unsafe class CudnnAutotuning
{
    private const string GlobalContext = "_ZN2at13globalContextEv";
    private const string SetBenchmark = "_ZN2at7Context17setBenchmarkCuDNNEb";
    private const string GetBenchmark = "_ZNK2at7Context14benchmarkCuDNNEv";

    /// <summary>Turns autotuning on or off for the whole process; false when libtorch could not be reached.</summary>
    public static bool TrySet(bool on)
    {
        if (Context() is not { } context)
        {
            return false;
        }

        ((delegate* unmanaged<nint, byte, void>)context.Set)(context.Instance, on ? (byte)1 : (byte)0);
        return IsOn() == on;
    }

    /// <summary>Whether autotuning is on; null when libtorch could not be reached.</summary>
    public static bool? IsOn() =>
        Context() is { } context ? ((delegate* unmanaged<nint, byte>)context.Get)(context.Instance) != 0 : null;

    private static (nint Instance, nint Set, nint Get)? Context()
    {
        if (!OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libtorch_cpu.so", typeof(TorchSharp.torch).Assembly, null, out var library)
            || !NativeLibrary.TryGetExport(library, GlobalContext, out var globalContext)
            || !NativeLibrary.TryGetExport(library, SetBenchmark, out var set)
            || !NativeLibrary.TryGetExport(library, GetBenchmark, out var get))
        {
            return null;
        }

        return (((delegate* unmanaged<nint>)globalContext)(), set, get);
    }
}
