"""PyTorch eager twin of benchmarks/Throughput (issue 12): the same three shapes, data size, batch, loss, optimizer
and epochs, timed the same way (median epoch over epochs 2..N, validation pass included). Run where PyTorch is
installed (the lent GPU machine has it):  python3 benchmarks/Throughput/pytorch_twin.py [--rounds 2] [--device cuda]

The digits are random bytes of MNIST's shape, normalised as MNIST is: speed does not depend on pixel values.
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

EPOCHS, BATCH, TRAIN, VALIDATION = 6, 128, 6000, 2000


class Mlp(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(784, width), nn.Linear(width, width), nn.Linear(width, 10)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x):
        x = self.dropout(F.relu(self.fc1(x.flatten(1))))
        x = self.dropout(F.relu(self.fc2(x)))
        return self.fc3(x)


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 32, 3, padding=1), nn.Conv2d(32, 64, 3, padding=1)
        self.fc1, self.fc2 = nn.Linear(64 * 7 * 7, 128), nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def epochs(model, device):
    torch.manual_seed(42)
    x = torch.randint(0, 256, (TRAIN + VALIDATION, 1, 28, 28), dtype=torch.uint8).float().div(255).sub(0.1307).div(0.3081).to(device)
    y = torch.randint(0, 10, (TRAIN + VALIDATION,)).to(device)
    train_x, train_y, validation_x, validation_y = x[:TRAIN], y[:TRAIN], x[TRAIN:], y[TRAIN:]
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    seconds = []
    for _ in range(EPOCHS):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(TRAIN, device=device)
        for first in range(0, TRAIN, BATCH):
            indices = order[first:first + BATCH]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(train_x[indices]), train_y[indices], label_smoothing=0.1)
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
    arguments = parser.parse_args()
    device = torch.device(arguments.device)
    print(f"PyTorch {torch.__version__} eager on {device}; {EPOCHS} epochs × {TRAIN} training + {VALIDATION} validation, batch {BATCH}")
    shapes = [("MLP 784-256-256-10, dropout 0.1", lambda: Mlp(256)),
              ("MLP 784-2048-2048-10, dropout 0.1", lambda: Mlp(2048)),
              ("CNN conv32-conv64 (3×3, pool) + 128", Cnn)]
    for round_ in range(1, arguments.rounds + 1):
        for name, create in shapes:
            median = epochs(create(), device)
            print(f"round {round_}  {name:<36} pytorch {median:.3f} s  ({TRAIN / median:,.0f} examples/s)")


if __name__ == "__main__":
    main()
