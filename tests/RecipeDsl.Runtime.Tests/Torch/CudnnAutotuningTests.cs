using RecipeDsl.Torch;
using Xunit;

namespace RecipeDsl.Runtime.Tests.Torch;

/// <summary>The switch reaches libtorch's context (a CPU build has it too): set, read back, and set back.</summary>
public sealed class CudnnAutotuningTests
{
    [Fact]
    public void Autotuning_is_turned_on_and_off_in_libtorch()
    {
        var before = CudnnAutotuning.IsOn();
        Assert.NotNull(before);
        try
        {
            Assert.True(CudnnAutotuning.TrySet(true));
            Assert.True(CudnnAutotuning.IsOn());
            Assert.True(CudnnAutotuning.TrySet(false));
            Assert.False(CudnnAutotuning.IsOn());
        }
        finally
        {
            CudnnAutotuning.TrySet(before!.Value);
        }
    }
}
