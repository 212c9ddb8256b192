using System;

namespace RecipeDsl.Datasets;

/// <summary>
/// A data file that cannot be used as the recipe says: missing, corrupt, of another shape or with labels out of range.
/// The message names the file (and the row and column of a table) and says what to do; the runtime reports it as one line.
/// </summary>
public sealed class DataFileException(string path, string message, Exception? cause = null) : Exception(message, cause)
{
    /// <summary>The file or folder at fault.</summary>
    public string Path { get; } = path;
}
