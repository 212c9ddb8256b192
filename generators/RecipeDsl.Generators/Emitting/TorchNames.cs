namespace RecipeDsl.Generators.Emitting;

/// <summary>
/// The names generated code uses for TorchSharp and the runtime, written once. Generated files import torch's members
/// as TorchSharp's own examples do (<c>using static TorchSharp.torch;</c>: <c>nn.Linear</c>, <c>Tensor</c>,
/// <c>randperm</c>) and name the runtime's namespaces by using aliases (<see cref="Aliases"/>), all declared inside
/// <c>namespace RecipeDsl.Recipes</c>: there they are found before anything of the user's global namespace or global
/// usings, and no generated name can clash with them (every generated type ends in Recipe, Model or Trainer, or is
/// RecipeCatalog).
/// </summary>
internal static class TorchNames
{
    /// <summary>TorchSharp's <c>torch.nn</c> through the file's <c>using static global::TorchSharp.torch;</c>.</summary>
    public const string Nn = "nn";
    public const string Tensor = "Tensor";
    public const string Functional = "nn.functional";
    public const string Modules = "Modules";
    public const string TrainingAlias = "Training";
    public const string LossesAlias = "Losses";
    public const string OptimizersAlias = "Optimizers";
    public const string DataAlias = "RecipeData";
    public const string NetworksAlias = "Networks";
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"RecipeDsl.Generators\", \"1.0.0\")]";

    /// <summary>The usings at the top of the recipes' namespace in every generated file.</summary>
    public static readonly string[] Aliases =
    [
        "using Losses = global::RecipeDsl.Losses;",
        "using Modules = global::TorchSharp.Modules;",
        "using Networks = global::RecipeDsl.Networks;",
        "using Optimizers = global::RecipeDsl.Optimizers;",
        "using RecipeData = global::RecipeDsl.Data;",
        "using Training = global::RecipeDsl.Training;",
        "using static global::TorchSharp.torch;",
    ];
}
