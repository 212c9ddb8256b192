namespace RecipeDsl.Generators.Techniques;

/// <summary>Where a technique's words go in the recipe's one-line summary.</summary>
internal enum SummaryPlace
{
    /// <summary>After the network's words, in the same part ("mlp [256, 256], dropout 0.1").</summary>
    Model,

    /// <summary>A part of its own after the data ("30 % label noise").</summary>
    Data,

    /// <summary>A part of its own after the optimizer: how the network is trained.</summary>
    Training,
}
