using System.Collections.Generic;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Parsing;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Emitting;

/// <summary>
/// Writes the lines of one training step between slicing a batch and <c>loss.backward()</c>: Mixup of inputs and
/// soft targets, the teacher's answer, and the loss — each only when the recipe asks for it.
/// </summary>
internal static class BatchStepEmitter
{
    /// <param name="epsilon">The C# expression of ε: the recipe constant, or a sweep's parameter.</param>
    public static IEnumerable<string> Lines(Recipe recipe, string epsilon)
    {
        var settings = recipe.Name + "Recipe";
        if (recipe.Task.PredictsNextToken())
        {
            foreach (var line in NextTokenLines(recipe, epsilon, settings))
            {
                yield return line;
            }

            yield break;
        }

        var inputs = "inputs";
        if (recipe.Mixup is not null)
        {
            // Smoothing goes into the targets once, before mixing; the soft-target loss adds none (no double smoothing).
            yield return $"var (mixedInputs, targets, _) = mixup.Apply(inputs, {TargetsExpression(recipe, epsilon, settings)});";
            inputs = "mixedInputs";
        }

        yield return "";
        yield return "optimizer.zero_grad();";
        yield return $"var logits = model.call({inputs});";
        var hardLoss = HardLossExpression(recipe, epsilon);
        if (recipe.Distillation is not null)
        {
            yield return $"var teacherLogits = TeacherLogits(teacher, {inputs});";
            yield return $"var hardLoss = {hardLoss};";
            yield return $"var loss = {Losses}.DistillationLoss.Combine(logits, teacherLogits, hardLoss, {settings}.DistillationTemperature, {settings}.DistillationAlpha);";
        }
        else
        {
            yield return $"var loss = {hardLoss};";
        }
    }

    /// <summary>
    /// The step of a next-token task: logits at position t are scored against token t + 1, over every sequence of the
    /// batch at once, with padding (the ignore index) counting for nothing.
    /// </summary>
    private static IEnumerable<string> NextTokenLines(Recipe recipe, string epsilon, string settings)
    {
        yield return "";
        yield return "optimizer.zero_grad();";
        yield return "var logits = model.call(inputs);";
        yield return "// Next-token prediction, a property of the task: position t is scored against token t + 1.";
        yield return $"var (shiftedLogits, shiftedLabels) = {Training}.NextToken.Shift(logits, labels);";
        yield return $"var predicted = shiftedLogits.reshape(-1, {settings}.VocabularySize);";
        yield return "var targets = shiftedLabels.reshape(-1);";
        if (recipe.Loss.LabelSmoothing == 0)
        {
            yield return $"var loss = {Functional}.cross_entropy(predicted, targets, ignore_index: {settings}.IgnoreIndex);";
        }
        else if (recipe.Loss.Convention == SmoothingConvention.Uniform)
        {
            yield return $"var loss = {Functional}.cross_entropy(predicted, targets, ignore_index: {settings}.IgnoreIndex, label_smoothing: {epsilon});";
        }
        else
        {
            yield return $"var loss = {Losses}.SmoothedCrossEntropy.Compute(predicted, targets, {epsilon}, {Losses}.SmoothingConvention.OffTarget, ignoreIndex: {settings}.IgnoreIndex);";
        }
    }

    /// <summary>Whether the step needs a per-class ε tensor prepared before the loop.</summary>
    public static bool UsesClassSmoothing(Recipe recipe) => recipe.Loss.ClassSmoothing.Count > 0;

    private static string TargetsExpression(Recipe recipe, string epsilon, string settings)
    {
        var convention = $"{settings}.SmoothingConvention";
        if (UsesClassSmoothing(recipe))
        {
            return $"{Losses}.SmoothedCrossEntropy.TargetsPerClass(labels, {settings}.Classes, classSmoothing, {convention})";
        }

        if (recipe.Mixup is { LabelSmoothing: > 0 })
        {
            // loss.label_smoothing and mixup.label_smoothing both smooth the targets: once by the combined ε (RD1003 warns).
            var combined = recipe.Sweep is null ? $"{settings}.TargetSmoothing" : $"1 - (1 - {settings}.MixupLabelSmoothing) * (1 - {epsilon})";
            return $"{Losses}.SmoothedCrossEntropy.Targets(labels, {settings}.Classes, {combined}, {convention})";
        }

        return recipe.Loss.LabelSmoothing > 0 || recipe.Sweep is not null
            ? $"{Losses}.SmoothedCrossEntropy.Targets(labels, {settings}.Classes, {epsilon}, {convention})"
            : $"{Functional}.one_hot(labels, {settings}.Classes).to({Torch}.float32)";
    }

    private static string HardLossExpression(Recipe recipe, string epsilon)
    {
        var settings = recipe.Name + "Recipe";
        if (recipe.Mixup is not null)
        {
            return $"{Losses}.SoftTargetCrossEntropy.Compute(logits, targets)";
        }

        if (UsesClassSmoothing(recipe))
        {
            return $"{Losses}.SmoothedCrossEntropy.Compute(logits, labels, classSmoothing, {settings}.SmoothingConvention)";
        }

        if (recipe.Loss.LabelSmoothing == 0 && recipe.Sweep is null)
        {
            return $"{Functional}.cross_entropy(logits, labels)";
        }

        return recipe.Loss.Convention == SmoothingConvention.Uniform
            ? $"{Functional}.cross_entropy(logits, labels, label_smoothing: {epsilon})"
            : $"{Losses}.SmoothedCrossEntropy.Compute(logits, labels, {epsilon}, {Losses}.SmoothingConvention.OffTarget)";
    }
}
