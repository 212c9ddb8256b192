using System.Linq;
using RecipeDsl.Generators.Techniques;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Emitting;

/// <summary>Writes <c>&lt;Name&gt;Recipe</c>: the recipe's values as constants, only those the recipe uses.</summary>
internal static class SettingsEmitter
{
    /// <remarks>The recipe's own constants first, then each technique's (<see cref="Technique.Settings"/>), in plan order.</remarks>
    public static void Emit(SourceWriter writer, TrainerPlan plan)
    {
        var recipe = plan.Recipe;
        var optimizer = recipe.Training.Optimizer;
        writer.WriteLine($"/// <summary>The settings of recipe <c>{recipe.Name}</c> ({Literals.Xml(recipe.FileName)}).</summary>");
        writer.WriteLine(GeneratedCode);
        writer.OpenBlock($"internal static class {recipe.Name}Recipe");
        writer.WriteLine($"public const string Name = {Literals.String(recipe.Name)};");
        writer.WriteLine($"public const string FileName = {Literals.String(recipe.FileName)};");
        if (recipe.Description is { } description)
        {
            writer.WriteLine($"public const string Description = {Literals.String(description)};");
        }

        writer.WriteLine($"public const string Role = {Literals.String(recipe.Model.Role.Spelling())};");
        writer.WriteLine($"public const string Task = {Literals.String(recipe.Task.Spelling())};");
        if (recipe.Task.PredictsNextToken())
        {
            writer.WriteLine($"public const int VocabularySize = {Literals.Int(recipe.Classes)};");
            writer.WriteLine($"public const int IgnoreIndex = {Literals.Int(recipe.Loss.IgnoreIndex)};");
        }
        else
        {
            writer.WriteLine($"public const int Classes = {Literals.Int(recipe.Classes)};");
        }

        writer.WriteLine($"public const double ValidationSplit = {Literals.Double(recipe.Data.ValidationSplit)};");
        writer.WriteLine($"public const int BatchSize = {Literals.Int(recipe.Data.BatchSize)};");
        writer.WriteLine($"public const int Seed = {Literals.Int(recipe.Data.Seed)};");
        writer.WriteLine($"public const string Labels = {Literals.String(recipe.Data.Labels.Spelling())};");
        foreach (var line in plan.Techniques.SelectMany(technique => technique.DataSettings()))
        {
            writer.WriteLine(line);
        }

        if (recipe.Data.Text is { } text)
        {
            EmitTextDescription(writer, recipe.Data, text);
        }
        else if (!recipe.Task.PredictsNextToken())
        {
            EmitDataDescription(writer, plan);
        }

        if (recipe.Model.Pretrained is { } pretrained)
        {
            writer.WriteLine($"public const string Pretrained = {Literals.String(pretrained)};");
        }

        writer.WriteLine($"public const int Epochs = {Literals.Int(recipe.Training.Epochs)};");
        writer.WriteLine($"public const {TrainingAlias}.DevicePreference Device = {TrainingAlias}.DevicePreference.{recipe.Training.Device};");
        writer.WriteLine($"public const double LearningRate = {Literals.Double(optimizer.LearningRate)};");
        writer.WriteLine($"public const double WeightDecay = {Literals.Double(optimizer.WeightDecay)};");
        if (optimizer.Kind == OptimizerKind.Sgd)
        {
            writer.WriteLine($"public const double Momentum = {Literals.Double(optimizer.Momentum)};");
        }

        writer.WriteLine($"public const int CalibrationBins = {Literals.Int(recipe.Calibration.Bins)};");
        foreach (var line in plan.Techniques.SelectMany(technique => technique.Settings(recipe)))
        {
            writer.WriteLine(line);
        }

        writer.CloseBlock();
    }

    /// <summary>What the runtime reads and tokenizes; the vocabulary and window sizes are also built into the model.</summary>
    private static void EmitTextDescription(SourceWriter writer, DataSpec data, TextSpec text)
    {
        writer.WriteLine($"public const int SequenceLength = {Literals.Int(text.SequenceLength)};");
        writer.WriteLine($"public const string DataPath = {Literals.String(data.Path ?? "")};");
        writer.WriteLine($"public const string DataFiles = {Literals.String(text.Files)};");
        writer.WriteLine("/// <summary>What the recipe trains on, as SequenceTensors.LoadText reads and tokenizes it.</summary>");
        writer.WriteLine($"public static {DataAlias}.Text.TextDescription Text {{ get; }} =");
        writer.WriteLine($"    new(Name, DataPath, DataFiles, {DataAlias}.Text.TokenizerKind.{text.Tokenizer}, VocabularySize, SequenceLength)");
        writer.WriteLine("{");
        writer.WriteLine("    ValidationSplit = ValidationSplit,");
        if (data.TestSplit is { } testSplit)
        {
            writer.WriteLine($"    TestSplit = {Literals.Double(testSplit)},");
        }

        writer.WriteLine("};");
    }

    /// <summary>What the runtime loads and checks the files against; every size in it is also built into the model.</summary>
    private static void EmitDataDescription(SourceWriter writer, TrainerPlan plan)
    {
        var data = plan.Recipe.Data;
        var shape = string.Join(", ", data.InputShape.Select(Literals.Int));
        var path = data.Path is { } written ? Literals.String(written) : "null";
        writer.WriteLine("/// <summary>What the recipe trains on, as ClassificationData.Load reads and checks it.</summary>");
        writer.WriteLine($"public static {DataAlias}.DataDescription Data {{ get; }} = new(Name, {DataAlias}.DataSource.{data.Source}, {path}, new[] {{ {shape} }}, Classes)");
        writer.WriteLine("{");
        if (data.ClassNames.Count > 0)
        {
            writer.WriteLine($"    ClassNames = new[] {{ {string.Join(", ", data.ClassNames.Select(Literals.String))} }},");
        }

        if (data.LabelColumn is { } labelColumn)
        {
            writer.WriteLine($"    LabelColumn = {Literals.String(labelColumn)},");
        }

        if (data.TestSplit is { } testSplit)
        {
            writer.WriteLine($"    TestSplit = {Literals.Double(testSplit)},");
        }

        writer.WriteLine("    ValidationSplit = ValidationSplit,");
        writer.WriteLine(data.Normalization.Kind switch
        {
            NormalizationKind.Fixed => $"    Normalization = {DataAlias}.InputNormalization.Fixed(new[] {{ {Literals.Doubles(data.Normalization.Mean)} }}, new[] {{ {Literals.Doubles(data.Normalization.Std)} }}),",
            NormalizationKind.Dataset => $"    Normalization = {DataAlias}.InputNormalization.Dataset,",
            _ => $"    Normalization = {DataAlias}.InputNormalization.None,",
        });
        foreach (var line in plan.Techniques.SelectMany(technique => technique.DataDescription()))
        {
            writer.WriteLine("    " + line);
        }

        writer.WriteLine("};");
    }
}
