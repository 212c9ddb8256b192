using System.Collections.Generic;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Temperature scaling after training: one T fitted on the validation split, judged on the test split, and kept in
/// the generated model as a buffer with its members.
/// </summary>
internal sealed class TemperatureScaling : Technique
{
    /// <summary>Whether T is fitted over a language model's tokens rather than over examples.</summary>
    private readonly bool _tokens;

    private TemperatureScaling(bool tokens) => _tokens = tokens;

    public static Technique? From(Recipe recipe) =>
        recipe.Calibration.TemperatureScaling ? new TemperatureScaling(recipe.Task.PredictsNextToken()) : null;

    public override string Summary(Recipe recipe) => "temperature scaling";

    public override IEnumerable<string> Settings(Recipe recipe) => ["public const bool TemperatureScaling = true;"];

    public override IEnumerable<string> ModelConstruction() =>
    [
        "// Fitted after training; a buffer, so it is saved and loaded with the weights.",
        $"register_buffer(\"temperature\", ones(1));",
    ];

    public override void EmitModelMembers(SourceWriter writer)
    {
        writer.WriteLines(
            "/// <summary>The temperature fitted on held-out data after training (1 until then).</summary>",
            "public double Temperature => get_buffer(\"temperature\")!.item<float>();",
            "");
        writer.OpenBlock("public void SetTemperature(double temperature)");
        writer.WriteLine($"using var noGrad = no_grad();");
        writer.WriteLine("using var value = global::TorchSharp.ScalarExtensionMethods.ToScalar(temperature);");
        writer.WriteLine("get_buffer(\"temperature\")!.fill_(value);");
        writer.CloseBlock();
        writer.WriteLines(
            "",
            "/// <summary>Logits divided by the fitted temperature: their softmax gives calibrated probabilities, with the same argmax.</summary>",
            $"public {Tensor} CalibratedLogits({Tensor} input) => forward(input) / get_buffer(\"temperature\")!;",
            "");
    }

    public override (string[] Lines, string ResultArgument)? AfterTraining(TrainerNames names) =>
    (
        new[]
        {
            "// Temperature scaling: one T fitted on the validation split, judged on the test split, kept in the model.",
            _tokens
                ? $"var temperatureScaling = {TrainingAlias}.NextToken.MeasureTemperatureScaling(model, data, {names.Settings}.CalibrationBins);"
                : $"var temperatureScaling = {TrainingAlias}.Evaluation.MeasureTemperatureScaling(model, data, {names.Settings}.CalibrationBins);",
            "model.SetTemperature(temperatureScaling.Temperature);",
            "var test = temperatureScaling.Before;",
        },
        "temperatureScaling"
    );
}
