namespace RecipeDsl.Training;

/// <summary>A recipe's <c>training.device</c>.</summary>
public enum DevicePreference
{
    /// <summary>CUDA when this machine has it, else the CPU.</summary>
    Auto,
    Cpu,

    /// <summary>CUDA; when it is not available training goes on on the CPU and says so.</summary>
    Cuda,
}
