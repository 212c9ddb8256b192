using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Language.Model;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Emitting;

/// <summary>Writes the recipe's network as a TorchSharp module class with one field per layer.</summary>
internal static class ModelEmitter
{
    // The embedded digits: 1 channel of 28×28 pixels, 10 classes.
    private const int InputChannels = 1;
    private const int InputSide = 28;
    private const int Classes = 10;

    private readonly record struct Layer(string Type, string Field, string Construction);

    public static void Emit(SourceWriter writer, Recipe recipe, string className)
    {
        var spec = recipe.Model;
        var layers = new List<Layer>();
        var forward = new List<string>();
        var features = InputChannels * InputSide * InputSide;

        if (spec.Architecture == Architecture.Cnn)
        {
            var channelsIn = InputChannels;
            var side = InputSide;
            for (var i = 0; i < spec.Channels.Count; i++)
            {
                var n = Literals.Int(i + 1);
                layers.Add(new Layer("Conv2d", "conv" + n, $"{Torch}.nn.Conv2d({Literals.Int(channelsIn)}, {Literals.Int(spec.Channels[i])}, kernel_size: 3, padding: 1)"));
                layers.Add(new Layer("MaxPool2d", "pool" + n, $"{Torch}.nn.MaxPool2d(2)"));
                forward.Add($"{(i == 0 ? "var x" : "x")} = pool{n}.call({Functional}.relu(conv{n}.call({(i == 0 ? "input" : "x")})));");
                channelsIn = spec.Channels[i];
                side /= 2;
            }

            features = channelsIn * side * side;
            layers.Add(new Layer("Flatten", "flatten", $"{Torch}.nn.Flatten()"));
            forward.Add("x = flatten.call(x);");
        }
        else
        {
            layers.Add(new Layer("Flatten", "flatten", $"{Torch}.nn.Flatten()"));
            forward.Add("var x = flatten.call(input);");
        }

        for (var i = 0; i < spec.HiddenSizes.Count; i++)
        {
            var n = Literals.Int(i + 1);
            layers.Add(new Layer("Linear", "hidden" + n, $"{Torch}.nn.Linear({Literals.Int(features)}, {Literals.Int(spec.HiddenSizes[i])})"));
            forward.Add($"x = {Functional}.relu(hidden{n}.call(x));");
            if (spec.Dropout > 0)
            {
                layers.Add(new Layer("Dropout", "dropout" + n, $"{Torch}.nn.Dropout({recipe.Name}Recipe.Dropout)"));
                forward.Add($"x = dropout{n}.call(x);");
            }

            features = spec.HiddenSizes[i];
        }

        layers.Add(new Layer("Linear", "output", $"{Torch}.nn.Linear({Literals.Int(features)}, {Literals.Int(Classes)})"));
        forward.Add("return output.call(x);");

        writer.WriteLine($"/// <summary>The network of recipe <c>{recipe.Name}</c>: {Literals.Xml(Describe(recipe))}.</summary>");
        writer.WriteLine(GeneratedCode);
        writer.OpenBlock($"internal sealed class {className} : {Torch}.nn.Module<{Tensor}, {Tensor}>");
        foreach (var layer in layers)
        {
            writer.WriteLine($"private readonly {Modules}.{layer.Type} {layer.Field};");
        }

        writer.WriteLine();
        writer.WriteLine($"public {className}()");
        writer.WriteLine($"    : base(nameof({className}))");
        writer.WriteLine("{");
        foreach (var layer in layers)
        {
            writer.WriteLine($"    {layer.Field} = {layer.Construction};");
        }

        writer.WriteLine("    RegisterComponents();");
        writer.WriteLine("}");
        writer.WriteLine();
        writer.OpenBlock($"public override {Tensor} forward({Tensor} input)");
        writer.WriteLines(forward.ToArray());
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static string Describe(Recipe recipe)
    {
        var spec = recipe.Model;
        var dense = string.Join(" → ", spec.HiddenSizes.Select(Literals.Int));
        var dropout = spec.Dropout > 0 ? $", dropout {Literals.Number(spec.Dropout)} after each hidden layer" : "";
        return spec.Architecture == Architecture.Cnn
            ? $"{spec.Channels.Count} conv blocks ({string.Join(", ", spec.Channels.Select(Literals.Int))} channels, 3×3, ReLU, 2×2 max-pool), then dense {dense} → {Classes}{dropout}"
            : $"a multilayer perceptron {InputSide * InputSide} → {dense} → {Classes} with ReLU{dropout}";
    }
}
