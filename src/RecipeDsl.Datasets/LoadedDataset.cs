using System.Collections.Generic;

namespace RecipeDsl.Datasets;

/// <summary>What a source holds: training examples, its own test examples when it has them, and the class names it found.</summary>
/// <param name="ClassNames">Names found in the data (folder names, CSV label strings); null when the data has only indices.</param>
/// <param name="Files">The files read, for <c>recipedsl data</c>.</param>
public sealed record LoadedDataset(ExampleSet Train, ExampleSet? Test, IReadOnlyList<string>? ClassNames, IReadOnlyList<string> Files);
