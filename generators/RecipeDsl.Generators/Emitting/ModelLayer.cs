namespace RecipeDsl.Generators.Emitting;

/// <summary>One layer of a generated network: a field of TorchSharp module type <paramref name="Type"/>, built by <paramref name="Construction"/>.</summary>
internal readonly record struct ModelLayer(string Type, string Field, string Construction);
