namespace RecipeDsl.Language.Model;

/// <summary>
/// What the generator must know about the embedded datasets at compile time (layer sizes). The runtime's datasets
/// define the same numbers; a test keeps the two equal.
/// </summary>
public static class DatasetFacts
{
    /// <summary>Classes of a classification dataset, or the vocabulary size of a sequence corpus.</summary>
    public static int Classes(DatasetKind dataset) => dataset == DatasetKind.Arithmetic ? 15 : 10;

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
