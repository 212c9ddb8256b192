using System.IO;
using RecipeDsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Training;

public sealed class TensorFloat32Tests
{
    [Fact]
    public void A_run_sets_both_switches_and_puts_back_what_it_found()
    {
        backends.cuda.matmul.allow_tf32 = false;
        backends.cudnn.allow_tf32 = true; // libtorch's own defaults

        using (TensorFloat32.Off())
        {
            Assert.Equal((false, false), (backends.cuda.matmul.allow_tf32, backends.cudnn.allow_tf32));
        }

        Assert.Equal((false, true), (backends.cuda.matmul.allow_tf32, backends.cudnn.allow_tf32));
        using (TensorFloat32.On(CPU, log: null, "Recipe"))
        {
            Assert.Equal((true, true), (backends.cuda.matmul.allow_tf32, backends.cudnn.allow_tf32));
        }

        Assert.Equal((false, true), (backends.cuda.matmul.allow_tf32, backends.cudnn.allow_tf32));
    }

    [Fact]
    public void Tf32_on_a_cpu_says_the_run_is_fp32()
    {
        var log = new StringWriter();

        using (TensorFloat32.On(CPU, log, "Recipe"))
        {
        }

        Assert.Equal("Recipe: precision tf32 applies to CUDA matmuls and convolutions only; on the cpu this run is fp32", log.ToString().Trim());
    }
}
