using System;
using System.IO;
using RecipeDsl.Metrics;

namespace RecipeDsl.Training;

/// <summary>What a caller may change about a run without editing its recipe.</summary>
public sealed record TrainingOptions
{
    /// <summary>Overrides the recipe's <c>training.epochs</c>.</summary>
    public int? Epochs { get; init; }

    /// <summary>Overrides the recipe's <c>training.device</c>.</summary>
    public DevicePreference? Device { get; init; }

    /// <summary>
    /// The training seed instead of the recipe's <c>data.seed</c>: initial weights, batch order, dropout, Mixup and
    /// augmentation draws. The split and label noise keep the recipe's seed, so runs with different seeds score the
    /// same validation and test examples.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>Reads the data from this file or folder instead of the recipe's <c>data.path</c> (same format, same checks).</summary>
    public string? DataPath { get; init; }

    /// <summary>Trains on the first N training images only (quick checks and tests).</summary>
    public int? MaxTrainSamples { get; init; }

    /// <summary>Where the run says which device it uses; nothing is written when null.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>
    /// Where to save the trained model's weights, in the format the extension names (<see cref="ModelWeights"/>:
    /// .pt for a PyTorch state_dict), e.g. a teacher for a later student. Only the
    /// recipe asked for is saved: a student's teacher, trained first, is not.
    /// </summary>
    public string? SaveModelTo { get; init; }

    /// <summary>Where to write a checkpoint after every epoch (one file per recipe); null writes none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="CheckpointDirectory"/>, if there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>Called after each batch, for live progress; the trainer itself reads nothing from the device for it.</summary>
    public Action<BatchProgress>? OnBatch { get; init; }

    /// <summary>Called after each epoch, for progress output.</summary>
    public Action<EpochMetrics>? OnEpoch { get; init; }

    /// <summary>
    /// Called once training and the test evaluation are done, with the model and the data still alive: for reports
    /// that need more than the metrics (the CLI's comparison fits a temperature there).
    /// </summary>
    public Action<TrainedModel>? OnTrained { get; init; }

    /// <summary>Called when a run ends (a student's teacher included), for reports.</summary>
    public Action<TrainingResult>? OnFinished { get; init; }

    public int EpochsOr(int recipeEpochs)
    {
        var epochs = Epochs ?? recipeEpochs;
        return epochs >= 1 ? epochs : throw new ArgumentOutOfRangeException(nameof(Epochs), epochs, "At least one epoch is needed.");
    }
}

/// <summary>A trained model with the split it was trained and judged on, and the recipe's ECE bins.</summary>
public sealed record TrainedModel(string Recipe, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Model, Data.SplitTensors Data, int Bins);

/// <param name="Batch">1-based index of the batch within its epoch.</param>
/// <param name="Loss">The batch's loss tensor, alive only during the call: reading it waits for the device, so a
/// progress display should read it now and then (the CLI: four times a second), not every batch.</param>
public sealed record BatchProgress(string Recipe, int Epoch, int Batch, int Batches, int Examples, TorchSharp.torch.Tensor Loss);

/// <param name="TrainLoss">Mean training loss over the epoch's batches, as the recipe's loss defines it.</param>
/// <param name="TrainMeanConfidence">Mean top-class probability on the training batches of the epoch (the article's monitoring signal).</param>
public sealed record EpochMetrics(string Recipe, int Epoch, double TrainLoss, double TrainMeanConfidence, ClassificationMetrics Validation, TimeSpan Duration)
{
    /// <summary>The learning rate of the epoch's first step (a schedule moves it within the epoch).</summary>
    public double LearningRate { get; init; }

    /// <summary>With gradient clipping: the mean total gradient norm before clipping over the epoch's steps; else null.</summary>
    public double? GradientNorm { get; init; }
}
