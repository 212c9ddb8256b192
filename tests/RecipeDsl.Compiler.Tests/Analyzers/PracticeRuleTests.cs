using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Analyzers;

/// <summary>The seed article's rules, each located at the YAML that breaks it, and silent when the recipe is fine.</summary>
public sealed class PracticeRuleTests
{
    private const string Mlp = "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n";

    private static Diagnostic[] Analyze(string yaml, string name = "x") =>
        AnalyzerRunner.Run(new InMemoryAdditionalText($"/p/{name}.recipe.yaml", yaml));

    private static string[] Rendered(Diagnostic[] diagnostics) => diagnostics.Select(d => d.ToString()).ToArray();

    [Fact]
    public void RD1001_lands_in_the_teacher_named_by_a_student_and_names_the_student_and_the_temperature()
    {
        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/big.recipe.yaml", "name: Big\n" + Mlp + "loss:\n  label_smoothing: 0.1\n"),
            new InMemoryAdditionalText("/p/small.recipe.yaml", "name: Small\n" + Mlp + "distillation:\n  teacher: Big\n  temperature: 4\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(
            "/p/big.recipe.yaml(7,20): warning RD1001: Label smoothing ε = 0.1 on recipe 'Big', a distillation teacher (the teacher of Small): "
            + "smoothing erases the wrong-class probabilities its students learn from; train teachers with label_smoothing: 0. "
            + "At the student temperature T = 4 the soft targets are made of exactly those probabilities, so the harm grows with T (Chandrasegaran et al. 2022)",
            diagnostic.ToString());
        Assert.Equal("0.0", diagnostic.Properties["Replacement"]);
    }

    [Fact]
    public void RD1001_is_not_escalated_at_low_temperature()
    {
        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/big.recipe.yaml", "name: Big\n" + Mlp + "loss:\n  label_smoothing: 0.1\n"),
            new InMemoryAdditionalText("/p/small.recipe.yaml", "name: Small\n" + Mlp + "distillation:\n  teacher: Big\n  temperature: 2\n"));

        Assert.EndsWith("train teachers with label_smoothing: 0", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public void RD1002_flags_smoothing_in_a_students_hard_loss()
    {
        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/big.recipe.yaml", "name: Big\n" + Mlp),
            new InMemoryAdditionalText("/p/small.recipe.yaml", "name: Small\n" + Mlp + "distillation:\n  teacher: Big\nloss:\n  label_smoothing: 0.1\n"));

        Assert.Equal(
            new[] { "/p/small.recipe.yaml(9,20): warning RD1002: Label smoothing ε = 0.1 in the hard-label loss of student 'Small': the teacher's soft targets already carry the regularisation; train the hard term on plain labels" },
            Rendered(diagnostics));
    }

    [Fact]
    public void RD1003_flags_double_smoothing_with_the_effective_epsilon()
    {
        var diagnostics = Analyze(Mlp + "loss:\n  label_smoothing: 0.1\nmixup:\n  label_smoothing: 0.1\n").Where(d => d.Id == "RD1003");

        Assert.Equal(
            new[] { "/p/x.recipe.yaml(8,20): warning RD1003: Targets are smoothed twice: loss.label_smoothing = 0.1 and mixup.label_smoothing = 0.1 give an effective ε = 0.19; keep one of them" },
            Rendered(diagnostics.ToArray()));
    }

    [Theory]
    [InlineData(30_000, 0.15, true)]
    [InlineData(30_000, 0.1, false)]
    [InlineData(29_999, 0.2, false)]
    public void RD1004_applies_above_epsilon_0_1_from_30000_classes(int classes, double epsilon, bool applies)
    {
        // No embedded dataset has that many classes yet, so the condition is tested on its own.
        Assert.Equal(applies, RecipeDsl.Analyzers.Rules.LabelSmoothingRules.OverRegularisesLargeOutput(classes, epsilon));
    }

    [Fact]
    public void RD1004_fires_on_a_real_recipe_over_cl100k_at_the_epsilon()
    {
        var diagnostic = Assert.Single(Analyze(
            "task: sequence\ndata:\n  format: text\n  path: c.txt\n  tokenizer: cl100k\nmodel:\n  architecture: transformer\nloss:\n  label_smoothing: 0.2\n"));

        Assert.Equal("RD1004", diagnostic.Id);
        Assert.Equal((8, 19), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Contains("100277 classes", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.1", diagnostic.Properties["Replacement"]);
    }

    [Fact]
    public void RD1005_flags_large_smoothing_while_fine_tuning()
    {
        var diagnostic = Assert.Single(Analyze("data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  pretrained: base.dat\nloss:\n  label_smoothing: 0.1\n"));

        Assert.Equal("RD1005", diagnostic.Id);
        Assert.Equal((6, 19), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Equal("0.05", diagnostic.Properties["Replacement"]);
        Assert.Empty(Analyze("data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  pretrained: base.dat\nloss:\n  label_smoothing: 0.05\n"));
    }

    [Theory]
    [InlineData("data:\n  dataset: mnist\n  labels: noisy\nmodel:\n  architecture: mlp\nloss:\n  label_smoothing: 0.1\n", "labels declared noisy")]
    [InlineData("data:\n  dataset: mnist\n  label_noise: 0.3\nmodel:\n  architecture: mlp\nloss:\n  label_smoothing: 0.1\n", "labels with 30 % injected noise")]
    public void RD1006_flags_smoothing_on_noisy_labels(string yaml, string why)
    {
        var diagnostic = Assert.Single(Analyze(yaml));

        Assert.Equal("RD1006", diagnostic.Id);
        Assert.StartsWith($"Label smoothing on {why}:", diagnostic.GetMessage());
        Assert.Empty(Analyze(yaml.Replace("0.1\n", "0\n")));
    }

    [Fact]
    public void RD1007_notes_mixup_with_smoothing_on_a_small_training_set_at_the_mixup_key()
    {
        var diagnostic = Assert.Single(Analyze(Mlp + "loss:\n  label_smoothing: 0.1\nmixup:\n  alpha: 0.2\n"));

        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal("/p/x.recipe.yaml(7,1): info RD1007: Mixup together with label smoothing regularises strongly; with 7,200 training examples (fewer than 20,000) that can underfit, so compare with either one alone", diagnostic.ToString());
        Assert.Empty(Analyze(Mlp + "mixup:\n  alpha: 0.2\n"));
    }

    [Theory]
    [InlineData("data:\n  dataset: fashion_mnist\n")]
    [InlineData("data:\n  format: csv\n  path: big.csv\n  input_shape: [8]\n  classes: 10\n")]
    public void RD1007_stays_quiet_on_large_or_not_yet_counted_training_sets(string data)
    {
        Assert.Empty(Analyze(data + "model:\n  architecture: mlp\nloss:\n  label_smoothing: 0.1\nmixup:\n  alpha: 0.2\n"));
    }

    [Fact]
    public void A_data_section_mistake_is_reported_at_its_yaml_line_and_column()
    {
        var diagnostic = Assert.Single(Analyze("data:\n  dataset: fashion_mnist\n  classes: 12\nmodel:\n  architecture: mlp\n"));

        Assert.Equal("/p/x.recipe.yaml(3,12): error RD0011: 'data.classes' is invalid: dataset 'fashion_mnist' has classes 10; leave the key out, or use 'format' for other data", diagnostic.ToString());
    }

    [Fact]
    public void RD1008_notes_temperature_scaling_on_top_of_smoothing()
    {
        var diagnostic = Assert.Single(Analyze(Mlp + "loss:\n  label_smoothing: 0.1\ncalibration:\n  temperature_scaling: true\n"));

        Assert.Equal(("RD1008", DiagnosticSeverity.Info), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(7, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void RD1009_notes_mixup_with_an_odd_batch_size_and_offers_the_next_even_one()
    {
        var diagnostic = Assert.Single(Analyze("data:\n  dataset: mnist\n  batch_size: 33\nmodel:\n  architecture: mlp\nmixup: {}\n"));

        Assert.Equal(("RD1009", "34"), (diagnostic.Id, diagnostic.Properties["Replacement"]));
        Assert.Equal("/p/x.recipe.yaml(3,15)", diagnostic.ToString()[..22]);
    }

    [Theory]
    [InlineData("uniform", "the true class gets 0.19 against 0.09 for each other class: a nearly uniform target")]
    [InlineData("off_target", "with off_target the true class gets 1 − ε = 0.1, no more than the 0.1 of each other class: the target is no longer peaked on it")]
    public void RD1010_flags_an_epsilon_that_flattens_the_target(string convention, string effect)
    {
        var diagnostic = Assert.Single(Analyze(Mlp + $"loss:\n  label_smoothing: 0.9\n  smoothing_convention: {convention}\n"));

        Assert.Equal($"Label smoothing ε = 0.9 is at least (K−1)/K = 0.9: {effect}", diagnostic.GetMessage());
        Assert.Empty(Analyze(Mlp + $"loss:\n  label_smoothing: 0.85\n  smoothing_convention: {convention}\n"));
    }

    [Fact]
    public void RD1011_flags_a_warmup_as_long_as_training_but_not_one_cycles_rising_phase()
    {
        var diagnostic = Assert.Single(Analyze(Mlp + "training:\n  epochs: 3\n  schedule:\n    type: cosine\n    warmup_epochs: 3\n"));

        Assert.Equal("/p/x.recipe.yaml(9,20)", diagnostic.ToString()[..22]);
        Assert.Equal("warmup_epochs 3 is at least training.epochs 3: the learning rate never reaches lr 0.001, and the cosine schedule after the warmup never runs",
            diagnostic.GetMessage());
        Assert.Empty(Analyze(Mlp + "training:\n  epochs: 3\n  schedule:\n    type: cosine\n    warmup_epochs: 2.5\n"));
        Assert.Empty(Analyze(Mlp + "training:\n  epochs: 3\n  schedule: one_cycle\n"));
    }

    [Fact]
    public void RD1012_flags_a_step_schedule_that_never_decays()
    {
        var diagnostic = Assert.Single(Analyze(Mlp + "training:\n  epochs: 10\n  schedule:\n    type: step\n    step_size: 8\n    warmup_epochs: 2\n"));

        Assert.Equal(("RD1012", "step_size 8 is at least the 8 epochs left after warmup: the learning rate is never multiplied by gamma"), (diagnostic.Id, diagnostic.GetMessage()));
        Assert.Empty(Analyze(Mlp + "training:\n  epochs: 10\n  schedule:\n    type: step\n    step_size: 7\n    warmup_epochs: 2\n"));
    }

    [Fact]
    public void RD1013_notes_early_stopping_whose_patience_outlasts_training()
    {
        var written = Assert.Single(Analyze(Mlp + "training:\n  epochs: 3\n  early_stopping:\n    patience: 5\n"));
        var defaulted = Assert.Single(Analyze(Mlp + "training:\n  epochs: 4\n  early_stopping:\n"));

        Assert.Equal(("RD1013", "/p/x.recipe.yaml(8,15)"), (written.Id, written.ToString()[..22]));
        Assert.Equal("patience 3 with training.epochs 4 cannot stop before the last epoch (the first always counts as an improvement): "
            + "every epoch is trained; early stopping only puts the best epoch's weights back", defaulted.GetMessage());
        Assert.Empty(Analyze(Mlp + "training:\n  epochs: 5\n  early_stopping:\n"));
    }

    [Fact]
    public void RD1014_notes_focal_loss_without_focus_and_offers_gamma_two()
    {
        var diagnostic = Assert.Single(Analyze(Mlp + "loss:\n  type: focal\n  focal_gamma: 0\n"));

        Assert.Equal(("RD1014", "2"), (diagnostic.Id, diagnostic.Properties["Replacement"]));
        Assert.Empty(Analyze(Mlp + "loss:\n  type: focal\n"));
    }

    [Fact]
    public void RD1015_and_RD1016_flag_a_reduced_precision_on_a_cpu_recipe_only()
    {
        var tf32 = Assert.Single(Analyze(Mlp + "training:\n  device: cpu\n  precision: tf32\n"));
        var bf16 = Assert.Single(Analyze(Mlp + "training:\n  device: cpu\n  precision: bf16\n"));

        Assert.Equal(("RD1015", "/p/x.recipe.yaml(7,14)", DiagnosticSeverity.Warning), (tf32.Id, tf32.ToString()[..22], tf32.Severity));
        Assert.Equal("precision tf32 changes only CUDA matmuls and cuDNN convolutions; with device cpu this recipe trains in fp32", tf32.GetMessage());
        Assert.Equal(("RD1016", DiagnosticSeverity.Info), (bf16.Id, bf16.Severity));
        Assert.Empty(Analyze(Mlp + "training:\n  device: auto\n  precision: bf16\n"));
        Assert.Empty(Analyze(Mlp + "training:\n  device: cuda\n  precision: tf32\n"));
        Assert.Empty(Analyze(Mlp + "training:\n  device: cpu\n  precision: fp32\n"));
    }

    [Fact]
    public void A_yaml_comment_silences_practice_rules_for_its_recipe()
    {
        const string noisy = "data:\n  dataset: mnist\n  labels: noisy\nmodel:\n  architecture: mlp\n  role: teacher\nloss:\n  label_smoothing: 0.1\n";

        Assert.Equal(new[] { "RD1001", "RD1006" }, Analyze(noisy).Select(d => d.Id).OrderBy(id => id));
        Assert.Equal(new[] { "RD1001" }, Analyze("# recipedsl: disable RD1006 -- known\n" + noisy).Select(d => d.Id));
        Assert.Empty(Analyze(noisy + "# recipedsl: disable RD1006, RD1001\n"));
    }

    [Fact]
    public void Schema_errors_cannot_be_silenced()
    {
        Assert.Equal("RD0002", Assert.Single(Analyze("# recipedsl: disable RD0002\n" + Mlp + "epochz: 3\n")).Id);
    }

    [Fact]
    public void A_did_you_mean_carries_its_replacement_for_the_code_fix()
    {
        var diagnostic = Assert.Single(Analyze(Mlp + "loss:\n  label_smothing: 0.1\n"));

        Assert.Equal("label_smoothing", diagnostic.Properties["Replacement"]);
    }
}
