using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Generators;

/// <summary>Each technique of a recipe shows up in its trainer, and only when the recipe asks for it.</summary>
public sealed class GeneratedTechniqueTests
{
    private const string Base = "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n";

    private static string Generate(string yaml, string name = "Shape", params InMemoryAdditionalText[] others)
    {
        var recipe = new InMemoryAdditionalText($"/p/{name}.recipe.yaml", yaml);
        var (output, result) = GeneratorRunner.Run(others.Prepend(recipe));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        return GeneratedText.Flat(result.GeneratedSources.Single(s => s.HintName == name + ".g.cs").SourceText.ToString());
    }

    [Theory]
    [InlineData("cl100k", "100277", "return nn.functional.linear(x, embedding.TokenWeights);")]
    [InlineData("chars\n  vocab_size: 90", "90", "output = nn.Linear(64, 90, hasBias: false);")]
    public void A_text_transformer_compiles_without_warnings_with_the_tokenizers_vocabulary(string tokenizer, string vocabulary, string output)
    {
        var tied = tokenizer == "cl100k" ? "" : "  tie_embeddings: false\n";
        var source = Generate(
            $"task: sequence\ndata:\n  format: text\n  path: c.txt\n  tokenizer: {tokenizer}\n  sequence_length: 32\nmodel:\n  architecture: transformer\n"
            + $"  layers: 3\n  heads: 4\n  d_model: 64\n{tied}loss:\n  label_smoothing: 0.2\ncalibration:\n  temperature_scaling: true\n");

        Assert.Contains($"public const int VocabularySize = {vocabulary};", source);
        Assert.Contains($"embedding = new Networks.TokenEmbedding({vocabulary}, 64, positions: 33);", source);
        Assert.Contains(output, source);
        Assert.Equal(3, source.Split("new Networks.TransformerBlock(64, 4, 0.0, layers: 3)").Length - 1);
        Assert.Contains("Training.NextToken.MeasureTemperatureScaling(model, data, ShapeRecipe.CalibrationBins);", source);
        Assert.Contains("public Tensor CalibratedLogits(Tensor input)", source);
    }

    [Fact]
    public void A_plain_recipe_has_none_of_the_techniques()
    {
        var source = Generate(Base);

        foreach (var absent in new[] { "Mixup", "teacher", "Temperature", "Sweep", "classSmoothing", "labelNoise", "Smooth" })
        {
            Assert.DoesNotContain(absent, source);
        }
    }

    [Fact]
    public void Mixup_smooths_the_targets_once_and_trains_on_soft_targets()
    {
        var source = Generate(Base + "loss:\n  label_smoothing: 0.1\nmixup:\n  alpha: 0.3\n");

        Assert.Contains("var mixup = new Training.Mixup(ShapeRecipe.MixupAlpha, ShapeRecipe.MixupProbability, seed);", source);
        Assert.Contains("mixup.Apply(inputs, Losses.SmoothedCrossEntropy.Targets(labels, ShapeRecipe.Classes, ShapeRecipe.LabelSmoothing, ShapeRecipe.SmoothingConvention));", source);
        Assert.Contains("var logits = model.call(mixedInputs);", source);
        Assert.Contains("var loss = Losses.SoftTargetCrossEntropy.Compute(logits, targets);", source);
        // No second smoothing in the loss.
        Assert.DoesNotContain("label_smoothing:", source);
        Assert.DoesNotContain("SmoothedCrossEntropy.Compute", source);
    }

    [Fact]
    public void Bf16_runs_batches_through_the_copy_and_clips_and_steps_the_float32_weights()
    {
        var source = Generate(Base + "training:\n  precision: bf16\n  grad_clip_norm: 1\nmixup: {}\n");

        Assert.Contains("using var bfloat16Copy = new Training.BFloat16Copy<ShapeModel>(model, new ShapeModel(), options.Log, ShapeRecipe.Name);", source);
        Assert.Contains("var logits = bfloat16Copy.Forward(mixedInputs);", source);
        Assert.Contains("using var tensorFloat32 = Training.TensorFloat32.Off();", source);
        var order = new[]
        {
            "bfloat16Copy.StartEpoch();", "loss.backward();", "bfloat16Copy.GradientsToMaster();", "clipping.Clip(model.parameters());",
            "optimizer.step();", "bfloat16Copy.CopyWeights();", "totals.Add(loss, logits);", "bfloat16Copy.EndEpoch();",
        };
        var epoch = source.IndexOf("private static void TrainEpoch(", System.StringComparison.Ordinal);
        var positions = order.Select(line => source.IndexOf(line, epoch, System.StringComparison.Ordinal)).ToArray();
        Assert.All(positions, position => Assert.True(position > epoch));
        Assert.Equal(positions.Order(), positions);
        // Only the training pass runs the copy: validation scores the float32 model.
        Assert.Equal(source.LastIndexOf("bfloat16Copy.Forward(", System.StringComparison.Ordinal), source.IndexOf("bfloat16Copy.Forward(", epoch, System.StringComparison.Ordinal));
        Assert.Contains("var validation = Training.Evaluation.Validation(model, data, ShapeRecipe.CalibrationBins);", source);
    }

    [Theory]
    [InlineData("fp32", "using var tensorFloat32 = Training.TensorFloat32.Off();")]
    [InlineData("tf32", "using var tensorFloat32 = Training.TensorFloat32.On(device.Device, options.Log, ShapeRecipe.Name);")]
    public void Fp32_and_tf32_set_the_tf32_switches_and_nothing_else(string precision, string line)
    {
        var source = Generate(Base + $"training:\n  precision: {precision}\n");

        Assert.Contains(line, source);
        Assert.DoesNotContain("bfloat16", source);
        Assert.Contains("var logits = model.call(inputs);", source);
    }

    [Fact]
    public void Mixup_without_smoothing_mixes_one_hot_targets()
    {
        var source = Generate(Base + "mixup: {}\n");

        Assert.Contains("mixup.Apply(inputs, nn.functional.one_hot(labels, ShapeRecipe.Classes).to(float32));", source);
        Assert.DoesNotContain("Smooth", source);
    }

    [Fact]
    public void A_student_takes_its_teachers_model_type_and_distils_from_it()
    {
        var teacher = new InMemoryAdditionalText("/p/Teacher.recipe.yaml", Base.Replace("architecture: mlp", "architecture: mlp\n  role: teacher"));
        var source = Generate(Base + "distillation:\n  teacher: Teacher\n  temperature: 3\n  alpha: 0.6\n", "Student", teacher);

        Assert.Contains("public Training.TrainingResult Train(TeacherModel teacher, Training.TrainingOptions? options = null)", source);
        Assert.Contains("public Training.TrainingResult Train(StudentModel model, TeacherModel teacher, Training.TrainingOptions? options = null)", source);
        Assert.Contains("using var teacher = teacherTrainer.CreateModel(options?.Seed);", source);
        Assert.Contains("teacherTrainer.Train(teacher, options is null ? null : options with { SaveModelTo = null });", source);
        Assert.Contains("teacher.eval();", source);
        Assert.Contains("var teacherLogits = TeacherLogits(teacher, inputs);", source);
        Assert.Contains("var hardLoss = nn.functional.cross_entropy(logits, labels);", source);
        Assert.Contains("var loss = Losses.DistillationLoss.Combine(logits, teacherLogits, hardLoss, StudentRecipe.DistillationTemperature, StudentRecipe.DistillationAlpha);", source);
        Assert.Contains("public const double DistillationTemperature = 3.0;", source);
    }

    [Fact]
    public void Passing_another_recipes_model_to_a_student_does_not_compile()
    {
        var recipes = new[]
        {
            new InMemoryAdditionalText("/p/teacher.recipe.yaml", "name: Teacher\n" + Base + "  role: teacher\n"),
            new InMemoryAdditionalText("/p/other.recipe.yaml", "name: Other\n" + Base),
            new InMemoryAdditionalText("/p/student.recipe.yaml", "name: Student\n" + Base + "distillation:\n  teacher: Teacher\n"),
        };
        const string wrong = """
            class User
            {
                void Run()
                {
                    using var other = new RecipeDsl.Recipes.OtherModel();
                    new RecipeDsl.Recipes.StudentTrainer().Train(other);
                }
            }
            """;
        const string right = """
            class User
            {
                void Run()
                {
                    using var teacher = new RecipeDsl.Recipes.TeacherModel();
                    new RecipeDsl.Recipes.StudentTrainer().Train(teacher);
                }
            }
            """;

        var (wrongOutput, _) = GeneratorRunner.Run(recipes, wrong);
        var (rightOutput, _) = GeneratorRunner.Run(recipes, right);

        var error = Assert.Single(wrongOutput.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal("CS1503", error.Id); // cannot convert from OtherModel to TeacherModel
        Assert.Contains("OtherModel", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(rightOutput.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("distillation:\n  teacher: Nobody\n")]
    [InlineData("name: Loop\ndistillation:\n  teacher: Loop\n")]
    public void A_student_without_a_valid_teacher_gets_no_code(string section)
    {
        var (_, result) = GeneratorRunner.Run(new[] { new InMemoryAdditionalText("/p/student.recipe.yaml", Base + section) });

        Assert.Null(result.Exception);
        Assert.Equal(new[] { "RecipeCatalog.g.cs" }, result.GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void Temperature_scaling_fits_after_training_and_stores_T_in_the_model()
    {
        var source = Generate(Base + "calibration:\n  temperature_scaling: true\n  bins: 10\n");

        Assert.Contains("register_buffer(\"temperature\", ones(1));", source);
        Assert.Contains("public Tensor CalibratedLogits(Tensor input)", source);
        Assert.Contains("var temperatureScaling = Training.Evaluation.MeasureTemperatureScaling(model, data, ShapeRecipe.CalibrationBins);", source);
        Assert.Contains("model.SetTemperature(temperatureScaling.Temperature);", source);
        Assert.Contains("public const int CalibrationBins = 10;", source);
    }

    [Fact]
    public void A_sweep_makes_epsilon_a_parameter_of_the_loop()
    {
        var source = Generate(Base + "sweep:\n  label_smoothing: [0.0, 0.1]\n  epochs: 2\n  metric: ece\n");

        Assert.Contains("public Training.SweepResult Sweep(Training.TrainingOptions? options = null)", source);
        Assert.Contains("private Training.TrainingResult Train(ShapeModel model, Training.TrainingOptions? options, double labelSmoothing)", source);
        Assert.Contains("functional.cross_entropy(logits, labels, label_smoothing: labelSmoothing)", source);
        Assert.Contains("SweepCandidates { get; } = new double[] { 0.0, 0.1 };", source);
        Assert.Contains("ValidationMetric SweepMetric = Training.ValidationMetric.Ece;", source);
    }

    [Fact]
    public void Class_smoothing_uses_a_per_class_epsilon_tensor()
    {
        var source = Generate(Base + "loss:\n  smoothing_convention: off_target\n  class_smoothing:\n    4: 0.2\n");

        Assert.Contains("ClassSmoothing { get; } = new double[] { 0.0, 0.0, 0.0, 0.0, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0 };", source);
        Assert.Contains("using var classSmoothing = Losses.SmoothedCrossEntropy.ClassEpsilons(ShapeRecipe.ClassSmoothing, device.Device);", source);
        Assert.Contains("SmoothedCrossEntropy.Compute(logits, labels, classSmoothing, ShapeRecipe.SmoothingConvention)", source);
    }

    [Fact]
    public void The_models_sizes_come_from_input_shape_and_classes()
    {
        var source = Generate("data:\n  format: image_folder\n  path: pets\n  input_shape: [3, 32, 24]\n  classes: 5\nmodel:\n  architecture: cnn\n  channels: [8, 16]\n  hidden_sizes: [64]\n");

        Assert.Contains("conv1 = nn.Conv2d(3, 8, kernel_size: 3, padding: 1);", source);
        // Two halvings: 32 × 24 → 8 × 6, with 16 channels.
        Assert.Contains("hidden1 = nn.Linear(768, 64);", source);
        Assert.Contains("output = nn.Linear(64, 5);", source);
        Assert.Contains("new(Name, RecipeData.DataSource.ImageFolder, \"/p/pets\", new[] { 3, 32, 24 }, Classes)", source);
    }

    [Fact]
    public void A_table_feeds_an_mlp_its_feature_count()
    {
        var source = Generate("data:\n  format: csv\n  path: iris.csv\n  input_shape: [4]\n  classes: 3\n  label_column: species\nmodel:\n  architecture: mlp\n  hidden_sizes: [16]\n");

        Assert.Contains("hidden1 = nn.Linear(4, 16);", source);
        Assert.Contains("LabelColumn = \"species\",", source);
        Assert.Contains("Normalization = RecipeData.InputNormalization.Dataset,", source);
    }

    [Fact]
    public void Augmentation_is_written_only_when_asked_for()
    {
        var plain = Generate("data:\n  dataset: fashion_mnist\nmodel:\n  architecture: mlp\n");
        var augmented = Generate("data:\n  dataset: fashion_mnist\n  augment:\n    random_crop: 4\nmodel:\n  architecture: mlp\n");

        Assert.DoesNotContain("augmentation", plain);
        Assert.Contains("using var augmentation = new RecipeData.ImageAugmentation(ShapeRecipe.RandomCrop, ShapeRecipe.HorizontalFlip, seed);", augmented);
        Assert.Contains("augmentation.StartEpoch(epoch);", augmented);
        Assert.Contains("var (inputs, labels) = data.TrainBatch(indices, augmentation);", augmented);
        Assert.Contains("public const bool HorizontalFlip = false;", augmented);
    }

    [Fact]
    public void Label_noise_is_injected_when_the_data_is_loaded()
    {
        var source = Generate("data:\n  dataset: mnist\n  label_noise: 0.2\nmodel:\n  architecture: mlp\n");

        Assert.Contains("using var data = RecipeData.ClassificationData.Load(ShapeRecipe.Data, device.Device, options);", source);
        Assert.Contains("LabelNoise = LabelNoise,", source);
        Assert.Contains("NoiseSeed = Seed,", source);
    }

    [Fact]
    public void Per_layer_dropout_puts_each_probability_after_its_layer()
    {
        var source = Generate("data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  hidden_sizes: [64, 32]\n  dropout: [0.3, 0]\n");

        Assert.Contains("dropout1 = nn.Dropout(0.3);", source);
        Assert.DoesNotContain("dropout2", source);
    }

    [Fact]
    public void A_sequence_task_shifts_for_next_token_prediction_and_ignores_padding()
    {
        var source = Generate("task: sequence\ndata:\n  dataset: arithmetic\nmodel:\n  architecture: gru\n  hidden_sizes: [32, 32]\nloss:\n  label_smoothing: 0.1\n");

        Assert.Contains("gru = nn.GRU(32, 32, numLayers: 2, batchFirst: true);", source);
        Assert.Contains("SequenceTensors.LoadArithmetic(ShapeRecipe.ValidationSplit, device.Device, ShapeRecipe.IgnoreIndex, options.MaxTrainSamples);", source);
        Assert.Contains("var (shiftedLogits, shiftedLabels) = Training.NextToken.Shift(logits, labels);", source);
        Assert.Contains("cross_entropy(predicted, targets, ignore_index: ShapeRecipe.IgnoreIndex, label_smoothing: ShapeRecipe.LabelSmoothing);", source);
        Assert.Contains("NextToken.Evaluate(model, data.ValidationInputs, data.ValidationLabels, ShapeRecipe.IgnoreIndex, ShapeRecipe.CalibrationBins)", source);
        Assert.Contains("public const int VocabularySize = 15;", source);
    }

    [Fact]
    public void A_classification_task_has_no_shift()
    {
        var source = Generate(Base + "loss:\n  label_smoothing: 0.1\n");

        Assert.DoesNotContain("Shift", source);
        Assert.DoesNotContain("IgnoreIndex", source);
    }
}
