using System;
using RecipeDsl.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
