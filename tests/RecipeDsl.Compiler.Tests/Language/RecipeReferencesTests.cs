using RecipeDsl.Language.Model;
using RecipeDsl.Language.Problems;
using Xunit;

namespace RecipeDsl.Compiler.Tests.Language;

public sealed class RecipeReferencesTests
{
    [Fact]
    public void A_student_of_an_existing_teacher_is_fine()
    {
        Assert.Null(RecipeReferences.Problem(new RecipeLink("Student", "Teacher"), new[] { new RecipeLink("Student", "Teacher"), new RecipeLink("Teacher", null) }));
    }

    [Fact]
    public void A_missing_teacher_gets_a_suggestion()
    {
        var problem = RecipeReferences.Problem(new RecipeLink("Student", "Teachr"), new[] { new RecipeLink("Student", "Teachr"), new RecipeLink("Teacher", null) });

        Assert.Equal(ProblemIds.UnknownTeacher, problem!.Value.Id);
        Assert.Equal(new[] { "Teachr", " Did you mean 'Teacher'?" }, problem.Value.Arguments);
    }

    [Fact]
    public void A_teacher_whose_own_teacher_is_missing_breaks_the_chain()
    {
        var all = new[] { new RecipeLink("A", "B"), new RecipeLink("B", "C") };

        Assert.Equal(" Its own teacher 'C' is missing.", RecipeReferences.Problem(all[0], all)!.Value.Arguments[1]);
    }

    [Theory]
    [InlineData("A", "A → A")]
    [InlineData("B", "A → B → A")]
    public void Cycles_are_named_with_their_chain(string teacherOfA, string chain)
    {
        var all = teacherOfA == "A"
            ? new[] { new RecipeLink("A", "A") }
            : new[] { new RecipeLink("A", "B"), new RecipeLink("B", "A") };

        var problem = RecipeReferences.Problem(all[0], all);

        Assert.Equal((ProblemIds.TeacherCycle, chain), (problem!.Value.Id, problem.Value.Arguments[0]));
    }

    [Fact]
    public void Two_recipes_with_one_name_are_a_problem_for_both()
    {
        var all = new[] { new RecipeLink("Same", null), new RecipeLink("Same", null) };

        Assert.Equal(ProblemIds.DuplicateName, RecipeReferences.Problem(all[0], all)!.Value.Id);
    }
}
