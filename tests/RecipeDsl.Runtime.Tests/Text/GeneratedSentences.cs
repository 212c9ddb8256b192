using System;
using System.IO;
using System.Text;

namespace RecipeDsl.Runtime.Tests.Text;

/// <summary>
/// Seeded English-like sentences from a small grammar ("the cat sat on the mat."): text a tiny language model learns in
/// seconds, because the next word depends on the previous ones. The CLI tests use it too.
/// </summary>
public static class GeneratedSentences
{
    public static void Write(string path, int seed, int characters = 30_000)
    {
        var random = new Random(seed);
        string[] subjects = { "the cat", "a dog", "my friend", "the old man" };
        string[] verbs = { "sat on", "looked at", "ran to", "found" };
        string[] objects = { "the mat.", "a red box.", "the garden.", "his hat." };
        var text = new StringBuilder();
        while (text.Length < characters)
        {
            text.Append(subjects[random.Next(subjects.Length)]).Append(' ')
                .Append(verbs[random.Next(verbs.Length)]).Append(' ')
                .Append(objects[random.Next(objects.Length)]).Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }
}
