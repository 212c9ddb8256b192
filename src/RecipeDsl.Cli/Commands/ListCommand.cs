using System.Threading;
using RecipeDsl.Recipes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Cli.Commands;

public sealed class ListCommand(IAnsiConsole console) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("Recipe", "File", "Settings");
        foreach (var entry in RecipeCatalog.All)
        {
            table.AddRow(Markup.Escape(entry.Name), Markup.Escape(entry.FileName), Markup.Escape(entry.Summary));
        }

        console.Write(table);
        return 0;
    }
}
