using System.Globalization;

namespace RecipeDsl.Language.Parsing;

/// <summary>An interval a numeric key must lie in, printed in interval notation for messages.</summary>
internal readonly record struct NumberRange(double Min, bool MinInclusive, double Max, bool MaxInclusive)
{
    public static NumberRange Closed(double min, double max) => new(min, true, max, true);

    public static NumberRange HalfOpen(double min, double max) => new(min, true, max, false);

    public static NumberRange Open(double min, double max) => new(min, false, max, false);

    public static NumberRange OpenClosed(double min, double max) => new(min, false, max, true);

    public bool Contains(double value) =>
        (MinInclusive ? value >= Min : value > Min) && (MaxInclusive ? value <= Max : value < Max);

    public override string ToString() =>
        (MinInclusive ? "[" : "(") + Min.ToString("R", CultureInfo.InvariantCulture) + ", "
        + Max.ToString("R", CultureInfo.InvariantCulture) + (MaxInclusive ? "]" : ")");
}
