using System.Linq;
using Microsoft.CodeAnalysis;

namespace RecipeDsl.Language.Roslyn;

/// <summary>Whether a class named by <c>model.type</c> can be trained by a generated trainer.</summary>
public static class ModelTypeCheck
{
    public const string TeacherAttribute = "RecipeDsl.DistillationTeacherAttribute";

    /// <summary>Null when the type is fine; else why not (a sentence fragment), and whether it exists at all.</summary>
    public static (bool Exists, string Reason)? Problem(Compilation compilation, string typeName)
    {
        var type = compilation.GetTypeByMetadataName(typeName);
        if (type is null)
        {
            var simpleName = typeName.Split('.', '+').Last();
            var candidates = compilation.GetSymbolsWithName(simpleName, SymbolFilter.Type).OfType<INamedTypeSymbol>()
                .Select(candidate => candidate.ToDisplayString()).ToList();
            return (false, candidates.Count > 0 ? $" Did you mean '{candidates[0]}'?" : "");
        }

        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsGenericType)
        {
            return (true, "it must be a non-abstract, non-generic class");
        }

        if (!DerivesFromTensorModule(type))
        {
            return (true, "it must derive from TorchSharp's torch.nn.Module<Tensor, Tensor>");
        }

        if (!type.InstanceConstructors.Any(constructor => constructor.Parameters.Length == 0
            && constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
        {
            return (true, "the trainer builds it with 'new', so it needs a public or internal parameterless constructor");
        }

        return null;
    }

    /// <summary>Whether the class carries <c>[DistillationTeacher]</c>, which makes its recipes teachers.</summary>
    public static bool IsMarkedTeacher(Compilation compilation, string typeName) =>
        compilation.GetTypeByMetadataName(typeName)?.GetAttributes()
            .Any(attribute => attribute.AttributeClass?.ToDisplayString() == TeacherAttribute) == true;

    private static bool DerivesFromTensorModule(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == "Module" && current.TypeArguments.Length == 2
                && current.ContainingType?.ToDisplayString() == "TorchSharp.torch.nn"
                && current.TypeArguments.All(argument => argument.ToDisplayString() == "TorchSharp.torch.Tensor"))
            {
                return true;
            }
        }

        return false;
    }
}
