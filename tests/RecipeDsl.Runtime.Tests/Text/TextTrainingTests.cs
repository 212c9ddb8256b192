using System;
using System.IO;
using System.Linq;
using RecipeDsl.Recipes;
using RecipeDsl.Training;
using Xunit;

namespace RecipeDsl.Runtime.Tests.Text;

/// <summary>The generated transformer trainers on a text the test writes: seeded sentences from a small grammar.</summary>
public sealed class TextTrainingTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "recipedsl-sentences-" + Guid.NewGuid().ToString("N") + ".txt");

    public TextTrainingTests() => GeneratedSentences.Write(_path, seed: 11);

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_short_run_brings_the_test_perplexity_far_below_the_unigram_perplexity_of_the_text()
    {
        var result = new SmokeTextTrainer().Train(new TrainingOptions { DataPath = _path });

        var unigram = UnigramPerplexity(File.ReadAllBytes(_path));
        var perplexity = Math.Exp(result.Test.Nll);
        Assert.InRange(perplexity, 1, unigram / 2);
        // The validation NLL falls over the run.
        Assert.True(result.Epochs[^1].Validation.Nll < result.Epochs[0].Validation.Nll);
        // Temperature scaling over tokens: T fitted on validation, the same tokens scored before and after it.
        var scaling = result.TemperatureScaling!;
        Assert.InRange(scaling.Temperature, 0.05, 20);
        Assert.Equal(result.Test, scaling.Before);
        Assert.Equal(scaling.Before.Count, scaling.After.Count);
        Assert.Equal(scaling.Before.Accuracy, scaling.After.Accuracy, 12);
    }

    [Fact]
    public void A_sweep_of_a_language_model_ranks_its_candidates_on_validation_tokens()
    {
        var sweep = new SmokeCharsTrainer().Sweep(new TrainingOptions { DataPath = _path });

        Assert.Equal(new[] { 0.0, 0.2 }, sweep.Candidates.Select(candidate => candidate.LabelSmoothing));
        Assert.Equal(sweep.Candidates.MinBy(candidate => candidate.Validation.Nll), sweep.Best);
        Assert.Equal(sweep.Candidates[0].Validation.Count, sweep.Candidates[1].Validation.Count);
    }

    [Fact]
    public void A_chars_vocabulary_and_an_untied_output_train_too()
    {
        var result = new SmokeCharsTrainer().Train(new TrainingOptions { DataPath = _path });

        Assert.Equal(40, SmokeCharsRecipe.VocabularySize);
        Assert.True(double.IsFinite(result.Test.Nll));
        Assert.InRange(Math.Exp(result.Test.Nll), 1, 40);
    }

    [RecipeDsl.Runtime.Tests.EndToEnd.FortunesFact]
    public void Three_epochs_on_real_english_text_bring_the_perplexity_below_the_texts_unigram_perplexity()
    {
        var result = new SmokeFortunesTrainer().Train();

        var unigram = UnigramPerplexity(File.ReadAllBytes(SmokeFortunesRecipe.DataPath));
        Assert.InRange(Math.Exp(result.Test.Nll), 1, unigram * 0.75);
        Assert.True(result.Epochs[^1].Validation.Nll < result.Epochs[0].Validation.Nll);
    }

    /// <summary>exp of the entropy of the text's byte frequencies: what a model that ignores context achieves at best.</summary>
    private static double UnigramPerplexity(byte[] bytes)
    {
        var entropy = bytes.GroupBy(b => b).Select(group => (double)group.Count() / bytes.Length).Sum(p => -p * Math.Log(p));
        return Math.Exp(entropy);
    }
}
