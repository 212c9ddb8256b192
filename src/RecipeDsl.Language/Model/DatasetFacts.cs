using RecipeDsl.Data;

namespace RecipeDsl.Language.Model;

/// <summary>
/// What the generator must know about the named datasets at compile time (layer sizes, class names). The runtime's
/// loaders find the same numbers in the data; tests keep the two equal.
/// </summary>
public static class DatasetFacts
{
    /// <summary>Classes of a named classification dataset, or the vocabulary size of the sequence corpus.</summary>
    public static int Classes(DataSource dataset) => dataset == DataSource.Arithmetic ? 15 : 10;

    /// <summary>Examples in each embedded dataset (10,000 digits; 10,000 sums).</summary>
    public const int Examples = 10_000;

    /// <summary>The share of every embedded dataset held out for the final test.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package puts the four IDX files.</summary>
    public const string FashionMnistPath = "/usr/share/datasets/fashion-mnist";

    /// <summary>Zalando's names of the Fashion-MNIST classes, in label order.</summary>
    public static readonly string[] FashionMnistClassNames =
    {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    };

    public static readonly string[] DigitClassNames = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };

    /// <summary>Whether <paramref name="source"/> is a named dataset (<c>data.dataset</c>) rather than a format of the user's files.</summary>
    public static bool IsNamed(this DataSource source) => source is DataSource.Mnist or DataSource.Arithmetic or DataSource.FashionMnist;

    /// <summary>Tokens per sequence of the arithmetic corpus: "&lt;bos&gt;27+58=85&lt;eos&gt;" and padding.</summary>
    public const int ArithmeticSequenceLength = 14;

    /// <summary>
    /// The most positions a sequence model sees at once: a text window (sequence_length + 1 tokens, the first an input
    /// only) or an arithmetic sequence. A transformer's position embedding has one row per position.
    /// </summary>
    public static int Positions(DataSpec data) => data.Text is { } text ? text.SequenceLength + 1 : ArithmeticSequenceLength;

    /// <summary>Whether the examples are token ids (arithmetic, text): no shape, classes, normalization or augmentation.</summary>
    public static bool IsTokens(this DataSource source) => source is DataSource.Arithmetic or DataSource.Text;

    /// <summary>Whether the data ships inside the product (no files to read).</summary>
    public static bool IsEmbedded(this DataSource source) => source is DataSource.Mnist or DataSource.Arithmetic;

    /// <summary>Whether the source brings its own test split, which <c>data.test_split</c> could only contradict.</summary>
    public static bool HasFixedTestSplit(this DataSource source) => source is DataSource.Mnist or DataSource.Arithmetic or DataSource.FashionMnist or DataSource.Idx;

    /// <summary>The shape of one example of a named image dataset: one channel of 28×28 pixels.</summary>
    public static int[] InputShape(DataSource dataset) => dataset == DataSource.Arithmetic ? new int[0] : new[] { 1, 28, 28 };

    /// <summary>The class names a named dataset is published with.</summary>
    public static string[] ClassNames(DataSource dataset) => dataset switch
    {
        DataSource.Mnist => DigitClassNames,
        DataSource.FashionMnist => FashionMnistClassNames,
        _ => new string[0],
    };

    /// <summary>
    /// The normalisation a named image dataset is published with (mean and standard deviation of its training pixels
    /// scaled to [0, 1]): what <c>data.normalize</c> means when the recipe leaves it out.
    /// </summary>
    public static NormalizationSpec PublishedNormalization(DataSource dataset) => dataset switch
    {
        DataSource.Mnist => Fixed(0.1307, 0.3081),
        DataSource.FashionMnist => Fixed(0.2860, 0.3530),
        _ => NormalizationSpec.None,
    };

    /// <summary>Training examples of an embedded dataset after the fixed test split and <paramref name="validationSplit"/>, rounded as the runtime's split rounds.</summary>
    public static int TrainingExamples(double validationSplit)
    {
        var test = (int)System.Math.Round(Examples * TestFraction);
        return Examples - test - (int)System.Math.Round((Examples - test) * validationSplit);
    }

    /// <summary>Fashion-MNIST's training file holds 60,000 images; its 10,000 test images are a file of their own.</summary>
    public const int FashionMnistTrainingFile = 60_000;

    /// <summary>
    /// Training examples after the validation split, where the build knows them (the named datasets); null for the
    /// user's files, whose size only the run finds out.
    /// </summary>
    public static int? TrainingExamples(DataSource source, double validationSplit) => source switch
    {
        DataSource.Mnist or DataSource.Arithmetic => TrainingExamples(validationSplit),
        DataSource.FashionMnist => FashionMnistTrainingFile - (int)System.Math.Round(FashionMnistTrainingFile * validationSplit),
        _ => null,
    };

    /// <summary>The task a data source is made for: token sources (arithmetic, text) are sequences, the rest classification.</summary>
    public static TaskKind Task(DataSource dataset) => dataset.IsTokens() ? TaskKind.Sequence : TaskKind.Classification;

    private static NormalizationSpec Fixed(double mean, double std) =>
        new(NormalizationKind.Fixed, EquatableArray.Create(mean), EquatableArray.Create(std));
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
