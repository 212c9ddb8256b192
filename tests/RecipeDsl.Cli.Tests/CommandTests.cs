using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RecipeDsl.Host;
using RecipeDsl.Recipes;
using Spectre.Console.Testing;
using Xunit;

namespace RecipeDsl.Cli.Tests;

public sealed class CommandTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("recipedsl-cli-").FullName;

    private static (int ExitCode, string Output) Run(params string[] args) => Run(new TestConsole { EmitAnsiSequences = false }, args);

    private static (int ExitCode, string Output) Run(TestConsole console, params string[] args)
    {
        console.Profile.Width = 200;
        var exitCode = RecipeDslApp.Run(args, console, RecipeCatalog.All, "recipedsl");
        return (exitCode, console.Output);
    }

    /// <summary>The output with the terminal's line wrapping undone: every run of white space one space.</summary>
    private static string Flat(string output) => Regex.Replace(output, @"\s+", " ");

    [Fact]
    public void List_shows_every_compiled_recipe()
    {
        var (exitCode, output) = Run("list");

        Assert.Equal(0, exitCode);
        foreach (var name in new[] { "MnistMlp", "MnistMlpBaseline", "MnistStudent", "MnistSweep", "ArithmeticGru", "MnistCustom" })
        {
            Assert.Contains(name, output);
        }
    }

    [Fact]
    public void List_resolved_prints_a_recipe_with_its_bases_merged_and_every_default_written()
    {
        var (exitCode, output) = Run("list", "--resolved", "mnist-mlp-bf16");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("# mnist-mlp-bf16.recipe.yaml (extends mnist-mlp.recipe.yaml, which extends mnist-mlp-baseline.recipe.yaml) with every default resolved", output);
        // From the base two levels up, from the middle recipe, and the recipe's own key.
        Assert.Contains("  hidden_sizes: [256]\n", output);
        Assert.Contains("  label_smoothing: 0.1\n", output);
        Assert.Contains("  precision: bf16\n", output);
        Assert.DoesNotContain("extends:", output);
        Assert.Equal(2, Run("list", "mnist-mlp").ExitCode);
    }

    [Fact]
    public void Data_shows_what_a_recipe_trains_on_without_training()
    {
        var (exitCode, output) = Run("data", "mnist-mlp");

        Assert.True(exitCode == 0, output);
        Assert.Contains("the embedded MNIST digits", output);
        Assert.Contains("7,200 train / 800 validation / 2,000 test examples of [1, 28, 28], uint8", output);
        Assert.Contains("mean [0.1307], std [0.3081] (as given)", output);
        Assert.Equal(10, Regex.Matches(output, @"^│ \d +│", RegexOptions.Multiline).Count);
        Assert.Empty(Directory.GetFileSystemEntries(_out));
    }

    /// <summary>About 30 KB of seeded sentences from a small grammar, written into the test's folder.</summary>
    private string Sentences()
    {
        var path = Path.Combine(_out, "sentences.txt");
        RecipeDsl.Runtime.Tests.Text.GeneratedSentences.Write(path, seed: 4);
        return path;
    }

    [Fact]
    public void Data_shows_how_a_text_recipe_tokenizes_and_splits_its_text()
    {
        var (exitCode, output) = Run("data", "fortunes-transformer", "--data", Sentences());

        Assert.True(exitCode == 0, output);
        Assert.Contains("FortunesTransformer (fortunes-transformer.recipe.yaml): text in ", output);
        Assert.Contains("bytes tokenizer, 257 tokens;", output);
        Assert.Matches(@"tokens: [0-9,]+ train / [0-9,]+ validation / [0-9,]+ test, contiguous in that order", output);
        Assert.Matches(@"windows of 128 predicted tokens: [0-9,]+ train / [0-9,]+ validation / [0-9,]+ test", output);
    }

    [Fact]
    public void A_text_recipe_without_its_text_is_one_error_line_naming_the_file()
    {
        var missing = Path.Combine(_out, "absent.txt");
        var (exitCode, output) = Run("train", "fortunes-transformer", "--data", missing, "--epochs", "1", "--out", _out);

        Assert.Equal(2, exitCode);
        Assert.Contains($"error: {missing} does not exist", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void A_language_model_reports_perplexity_in_its_lines_tables_metrics_and_report()
    {
        var (exitCode, output) = Run("train", "fortunes-transformer", "--data", Sentences(), "--epochs", "1", "--max-train", "20", "--out", _out);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"val nll [0-9.]+ \(ppl [0-9.]+\)", output);
        Assert.Contains("perplexity", output);
        Assert.Contains("on 20 training windows", output);
        var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllLines(Path.Combine(_out, "FortunesTransformer.metrics.jsonl")).Single()).RootElement;
        Assert.Equal(Math.Exp(metrics.GetProperty("val_nll").GetDouble()), metrics.GetProperty("val_perplexity").GetDouble(), 9);
        Assert.Matches(@"\| FortunesTransformer \| 1 \| [0-9.]+ % \| [0-9.]+ \(perplexity [0-9.]+\) \|", File.ReadAllText(Path.Combine(_out, "report.md")));
    }

    /// <summary>Trains a Fashion-MNIST sample on 300 + 100 made-up 28×28 images of 10 classes, named by --data.</summary>
    private (int ExitCode, string Output) TrainOnSmallFashion(string recipe, int epochs)
    {
        using var files = new RecipeDsl.Runtime.Tests.Data.DataFixtures();
        var folder = files.Idx("fashion", train: 300, test: 100, side: 28, classes: 10);
        return Run("train", recipe, "--data", folder, "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", _out);
    }

    [Fact]
    public void A_fashion_recipe_trains_on_files_named_by_the_data_option()
    {
        var (exitCode, output) = TrainOnSmallFashion("fashion-mlp", epochs: 1);

        Assert.True(exitCode == 0, output);
        Assert.Contains("FashionMlp: data: 270 train / 30 validation / 100 test examples of [1, 28, 28]", output);
        Assert.Single(File.ReadAllLines(Path.Combine(_out, "FashionMlp.metrics.jsonl")));
    }

    [Fact]
    public void A_scheduled_clipped_early_stopped_run_reports_its_rates_norms_and_best_epoch()
    {
        var (exitCode, output) = TrainOnSmallFashion("fashion-mlp-focal", epochs: 2);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"FashionMlpFocal: trained all 2 epochs; (its last epoch was the best|restored the weights of epoch 1)", output);
        var lines = File.ReadAllLines(Path.Combine(_out, "FashionMlpFocal.metrics.jsonl")).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        // One warmup epoch of 3 batches starts at lr/4; the cosine part starts at lr.
        Assert.Equal(0.001 / 4, lines[0].GetProperty("lr").GetDouble(), 12);
        Assert.Equal(0.001, lines[1].GetProperty("lr").GetDouble(), 12);
        Assert.All(lines, line => Assert.True(line.GetProperty("grad_norm").GetDouble() > 0));
        Assert.True(File.Exists(Path.Combine(_out, "learning-rate.png")));
        Assert.Contains("FashionMlpFocal: trained all 2 epochs", File.ReadAllText(Path.Combine(_out, "report.md")));
        Assert.Contains("type: focal", File.ReadAllText(Path.Combine(_out, "FashionMlpFocal.recipe.yaml")));
    }

    [Fact]
    public void Missing_fashion_mnist_files_are_one_error_line_that_says_how_to_install_them()
    {
        var (exitCode, output) = Run("data", "fashion-mlp", "--data", Path.Combine(_out, "absent"));

        Assert.Equal(2, exitCode);
        Assert.Contains("apt-get install dataset-fashion-mnist", output.ReplaceLineEndings(" "));
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void Train_prints_epochs_and_the_final_table_and_writes_the_report_folder()
    {
        var (exitCode, output) = Run("train", "mnist-mlp", "--epochs", "2", "--max-train", "400", "--out", _out);

        Assert.True(exitCode == 0, output);
        Assert.Contains("MnistMlp epoch   1", output);
        Assert.Contains("MnistMlp epoch   2", output);
        Assert.Matches(@"MnistMlp epoch   1 .*\(\d+\.\d s, [\d,]+ examples/s\)", output);
        Assert.Contains("│ test", output);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_out, "MnistMlp.metrics.jsonl")).Length);
        Assert.Contains("label_smoothing: 0.1", File.ReadAllText(Path.Combine(_out, "MnistMlp.recipe.yaml")));
        Assert.True(new FileInfo(Path.Combine(_out, "MnistMlp.model.dat")).Length > 100_000);
        foreach (var png in new[] { "MnistMlp.reliability.png", "train-loss.png", "validation-accuracy.png", "train-confidence.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(_out, png));
            Assert.True(bytes.Length > 5_000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png);
        }

        var report = File.ReadAllText(Path.Combine(_out, "report.md"));
        Assert.Contains("| MnistMlp | 2 |", report);
        Assert.Matches(@"!\[Reliability of MnistMlp on the test split \(after temperature scaling T = [0-9.]+, ECE [0-9.]+ → [0-9.]+\)\]\(MnistMlp.reliability.png\)", report);
    }

    [Theory]
    [InlineData("model.hidden_sizes=[512]", "--set model.hidden_sizes: model.hidden_sizes shapes the generated trainer (RecipeDsl compiles each recipe into C#); edit it in mnist-mlp.recipe.yaml and rebuild.")]
    [InlineData("loss.label_smoothing=0.2", "edit it in mnist-mlp.recipe.yaml and rebuild.")]
    [InlineData("model.hiden=3", "--set model.hiden: mnist-mlp.recipe.yaml has no key 'model.hiden'")]
    [InlineData("data.seed=3", "--seed N changes the training seed (weights, order, dropout, mixing) and keeps the split")]
    [InlineData("training.epochs=0", "--set training.epochs: a whole number above 0; got '0'.")]
    [InlineData("epochs", "--set takes KEY=VALUE, such as training.epochs=3; got 'epochs'.")]
    public void A_set_that_a_run_cannot_make_is_refused_before_anything_trains(string assignment, string message)
    {
        var (exitCode, output) = Run("train", "mnist-mlp", "--set", assignment, "--out", _out);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, Flat(output));
        Assert.DoesNotContain("epoch   1", output);
        Assert.Empty(Directory.GetFileSystemEntries(_out));
    }

    [Fact]
    public void Set_and_seed_change_a_run_without_rebuilding_and_the_report_records_them()
    {
        var (exitCode, output) = Run("train", "mnist-mlp", "--set", "training.epochs=2", "--set", "training.device=cpu", "--seed", "7", "--max-train", "300", "--out", _out);
        var (defaultExit, defaultOutput) = Run("train", "mnist-mlp", "--epochs", "1", "--max-train", "300", "--out", Path.Combine(_out, "default"));
        var (againExit, againOutput) = Run("train", "mnist-mlp", "--epochs", "1", "--seed", "7", "--max-train", "300", "--out", Path.Combine(_out, "again"));

        Assert.True(exitCode == 0 && defaultExit == 0 && againExit == 0, output + defaultOutput + againOutput);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_out, "MnistMlp.metrics.jsonl")).Length);
        Assert.Contains("MnistMlp: training on cpu (asked for)", output);
        Assert.Contains("Command line: `train mnist-mlp --set training.epochs=2 --set training.device=cpu --seed 7 --max-train 300 --out ", File.ReadAllText(Path.Combine(_out, "report.md")));
        // Another seed trains differently on the same split; the same seed repeats.
        string FirstEpoch(string text) => Regex.Match(text, "MnistMlp epoch   1  train loss [0-9.]+").Value;
        Assert.NotEqual(FirstEpoch(defaultOutput), FirstEpoch(output));
        Assert.Equal(FirstEpoch(output), FirstEpoch(againOutput));
        Assert.Contains("300 train / 800 validation / 2,000 test examples", Flat(defaultOutput));
        Assert.Contains("300 train / 800 validation / 2,000 test examples", Flat(output));
    }

    [Fact]
    public void Compare_trains_each_recipe_and_fills_ECE_after_temperature_scaling_for_all()
    {
        var (exitCode, output) = Run("compare", "mnist-mlp-baseline", "mnist-mlp", "--epochs", "1", "--max-train", "400", "--out", _out);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Comparison on the test split", output);
        var rows = output.Split('\n').Where(line => line.Contains("│ MnistMlp", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.All(rows, row => Assert.Contains("(T = ", row));
        var report = File.ReadAllText(Path.Combine(_out, "report.md"));
        Assert.Contains("| MnistMlpBaseline |", report);
        Assert.Contains("| MnistMlp |", report);
        Assert.True(File.Exists(Path.Combine(_out, "MnistMlpBaseline.model.dat")));
        Assert.True(File.Exists(Path.Combine(_out, "train-confidence.png")));
    }

    [Fact]
    public void An_interactive_terminal_gets_progress_bars_and_the_same_report()
    {
        var console = new TestConsole { EmitAnsiSequences = false };
        console.Profile.Capabilities.Interactive = true;

        var (exitCode, output) = Run(console, "train", "mnist-mlp", "--epochs", "1", "--max-train", "200", "--out", _out);

        Assert.True(exitCode == 0, output);
        // The epoch's line is the final text of its progress task (no plain epoch lines are printed on a terminal).
        Assert.Contains("MnistMlp epoch   1  train loss", output);
        Assert.Contains("100%", output);
        Assert.Contains("│ test", output);
        Assert.Single(File.ReadAllLines(Path.Combine(_out, "MnistMlp.metrics.jsonl")));
    }

    [Fact]
    public void A_student_report_has_both_runs_but_saves_only_the_student()
    {
        var (exitCode, output) = Run("distill", "mnist-student", "--epochs", "1", "--max-train", "300", "--out", _out);

        Assert.True(exitCode == 0, output);
        Assert.Contains("MnistTeacher epoch   1", output);
        Assert.Contains("MnistStudent epoch   1", output);
        Assert.True(File.Exists(Path.Combine(_out, "MnistTeacher.metrics.jsonl")));
        Assert.True(File.Exists(Path.Combine(_out, "MnistStudent.model.dat")));
        Assert.False(File.Exists(Path.Combine(_out, "MnistTeacher.model.dat")));
    }

    [Fact]
    public void A_saved_teacher_can_be_distilled_from()
    {
        var teacher = Path.Combine(_out, "teacher.dat");
        Assert.Equal(0, Run("train", "mnist-teacher", "--epochs", "1", "--max-train", "300", "--save-model", teacher, "--out", Path.Combine(_out, "t")).ExitCode);

        var (exitCode, output) = Run("distill", "mnist-student", "--teacher-weights", teacher, "--epochs", "1", "--max-train", "300", "--out", Path.Combine(_out, "s"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("weights from", output);
        Assert.DoesNotContain("MnistTeacher epoch", output);
    }

    [Fact]
    public void Resume_continues_a_run_from_its_report_folder_and_ends_as_an_uninterrupted_one()
    {
        string[] Common(string folder, int epochs) => new[] { "train", "mnist-mlp", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-train", "400", "--out", Path.Combine(_out, folder) };
        Assert.Equal(0, Run(Common("full", 3)).ExitCode);
        Assert.Equal(0, Run(Common("resumed", 1)).ExitCode);

        var (exitCode, output) = Run(Common("resumed", 3).Append("--resume").ToArray());

        Assert.True(exitCode == 0, output);
        Assert.Contains("resumed after epoch 1", output);
        Assert.DoesNotContain("MnistMlp epoch   1", output);
        static string[] Metrics(string path) => File.ReadAllLines(path).Select(line => line[..line.IndexOf("\"seconds\"", StringComparison.Ordinal)]).ToArray();
        Assert.Equal(Metrics(Path.Combine(_out, "full", "MnistMlp.metrics.jsonl")), Metrics(Path.Combine(_out, "resumed", "MnistMlp.metrics.jsonl")));
    }

    [Fact]
    public void Sweep_prints_every_candidate_and_the_best()
    {
        var (exitCode, output) = Run("sweep", "mnist-sweep", "--epochs", "1", "--max-train", "300", "--out", _out);

        Assert.True(exitCode == 0, output);
        Assert.Contains("← best", output);
        Assert.Contains("| 0.2 |", File.ReadAllText(Path.Combine(_out, "report.md")));
    }

    [Theory]
    [InlineData(new[] { "train", "nope" }, "No recipe named 'nope'. Known recipes: ")]
    [InlineData(new[] { "distill", "mnist-mlp" }, "'MnistMlp' is not a distillation student")]
    [InlineData(new[] { "distill", "mnist-student", "--teacher-weights", "/nonexistent/teacher.dat" }, "No teacher weights at '/nonexistent/teacher.dat'")]
    [InlineData(new[] { "sweep", "mnist-mlp" }, "'MnistMlp' has no 'sweep' section")]
    [InlineData(new[] { "train", "mnist-mlp", "--epochs", "0" }, "--epochs needs a whole number above 0")]
    [InlineData(new[] { "train", "mnist-mlp", "--device", "tpu" }, "--device is auto, cpu or cuda")]
    [InlineData(new[] { "train", "mnist-mlp", "--epochs", "x" }, "'x' is not a whole number.")]
    [InlineData(new[] { "train" }, "missing required argument 'recipe'")]
    [InlineData(new[] { "compare", "mnist-mlp" }, "compare needs at least two recipes")]
    [InlineData(new[] { "fly" }, "Unknown command 'fly'")]
    public void Mistakes_are_clear_errors_with_a_nonzero_exit_code(string[] args, string message)
    {
        var (exitCode, output) = Run(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output.Replace("\n", " "));
    }

    [Fact]
    public void A_diverging_run_stops_with_one_error_line_and_exit_code_3()
    {
        var (exitCode, output) = Run("train", "mnist-sgd-too-fast", "--max-train", "1000", "--out", _out);

        Assert.True(exitCode == 3, output);
        Assert.Matches(@"error: MnistSgdTooFast: the training loss became NaN or infinite in epoch 1, batch \d+ of 16; training stopped\.", output.Replace("\n", " "));
        Assert.Contains($"Kept in {_out}", output.Replace("\n", ""));
        Assert.DoesNotContain("   at ", output);
        Assert.False(File.Exists(Path.Combine(_out, "MnistSgdTooFast.checkpoint")), "a diverged epoch wrote a checkpoint");
    }

    [Fact]
    public void Teacher_weights_of_another_model_are_one_error_line_with_exit_code_2()
    {
        var weights = Path.Combine(_out, "mlp.dat");
        Assert.Equal(0, Run("train", "mnist-mlp", "--epochs", "1", "--max-train", "200", "--save-model", weights, "--out", Path.Combine(_out, "mlp")).ExitCode);

        var (exitCode, output) = Run("distill", "mnist-student", "--teacher-weights", weights, "--epochs", "1", "--max-train", "200", "--out", Path.Combine(_out, "student"));

        Assert.True(exitCode == 2, output);
        Assert.Matches($"error: '{Regex.Escape(weights)}' does not hold weights of recipe MnistTeacher's model \\(.+\\)\\. Save them with: recipedsl train MnistTeacher --save-model {Regex.Escape(weights)}", output.Replace("\n", ""));
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void A_corrupt_checkpoint_is_one_error_line_with_exit_code_2()
    {
        File.WriteAllText(Path.Combine(_out, "MnistMlp.checkpoint"), "not a checkpoint");

        var (exitCode, output) = Run("train", "mnist-mlp", "--epochs", "1", "--max-train", "200", "--out", _out, "--resume");

        Assert.True(exitCode == 2, output);
        Assert.Contains("is not a usable checkpoint of recipe MnistMlp", output.Replace("\n", ""));
        Assert.Contains("Delete it to start over", output.Replace("\n", ""));
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void An_out_folder_that_is_a_file_is_one_error_line_with_exit_code_2()
    {
        var file = Path.Combine(_out, "taken");
        File.WriteAllText(file, "");

        var (exitCode, output) = Run("train", "mnist-mlp", "--epochs", "1", "--out", file);

        Assert.True(exitCode == 2, output);
        Assert.Contains($"--out '{file}' is a file; give a folder for the report", output.Replace("\n", ""));
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}
