"""Saves the state_dicts the torchvision comparison loads into both sides (random initialisation, fixed seed).

Run with a Python that has torch and torchvision (here Debian's: /usr/bin/python3, torch 1.13, torchvision 0.14):
    /usr/bin/python3 save_weights.py DIR
Writes DIR/resnet50.pt, resnet18.pt, mobilenet_v2.pt, densenet121.pt (skips those that exist).
"""
import os
import sys

import torch
import torchvision

folder = sys.argv[1]
os.makedirs(folder, exist_ok=True)
for name in ("resnet50", "resnet18", "mobilenet_v2", "densenet121"):
    path = os.path.join(folder, name + ".pt")
    if os.path.exists(path):
        continue
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)()
    # Non-trivial batch-norm statistics, so evaluation exercises them.
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.1, 0.1)
            module.running_var.uniform_(0.5, 1.5)
    torch.save(model.state_dict(), path)
    print("saved", path)
