namespace RecipeDsl.Generators.Emitting;

/// <summary>One layer of a generated network: a field of type <paramref name="Type"/> (as written, such as <c>Modules.Linear</c>), built by <paramref name="Construction"/>.</summary>
internal readonly record struct ModelLayer(string Type, string Field, string Construction);
