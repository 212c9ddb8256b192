namespace RecipeDsl.Generators.Emitting;

/// <summary>Fully qualified names the emitted code uses, written once.</summary>
internal static class TorchNames
{
    public const string Torch = "global::TorchSharp.torch";
    public const string Tensor = "global::TorchSharp.torch.Tensor";
    public const string Functional = "global::TorchSharp.torch.nn.functional";
    public const string Modules = "global::TorchSharp.Modules";
    public const string Training = "global::RecipeDsl.Training";
    public const string Losses = "global::RecipeDsl.Losses";
    public const string Optimizers = "global::RecipeDsl.Optimizers";
    public const string Data = "global::RecipeDsl.Data";
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"RecipeDsl.Generators\", \"1.0.0\")]";
}
