using System;
using System.ComponentModel;
using System.Globalization;

namespace RecipeDsl.Host.Commands;

/// <summary>Reads an option value as a whole number, with a message that says so when it is not one.</summary>
internal sealed class WholeNumberConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        int.TryParse((string)value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new UsageException($"'{value}' is not a whole number.");
}
