namespace RecipeDsl.Generators;

/// <summary>
/// A recipe file's path and text. <c>AdditionalText</c> objects are new on every run, so the pipeline compares
/// files by this value instead.
/// </summary>
internal readonly record struct RecipeFile(string Path, string Text);
