namespace RecipeDsl.Data;

/// <summary>
/// Where a recipe's examples come from: a named dataset (<c>data.dataset</c>) or the user's files in a format
/// (<c>data.format</c>). One enum, so that every later decision is one switch.
/// </summary>
public enum DataSource
{
    /// <summary>The 10,000 embedded MNIST digits (classification).</summary>
    Mnist,

    /// <summary>A synthetic, deterministic corpus of sums written out as characters, "BOS 27+58=85 EOS" (sequence).</summary>
    Arithmetic,

    /// <summary>Zalando's Fashion-MNIST: 60,000 + 10,000 IDX images of 10 clothing classes, read from files.</summary>
    FashionMnist,

    /// <summary>A folder in the MNIST layout: train-/t10k- images and labels in IDX files, optionally gzipped.</summary>
    Idx,

    /// <summary>torchvision's ImageFolder convention: one subfolder of images per class, optionally under train/ and test/.</summary>
    ImageFolder,

    /// <summary>A table with a header row: numeric feature columns and one label column.</summary>
    Csv,

    /// <summary>Tensors train_inputs, train_labels (and test_inputs, test_labels) in one safetensors file.</summary>
    Safetensors,

    /// <summary>UTF-8 text, one file or a folder of files (one document each), tokenized for next-token prediction (sequence).</summary>
    Text,
}
