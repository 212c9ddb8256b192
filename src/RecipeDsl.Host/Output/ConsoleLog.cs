using System.IO;
using System.Text;
using Spectre.Console;

namespace RecipeDsl.Host.Output;

/// <summary>A TextWriter onto the Spectre console, for the trainers' one-line log messages.</summary>
internal sealed class ConsoleLog(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value) => console.WriteLine(value ?? "");

    public override void Write(char value) => console.Write(value.ToString());
}
