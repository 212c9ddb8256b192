using System;

namespace RecipeDsl;

/// <summary>
/// Marks a model class as a distillation teacher. A recipe whose <c>model.type</c> names such a class is a teacher
/// whatever its <c>model.role</c> says, so the analyzer warns if it trains with label smoothing (RD1001).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DistillationTeacherAttribute : Attribute
{
}
