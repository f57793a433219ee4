"""Where PyTorch 1.13's training step of BenchCnn spends its time: each layer's forward, the loss, backward, the
optimizer step (phases timed separately, medians over STEPS steps), in the main thread's CPU time (time.thread_time)
or, with a fourth argument "wall", in wall time. Twin of `dotnet run -c Release -- phases`.

Usage: /usr/bin/python3 pytorch_phases.py BATCH THREADS STEPS [cpu|wall]
"""
import sys
import time

import torch
from torch import nn

batch, threads, steps = (int(a) for a in sys.argv[1:4])
wall = len(sys.argv) > 4 and sys.argv[4] == "wall"
torch.set_num_threads(threads)
torch.manual_seed(1)
layers = [nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
          nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
          nn.Flatten(), nn.Dropout(0.25), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10)]
names = ["conv1", "bn1", "relu1", "pool1", "conv2", "bn2", "relu2", "pool2", "flatten", "dropout", "fc1", "relu3", "fc2",
         "loss", "backward", "step", "zero_grad"]
model = nn.Sequential(*layers)
model.train()
optimizer = torch.optim.SGD(model.parameters(), 0.01, momentum=0.9)
x = torch.randn(batch, 1, 28, 28)
y = torch.randint(10, (batch,))
times = {n: [] for n in names}
for i in range(-5, steps):
    clock = time.perf_counter if wall else time.thread_time
    t = clock()
    marks = []
    h = x
    for layer in layers:
        h = layer(h)
        marks.append(clock())
    loss = nn.functional.cross_entropy(h, y)
    marks.append(clock())
    loss.backward()
    marks.append(clock())
    optimizer.step()
    marks.append(clock())
    optimizer.zero_grad()
    loss.item()
    marks.append(clock())
    if i >= 0:
        previous = t
        for name, mark in zip(names, marks):
            times[name].append((mark - previous) * 1000)
            previous = mark
total = 0.0
for name in names:
    values = sorted(times[name])
    median = values[len(values) // 2]
    total += median
    print(f"{name:10s} {median:8.3f} ms")
print(f"{'sum':10s} {total:8.3f} ms  ({'wall' if wall else 'thread CPU'} time, PyTorch {torch.__version__}, {torch.get_num_threads()} threads, batch {batch})")
