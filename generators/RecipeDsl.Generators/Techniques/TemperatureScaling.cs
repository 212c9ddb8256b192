using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Temperature scaling after training: one T fitted on the validation split, judged on the test split, and kept in
/// the generated model (whose temperature members the model emitter writes).
/// </summary>
internal sealed class TemperatureScaling : Technique
{
    public override (string[] Lines, string ResultArgument)? AfterTraining(TrainerNames names) =>
    (
        new[]
        {
            "// Temperature scaling: one T fitted on the validation split, judged on the test split, kept in the model.",
            $"var temperatureScaling = {Training}.Evaluation.MeasureTemperatureScaling(model, data, {names.Settings}.CalibrationBins);",
            "model.SetTemperature(temperatureScaling.Temperature);",
            "var test = temperatureScaling.Before;",
        },
        ", temperatureScaling"
    );
}
