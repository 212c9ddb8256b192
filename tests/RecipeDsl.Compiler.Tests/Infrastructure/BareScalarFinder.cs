using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RecipeDsl.Compiler.Tests.Infrastructure;

/// <summary>
/// Finds code that hands libtorch a Scalar nobody holds: TorchSharp 0.107 frees such a Scalar in its finalizer, which
/// may run while native code still reads it (a wrong number or "Unknown scalar type" at random). Three shapes:
/// a number converted to a Scalar implicitly at the call; a TorchSharp operator or overload that converts one inside
/// (<c>a + b</c> is <c>a.add(b, 1)</c>); and the one-argument <c>add</c>/<c>add_</c>, two-argument
/// <c>addcmul</c>/<c>addcdiv</c>, which pass a default 1.
/// </summary>
internal static class BareScalarFinder
{
    private static readonly Dictionary<string, int> DefaultScalarOverloads = new()
    {
        ["add"] = 1, ["add_"] = 1, ["addcmul"] = 2, ["addcmul_"] = 2, ["addcdiv"] = 2, ["addcdiv_"] = 2,
    };

    /// <summary>"file(line): what" for every place found.</summary>
    public static IReadOnlyList<string> Find(Compilation compilation)
    {
        var found = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            var bodies = tree.GetRoot().DescendantNodes().Where(node => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax);
            var operations = bodies
                .Select(body => model.GetOperation(body))
                .Where(operation => operation is not null)
                .SelectMany(operation => operation!.DescendantsAndSelf())
                .Distinct();
            foreach (var operation in operations)
            {
                if (Describe(operation) is { } what)
                {
                    var line = operation.Syntax.GetLocation().GetLineSpan();
                    found.Add($"{System.IO.Path.GetFileName(line.Path)}({line.StartLinePosition.Line + 1}): {what}: {operation.Syntax}");
                }
            }
        }

        return found.Distinct().ToList();
    }

    private static string? Describe(IOperation operation) => operation switch
    {
        IConversionOperation { OperatorMethod: { } conversion } when IsScalar(conversion.ContainingType) =>
            "a number becomes a Scalar only the finalizer frees",
        IBinaryOperation { OperatorMethod: { } method } when IsTensor(method.ContainingType) && CreatesScalarInside(method) =>
            $"TorchSharp's operator {method.Name} makes a Scalar of its own",
        ICompoundAssignmentOperation { OperatorMethod: { } method } when IsTensor(method.ContainingType) && CreatesScalarInside(method) =>
            $"TorchSharp's operator {method.Name} (compound) makes a Scalar of its own",
        IInvocationOperation { TargetMethod: var method } when IsTensor(method.ContainingType)
            && DefaultScalarOverloads.TryGetValue(method.Name, out var arity) && method.Parameters.Length == arity =>
            $"{method.Name} with {arity} argument(s) passes a default Scalar of 1",
        // torch.add(a, b) is a.add(b); torch.addcmul(t, a, b) is t.addcmul(a, b): one more tensor than the method form.
        IInvocationOperation { TargetMethod: var method } when method.ContainingType?.ToDisplayString() == "TorchSharp.torch"
            && DefaultScalarOverloads.TryGetValue(method.Name, out var arity) && method.Parameters.Length == arity + 1 =>
            $"torch.{method.Name} with {arity + 1} argument(s) passes a default Scalar of 1",
        _ => null,
    };

    /// <summary>
    /// Every + is <c>add(x)</c> (alpha 1); number − tensor is <c>negative().add(number)</c>; an operator with a plain
    /// number converts it inside. Only tensor − tensor, and ×, ÷ of tensors and held Scalars, make none.
    /// </summary>
    private static bool CreatesScalarInside(IMethodSymbol method) =>
        method.Name == "op_Addition"
        || method.Parameters.Any(parameter => !IsTensor(parameter.Type) && !IsScalar(parameter.Type))
        || (method.Name == "op_Subtraction" && !IsTensor(method.Parameters[0].Type));

    private static bool IsScalar(ITypeSymbol? type) => type?.ToDisplayString() == "TorchSharp.Scalar";

    private static bool IsTensor(ITypeSymbol? type) => type?.ToDisplayString() == "TorchSharp.torch.Tensor";
}
