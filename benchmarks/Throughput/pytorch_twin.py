"""PyTorch eager twin of benchmarks/Throughput (issue 12): the same shapes, data sizes, batch, loss, optimizer and
epochs, timed the same way (median epoch over epochs 2..N, validation pass included). Run where PyTorch is
installed (the lent GPU machine has it):
    python3 benchmarks/Throughput/pytorch_twin.py [--rounds 2] [--device cuda] [--fashion] [--precision fp32|tf32|bf16]

Precision as RecipeDsl's training.precision means it: fp32 turns TF32 off for matmuls and cuDNN convolutions (PyTorch
allows it for convolutions by default), tf32 turns both on, bf16 is PyTorch's own way, autocast to bfloat16 (float32
weights, the loss in float32), with TF32 off.

The digits are random bytes of MNIST's shape, normalised as MNIST is: speed does not depend on pixel values.
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH = 128
MNIST_SIZED = (6000, 2000, 6)  # training examples, validation examples, epochs
FASHION = (54000, 6000, 4)


class Mlp(nn.Module):
    def __init__(self, first, second, dropout):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(784, first), nn.Linear(first, second), nn.Linear(second, 10)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        x = self.dropout(F.relu(self.fc1(x.flatten(1))))
        x = self.dropout(F.relu(self.fc2(x)))
        return self.fc3(x)


class Cnn(nn.Module):
    def __init__(self, dropout=0.0):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 32, 3, padding=1), nn.Conv2d(32, 64, 3, padding=1)
        self.fc1, self.fc2 = nn.Linear(64 * 7 * 7, 128), nn.Linear(128, 10)
        self.dropout = nn.Dropout(dropout) if dropout > 0 else nn.Identity()

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(self.dropout(F.relu(self.fc1(x.flatten(1)))))


def set_precision(precision):
    allowed = precision == "tf32"
    torch.backends.cuda.matmul.allow_tf32 = allowed
    torch.backends.cudnn.allow_tf32 = allowed


def epochs(model, device, size, precision="fp32"):
    train, validation, epoch_count = size
    torch.manual_seed(42)
    x = torch.randint(0, 256, (train + validation, 1, 28, 28), dtype=torch.uint8).float().div(255).sub(0.1307).div(0.3081).to(device)
    y = torch.randint(0, 10, (train + validation,)).to(device)
    train_x, train_y, validation_x, validation_y = x[:train], y[:train], x[train:], y[train:]
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    seconds = []
    for _ in range(epoch_count):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(train, device=device)
        for first in range(0, train, BATCH):
            indices = order[first:first + BATCH]
            optimizer.zero_grad()
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=precision == "bf16"):
                logits = model(train_x[indices])
            loss = F.cross_entropy(logits.float(), train_y[indices], label_smoothing=0.1)
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            logits = model(validation_x)
            # Reading the results waits for the device, as the .NET loops' validation does.
            (logits.argmax(1) == validation_y).float().mean().item()
            F.cross_entropy(logits, validation_y).item()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds[1:])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--fashion", action="store_true", help="also the two Fashion-MNIST-sized shapes")
    parser.add_argument("--precision", choices=["fp32", "tf32", "bf16"], default="fp32")
    parser.add_argument("--shape", action="append", default=[], help="only the shapes whose name starts so (repeatable)")
    arguments = parser.parse_args()
    device = torch.device(arguments.device)
    set_precision(arguments.precision)
    print(f"PyTorch {torch.__version__} eager on {device}; batch {BATCH}; precision {arguments.precision}")
    shapes = [("MLP 784-256-256-10, dropout 0.1", lambda: Mlp(256, 256, 0.1), MNIST_SIZED),
              ("MLP 784-2048-2048-10, dropout 0.1", lambda: Mlp(2048, 2048, 0.1), MNIST_SIZED),
              ("CNN conv32-conv64 (3×3, pool) + 128", Cnn, MNIST_SIZED)]
    if arguments.fashion:
        shapes += [("Fashion MLP 784-512-256-10, dropout 0.2", lambda: Mlp(512, 256, 0.2), FASHION),
                   ("Fashion CNN 32-64 + 128, dropout 0.25", lambda: Cnn(0.25), FASHION)]
    if arguments.shape:
        shapes = [shape for shape in shapes if any(shape[0].startswith(prefix) for prefix in arguments.shape)]
    for round_ in range(1, arguments.rounds + 1):
        for name, create, size in shapes:
            median = epochs(create(), device, size, arguments.precision)
            print(f"round {round_}  {name:<40} {size[0]:,} examples × {size[2]} epochs  pytorch {median:.3f} s  ({size[0] / median:,.0f} examples/s)"
                  + ("" if arguments.precision == "fp32" else f"  precision {arguments.precision}"))


if __name__ == "__main__":
    main()
