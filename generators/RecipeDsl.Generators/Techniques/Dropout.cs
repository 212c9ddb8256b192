using System.Collections.Generic;
using System.Linq;
using RecipeDsl.Generators.Emitting;
using RecipeDsl.Language;
using RecipeDsl.Language.Model;
using static RecipeDsl.Generators.Emitting.TorchNames;

namespace RecipeDsl.Generators.Techniques;

/// <summary>
/// Dropout (<c>model.dropout</c>): an <c>nn.Dropout</c> after each hidden layer of a generated network that has a
/// probability above 0 (for a gru, one on its outputs). Active in <c>model.train()</c> only, so evaluation needs nothing.
/// </summary>
internal sealed class Dropout : Technique
{
    private readonly Architecture _architecture;
    private readonly EquatableArray<double> _probabilities;

    /// <summary>Whether every hidden layer has the same probability (written once).</summary>
    private readonly bool _shared;

    private Dropout(Architecture architecture, EquatableArray<double> probabilities)
    {
        _architecture = architecture;
        _probabilities = probabilities;
        _shared = probabilities.Distinct().Count() == 1;
    }

    public static Technique? From(Recipe recipe) =>
        recipe.Model.Dropout.Any(p => p > 0) ? new Dropout(recipe.Model.Architecture, recipe.Model.Dropout) : null;

    public override SummaryPlace SummaryPlace => SummaryPlace.Model;

    public override string Summary(Recipe recipe) =>
        _shared ? $"dropout {Literals.Number(_probabilities[0])}" : $"dropout [{string.Join(", ", _probabilities.Select(Literals.Number))}]";

    public override string DescribeModel() =>
        _architecture == Architecture.Gru ? $"dropout {Literals.Number(_probabilities[0])} on its outputs"
        : _architecture == Architecture.Transformer ? $"dropout {Literals.Number(_probabilities[0])} on embeddings, attention and residual branches"
        : _shared ? $"dropout {Literals.Number(_probabilities[0])} after each hidden layer"
        : $"dropout {string.Join(" / ", _probabilities.Select(Literals.Number))} after the hidden layers";

    public override IEnumerable<ModelLayer> AfterHiddenLayer(int index)
    {
        if (_probabilities[index] > 0)
        {
            yield return new ModelLayer($"{Modules}.Dropout", "dropout" + Literals.Int(index + 1), $"{Nn}.Dropout({Literals.Double(_probabilities[index])})");
        }
    }
}
