using System.IO;
using System.Linq;
using System.Threading;
using RecipeDsl.Host.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Host.Commands;

public sealed class DistillCommand(IAnsiConsole console, RecipeSet recipes) : Command<DistillSettings>
{
    public override int Execute(CommandContext context, DistillSettings settings, CancellationToken cancellationToken)
    {
        var entry = recipes.Find(settings.Recipe);
        settings.CheckOverrides(entry);
        if (entry.Teacher is null || entry.TrainFromSavedTeacher is null)
        {
            throw new UsageException($"'{entry.Name}' is not a distillation student (it has no 'distillation' section). "
                + $"Students: {RecipeSet.Names(recipes.All.Where(e => e.Teacher is not null))}.");
        }

        if (settings.TeacherWeights is { } weights && !File.Exists(weights))
        {
            throw new UsageException($"No teacher weights at '{weights}'. Save them with: recipedsl train {entry.Teacher} --save-model {weights}");
        }

        var session = new RunSession(console, settings, entry.Name, context.Arguments);
        session.Header(entry);
        if (settings.TeacherWeights is { } teacherWeights)
        {
            console.MarkupLineInterpolated($"Teacher [bold]{entry.Teacher}[/]: weights from {teacherWeights}");
            session.Run(options => entry.TrainFromSavedTeacher(teacherWeights, options with { SaveModelTo = settings.SaveModel ?? session.Report.ModelPath }));
        }
        else
        {
            session.Run(options => entry.CreateTrainer().Train(options with { SaveModelTo = settings.SaveModel ?? session.Report.ModelPath }));
        }

        session.Finish();
        return 0;
    }
}
