namespace RecipeDsl.Losses;

/// <summary>How label smoothing spreads ε over K classes. The two differ: for the same ε they give different losses.</summary>
public enum SmoothingConvention
{
    /// <summary>PyTorch's <c>CrossEntropyLoss(label_smoothing=ε)</c>: target = (1−ε)·onehot + ε/K (the true class gets 1−ε+ε/K).</summary>
    Uniform,

    /// <summary>fairseq's convention (and the seed article's manual class): 1−ε on the true class, ε/(K−1) on every other class.</summary>
    OffTarget,
}
