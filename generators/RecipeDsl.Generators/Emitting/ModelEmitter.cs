using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Generators.Techniques;
using RecipeDsl.Language.Model;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Emitting;

/// <summary>Writes the recipe's network as a TorchSharp module class with one field per layer.</summary>
internal static class ModelEmitter
{
    private readonly record struct Layer(string Type, string Field, string Construction);

    public static void Emit(SourceWriter writer, TrainerPlan plan)
    {
        var recipe = plan.Recipe;
        var spec = recipe.Model;
        var className = recipe.Name + "Model";
        var layers = new List<Layer>();
        var forward = new List<string>();
        // data.input_shape: [C, H, W] images or [F] features; every size below follows from it.
        var shape = recipe.Data.InputShape;
        var features = InputFeatures(recipe);

        if (spec.Architecture == Architecture.Gru)
        {
            EmitRecurrent(writer, recipe);
            return;
        }

        if (spec.Architecture == Architecture.Cnn)
        {
            var channelsIn = shape[0];
            int height = shape[1], width = shape[2];
            for (var i = 0; i < spec.Channels.Count; i++)
            {
                var n = Literals.Int(i + 1);
                layers.Add(new Layer("Conv2d", "conv" + n, $"{Nn}.Conv2d({Literals.Int(channelsIn)}, {Literals.Int(spec.Channels[i])}, kernel_size: 3, padding: 1)"));
                layers.Add(new Layer("MaxPool2d", "pool" + n, $"{Nn}.MaxPool2d(2)"));
                forward.Add($"{(i == 0 ? "var x" : "x")} = pool{n}.call({Functional}.relu(conv{n}.call({(i == 0 ? "input" : "x")})));");
                channelsIn = spec.Channels[i];
                height /= 2;
                width /= 2;
            }

            features = channelsIn * height * width;
            layers.Add(new Layer("Flatten", "flatten", $"{Nn}.Flatten()"));
            forward.Add("x = flatten.call(x);");
        }
        else
        {
            layers.Add(new Layer("Flatten", "flatten", $"{Nn}.Flatten()"));
            forward.Add("var x = flatten.call(input);");
        }

        for (var i = 0; i < spec.HiddenSizes.Count; i++)
        {
            var n = Literals.Int(i + 1);
            layers.Add(new Layer("Linear", "hidden" + n, $"{Nn}.Linear({Literals.Int(features)}, {Literals.Int(spec.HiddenSizes[i])})"));
            forward.Add($"x = {Functional}.relu(hidden{n}.call(x));");
            if (spec.Dropout[i] > 0)
            {
                layers.Add(new Layer("Dropout", "dropout" + n, $"{Nn}.Dropout({Literals.Double(spec.Dropout[i])})"));
                forward.Add($"x = dropout{n}.call(x);");
            }

            features = spec.HiddenSizes[i];
        }

        layers.Add(new Layer("Linear", "output", $"{Nn}.Linear({Literals.Int(features)}, {Literals.Int(recipe.Classes)})"));
        forward.Add("return output.call(x);");

        writer.WriteLine($"/// <summary>The network of recipe <c>{recipe.Name}</c>: {Literals.Xml(Describe(recipe))}.</summary>");
        writer.WriteLine(GeneratedCode);
        writer.OpenBlock($"internal sealed class {className} : {Nn}.Module<{Tensor}, {Tensor}>");
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

        foreach (var line in plan.Techniques.SelectMany(technique => technique.ModelConstruction()))
        {
            writer.WriteLine("    " + line);
        }

        writer.WriteLine("    RegisterComponents();");
        writer.WriteLine("}");
        writer.WriteLine();
        foreach (var technique in plan.Techniques)
        {
            technique.EmitModelMembers(writer);
        }

        writer.OpenBlock($"public override {Tensor} forward({Tensor} input)");
        writer.WriteLines(forward.ToArray());
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>A next-token language model: embedding, GRU layers, then a linear map to one logit per token.</summary>
    private static void EmitRecurrent(SourceWriter writer, Recipe recipe)
    {
        var spec = recipe.Model;
        var className = recipe.Name + "Model";
        var size = Literals.Int(spec.HiddenSizes[0]);
        var vocabulary = Literals.Int(recipe.Classes);
        var dropout = spec.Dropout[0];
        writer.WriteLine($"/// <summary>The network of recipe <c>{recipe.Name}</c>: {Literals.Xml(Describe(recipe))}.</summary>");
        writer.WriteLine(GeneratedCode);
        writer.OpenBlock($"internal sealed class {className} : {Nn}.Module<{Tensor}, {Tensor}>");
        writer.WriteLine($"private readonly {Modules}.Embedding embedding;");
        writer.WriteLine($"private readonly {Modules}.GRU gru;");
        if (dropout > 0)
        {
            writer.WriteLine($"private readonly {Modules}.Dropout dropout;");
        }

        writer.WriteLine($"private readonly {Modules}.Linear output;");
        writer.WriteLine();
        writer.WriteLine($"public {className}()");
        writer.WriteLine($"    : base(nameof({className}))");
        writer.WriteLine("{");
        writer.WriteLine($"    embedding = {Nn}.Embedding({vocabulary}, {size}, padding_idx: 0);");
        writer.WriteLine($"    gru = {Nn}.GRU({size}, {size}, numLayers: {Literals.Int(spec.HiddenSizes.Count)}, batchFirst: true);");
        if (dropout > 0)
        {
            writer.WriteLine($"    dropout = {Nn}.Dropout({Literals.Double(dropout)});");
        }

        writer.WriteLine($"    output = {Nn}.Linear({size}, {vocabulary});");
        writer.WriteLine("    RegisterComponents();");
        writer.WriteLine("}");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Token ids (batch, time) → logits (batch, time, vocabulary); position t has seen tokens 0..t only.</summary>");
        writer.OpenBlock($"public override {Tensor} forward({Tensor} input)");
        writer.WriteLine("var (states, _) = gru.call(embedding.call(input));");
        writer.WriteLine(dropout > 0 ? "return output.call(dropout.call(states));" : "return output.call(states);");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static string Describe(Recipe recipe)
    {
        var spec = recipe.Model;
        var dense = string.Join(" → ", spec.HiddenSizes.Select(Literals.Int));
        var dropout = spec.Dropout.All(p => p == 0) ? ""
            : spec.Dropout.Distinct().Count() == 1 ? $", dropout {Literals.Number(spec.Dropout[0])} after each hidden layer"
            : $", dropout {string.Join(" / ", spec.Dropout.Select(Literals.Number))} after the hidden layers";
        if (spec.Architecture == Architecture.Gru)
        {
            var layers = spec.HiddenSizes.Count == 1 ? "1 GRU layer" : $"{spec.HiddenSizes.Count} GRU layers";
            var gruDropout = spec.Dropout[0] > 0 ? $", dropout {Literals.Number(spec.Dropout[0])} on its outputs" : "";
            return $"a next-token language model: embedding of {recipe.Classes} tokens into {spec.HiddenSizes[0]} dimensions, {layers} of {spec.HiddenSizes[0]}{gruDropout}, logits over {recipe.Classes} tokens";
        }

        return spec.Architecture == Architecture.Cnn
            ? $"{spec.Channels.Count} conv blocks on [{string.Join(", ", recipe.Data.InputShape)}] ({string.Join(", ", spec.Channels.Select(Literals.Int))} channels, 3×3, ReLU, 2×2 max-pool), then dense {dense} → {recipe.Classes}{dropout}"
            : $"a multilayer perceptron {InputFeatures(recipe)} → {dense} → {recipe.Classes} with ReLU{dropout}";
    }

    /// <summary>The values of one example, flattened.</summary>
    private static int InputFeatures(Recipe recipe) => recipe.Data.InputShape.Aggregate(1, (product, size) => product * size);
}
