using System.Linq;
using System.Threading;
using RecipeDsl.Host.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Host.Commands;

public sealed class SweepCommand(IAnsiConsole console, RecipeSet recipes) : Command<RecipeSettings>
{
    public override int Execute(CommandContext context, RecipeSettings settings, CancellationToken cancellationToken)
    {
        var entry = recipes.Find(settings.Recipe);
        settings.CheckOverrides(entry);
        if (entry.Sweep is null)
        {
            throw new UsageException($"'{entry.Name}' has no 'sweep' section. Recipes with one: {RecipeSet.Names(recipes.All.Where(e => e.Sweep is not null))}.");
        }

        if (settings.SaveModel is not null)
        {
            throw new UsageException("--save-model does not apply to a sweep, which trains several models.");
        }

        var session = new RunSession(console, settings, entry.Name + "-sweep", context.Arguments);
        session.Header(entry);
        var sweep = session.RunSweep(options => entry.Sweep(options));
        Tables.WriteSweep(console, sweep);
        session.Report.WriteSweep(sweep);
        session.Finish();
        return 0;
    }
}
