using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RecipeDsl.Benchmarks.Throughput.HandWritten;

/// <summary>784 → first → second → 10 with ReLU and dropout after each hidden layer, as TorchSharp's MNIST example writes a model.</summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;
    private readonly Dropout dropout;

    public Mlp(int first, int second, double dropout)
        : base(nameof(Mlp))
    {
        fc1 = nn.Linear(784, first);
        fc2 = nn.Linear(first, second);
        fc3 = nn.Linear(second, 10);
        this.dropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = input.flatten(1);
        x = dropout.call(nn.functional.relu(fc1.call(x)));
        x = dropout.call(nn.functional.relu(fc2.call(x)));
        return fc3.call(x);
    }
}

/// <summary>Two 3×3 conv blocks (32, 64 channels) with ReLU and 2×2 max-pool, then 128 (dropout after it, if any) → 10.</summary>
internal sealed class Cnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly MaxPool2d pool;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Dropout? dropout;

    public Cnn(double dropout = 0)
        : base(nameof(Cnn))
    {
        this.dropout = dropout > 0 ? nn.Dropout(dropout) : null;
        conv1 = nn.Conv2d(1, 32, 3, padding: 1);
        conv2 = nn.Conv2d(32, 64, 3, padding: 1);
        pool = nn.MaxPool2d(2);
        fc1 = nn.Linear(64 * 7 * 7, 128);
        fc2 = nn.Linear(128, 10);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = pool.call(nn.functional.relu(conv1.call(input)));
        x = pool.call(nn.functional.relu(conv2.call(x)));
        x = nn.functional.relu(fc1.call(x.flatten(1)));
        return fc2.call(dropout is null ? x : dropout.call(x));
    }
}
