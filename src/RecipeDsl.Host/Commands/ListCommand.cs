using System.ComponentModel;
using System.Threading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RecipeDsl.Host.Commands;

public sealed class ListCommand(IAnsiConsole console, RecipeSet recipes) : Command<ListSettings>
{
    public override int Execute(CommandContext context, ListSettings settings, CancellationToken cancellationToken)
    {
        if (recipes.All.Count == 0)
        {
            console.MarkupLine("This program has no recipes yet: add a [bold]*.recipe.yaml[/] file to the project and build (the RecipeDsl package compiles every one).");
            return 0;
        }

        if (settings.Resolved)
        {
            // The YAML as plain text (no markup, no table), so that it can be piped into a file and read back.
            foreach (var entry in settings.Recipe is { } name ? [recipes.Find(name)] : recipes.All)
            {
                console.Profile.Out.Writer.Write(entry.ResolvedYaml);
                console.Profile.Out.Writer.WriteLine();
            }

            return 0;
        }

        if (settings.Recipe is not null)
        {
            throw new UsageException("A recipe name goes with --resolved: list --resolved <recipe> prints that recipe with every key its bases and defaults give it.");
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

public sealed class ListSettings : CommandSettings
{
    [CommandArgument(0, "[recipe]")]
    [Description("With --resolved: only this recipe (its name or file name without .recipe.yaml).")]
    public string? Recipe { get; init; }

    [CommandOption("--resolved")]
    [Description("Print each recipe as it is compiled: its bases (extends) merged in and every default written out.")]
    public bool Resolved { get; init; }
}
