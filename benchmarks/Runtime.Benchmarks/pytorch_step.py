"""PyTorch's side of compare-pytorch.sh: the same network as BenchCnn.net and the same training step as StepTiming.cs.

Usage: /usr/bin/python3 pytorch_step.py BATCH THREADS STEPS [sgd|adam]; prints one line median_ms=... cpu_ms=...
(THREADS 0 keeps PyTorch's default.)
"""
import sys
import time

import torch
from torch import nn

batch, threads, steps = (int(a) for a in sys.argv[1:4])
optimizer_name = sys.argv[4] if len(sys.argv) > 4 else "sgd"
if threads > 0:
    torch.set_num_threads(threads)
torch.manual_seed(1)
model = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Dropout(0.25), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
model.train()
if optimizer_name == "adam":
    optimizer = torch.optim.Adam(model.parameters(), 1e-3)
else:
    optimizer = torch.optim.SGD(model.parameters(), 0.01, momentum=0.9)
x = torch.randn(batch, 1, 28, 28)
y = torch.randint(10, (batch,))
times = []
cpu_start = 0.0
for i in range(-10, steps):
    if i == 0:
        cpu_start = time.process_time()
    start = time.perf_counter()
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    loss.item()
    if i >= 0:
        times.append((time.perf_counter() - start) * 1000)
cpu_per_step = (time.process_time() - cpu_start) * 1000 / steps
times.sort()
print(f"median_ms={times[steps // 2]:.3f} cpu_ms={cpu_per_step:.3f} min_ms={times[0]:.3f} threads={torch.get_num_threads()} batch={batch} "
      f"optimizer={optimizer_name} torch=PyTorch {torch.__version__}")
