using System.Threading;
using RecipeDsl.Host.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Host.Commands;

public sealed class TrainCommand(IAnsiConsole console, RecipeSet recipes) : Command<RecipeSettings>
{
    public override int Execute(CommandContext context, RecipeSettings settings, CancellationToken cancellationToken)
    {
        var entry = recipes.Find(settings.Recipe);
        settings.CheckOverrides(entry);
        var session = new RunSession(console, settings, entry.Name, context.Arguments);
        session.Header(entry);
        session.Run(options => entry.CreateTrainer().Train(options with { SaveModelTo = settings.SaveModel ?? session.Report.ModelPath }));
        session.Finish();
        return 0;
    }
}
