using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Generators;

/// <summary><c>model.type</c>: a user's own module class, used directly by the generated trainer.</summary>
public sealed class CustomModelTests
{
    private const string UserModels = """
        using TorchSharp;
        using static TorchSharp.torch;

        namespace My.Models
        {
            public sealed class TinyNet : nn.Module<Tensor, Tensor>
            {
                private readonly TorchSharp.Modules.Linear layer = nn.Linear(784, 10);
                public TinyNet() : base(nameof(TinyNet)) => RegisterComponents();
                public override Tensor forward(Tensor input) => layer.call(input.flatten(1));
            }

            [RecipeDsl.DistillationTeacher]
            public sealed class BigNet : nn.Module<Tensor, Tensor>
            {
                private readonly TorchSharp.Modules.Linear layer = nn.Linear(784, 10);
                public BigNet() : base(nameof(BigNet)) => RegisterComponents();
                public override Tensor forward(Tensor input) => layer.call(input.flatten(1));
            }

            public sealed class NeedsArguments : nn.Module<Tensor, Tensor>
            {
                public NeedsArguments(int width) : base(nameof(NeedsArguments)) { }
                public override Tensor forward(Tensor input) => input;
            }

            public sealed class NotAModule { }
        }
        """;

    private static InMemoryAdditionalText Recipe(string name, string type, string extra = "") =>
        new($"/p/{name}.recipe.yaml", $"name: {name}\ndata:\n  dataset: mnist\nmodel:\n  type: {type}\n{extra}");

    [Fact]
    public void The_trainer_builds_and_trains_the_users_class_and_no_model_class_is_generated()
    {
        var (output, result) = GeneratorRunner.Run(new[] { Recipe("Custom", "My.Models.TinyNet") }, UserModels);

        var source = GeneratedText.Flat(result.GeneratedSources.Single(s => s.HintName == "Custom.g.cs").SourceText.ToString());
        Assert.Contains("var model = new global::My.Models.TinyNet();", source);
        Assert.Contains("public Training.TrainingResult Train(global::My.Models.TinyNet model, Training.TrainingOptions? options = null)", source);
        Assert.DoesNotContain("class CustomModel", source);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void A_student_of_a_custom_teacher_takes_the_teachers_class()
    {
        var (output, result) = GeneratorRunner.Run(
            new[] { Recipe("Big", "My.Models.BigNet"), Recipe("Small", "My.Models.TinyNet", "distillation:\n  teacher: Big\n") },
            UserModels);

        var source = GeneratedText.Flat(result.GeneratedSources.Single(s => s.HintName == "Small.g.cs").SourceText.ToString());
        Assert.Contains("public Training.TrainingResult Train(global::My.Models.BigNet teacher, Training.TrainingOptions? options = null)", source);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("My.Models.Missing")]
    [InlineData("My.Models.NotAModule")]
    [InlineData("My.Models.NeedsArguments")]
    public void A_type_that_cannot_be_trained_gets_no_code_and_neither_do_its_students(string type)
    {
        var (output, result) = GeneratorRunner.Run(
            new[] { Recipe("Bad", type), Recipe("Student", "My.Models.TinyNet", "distillation:\n  teacher: Bad\n") },
            UserModels);

        Assert.Null(result.Exception);
        Assert.Equal(new[] { "RecipeCatalog.g.cs" }, result.GeneratedSources.Select(s => s.HintName));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_user_edit_that_keeps_the_types_resolving_leaves_the_recipe_cached()
    {
        var compilation = CompilationFactory.Create(UserModels);
        var driver = GeneratorRunner.CreateDriver(new[] { Recipe("Custom", "My.Models.TinyNet") }).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Unrelated { }"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Unchanged, result.TrackedSteps[RecipeDsl.Generators.TrackingNames.ResolvedModelTypes].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, result.TrackedSteps[RecipeDsl.Generators.TrackingNames.TrainerSpecs].Single().Outputs.Single().Reason);
    }
}
