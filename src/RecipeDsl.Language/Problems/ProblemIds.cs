namespace RecipeDsl.Language.Problems;

/// <summary>The IDs of the problems the parser finds. Their descriptors live in the analyzer.</summary>
public static class ProblemIds
{
    /// <summary>The file is not well-formed YAML. Args: the YAML reader's message.</summary>
    public const string YamlSyntax = "RD0001";

    /// <summary>A key the language does not know. Args: key path, suggestion sentence ("" when none).</summary>
    public const string UnknownKey = "RD0002";

    /// <summary>A value of the wrong type. Args: key path, expected type, what was found.</summary>
    public const string WrongType = "RD0003";

    /// <summary>A number outside its range. Args: key path, value, allowed range.</summary>
    public const string OutOfRange = "RD0004";

    /// <summary>A value outside an enumeration. Args: key path, value, allowed values, suggestion sentence.</summary>
    public const string UnknownValue = "RD0005";

    /// <summary>A key given twice in one mapping. Args: key path, line of the first occurrence.</summary>
    public const string DuplicateKey = "RD0006";

    /// <summary>A required key is missing. Args: key path.</summary>
    public const string MissingKey = "RD0007";

    /// <summary>The recipe name is not a C# identifier. Args: the name, where it came from.</summary>
    public const string InvalidName = "RD0008";

    /// <summary>A key that does not apply to the chosen option. Args: key path, reason.</summary>
    public const string NotApplicable = "RD0009";

    /// <summary>Two recipe files of one project share a recipe name. Args: the name, the other file(s).</summary>
    public const string DuplicateName = "RD0010";

    /// <summary>A value that breaks a rule other than its type or range. Args: key path, what is wrong.</summary>
    public const string InvalidValue = "RD0011";

    /// <summary>A student names a teacher that is not a valid recipe of the project. Args: teacher, suggestion sentence.</summary>
    public const string UnknownTeacher = "RD0012";

    /// <summary>Distillation teachers form a cycle. Args: the chain, "A → B → A".</summary>
    public const string TeacherCycle = "RD0013";

    /// <summary><c>model.type</c> names no class of the compilation. Args: type name, suggestion sentence.</summary>
    public const string UnknownModelType = "RD0014";

    /// <summary><c>model.type</c> names a class that a trainer cannot use. Args: type name, reason.</summary>
    public const string UnsuitableModelType = "RD0015";

    /// <summary><c>extends</c> names no readable recipe of the project. Args: what it names, why it is not usable.</summary>
    public const string UnknownBase = "RD0016";

    /// <summary>Recipes extend each other in a cycle. Args: the chain, "a.recipe.yaml → b.recipe.yaml → a.recipe.yaml".</summary>
    public const string BaseCycle = "RD0017";
}
