using System;

namespace RecipeDsl.Training;

/// <summary>
/// A file RecipeDsl was given cannot be used: missing, corrupt, or holding something else (a checkpoint of another
/// recipe, weights of another model). The message says what, which file and what to do; the CLI prints it as one line.
/// </summary>
public sealed class UnusableFileException(string path, string message, Exception? cause = null) : Exception(message, cause)
{
    public string Path { get; } = path;

    /// <summary>The first line of what went wrong underneath, for the message; libtorch adds pages of native frames.</summary>
    internal static string Reason(Exception cause)
    {
        var message = cause.Message.Trim();
        var end = message.IndexOfAny(new[] { '\r', '\n' });
        return (end >= 0 ? message.Substring(0, end) : message).TrimEnd('.');
    }
}
