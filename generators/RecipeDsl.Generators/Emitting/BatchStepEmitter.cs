using System.Collections.Generic;
using RecipeDsl.Generators.Techniques;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Emitting;

/// <summary>
/// Writes the lines of one training step between slicing a batch and <c>loss.backward()</c>, composed from the plan's
/// roles: the batch's mixing (inputs and targets), the loss criterion on labels or on targets (smoothed by the
/// plan's smoothing), and what a technique adds to that loss (a teacher's term). It knows no technique by name.
/// </summary>
internal static class BatchStepEmitter
{
    public static IEnumerable<string> Lines(TrainerPlan plan)
    {
        if (plan.Recipe.Task.PredictsNextToken())
        {
            foreach (var line in NextTokenLines(plan))
            {
                yield return line;
            }

            yield break;
        }

        var names = plan.Names;
        var inputs = "inputs";
        string labelLoss;
        if (plan.MixBatch?.MixBatch(TargetsExpression(plan)) is { } mix)
        {
            yield return mix.Line;
            inputs = mix.Inputs;
            labelLoss = plan.Criterion.OnTargets(names, "logits", "targets");
        }
        else
        {
            labelLoss = plan.Criterion.OnLabels(names, "logits", "labels", plan.Smoothing, plan.Epsilon, ignoreIndex: null);
        }

        yield return "";
        yield return "optimizer.zero_grad();";
        yield return $"var logits = {plan.CallModel(inputs)};";
        if (plan.CombineLoss?.CombineLoss(names, labelLoss, inputs) is { } combined)
        {
            foreach (var line in combined.Lines)
            {
                yield return line;
            }

            yield return $"var loss = {combined.Loss};";
        }
        else
        {
            yield return $"var loss = {labelLoss};";
        }
    }

    /// <summary>
    /// The step of a next-token task: logits at position t are scored against token t + 1, over every sequence of the
    /// batch at once, with padding (the ignore index) counting for nothing.
    /// </summary>
    private static IEnumerable<string> NextTokenLines(TrainerPlan plan)
    {
        var settings = plan.Names.Settings;
        yield return "";
        yield return "optimizer.zero_grad();";
        yield return $"var logits = {plan.CallModel("inputs")};";
        yield return "// Next-token prediction, a property of the task: position t is scored against token t + 1.";
        yield return $"var (shiftedLogits, shiftedLabels) = {TrainingAlias}.NextToken.Shift(logits, labels);";
        yield return $"var predicted = shiftedLogits.reshape(-1, {settings}.VocabularySize);";
        yield return "var targets = shiftedLabels.reshape(-1);";
        yield return $"var loss = {plan.Criterion.OnLabels(plan.Names, "predicted", "targets", plan.Smoothing, plan.Epsilon, $"{settings}.IgnoreIndex")};";
    }

    /// <summary>The targets of a batch to be mixed: smoothed by the plan's smoothing, or one-hot.</summary>
    private static string TargetsExpression(TrainerPlan plan) =>
        plan.Smoothing?.Targets(plan.Names, plan.Epsilon) ?? $"{Functional}.one_hot(labels, {plan.Names.Settings}.Classes).to(float32)";
}
