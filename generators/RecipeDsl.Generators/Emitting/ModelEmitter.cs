using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Data;
using RecipeDsl.Generators.Techniques;
using RecipeDsl.Language.Model;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Emitting;

/// <summary>Writes the recipe's network as a TorchSharp module class with one field per layer.</summary>
internal static class ModelEmitter
{
    public static void Emit(SourceWriter writer, TrainerPlan plan)
    {
        var recipe = plan.Recipe;
        var spec = recipe.Model;
        var layers = new List<ModelLayer>();
        var forward = new List<string>();
        // data.input_shape: [C, H, W] images or [F] features; every size below follows from it.
        var shape = recipe.Data.InputShape;
        var features = InputFeatures(recipe);

        if (spec.Architecture == Architecture.Gru)
        {
            EmitRecurrent(writer, plan);
            return;
        }

        if (spec.Transformer is { } transformer)
        {
            EmitTransformer(writer, plan, transformer);
            return;
        }

        if (spec.Architecture == Architecture.Cnn)
        {
            var channelsIn = shape[0];
            int height = shape[1], width = shape[2];
            for (var i = 0; i < spec.Channels.Count; i++)
            {
                var n = Literals.Int(i + 1);
                layers.Add(new ModelLayer($"{Modules}.Conv2d", "conv" + n, $"{Nn}.Conv2d({Literals.Int(channelsIn)}, {Literals.Int(spec.Channels[i])}, kernel_size: 3, padding: 1)"));
                layers.Add(new ModelLayer($"{Modules}.MaxPool2d", "pool" + n, $"{Nn}.MaxPool2d(2)"));
                forward.Add($"{(i == 0 ? "var x" : "x")} = pool{n}.call({Functional}.relu(conv{n}.call({(i == 0 ? "input" : "x")})));");
                channelsIn = spec.Channels[i];
                height /= 2;
                width /= 2;
            }

            features = channelsIn * height * width;
            layers.Add(new ModelLayer($"{Modules}.Flatten", "flatten", $"{Nn}.Flatten()"));
            forward.Add("x = flatten.call(x);");
        }
        else
        {
            layers.Add(new ModelLayer($"{Modules}.Flatten", "flatten", $"{Nn}.Flatten()"));
            forward.Add("var x = flatten.call(input);");
        }

        for (var i = 0; i < spec.HiddenSizes.Count; i++)
        {
            var n = Literals.Int(i + 1);
            layers.Add(new ModelLayer($"{Modules}.Linear", "hidden" + n, $"{Nn}.Linear({Literals.Int(features)}, {Literals.Int(spec.HiddenSizes[i])})"));
            forward.Add($"x = {Functional}.relu(hidden{n}.call(x));");
            AddTechniqueLayers(plan, i, layers, forward);
            features = spec.HiddenSizes[i];
        }

        layers.Add(new ModelLayer($"{Modules}.Linear", "output", $"{Nn}.Linear({Literals.Int(features)}, {Literals.Int(recipe.Classes)})"));
        forward.Add("return output.call(x);");

        EmitClassStart(writer, plan, layers);
        EmitConstructorEnd(writer, plan);

        writer.OpenBlock($"public override {Tensor} forward({Tensor} input)");
        writer.WriteLines(forward.ToArray());
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>A next-token language model: embedding, GRU layers, then a linear map to one logit per token.</summary>
    private static void EmitRecurrent(SourceWriter writer, TrainerPlan plan)
    {
        var recipe = plan.Recipe;
        var spec = recipe.Model;
        var size = Literals.Int(spec.HiddenSizes[0]);
        var vocabulary = Literals.Int(recipe.Classes);
        var layers = new List<ModelLayer>
        {
            // The arithmetic corpus pads with id 0, whose vector then stays zero; text pads with end-of-text, a real token.
            new($"{Modules}.Embedding", "embedding", $"{Nn}.Embedding({vocabulary}, {size}{(recipe.Data.Source == DataSource.Arithmetic ? ", padding_idx: 0" : "")})"),
            new($"{Modules}.GRU", "gru", $"{Nn}.GRU({size}, {size}, numLayers: {Literals.Int(spec.HiddenSizes.Count)}, batchFirst: true)"),
        };
        var forward = new List<string> { "var (x, _) = gru.call(embedding.call(input));" };
        AddTechniqueLayers(plan, 0, layers, forward);
        layers.Add(new ModelLayer($"{Modules}.Linear", "output", $"{Nn}.Linear({size}, {vocabulary})"));
        forward.Add("return output.call(x);");

        EmitClassStart(writer, plan, layers);
        EmitConstructorEnd(writer, plan);
        writer.WriteLine("/// <summary>Token ids (batch, time) → logits (batch, time, vocabulary); position t has seen tokens 0..t only.</summary>");
        writer.OpenBlock($"public override {Tensor} forward({Tensor} input)");
        writer.WriteLines(forward.ToArray());
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>
    /// A decoder-only language model (GPT-2's layout): token and position embeddings, pre-norm causal blocks, a final
    /// norm, and logits through the token embedding's weights when tied, or an output layer.
    /// </summary>
    private static void EmitTransformer(SourceWriter writer, TrainerPlan plan, TransformerSpec transformer)
    {
        var recipe = plan.Recipe;
        var width = Literals.Int(transformer.Width);
        var vocabulary = Literals.Int(recipe.Classes);
        var block = $"new {NetworksAlias}.TransformerBlock({width}, {Literals.Int(transformer.Heads)}, {Literals.Double(recipe.Model.Dropout[0])}, layers: {Literals.Int(transformer.Layers)})";
        var layers = new List<ModelLayer>
        {
            new($"{NetworksAlias}.TokenEmbedding", "embedding", $"new {NetworksAlias}.TokenEmbedding({vocabulary}, {width}, positions: {Literals.Int(DatasetFacts.Positions(recipe.Data))})"),
        };
        var forward = new List<string> { "var x = embedding.call(input);" };
        AddTechniqueLayers(plan, 0, layers, forward);
        layers.Add(new ModelLayer($"{Modules}.ModuleList<{NetworksAlias}.TransformerBlock>", "blocks",
            $"{Nn}.ModuleList({string.Join(", ", Enumerable.Repeat(block, transformer.Layers))})"));
        layers.Add(new ModelLayer($"{Modules}.LayerNorm", "norm", $"{Nn}.LayerNorm({width})"));
        if (!transformer.TieEmbeddings)
        {
            layers.Add(new ModelLayer($"{Modules}.Linear", "output", $"{Nn}.Linear({width}, {vocabulary}, hasBias: false)"));
        }

        EmitClassStart(writer, plan, layers);
        EmitConstructorEnd(writer, plan, transformer.TieEmbeddings ? [] :
        [
            "// GPT-2's initialisation, N(0, 0.02), as the embedding and the blocks initialise theirs.",
            "nn.init.normal_(output.weight!, std: 0.02);",
        ]);
        writer.WriteLine("/// <summary>Token ids (batch, time) → logits (batch, time, vocabulary); position t has seen tokens 0..t only.</summary>");
        writer.OpenBlock($"public override {Tensor} forward({Tensor} input)");
        writer.WriteLines(forward.ToArray());
        writer.OpenBlock("foreach (var block in blocks)");
        writer.WriteLine("x = block.call(x);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("x = norm.call(x);");
        writer.WriteLine(transformer.TieEmbeddings
            ? "// Tied: the output layer is the token embedding, transposed (Press and Wolf 2017)."
            : "// Untied: a separate output layer.");
        writer.WriteLine(transformer.TieEmbeddings ? $"return {Functional}.linear(x, embedding.TokenWeights);" : "return output.call(x);");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>
    /// The network's doc comment and class, the layers' fields, then the constructor up to its last layer (the caller
    /// closes it).
    /// </summary>
    private static void EmitClassStart(SourceWriter writer, TrainerPlan plan, IReadOnlyList<ModelLayer> layers)
    {
        var className = plan.Recipe.Name + "Model";
        writer.WriteLine($"/// <summary>The network of recipe <c>{plan.Recipe.Name}</c>: {Literals.Xml(Describe(plan))}.</summary>");
        writer.WriteLine(GeneratedCode);
        writer.OpenBlock($"internal sealed class {className} : {Nn}.Module<{Tensor}, {Tensor}>");
        foreach (var layer in layers)
        {
            writer.WriteLine($"private readonly {layer.Type} {layer.Field};");
        }

        writer.WriteLine();
        writer.WriteLine($"public {className}()");
        writer.WriteLine($"    : base(nameof({className}))");
        writer.WriteLine("{");
        foreach (var layer in layers)
        {
            writer.WriteLine($"    {layer.Field} = {layer.Construction};");
        }
    }

    /// <summary>
    /// The techniques' construction lines, <c>RegisterComponents()</c>, <paramref name="afterRegistration"/> (which needs
    /// the registered parameters), the end of the constructor, and the techniques' members.
    /// </summary>
    private static void EmitConstructorEnd(SourceWriter writer, TrainerPlan plan, IEnumerable<string>? afterRegistration = null)
    {
        foreach (var line in plan.Techniques.SelectMany(technique => technique.ModelConstruction()))
        {
            writer.WriteLine("    " + line);
        }

        writer.WriteLine("    RegisterComponents();");
        foreach (var line in afterRegistration ?? [])
        {
            writer.WriteLine("    " + line);
        }

        writer.WriteLine("}");
        writer.WriteLine();
        foreach (var technique in plan.Techniques)
        {
            technique.EmitModelMembers(writer);
        }
    }

    /// <summary>The techniques' layers after hidden layer <paramref name="index"/>, each called on the running <c>x</c>.</summary>
    private static void AddTechniqueLayers(TrainerPlan plan, int index, List<ModelLayer> layers, List<string> forward)
    {
        foreach (var layer in plan.Techniques.SelectMany(technique => technique.AfterHiddenLayer(index)))
        {
            layers.Add(layer);
            forward.Add($"x = {layer.Field}.call(x);");
        }
    }

    private static string Describe(TrainerPlan plan)
    {
        var recipe = plan.Recipe;
        var spec = recipe.Model;
        var dense = string.Join(" → ", spec.HiddenSizes.Select(Literals.Int));
        var techniques = string.Concat(plan.Techniques.Select(technique => technique.DescribeModel()).OfType<string>().Select(words => ", " + words));
        if (spec.Transformer is { } transformer)
        {
            var tied = transformer.TieEmbeddings ? ", output tied to the token embedding" : "";
            return $"a decoder-only transformer over {recipe.Classes} tokens: {transformer.Layers} pre-norm causal block{(transformer.Layers == 1 ? "" : "s")} of {transformer.Heads} heads, "
                + $"d_model {transformer.Width}, {DatasetFacts.Positions(recipe.Data)} positions{techniques}{tied}";
        }

        if (spec.Architecture == Architecture.Gru)
        {
            var layers = spec.HiddenSizes.Count == 1 ? "1 GRU layer" : $"{spec.HiddenSizes.Count} GRU layers";
            return $"a next-token language model: embedding of {recipe.Classes} tokens into {spec.HiddenSizes[0]} dimensions, {layers} of {spec.HiddenSizes[0]}{techniques}, logits over {recipe.Classes} tokens";
        }

        return spec.Architecture == Architecture.Cnn
            ? $"{spec.Channels.Count} conv blocks on [{string.Join(", ", recipe.Data.InputShape)}] ({string.Join(", ", spec.Channels.Select(Literals.Int))} channels, 3×3, ReLU, 2×2 max-pool), then dense {dense} → {recipe.Classes}{techniques}"
            : $"a multilayer perceptron {InputFeatures(recipe)} → {dense} → {recipe.Classes} with ReLU{techniques}";
    }

    /// <summary>The values of one example, flattened.</summary>
    private static int InputFeatures(Recipe recipe) => recipe.Data.InputShape.Aggregate(1, (product, size) => product * size);
}
