using System.Threading;
using RecipeDsl.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Cli.Commands;

public sealed class TrainCommand(IAnsiConsole console) : Command<RecipeSettings>
{
    public override int Execute(CommandContext context, RecipeSettings settings, CancellationToken cancellationToken)
    {
        var entry = RecipeLookup.Find(settings.Recipe);
        var session = new RunSession(console, settings, entry.Name);
        session.Header(entry);
        session.Run(options => entry.CreateTrainer().Train(options with { SaveModelTo = settings.SaveModel ?? session.Report.ModelPath }));
        session.Finish();
        return 0;
    }
}
