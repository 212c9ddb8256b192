using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System;
using RecipeDsl.Language.Model;
using RecipeDsl.Language.Problems;
using RecipeDsl.Language.Techniques;
using RecipeDsl.Losses;
using RecipeDsl.Training;

namespace RecipeDsl.Language.Parsing;

/// <summary>Reads the sections of a recipe into its model, resolving defaults and checking how keys combine.</summary>
internal sealed class RecipeReader
{
    private static readonly Regex Identifier = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    /// <summary>A namespace-qualified class name; '+' separates a nested class, as in metadata names.</summary>
    private static readonly Regex TypeName = new(@"^[A-Za-z_][A-Za-z0-9_]*([.+][A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant);

    private readonly ValueReader _read;
    private readonly DataSectionReader _data;

    /// <param name="recipeDirectory">The recipe file's folder, against which a relative <c>data.path</c> resolves.</param>
    public RecipeReader(List<RecipeProblem> problems, string recipeDirectory)
    {
        _read = new ValueReader(problems);
        _data = new DataSectionReader(_read, recipeDirectory);
    }

    public (Recipe Recipe, RecipeLocations Locations) Read(YamlNode? rootNode, string fileName)
    {
        var root = _read.Section(rootNode, "", SourceSpan.FileStart);
        var name = ReadName(root, fileName);
        var description = _read.String(root, "description");
        _read.String(root, RecipeInheritance.Key); // resolved before reading; read here for where it is written
        var task = _read.Enum(root, "task", TaskKind.Classification, RecipeValues.Tasks);
        var data = _data.Read(root);
        var distillation = ReadDistillation(root);
        var model = ReadModel(root, distillation);
        var training = ReadTraining(root);
        var loss = ReadLoss(root, data.Classes);
        var mixup = ReadMixup(root);
        var calibration = ReadCalibration(root);
        var sweep = ReadSweep(root, training.Epochs);
        var recipe = new Recipe(name, description, fileName, task, data, model, training, loss, mixup, distillation, calibration, sweep);
        CheckTask(recipe, root);
        CheckInputShape(recipe, root);
        CheckClassSmoothing(recipe, root);
        CheckSweep(recipe, root);
        EarlyStoppingSection.CheckWithSweep(_read, recipe, KeySpan(root, "training", "early_stopping"));
        return (recipe, new RecipeLocations(_read.Locations.OrderBy(location => location.Key.Start).ToEquatableArray()));
    }

    /// <summary>
    /// The generated network's sizes come from <c>data.input_shape</c>: an mlp flattens any shape, a cnn needs images
    /// whose sides survive one halving per conv block.
    /// </summary>
    private void CheckInputShape(Recipe recipe, Section root)
    {
        if (recipe.Model.Architecture != Architecture.Cnn || recipe.Data.InputShape.Count == 0)
        {
            return;
        }

        var shape = recipe.Data.InputShape;
        var shapeText = "[" + string.Join(", ", shape) + "]";
        if (shape.Count != 3)
        {
            var span = ValueSpan(root, "data", "input_shape") ?? ValueSpan(root, "model", "architecture");
            if (span is { } located)
            {
                _read.Report(ProblemIds.InvalidValue, located, "data.input_shape", $"architecture 'cnn' needs images [C, H, W], and {shapeText} is a table; use 'mlp'");
            }

            return;
        }

        var side = Math.Min(shape[1], shape[2]);
        var blocks = recipe.Model.Channels.Count;
        var possible = 0;
        while (side >> (possible + 1) >= 1)
        {
            possible++;
        }

        // The flattened output of the last block feeds the first dense layer; beyond this it would not fit an int.
        long flattened = blocks == 0 ? (long)shape[0] * shape[1] * shape[2]
            : (long)recipe.Model.Channels[blocks - 1] * (shape[1] >> Math.Min(blocks, 30)) * (shape[2] >> Math.Min(blocks, 30));
        if (blocks <= possible && flattened > DataSectionReader.MaxExampleValues
            && (ValueSpan(root, "model", "channels") ?? ValueSpan(root, "data", "input_shape")) is { } wide)
        {
            _read.Report(ProblemIds.InvalidValue, wide, ValueSpan(root, "model", "channels") is null ? "data.input_shape" : "model.channels",
                $"the last conv block's output flattens to {flattened.ToString("N0", CultureInfo.InvariantCulture)} values, more than a dense layer takes ({DataSectionReader.MaxExampleValues.ToString("N0", CultureInfo.InvariantCulture)}); use more conv blocks or fewer channels");
        }

        if (blocks > possible)
        {
            var span = ValueSpan(root, "model", "channels") ?? ValueSpan(root, "data", "input_shape") ?? ValueSpan(root, "model", "architecture");
            var path = ValueSpan(root, "model", "channels") is null ? "data.input_shape" : "model.channels";
            if (span is { } located)
            {
                _read.Report(ProblemIds.InvalidValue, located, path,
                    $"{blocks} conv blocks halve the image {blocks} times, and input_shape {shapeText} allows at most {possible}; use fewer channels entries or larger images");
            }
        }
    }

    /// <summary>
    /// Per-class ε replaces the one ε of the recipe, so the keys that vary or add to that one ε would be ignored
    /// beside it: refused at the key instead.
    /// </summary>
    private void CheckClassSmoothing(Recipe recipe, Section root)
    {
        if (recipe.Loss.ClassSmoothing.Count == 0)
        {
            return;
        }

        if (KeySpan(root, "sweep") is { } sweep)
        {
            _read.Report(ProblemIds.NotApplicable, sweep, "sweep",
                "it varies the one ε every class shares, and 'loss.class_smoothing' sets ε per class; sweep a recipe without class_smoothing");
        }

        if (KeySpan(root, "mixup", "label_smoothing") is { } mixupSmoothing)
        {
            _read.Report(ProblemIds.NotApplicable, mixupSmoothing, "mixup.label_smoothing",
                "'loss.class_smoothing' already sets each class's ε for the mixed targets; put the smoothing there");
        }
    }

    /// <summary>
    /// A sweep trains fresh models of one recipe side by side; a student's run trains (or loads) its teacher first,
    /// which the sweep's candidates would each need too. Refused at the key rather than generated half-working.
    /// </summary>
    private void CheckSweep(Recipe recipe, Section root)
    {
        if (recipe.Sweep is not null && recipe.Distillation is not null && KeySpan(root, "sweep") is { } sweep)
        {
            _read.Report(ProblemIds.NotApplicable, sweep, "sweep",
                "a distillation student's ε is not swept yet; sweep ε on a recipe without 'distillation', then set the best ε here");
        }
    }

    /// <summary>Checks that the dataset, the architecture and the techniques suit the task.</summary>
    private void CheckTask(Recipe recipe, Section root)
    {
        var task = recipe.Task.Spelling();
        var sourceKey = recipe.Data.Source.IsNamed() ? "dataset" : "format";
        if (DatasetFacts.Task(recipe.Data.Source) != recipe.Task && ValueSpan(root, "data", sourceKey) is { } sourceSpan)
        {
            var fitting = recipe.Task == TaskKind.Sequence ? "dataset 'arithmetic' or format 'text'" : "images or tables (a dataset such as 'mnist', or a format)";
            _read.Report(ProblemIds.NotApplicable, sourceSpan, "data." + sourceKey, $"task '{task}' trains on {fitting}");
        }

        if (recipe.Model.Architecture == Architecture.Custom)
        {
            if (recipe.Task == TaskKind.Sequence)
            {
                NotForTask(root, task, "model", "type");
            }

            // Temperature scaling keeps T in the generated model class, which a custom model does not have.
            if (KeySpan(root, "calibration", "temperature_scaling") is { } span && recipe.Calibration.TemperatureScaling)
            {
                _read.Report(ProblemIds.NotApplicable, span, "calibration.temperature_scaling", "it stores T in a generated model; 'model.type' names your own");
            }
        }

        var sequenceArchitecture = recipe.Model.Architecture is Architecture.Gru or Architecture.Transformer;
        if (recipe.Model.Architecture != Architecture.Custom && sequenceArchitecture != (recipe.Task == TaskKind.Sequence)
            && ValueSpan(root, "model", "architecture") is { } architectureSpan)
        {
            var fitting = recipe.Task == TaskKind.Sequence ? "gru or transformer" : "mlp or cnn";
            _read.Report(ProblemIds.NotApplicable, architectureSpan, "model.architecture", $"task '{task}' uses {fitting}");
        }

        if (recipe.Task != TaskKind.Sequence)
        {
            NotForTask(root, task, "loss", "ignore_index");
            return;
        }

        // Techniques the sequence task does not support yet: refused rather than silently ignored.
        NotForTask(root, task, "model", "pretrained");
        NotForTask(root, task, "mixup");
        NotForTask(root, task, "distillation");
        NotForTask(root, task, "loss", "class_smoothing");
        if (recipe.Loss.Kind == LossKind.Focal)
        {
            NotForTask(root, task, "loss", "type");
        }

        if (recipe.Data.LabelNoise > 0)
        {
            NotForTask(root, task, "data", "label_noise");
        }
    }

    private void NotForTask(Section root, string task, params string[] path)
    {
        if (KeySpan(root, path) is { } span)
        {
            _read.Report(ProblemIds.NotApplicable, span, string.Join(".", path), $"task '{task}' does not support it");
        }
    }

    /// <summary>The span of the key at <paramref name="path"/> (one or two levels deep), if the recipe writes it.</summary>
    private static SourceSpan? KeySpan(Section root, params string[] path) => Entry(root, path)?.Key.Span;

    private static SourceSpan? ValueSpan(Section root, params string[] path) => Entry(root, path)?.Value.Span;

    private static KeyValuePair<YamlScalar, YamlNode>? Entry(Section root, string[] path)
    {
        if (!root.Entries.TryGetValue(path[0], out var entry))
        {
            return null;
        }

        if (path.Length == 1)
        {
            return entry;
        }

        return entry.Value is YamlMapping mapping && mapping.Entries.Where(e => e.Key.Value == path[1]).ToList() is [var nested, ..]
            ? nested
            : null;
    }

    private string ReadName(Section root, string fileName)
    {
        var node = root.Value("name");
        if (node is null)
        {
            var derived = RecipeParser.NameFromFileName(fileName);
            if (!Identifier.IsMatch(derived))
            {
                _read.Report(ProblemIds.InvalidName, SourceSpan.FileStart, derived, $"derived from the file name '{fileName}'; add a 'name:' key");
            }
            else if (IsReserved(derived))
            {
                _read.Report(ProblemIds.InvalidValue, SourceSpan.FileStart, "name", $"'{derived}', derived from the file name, {ReservedReason}; add a 'name:' key");
            }

            return derived;
        }

        if (node is YamlScalar { IsNull: true })
        {
            _read.Report(ProblemIds.WrongType, node.Span, "name", "a C# identifier", ValueReader.Describe(node));
            return "";
        }

        var name = _read.String(root, "name");
        if (name is not null && !Identifier.IsMatch(name))
        {
            _read.Report(ProblemIds.InvalidName, node.Span, name, "given by 'name'");
        }
        else if (name is not null && IsReserved(name))
        {
            _read.Report(ProblemIds.InvalidValue, node.Span, "name", $"'{name}' {ReservedReason}; choose another name");
        }

        return name ?? "";
    }

    private const string ReservedReason = "is the generated class that lists every recipe (RecipeCatalog.g.cs)";

    /// <summary>
    /// Names whose generated file would clash with the catalog's. Other generated names cannot clash: every recipe
    /// class ends in Recipe, Model or Trainer after the name, and generated code names the runtime and TorchSharp
    /// through usings declared inside the recipes' namespace, and framework types with global::.
    /// </summary>
    private static bool IsReserved(string name) => RecipeReferences.SameName(name, "RecipeCatalog");

    private ModelSpec ReadModel(Section root, DistillationSpec? distillation)
    {
        var model = _read.Section(root.Value("model"), "model", root.KeySpan("model"));
        if (model.Has("type"))
        {
            return ReadCustomModel(model, distillation);
        }

        var architecture = _read.Enum(model, "architecture", Architecture.Mlp, RecipeValues.Architectures, required: true);
        if (architecture == Architecture.Transformer)
        {
            return ReadTransformer(model, distillation);
        }

        foreach (var key in TransformerKeys)
        {
            _read.NotApplicable(model, key, "it applies to architecture 'transformer'", 0);
        }

        var channels = architecture == Architecture.Cnn
            ? _read.Sizes(model, "channels", RecipeDefaults.CnnChannels, maxCount: RecipeParser.MaxConvBlocks)
            : _read.NotApplicable(model, "channels", "it applies only to architecture 'cnn'", Array.Empty<int>());
        var hidden = _read.Sizes(model, "hidden_sizes", architecture switch
        {
            Architecture.Cnn => RecipeDefaults.CnnHiddenSizes,
            Architecture.Gru => RecipeDefaults.GruHiddenSizes,
            _ => RecipeDefaults.MlpHiddenSizes,
        });
        if (architecture == Architecture.Gru && hidden.Distinct().Count() > 1)
        {
            _read.Report(ProblemIds.InvalidValue, model.Value("hidden_sizes")!.Span, "model.hidden_sizes",
                "the layers of a gru share one size; write it once per layer, such as [128, 128]");
        }

        return new ModelSpec(
            architecture,
            hidden.ToEquatableArray(),
            channels.ToEquatableArray(),
            DropoutSection.Read(_read, model, architecture, hidden.Length).ToEquatableArray(),
            ReadRole(model, distillation))
        {
            Pretrained = ReadPretrained(model),
        };
    }

    /// <summary>
    /// <c>model.type: My.Namespace.MyNet</c>: the user's own <c>Module&lt;Tensor, Tensor&gt;</c>, constructed by the trainer.
    /// Whether the class exists and suits is known only to the compilation, so the analyzer checks that.
    /// </summary>
    private ModelSpec ReadCustomModel(Section model, DistillationSpec? distillation)
    {
        var type = _read.String(model, "type");
        if (type is null || !TypeName.IsMatch(type))
        {
            _read.Report(ProblemIds.InvalidValue, model.Value("type")!.Span, "model.type",
                "it must be the full name of a class, such as MyProject.Models.TinyNet");
        }

        foreach (var key in new[] { "architecture", "hidden_sizes", "channels", "dropout" }.Concat(TransformerKeys))
        {
            _read.NotApplicable(model, key, "'model.type' names the whole network", 0);
        }

        return new ModelSpec(
            Architecture.Custom,
            EquatableArray<int>.Empty,
            EquatableArray<int>.Empty,
            EquatableArray<double>.Empty,
            ReadRole(model, distillation),
            type ?? "")
        {
            Pretrained = ReadPretrained(model),
        };
    }

    private static readonly string[] TransformerKeys = { "layers", "heads", "d_model", "tie_embeddings" };

    /// <summary>
    /// A decoder-only transformer: <c>layers</c> blocks of <c>heads</c> heads over <c>d_model</c>-wide positions, one
    /// dropout probability, and the output tied to the token embedding unless <c>tie_embeddings: false</c>.
    /// </summary>
    private ModelSpec ReadTransformer(Section model, DistillationSpec? distillation)
    {
        foreach (var key in new[] { "hidden_sizes", "channels" })
        {
            _read.NotApplicable(model, key, "a transformer's size is layers, heads and d_model", 0);
        }

        var layers = _read.Integer(model, "layers", RecipeDefaults.TransformerLayers, NumberRange.Closed(1, 256));
        var heads = _read.Integer(model, "heads", RecipeDefaults.TransformerHeads, NumberRange.Closed(1, 1024));
        var width = _read.Integer(model, "d_model", RecipeDefaults.TransformerWidth, NumberRange.Closed(1, 65536));
        if (width % heads != 0 && (model.Value("heads") ?? model.Value("d_model")) is { } node)
        {
            _read.Report(ProblemIds.InvalidValue, node.Span, model.Value("heads") is null ? "model.d_model" : "model.heads",
                $"d_model {width} is not a multiple of heads {heads}: each head attends over d_model / heads dimensions");
        }

        var tie = _read.Boolean(model, "tie_embeddings", true);
        return new ModelSpec(
            Architecture.Transformer,
            EquatableArray<int>.Empty,
            EquatableArray<int>.Empty,
            DropoutSection.Read(_read, model, Architecture.Transformer, 1).ToEquatableArray(),
            ReadRole(model, distillation))
        {
            Pretrained = ReadPretrained(model),
            Transformer = new TransformerSpec(layers, heads, width, tie),
        };
    }

    /// <summary>A path to weights saved by <c>--save-model</c>; relative paths resolve against the working directory at run time.</summary>
    private string? ReadPretrained(Section model)
    {
        var path = _read.String(model, "pretrained");
        if (path is not null && (path.Trim().Length == 0 || path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0))
        {
            _read.Report(ProblemIds.InvalidValue, model.Value("pretrained")!.Span, "model.pretrained", "it must be the path of a weights file");
            return null;
        }

        return path;
    }

    private ModelRole ReadRole(Section model, DistillationSpec? distillation)
    {
        var role = _read.Enum(model, "role", distillation is null ? ModelRole.Standalone : ModelRole.Student, RecipeValues.Roles);
        if (distillation is null && role == ModelRole.Student)
        {
            _read.Report(ProblemIds.NotApplicable, model.Value("role")!.Span, "model.role",
                "a student needs a 'distillation' section that names its teacher");
        }
        else if (distillation is not null && role == ModelRole.Standalone)
        {
            _read.Report(ProblemIds.NotApplicable, model.Value("role")!.Span, "model.role",
                "a recipe with a 'distillation' section is a student (or a teacher that is itself distilled), not standalone");
        }

        return role;
    }

    private TrainingSpec ReadTraining(Section root)
    {
        var training = _read.Section(root.Value("training"), "training", root.KeySpan("training"));
        var epochs = _read.Integer(training, "epochs", RecipeDefaults.Epochs, NumberRange.Closed(1, 10000));
        var optimizer = ReadOptimizer(training);
        return new TrainingSpec(epochs, optimizer, _read.Enum(training, "device", DevicePreference.Auto, RecipeValues.Devices))
        {
            Schedule = LearningRateScheduleSection.Read(_read, training, epochs, optimizer.LearningRate),
            GradClipNorm = GradientClippingSection.Read(_read, training),
            EarlyStopping = EarlyStoppingSection.Read(_read, training),
            Precision = _read.Enum(training, "precision", TrainingPrecision.Fp32, RecipeValues.Precisions),
        };
    }

    private OptimizerSpec ReadOptimizer(Section training)
    {
        var node = training.Value("optimizer");
        if (node is YamlScalar { IsNull: false })
        {
            // Shorthand: "optimizer: sgd" takes that optimizer's defaults.
            var shorthand = _read.Enum(training, "optimizer", RecipeDefaults.Optimizer, RecipeValues.Optimizers);
            return new OptimizerSpec(
                shorthand,
                RecipeDefaults.LearningRate(shorthand),
                RecipeDefaults.WeightDecay(shorthand),
                shorthand == OptimizerKind.Sgd ? RecipeDefaults.SgdMomentum : 0.0);
        }

        var optimizer = _read.Section(node, "training.optimizer", training.KeySpan("optimizer"));
        var kind = _read.Enum(optimizer, "type", RecipeDefaults.Optimizer, RecipeValues.Optimizers);
        var momentum = kind == OptimizerKind.Sgd
            ? _read.Number(optimizer, "momentum", RecipeDefaults.SgdMomentum, NumberRange.HalfOpen(0, 1))
            : _read.NotApplicable(optimizer, "momentum", "it applies only to type 'sgd'", 0.0);
        return new OptimizerSpec(
            kind,
            _read.Number(optimizer, "lr", RecipeDefaults.LearningRate(kind), NumberRange.OpenClosed(0, 10)),
            _read.Number(optimizer, "weight_decay", RecipeDefaults.WeightDecay(kind), NumberRange.Closed(0, 1)),
            momentum);
    }

    private LossSpec ReadLoss(Section root, int classes)
    {
        var loss = _read.Section(root.Value("loss"), "loss", root.KeySpan("loss"));
        var epsilon = _read.Number(loss, "label_smoothing", RecipeDefaults.LabelSmoothing, NumberRange.HalfOpen(0, 1));
        var (kind, gamma) = FocalLossSection.Read(_read, loss);
        return new LossSpec(
            epsilon,
            _read.Enum(loss, "smoothing_convention", SmoothingConvention.Uniform, RecipeValues.SmoothingConventions),
            ReadClassSmoothing(loss, epsilon, classes).ToEquatableArray(),
            _read.Integer(loss, "ignore_index", RecipeDefaults.IgnoreIndex, NumberRange.Closed(int.MinValue, -1)))
        {
            Kind = kind,
            FocalGamma = gamma,
        };
    }

    /// <summary>
    /// <c>class_smoothing: { 3: 0.2, 8: 0.0 }</c> overrides ε for those true classes; the others keep
    /// <c>label_smoothing</c>. Returns one ε per class, or nothing when the key is absent.
    /// </summary>
    private double[] ReadClassSmoothing(Section loss, double epsilon, int classes)
    {
        var node = loss.Value("class_smoothing");
        if (node is null || node is YamlScalar { IsNull: true })
        {
            return Array.Empty<double>();
        }

        if (node is not YamlMapping mapping || mapping.Entries.Count == 0)
        {
            _read.Report(ProblemIds.WrongType, node.Span, "loss.class_smoothing", "a mapping from class index to ε such as { 3: 0.2 }", ValueReader.Describe(node));
            return Array.Empty<double>();
        }

        var perClass = Enumerable.Repeat(epsilon, classes).ToArray();
        var seen = new Dictionary<int, SourceSpan>();
        foreach (var entry in mapping.Entries)
        {
            var path = "loss.class_smoothing." + entry.Key.Value;
            var classIndex = _read.Integer(entry.Key, path + " (a class index)", -1, NumberRange.Closed(0, classes - 1));
            var value = _read.Number(entry.Value, path, epsilon, NumberRange.HalfOpen(0, 1));
            if (classIndex < 0)
            {
                continue;
            }

            if (seen.TryGetValue(classIndex, out var first))
            {
                _read.Report(ProblemIds.DuplicateKey, entry.Key.Span, path, (first.StartLine + 1).ToString(CultureInfo.InvariantCulture));
                continue;
            }

            seen.Add(classIndex, entry.Key.Span);
            perClass[classIndex] = value;
        }

        return perClass;
    }

    private MixupSpec? ReadMixup(Section root)
    {
        if (!root.Has("mixup"))
        {
            return null;
        }

        var mixup = _read.Section(root.Value("mixup"), "mixup", root.KeySpan("mixup"));
        return new MixupSpec(
            _read.Number(mixup, "alpha", RecipeDefaults.MixupAlpha, NumberRange.OpenClosed(0, 100)),
            _read.Number(mixup, "prob", RecipeDefaults.MixupProbability, NumberRange.OpenClosed(0, 1)),
            _read.Number(mixup, "label_smoothing", 0, NumberRange.HalfOpen(0, 1)));
    }

    private DistillationSpec? ReadDistillation(Section root)
    {
        if (!root.Has("distillation"))
        {
            return null;
        }

        var distillation = _read.Section(root.Value("distillation"), "distillation", root.KeySpan("distillation"));
        var teacher = _read.String(distillation, "teacher");
        if (teacher is null)
        {
            _read.Report(ProblemIds.MissingKey, distillation.Value("teacher")?.Span ?? distillation.Span, "distillation.teacher", "the name of a recipe in this project");
        }
        else if (!Identifier.IsMatch(teacher))
        {
            _read.Report(ProblemIds.InvalidName, distillation.Value("teacher")!.Span, teacher, "given by 'distillation.teacher'");
        }

        return new DistillationSpec(
            teacher ?? "",
            _read.Number(distillation, "temperature", RecipeDefaults.DistillationTemperature, NumberRange.OpenClosed(0, 100)),
            _read.Number(distillation, "alpha", RecipeDefaults.DistillationAlpha, NumberRange.Closed(0, 1)));
    }

    private CalibrationSpec ReadCalibration(Section root)
    {
        var calibration = _read.Section(root.Value("calibration"), "calibration", root.KeySpan("calibration"));
        return new CalibrationSpec(
            _read.Boolean(calibration, "temperature_scaling", false),
            _read.Integer(calibration, "bins", RecipeDefaults.CalibrationBins, NumberRange.Closed(1, 1000)));
    }

    private SweepSpec? ReadSweep(Section root, int trainingEpochs)
    {
        if (!root.Has("sweep"))
        {
            return null;
        }

        var sweep = _read.Section(root.Value("sweep"), "sweep", root.KeySpan("sweep"));
        var candidates = _read.Numbers(sweep, "label_smoothing", NumberRange.HalfOpen(0, 1), "[0.0, 0.05, 0.1]", maxCount: 32);
        if (candidates is null && !sweep.Has("label_smoothing"))
        {
            _read.Report(ProblemIds.MissingKey, sweep.Span, "sweep.label_smoothing", "a list of ε candidates such as [0.0, 0.05, 0.1]");
        }
        else if (candidates is not null && candidates.Distinct().Count() != candidates.Length)
        {
            _read.Report(ProblemIds.InvalidValue, sweep.Value("label_smoothing")!.Span, "sweep.label_smoothing", "a candidate ε is listed twice");
        }

        return new SweepSpec(
            (candidates ?? Array.Empty<double>()).ToEquatableArray(),
            _read.Integer(sweep, "epochs", trainingEpochs, NumberRange.Closed(1, 10000)),
            _read.Enum(sweep, "metric", RecipeDefaults.SweepMetricDefault, RecipeValues.ValidationMetrics));
    }
}
