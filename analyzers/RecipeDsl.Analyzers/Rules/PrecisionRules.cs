using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RecipeDsl.Training;

namespace RecipeDsl.Analyzers.Rules;

/// <summary>
/// A reduced precision that a CPU recipe cannot use well: tf32 changes nothing there (RD1015), bf16 is usually slower
/// there (RD1016). Only <c>device: cpu</c> is known at build time; on <c>auto</c> the run says what it found.
/// </summary>
internal sealed class PrecisionRules : TechniqueRules
{
    private const string Path = "training.precision";

    public static readonly DiagnosticDescriptor Tf32OnCpu = Rule("RD1015", DiagnosticSeverity.Warning,
        "TF32 on a CPU recipe",
        "precision tf32 changes only CUDA matmuls and cuDNN convolutions; with device cpu this recipe trains in fp32",
        "TF32 is a mode of NVIDIA tensor cores; libtorch's CPU kernels ignore it.",
        fixable: true);

    public static readonly DiagnosticDescriptor BFloat16OnCpu = Rule("RD1016", DiagnosticSeverity.Info,
        "bfloat16 on a CPU recipe",
        "precision bf16 with device cpu is usually slower than fp32: most CPUs have no bfloat16 arithmetic (mnist-mlp took 4× as long per epoch on a 2-core x86); the run still measures it",
        "bf16 pays where the hardware multiplies bfloat16 natively (NVIDIA Ampere and later, CPUs with AMX); elsewhere every cast costs time.",
        fixable: true);

    public override ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ImmutableArray.Create(Tf32OnCpu, BFloat16OnCpu);

    public override IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var training = context.Recipe.Training;
        if (training.Device != DevicePreference.Cpu || context.Locations.ValueSpan(Path) is not { } span)
        {
            yield break;
        }

        if (training.Precision == TrainingPrecision.Tf32)
        {
            yield return context.Report(Tf32OnCpu, span, new CodeFix("fp32", "Set precision to fp32"));
        }
        else if (training.Precision == TrainingPrecision.Bf16)
        {
            yield return context.Report(BFloat16OnCpu, span, new CodeFix("fp32", "Set precision to fp32"));
        }
    }
}
