using System.Linq;
using Microsoft.CodeAnalysis;
using RecipeDsl.Compiler.Tests.Infrastructure;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Analyzers;

public sealed class RecipeAnalyzerTests
{
    private const string Teacher = """
        data:
          dataset: mnist
        model:
          architecture: mlp
          role: teacher
        loss:
          label_smoothing: 0.1
        """;

    [Fact]
    public void RD1001_is_reported_at_the_label_smoothing_value()
    {
        var diagnostic = Assert.Single(AnalyzerRunner.Run(new InMemoryAdditionalText("/repo/recipes/teacher.recipe.yaml", Teacher)));

        Assert.Equal("RD1001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        // What `dotnet build` prints: file(line,col) with 1-based line and column of the value 0.1.
        Assert.StartsWith("/repo/recipes/teacher.recipe.yaml(7,20): warning RD1001: Label smoothing ε = 0.1 on recipe 'Teacher', a distillation teacher", diagnostic.ToString());
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal((6, 19, 6, 22), (span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character));
        Assert.Equal("0.1", Teacher.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("label_smoothing: 0.1", "standalone")]
    [InlineData("label_smoothing: 0", "teacher")]
    [InlineData("label_smoothing: 0.0", "teacher")]
    public void RD1001_is_silent_without_smoothing_or_without_a_teacher(string smoothing, string role)
    {
        var yaml = Teacher.Replace("label_smoothing: 0.1", smoothing).Replace("role: teacher", "role: " + role);

        Assert.Empty(AnalyzerRunner.Run(new InMemoryAdditionalText("/p/x.recipe.yaml", yaml)));
    }

    [Fact]
    public void RD1001_is_silent_when_a_teacher_leaves_smoothing_at_its_default()
    {
        var yaml = Teacher.Replace("loss:\n  label_smoothing: 0.1", "");

        Assert.Empty(AnalyzerRunner.Run(new InMemoryAdditionalText("/p/x.recipe.yaml", yaml)));
    }

    [Fact]
    public void A_misspelt_key_is_an_error_with_a_suggestion_at_the_key()
    {
        var yaml = Teacher.Replace("label_smoothing", "label_smoothng");

        var diagnostic = Assert.Single(AnalyzerRunner.Run(new InMemoryAdditionalText("/p/typo.recipe.yaml", yaml)));

        Assert.Equal("/p/typo.recipe.yaml(7,3): error RD0002: Unknown key 'loss.label_smoothng'. Did you mean 'label_smoothing'?", diagnostic.ToString());
    }

    [Fact]
    public void A_wrong_type_is_an_error_at_the_value()
    {
        var diagnostic = Assert.Single(AnalyzerRunner.Run(new InMemoryAdditionalText("/p/t.recipe.yaml", Teacher.Replace("0.1", "\"0.1\""))));

        Assert.Equal("/p/t.recipe.yaml(7,20): error RD0003: 'loss.label_smoothing' must be a number, not the quoted string \"0.1\"", diagnostic.ToString());
    }

    [Fact]
    public void An_out_of_range_value_is_an_error_at_the_value()
    {
        var diagnostic = Assert.Single(AnalyzerRunner.Run(new InMemoryAdditionalText("/p/r.recipe.yaml", Teacher.Replace("0.1", "1.2"))));

        Assert.Equal("/p/r.recipe.yaml(7,20): error RD0004: 'loss.label_smoothing' is 1.2, outside the allowed range [0, 1)", diagnostic.ToString());
    }

    [Fact]
    public void A_yaml_syntax_error_is_an_error_at_its_position()
    {
        var diagnostic = Assert.Single(AnalyzerRunner.Run(new InMemoryAdditionalText("/p/s.recipe.yaml", "data:\n  dataset: mnist\n model: x\n")));

        Assert.Equal("RD0001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.StartsWith("/p/s.recipe.yaml(3,", diagnostic.ToString());
    }

    [Fact]
    public void An_unknown_value_is_an_error_with_a_suggestion()
    {
        var diagnostic = Assert.Single(AnalyzerRunner.Run(new InMemoryAdditionalText("/p/v.recipe.yaml", Teacher.Replace("role: teacher", "role: teachr"))));

        Assert.Equal("/p/v.recipe.yaml(5,9): error RD0005: 'model.role' cannot be 'teachr'; allowed: standalone, teacher, student. Did you mean 'teacher'?", diagnostic.ToString());
    }

    [Fact]
    public void Two_recipes_with_one_name_are_reported_at_both()
    {
        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/one.recipe.yaml", "name: Same\n" + Teacher.Replace("0.1", "0")),
            new InMemoryAdditionalText("/p/two.recipe.yaml", "name: Same\n" + Teacher.Replace("0.1", "0")));

        Assert.Equal(
            new[]
            {
                "/p/one.recipe.yaml(1,7): error RD0010: Recipe name 'Same' is also used by two.recipe.yaml; recipe names must be unique in a project",
                "/p/two.recipe.yaml(1,7): error RD0010: Recipe name 'Same' is also used by one.recipe.yaml; recipe names must be unique in a project",
            },
            diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_missing_teacher_is_reported_at_the_teacher_name_with_a_suggestion()
    {
        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/teacher.recipe.yaml", "name: BigTeacher\n" + Teacher.Replace("0.1", "0")),
            new InMemoryAdditionalText("/p/student.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\ndistillation:\n  teacher: BigTeachr\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("/p/student.recipe.yaml(6,12): error RD0012: Teacher recipe 'BigTeachr' is not a valid recipe of this project. Did you mean 'BigTeacher'?", diagnostic.ToString());
    }

    [Fact]
    public void A_student_must_see_the_data_its_teacher_saw()
    {
        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/teacher.recipe.yaml", "name: BigTeacher\n" + Teacher.Replace("0.1", "0")),
            new InMemoryAdditionalText("/p/student.recipe.yaml", "data:\n  dataset: fashion_mnist\nmodel:\n  architecture: mlp\ndistillation:\n  teacher: BigTeacher\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(
            "/p/student.recipe.yaml(6,12): error RD0011: 'distillation.teacher' is invalid: teacher 'BigTeacher' trains on mnist [1, 28, 28] → 10 classes, "
            + "mean [0.1307], std [0.3081], and this student on fashion_mnist /usr/share/datasets/fashion-mnist [1, 28, 28] → 10 classes, mean [0.286], std [0.353]; "
            + "a student learns from a teacher that saw the same inputs",
            diagnostic.ToString());
    }

    [Fact]
    public void A_cycle_of_teachers_is_reported_in_every_recipe_of_it()
    {
        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/a.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\ndistillation:\n  teacher: B\n"),
            new InMemoryAdditionalText("/p/b.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\ndistillation:\n  teacher: A\n"));

        Assert.Equal(
            new[]
            {
                "/p/a.recipe.yaml(6,12): error RD0013: Distillation teachers form a cycle: A → B → A",
                "/p/b.recipe.yaml(6,12): error RD0013: Distillation teachers form a cycle: B → A → B",
            },
            diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_student_of_a_valid_teacher_reports_nothing()
    {
        Assert.Empty(AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/teacher.recipe.yaml", "name: T\n" + Teacher.Replace("0.1", "0")),
            new InMemoryAdditionalText("/p/student.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\ndistillation:\n  teacher: T\n")));
    }

    private const string UserModels = """
        namespace My.Models
        {
            [RecipeDsl.DistillationTeacher]
            public sealed class BigNet : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
            {
                public BigNet() : base(nameof(BigNet)) { }
                public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor input) => input;
            }

            public abstract class AbstractNet : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
            {
                protected AbstractNet() : base("a") { }
            }
        }
        """;

    [Fact]
    public void RD1001_fires_for_a_model_class_marked_as_a_teacher_whatever_the_role()
    {
        var diagnostic = Assert.Single(AnalyzerRunner.RunWith(new[] { UserModels },
            new InMemoryAdditionalText("/p/big.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  type: My.Models.BigNet\nloss:\n  label_smoothing: 0.2\n")));

        Assert.Equal("/p/big.recipe.yaml(6,20): warning RD1001: Label smoothing ε = 0.2 on recipe 'Big', a distillation teacher (My.Models.BigNet is marked [DistillationTeacher]): smoothing erases the wrong-class probabilities its students learn from; train teachers with label_smoothing: 0", diagnostic.ToString());
    }

    [Fact]
    public void A_model_type_that_does_not_exist_is_reported_with_the_class_of_that_name()
    {
        var diagnostic = Assert.Single(AnalyzerRunner.RunWith(new[] { UserModels },
            new InMemoryAdditionalText("/p/x.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  type: Models.BigNet\n")));

        Assert.Equal("/p/x.recipe.yaml(4,9): error RD0014: Model type 'Models.BigNet' is not a class of this compilation. Did you mean 'My.Models.BigNet'?", diagnostic.ToString());
    }

    [Fact]
    public void A_model_type_that_cannot_be_trained_says_why()
    {
        var diagnostic = Assert.Single(AnalyzerRunner.RunWith(new[] { UserModels },
            new InMemoryAdditionalText("/p/x.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  type: My.Models.AbstractNet\n")));

        Assert.Equal("/p/x.recipe.yaml(4,9): error RD0015: Model type 'My.Models.AbstractNet' cannot be trained by a recipe: it must be a non-abstract, non-generic class", diagnostic.ToString());
    }

    [Fact]
    public void Other_additional_files_are_ignored()
    {
        Assert.Empty(AnalyzerRunner.Run(new InMemoryAdditionalText("/p/settings.yaml", "label_smoothing: [")));
    }

    [Fact]
    public void The_samples_report_only_what_they_demonstrate()
    {
        var diagnostics = AnalyzerRunner.RunWith(CompilationFactory.SampleProjectSources(), CompilationFactory.SampleRecipes().ToArray<AdditionalText>());

        // RD1001: the teacher sample smooths on purpose. RD1007 (info): the Mixup sample combines it with smoothing on
        // 7,200 images. RD1008 (info): the Fashion conv net shows temperature scaling repairing what smoothing does to calibration.
        // mnist-noisy-labels silences RD1006 with a comment.
        Assert.Equal(
            new[] { ("fashion-cnn.recipe.yaml", "RD1008"), ("mnist-mixup.recipe.yaml", "RD1007"), ("mnist-teacher-smoothed.recipe.yaml", "RD1001") },
            diagnostics.Select(d => (System.IO.Path.GetFileName(d.Location.GetLineSpan().Path), d.Id)).OrderBy(pair => pair.Item1));
    }

    [Fact]
    public void Every_descriptor_has_a_title_a_message_and_help_text()
    {
        foreach (var descriptor in RecipeDsl.Analyzers.DiagnosticDescriptors.All)
        {
            Assert.Matches("^RD[0-9]{4}$", descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()), descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), descriptor.Id);
        }

        Assert.Equal(RecipeDsl.Analyzers.DiagnosticDescriptors.All.Length, RecipeDsl.Analyzers.DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void Every_rule_lists_exactly_the_descriptors_it_declares_and_each_technique_is_listed_once()
    {
        // Roslyn refuses a diagnostic whose descriptor is missing from SupportedDiagnostics (AD0001) at run time.
        var listed = RecipeDsl.Analyzers.Rules.PracticeRules.All;
        var ruleTypes = typeof(RecipeDsl.Analyzers.Rules.TechniqueRules).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(RecipeDsl.Analyzers.Rules.TechniqueRules)) && !type.IsAbstract);
        Assert.Equal(ruleTypes.OrderBy(type => type.Name), listed.Select(rules => rules.GetType()).OrderBy(type => type.Name));
        foreach (var rules in listed)
        {
            var declared = rules.GetType().GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
                .Where(field => field.FieldType == typeof(Microsoft.CodeAnalysis.DiagnosticDescriptor))
                .Select(field => ((Microsoft.CodeAnalysis.DiagnosticDescriptor)field.GetValue(null)!).Id);
            Assert.Equal(declared.OrderBy(id => id), rules.Descriptors.Select(descriptor => descriptor.Id).OrderBy(id => id));
        }
    }

    [Fact]
    public void Every_problem_the_parser_can_report_has_a_descriptor()
    {
        var ids = typeof(RecipeDsl.Language.Problems.ProblemIds).GetFields().Select(field => (string)field.GetValue(null)!);

        Assert.All(ids, id => Assert.Equal(id, RecipeDsl.Analyzers.DiagnosticDescriptors.ForProblem[id].Id));
    }

    [Fact]
    public void An_inherited_value_that_only_the_extending_recipe_gets_wrong_is_reported_at_the_bases_line()
    {
        const string smoothedBase = "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\nloss:\n  label_smoothing: 0.1\n";

        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/smoothed.recipe.yaml", smoothedBase),
            new InMemoryAdditionalText("/p/teacher.recipe.yaml", "extends: smoothed.recipe.yaml\nmodel:\n  role: teacher\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("RD1001", "/p/smoothed.recipe.yaml(6,20)"), (diagnostic.Id, diagnostic.ToString()[..29]));
        Assert.Contains("on recipe 'Teacher'", diagnostic.GetMessage());
        // Its fix would edit the base, and so every recipe that extends it: none is offered there.
        Assert.False(diagnostic.Properties.ContainsKey("Replacement"));
        var own = Assert.Single(AnalyzerRunner.Run(new InMemoryAdditionalText("/p/t.recipe.yaml",
            "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\n  role: teacher\nloss:\n  label_smoothing: 0.1\n")));
        Assert.Equal(("RD1001", true), (own.Id, own.Properties.ContainsKey("Replacement")));
    }

    [Fact]
    public void A_problem_the_base_has_by_itself_is_reported_once_by_the_base()
    {
        const string oddBase = "data:\n  dataset: mnist\n  batch_size: 63\nmodel:\n  architecture: mlp\nmixup: {}\n";

        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/odd.recipe.yaml", oddBase),
            new InMemoryAdditionalText("/p/variant.recipe.yaml", "extends: odd\ntraining:\n  epochs: 2\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("RD1009", "/p/odd.recipe.yaml(3,15)"), (diagnostic.Id, diagnostic.ToString()[..24]));
    }

    [Fact]
    public void A_recipe_whose_base_has_an_error_says_so_at_its_extends_and_the_base_reports_the_error()
    {
        const string brokenBase = "data:\n  dataset: mnist\nmodel:\n  architecture: mlp\nloss:\n  focal_gamma: 2\n";

        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/base.recipe.yaml", brokenBase),
            new InMemoryAdditionalText("/p/variant.recipe.yaml", "extends: base\ntraining:\n  epochs: 2\n"));

        Assert.Equal(new[] { ("RD0009", "/p/base.recipe.yaml"), ("RD0016", "/p/variant.recipe.yaml") }, diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().Path)));
        Assert.Equal("extends 'base': base.recipe.yaml has errors of its own (its diagnostics say where); fix them first", diagnostics[1].GetMessage());
    }

    [Fact]
    public void Extends_that_names_nothing_is_RD0016_at_the_recipes_line()
    {
        var diagnostic = Assert.Single(AnalyzerRunner.Run(new InMemoryAdditionalText("/p/x.recipe.yaml", "extends: base.recipe.yaml\n")));

        Assert.Equal(("RD0016", "/p/x.recipe.yaml(1,10)"), (diagnostic.Id, diagnostic.ToString()[..22]));
        Assert.StartsWith("extends 'base.recipe.yaml': there is no recipe file of the project at that path", diagnostic.GetMessage());
    }

    [Fact]
    public void In_a_chain_of_three_an_error_is_reported_once_and_the_leaf_names_the_base_that_has_it()
    {
        var diagnostics = AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/grand.recipe.yaml", "data:\n  dataset: mnist\nmodel:\n  architecture: cnn\n  channels: [8]\n"),
            new InMemoryAdditionalText("/p/mid.recipe.yaml", "extends: grand\nmodel:\n  architecture: mlp\n"),
            new InMemoryAdditionalText("/p/leaf.recipe.yaml", "extends: mid\ntraining:\n  epochs: 2\n"));

        Assert.Equal(new[] { ("RD0009", "/p/grand.recipe.yaml"), ("RD0016", "/p/leaf.recipe.yaml") }, diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().Path)));
        Assert.EndsWith("mid.recipe.yaml has errors of its own (its diagnostics say where); fix them first", diagnostics[1].GetMessage());
    }

    [Fact]
    public void A_disable_comment_in_the_base_silences_what_shows_at_the_bases_line()
    {
        const string smoothedBase = "# recipedsl: disable RD1001 -- its variants are teachers on purpose\ndata:\n  dataset: mnist\nmodel:\n  architecture: mlp\nloss:\n  label_smoothing: 0.1\n";

        Assert.Empty(AnalyzerRunner.Run(
            new InMemoryAdditionalText("/p/smoothed.recipe.yaml", smoothedBase),
            new InMemoryAdditionalText("/p/teacher.recipe.yaml", "extends: smoothed\nmodel:\n  role: teacher\n")));
    }
}
