namespace RecipeDsl.Training;

/// <summary>A trainer the source generator wrote for one recipe.</summary>
public interface IRecipeTrainer
{
    string RecipeName { get; }

    TrainingResult Train(TrainingOptions? options = null);
}
