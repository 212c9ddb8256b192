using System;
using RecipeDsl.Cli;
using Spectre.Console;

// Piped or logged output is not a terminal: give tables room instead of the default 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = Math.Max(AnsiConsole.Console.Profile.Width, 160);
}

return RecipeDslApp.Run(args, AnsiConsole.Console);
