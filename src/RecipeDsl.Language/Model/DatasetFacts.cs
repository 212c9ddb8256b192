namespace RecipeDsl.Language.Model;

/// <summary>
/// What the generator must know about the embedded datasets at compile time (layer sizes). The runtime's datasets
/// define the same numbers; a test keeps the two equal.
/// </summary>
public static class DatasetFacts
{
    /// <summary>Classes of a classification dataset, or the vocabulary size of a sequence corpus.</summary>
    public static int Classes(DatasetKind dataset) => dataset == DatasetKind.Arithmetic ? 15 : 10;

    /// <summary>Examples in each embedded dataset (10,000 digits; 10,000 sums).</summary>
    public const int Examples = 10_000;

    /// <summary>The share of every dataset held out for the final test.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Training examples after the fixed test split and <paramref name="validationSplit"/>, rounded as the runtime's split rounds.</summary>
    public static int TrainingExamples(double validationSplit)
    {
        var test = (int)System.Math.Round(Examples * TestFraction);
        return Examples - test - (int)System.Math.Round((Examples - test) * validationSplit);
    }

    /// <summary>The task a dataset is made for.</summary>
    public static TaskKind Task(DatasetKind dataset) => dataset == DatasetKind.Arithmetic ? TaskKind.Sequence : TaskKind.Classification;
}

/// <summary>Properties of a task that decide the shape of the generated loop.</summary>
public static class TaskTraits
{
    /// <summary>
    /// Whether position t of a sequence is scored against token t + 1 (next-token prediction). A property of the
    /// task, declared here; never guessed from a model's name.
    /// </summary>
    public static bool PredictsNextToken(this TaskKind task) => task == TaskKind.Sequence;
}
