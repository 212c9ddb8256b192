using System;
using System.IO;
using System.Linq;
using static TorchSharp.torch.optim;
using LRScheduler = TorchSharp.torch.optim.lr_scheduler.LRScheduler;
using Schedulers = TorchSharp.torch.optim.lr_scheduler;

namespace RecipeDsl.Training;

/// <summary>
/// The learning rate over training, by TorchSharp's <c>optim.lr_scheduler</c> schedules, stepped after every optimizer
/// step (per batch; <c>step_size</c> counts whole epochs of batches). Warmup is <c>LinearLR</c> before the schedule
/// (through <c>SequentialLR</c>): step s of a W-step warmup uses lr·(s + 1)/(W + 1), so no step is wasted at lr 0.
/// </summary>
/// <remarks>
/// A checkpoint keeps the number of steps taken; restoring rebuilds the scheduler from the optimizer's initial rate
/// and replays them, so a resumed run computes every rate exactly as the uninterrupted one did (TorchSharp's
/// schedulers have no state_dict, and several compute each rate from the previous one).
/// </remarks>
public sealed class LearningRateSchedule : ICheckpointPart
{
    private readonly Optimizer _optimizer;
    private readonly Func<LRScheduler> _create;
    private LRScheduler _scheduler;
    private int _steps;

    private LearningRateSchedule(Optimizer optimizer, Func<LRScheduler> create)
    {
        _optimizer = optimizer;
        _create = create;
        _scheduler = create();
    }

    /// <summary>Cosine annealing to <paramref name="minLearningRate"/> over the steps after warmup.</summary>
    public static LearningRateSchedule Cosine(Optimizer optimizer, int epochs, int batchesPerEpoch, double warmupEpochs, double minLearningRate)
    {
        var (total, warmup) = Steps(epochs, batchesPerEpoch, warmupEpochs);
        return new(optimizer, () => AfterWarmup(optimizer, warmup, total,
            () => Schedulers.CosineAnnealingLR(optimizer, total - warmup, minLearningRate)));
    }

    /// <summary>lr × <paramref name="gamma"/> every <paramref name="stepSizeEpochs"/> epochs (after warmup).</summary>
    public static LearningRateSchedule Step(Optimizer optimizer, int epochs, int batchesPerEpoch, double warmupEpochs, int stepSizeEpochs, double gamma)
    {
        var (total, warmup) = Steps(epochs, batchesPerEpoch, warmupEpochs);
        return new(optimizer, () => AfterWarmup(optimizer, warmup, total,
            () => Schedulers.StepLR(optimizer, stepSizeEpochs * batchesPerEpoch, gamma)));
    }

    /// <summary>The optimizer's lr throughout, after a warmup.</summary>
    public static LearningRateSchedule Constant(Optimizer optimizer, int epochs, int batchesPerEpoch, double warmupEpochs)
    {
        var (total, warmup) = Steps(epochs, batchesPerEpoch, warmupEpochs);
        return new(optimizer, () => AfterWarmup(optimizer, warmup, total, () => Schedulers.ConstantLR(optimizer, 1.0, 0)));
    }

    /// <summary>
    /// Smith's one-cycle with PyTorch's defaults (from lr/25, cosine both ways), rising over the warmup epochs and
    /// ending at <paramref name="minLearningRate"/>. Momentum is left as the recipe sets it (no momentum cycling).
    /// The rise takes at least 2 steps and leaves at least 1 to fall (OneCycleLR divides by zero otherwise); a run
    /// of fewer than 3 steps has no cycle and trains at lr.
    /// </summary>
    public static LearningRateSchedule OneCycle(Optimizer optimizer, int epochs, int batchesPerEpoch, double warmupEpochs, double minLearningRate)
    {
        var (total, warmup) = Steps(epochs, batchesPerEpoch, warmupEpochs);
        var maxLearningRate = optimizer.ParamGroups.First().InitialLearningRate;
        const double startDivisor = 25;
        var finalDivisor = minLearningRate > 0 ? maxLearningRate / startDivisor / minLearningRate : double.PositiveInfinity;
        if (total < 3)
        {
            return new(optimizer, () => Schedulers.ConstantLR(optimizer, 1.0, 0));
        }

        // A run shortened by --epochs may leave fewer steps than the warmup: it then rises for all but the last step.
        var rising = Math.Clamp(warmup, 2, total - 1);
        return new(optimizer, () => Schedulers.OneCycleLR(optimizer, maxLearningRate, total_steps: total, pct_start: (double)rising / total,
            cycle_momentum: false, div_factor: startDivisor, final_div_factor: finalDivisor));
    }

    public string CheckpointName => "learning rate schedule";

    /// <summary>The rate <paramref name="optimizer"/>'s next step uses, scheduled or not (every epoch's metrics record it).</summary>
    public static double Current(Optimizer optimizer) => optimizer.ParamGroups.First().LearningRate;

    /// <summary>The rate the next optimizer step uses.</summary>
    public double LearningRate => _optimizer.ParamGroups.First().LearningRate;

    /// <summary>Moves to the next step's rate; call after every <c>optimizer.step()</c>.</summary>
    public void Step()
    {
        _scheduler.step();
        _steps++;
    }

    public void Save(BinaryWriter writer) => writer.Write(_steps);

    public void Restore(BinaryReader reader)
    {
        var steps = reader.ReadInt32();
        if (steps < 0)
        {
            throw new InvalidDataException("its learning rate schedule is corrupt");
        }

        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = group.InitialLearningRate;
        }

        _scheduler = _create();
        for (_steps = 0; _steps < steps; _steps++)
        {
            _scheduler.step();
        }
    }

    /// <summary>All optimizer steps of the run, and those of the warmup (at least one when there is a warmup at all).</summary>
    private static (int Total, int Warmup) Steps(int epochs, int batchesPerEpoch, double warmupEpochs)
    {
        var total = Math.Max(1, epochs * batchesPerEpoch);
        var warmup = warmupEpochs > 0 ? Math.Max(1, (int)Math.Round(warmupEpochs * batchesPerEpoch, MidpointRounding.AwayFromZero)) : 0;
        return (total, warmup);
    }

    /// <summary>The schedule alone, or a linear warmup and then the schedule; a warmup as long as training is all there is.</summary>
    private static LRScheduler AfterWarmup(Optimizer optimizer, int warmup, int total, Func<LRScheduler> schedule)
    {
        if (warmup == 0)
        {
            return schedule();
        }

        var rising = Schedulers.LinearLR(optimizer, start_factor: 1.0 / (warmup + 1), end_factor: 1.0, total_iters: warmup);
        return warmup >= total ? rising : Schedulers.SequentialLR(optimizer, new[] { rising, schedule() }, new[] { warmup });
    }
}
