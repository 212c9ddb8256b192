namespace RecipeDsl.Losses;

public enum LossReduction
{
    /// <summary>The mean over positions whose target is not the ignore index (PyTorch's convention).</summary>
    Mean,

    /// <summary>The sum over positions whose target is not the ignore index.</summary>
    Sum,

    /// <summary>One loss per position; ignored positions are 0.</summary>
    None,
}
