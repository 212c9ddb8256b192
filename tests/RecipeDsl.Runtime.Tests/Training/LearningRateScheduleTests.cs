using System;
using System.Collections.Generic;
using System.IO;
using RecipeDsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Training;

/// <summary>The rates each schedule gives every step, against their formulas; and a restored schedule continues exactly.</summary>
public sealed class LearningRateScheduleTests
{
    private const double Lr = 0.1;

    private static RecipeDsl.Optimizers.SGD Optimizer(nn.Module model) => new(model.parameters(), Lr);

    /// <summary>The rate of every optimizer step of a run, read before each step as the optimizer would use it.</summary>
    private static List<double> Rates(Func<RecipeDsl.Optimizers.SGD, LearningRateSchedule> create, int steps)
    {
        using var model = nn.Linear(2, 2);
        using var optimizer = Optimizer(model);
        var schedule = create(optimizer);
        var rates = new List<double>();
        for (var step = 0; step < steps; step++)
        {
            rates.Add(schedule.LearningRate);
            schedule.Step();
        }

        return rates;
    }

    [Fact]
    public void Cosine_with_warmup_rises_linearly_then_anneals_to_its_floor()
    {
        const int batches = 4;
        const int warmup = 4;
        const int total = 12;
        const double floor = 0.001;
        var rates = Rates(optimizer => LearningRateSchedule.Cosine(optimizer, 3, batches, 1, floor), total);

        for (var s = 0; s < warmup; s++)
        {
            Assert.Equal(Lr * (s + 1) / (warmup + 1), rates[s], 12);
        }

        for (var s = warmup; s < total; s++)
        {
            var t = s - warmup;
            Assert.Equal(floor + (Lr - floor) * (1 + Math.Cos(Math.PI * t / (total - warmup))) / 2, rates[s], 12);
        }
    }

    [Fact]
    public void Step_decays_by_gamma_every_step_size_epochs()
    {
        var rates = Rates(optimizer => LearningRateSchedule.Step(optimizer, 6, 3, 0, 2, 0.5), 18);

        for (var s = 0; s < 18; s++)
        {
            Assert.Equal(Lr * Math.Pow(0.5, s / 6), rates[s], 12);
        }
    }

    [Fact]
    public void One_cycle_starts_at_a_twenty_fifth_peaks_after_the_warmup_and_ends_at_its_floor()
    {
        const double floor = 1e-5;
        var rates = Rates(optimizer => LearningRateSchedule.OneCycle(optimizer, 10, 10, 3, floor), 100);

        Assert.Equal(Lr / 25, rates[0], 12);
        Assert.Equal(Lr, rates[29], 12);
        Assert.Equal(floor, rates[99], 12);
        for (var s = 1; s < 30; s++)
        {
            Assert.True(rates[s] > rates[s - 1]);
        }

        for (var s = 30; s < 100; s++)
        {
            Assert.True(rates[s] < rates[s - 1]);
        }
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(1, 10)]
    [InlineData(0.1, 4)]
    [InlineData(5, 2)]
    public void One_cycle_never_gives_a_rate_that_is_not_a_number(double warmupEpochs, int batches)
    {
        var rates = Rates(optimizer => LearningRateSchedule.OneCycle(optimizer, 1, batches, warmupEpochs, 1e-6), batches);

        Assert.All(rates, rate => Assert.True(double.IsFinite(rate) && rate > 0, $"rate {rate}"));
    }

    [Fact]
    public void A_warmup_longer_than_training_rises_all_the_way()
    {
        var rates = Rates(optimizer => LearningRateSchedule.Constant(optimizer, 2, 5, 4), 10);

        for (var s = 0; s < 10; s++)
        {
            Assert.Equal(Lr * (s + 1) / 21, rates[s], 12);
        }
    }

    [Theory]
    [InlineData("cosine")]
    [InlineData("one_cycle")]
    [InlineData("step")]
    public void A_restored_schedule_continues_with_the_rates_of_the_uninterrupted_one(string kind)
    {
        LearningRateSchedule Create(RecipeDsl.Optimizers.SGD optimizer) => kind switch
        {
            "cosine" => LearningRateSchedule.Cosine(optimizer, 4, 5, 1.5, 0.01),
            "one_cycle" => LearningRateSchedule.OneCycle(optimizer, 4, 5, 1, 0.0001),
            _ => LearningRateSchedule.Step(optimizer, 4, 5, 0.5, 1, 0.3),
        };

        var uninterrupted = Rates(Create, 20);

        using var stream = new MemoryStream();
        using (var model = nn.Linear(2, 2))
        using (var optimizer = Optimizer(model))
        {
            var first = Create(optimizer);
            for (var s = 0; s < 7; s++)
            {
                first.Step();
            }

            first.Save(new BinaryWriter(stream));
        }

        stream.Position = 0;
        using var resumedModel = nn.Linear(2, 2);
        using var resumedOptimizer = Optimizer(resumedModel);
        var resumed = Create(resumedOptimizer);
        resumed.Restore(new BinaryReader(stream));
        for (var s = 7; s < 20; s++)
        {
            Assert.Equal(uninterrupted[s], resumed.LearningRate);
            resumed.Step();
        }
    }
}
