namespace RecipeDsl.Generators.Techniques;

/// <summary>The type names of a recipe's generated classes, its model and its teacher.</summary>
internal sealed class TrainerNames
{
    public TrainerNames(TrainerSpec spec)
    {
        Settings = spec.Recipe.Name + "Recipe";
        Model = spec.ModelType;
        Trainer = spec.Recipe.Name + "Trainer";
        Teacher = spec.Recipe.Distillation?.Teacher ?? "";
        TeacherModel = spec.TeacherModelType ?? "";
    }

    public string Settings { get; }

    public string Model { get; }

    public string Trainer { get; }

    public string Teacher { get; }

    public string TeacherModel { get; }
}
