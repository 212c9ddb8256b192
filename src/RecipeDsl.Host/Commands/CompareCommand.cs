using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RecipeDsl.Calibration;
using RecipeDsl.Host.Output;
using RecipeDsl.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Host.Commands;

/// <summary>
/// Trains each recipe and compares them side by side. For recipes without temperature scaling, the run also fits a
/// temperature after training (the model is left as it is), so the "ECE after temperature scaling" column is filled
/// for every classification recipe.
/// </summary>
public sealed class CompareCommand(IAnsiConsole console, RecipeSet recipes) : Command<CompareSettings>
{
    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        var entries = settings.Recipes.Select(recipes.Find).ToList();
        settings.CheckOverrides([.. entries]);
        var session = new RunSession(console, settings, "compare", context.Arguments);
        var rows = new List<ComparisonRow>();
        foreach (var entry in entries)
        {
            session.Header(entry);
            var result = session.Run(options => entry.CreateTrainer().Train(options with { SaveModelTo = session.Report.ModelPathFor(entry.Name) }));
            rows.Add(new ComparisonRow(entry, result, session.Report.ScalingOf(result)));
        }

        Tables.WriteComparison(console, rows);
        session.Report.WriteComparison(rows);
        session.Finish();
        return 0;
    }
}

/// <summary>One compared recipe: its result, and temperature scaling (its own, or measured after training).</summary>
public sealed record ComparisonRow(RecipeEntry Entry, TrainingResult Result, TemperatureScalingResult? TemperatureScaling);
