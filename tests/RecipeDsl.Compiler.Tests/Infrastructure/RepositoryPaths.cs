using System.IO;
using System.Runtime.CompilerServices;

namespace RecipeDsl.Compiler.Tests.Infrastructure;

/// <summary>Folders of the repository, found from this source file so tests work from any output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(ThisDirectory(), "..", "..", ".."));

    public static string Recipes => Path.Combine(Root, "recipes");

    public static string Snapshots => Path.Combine(Root, "tests", "RecipeDsl.Compiler.Tests", "Snapshots");

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
