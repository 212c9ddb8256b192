using RecipeDsl.Language.Model;

namespace RecipeDsl.Generators;

/// <summary>A recipe that will get code, with what its trainer needs to know of other recipes and of user types.</summary>
/// <param name="ModelType">The C# type of its model: the generated one, or the user's <c>model.type</c>.</param>
/// <param name="TeacherModelType">The C# type of its teacher's model, for a student.</param>
internal sealed record TrainerSpec(Recipe Recipe, string ModelType, string? TeacherModelType);
