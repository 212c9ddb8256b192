using System.Threading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Host.Commands;

public sealed class ListCommand(IAnsiConsole console, RecipeSet recipes) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        if (recipes.All.Count == 0)
        {
            console.MarkupLine("This program has no recipes yet: add a [bold]*.recipe.yaml[/] file to the project and build (the RecipeDsl package compiles every one).");
            return 0;
        }

        var table = new Table().AddColumns("Recipe", "File", "Settings");
        foreach (var entry in recipes.All)
        {
            table.AddRow(Markup.Escape(entry.Name), Markup.Escape(entry.FileName), Markup.Escape(entry.Summary));
        }

        console.Write(table);
        return 0;
    }
}
