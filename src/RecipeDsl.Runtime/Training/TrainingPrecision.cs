namespace RecipeDsl.Training;

/// <summary>A recipe's <c>training.precision</c>: the arithmetic of training's matrix products and convolutions.</summary>
public enum TrainingPrecision
{
    /// <summary>Float32 throughout, TF32 off for CUDA matmuls and cuDNN convolutions (PyTorch allows it for convolutions by default).</summary>
    Fp32,

    /// <summary>Float32 storage; CUDA matmuls and cuDNN convolutions may round their inputs to TF32 (10-bit mantissa). No effect on a CPU.</summary>
    Tf32,

    /// <summary>Forward and backward on a bfloat16 copy of the model; the optimizer steps float32 master weights.</summary>
    Bf16,
}
