using TorchSharp;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>The device training runs on, and a sentence saying why, for the run's output.</summary>
public sealed record SelectedDevice(Device Device, string Description);

public static class Devices
{
    public static SelectedDevice Select(DevicePreference preference)
    {
        var cudaAvailable = preference != DevicePreference.Cpu && cuda.is_available();
        return preference switch
        {
            DevicePreference.Cpu => new SelectedDevice(CPU, "cpu (asked for)"),
            _ when cudaAvailable => new SelectedDevice(CUDA, $"cuda ({cuda.device_count()} device(s); {(preference == DevicePreference.Auto ? "auto" : "asked for")})"),
            DevicePreference.Cuda => new SelectedDevice(CPU, "cpu (cuda was asked for but is not available: the loaded libtorch has no CUDA or no GPU is visible)"),
            _ => new SelectedDevice(CPU, "cpu (auto: no CUDA device)"),
        };
    }
}
