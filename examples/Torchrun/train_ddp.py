"""Trains a network NetDsl exported to PyTorch on one or more processes with DistributedDataParallel.

    netdsl export pytorch models/ --network TinyVit -o tinyvit.py
    torchrun --standalone --nproc_per_node 2 train_ddp.py --model tinyvit.py --network TinyVit \
        --init netdsl_init.pt --data fashion-mnist /usr/share/datasets/fashion-mnist --steps 200 --out trained.pt

Without torchrun (plain python3) it runs as one process. Every process draws the same global batch of --batch samples
per step and takes its own share (process r of n the samples r, r + n, ...); DistributedDataParallel averages the
gradients, so n processes take the same steps as one process with the whole batch. Process 0 saves the state_dict
(without DDP's "module." prefix) with torch.save: NetDsl's TorchSharp module loads it with LoadWeights.
Backend: gloo on CPU (NCCL when --device cuda); docs/export-pytorch.md has the recipe.
"""
import argparse
import datetime
import gzip
import importlib.util
import os
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel


def load_network(path, name):
    spec = importlib.util.spec_from_file_location("netdsl_export", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)()


def idx(path):
    """An IDX file of unsigned bytes (MNIST's format), gzipped or not, as a uint8 tensor of its shape."""
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def fashion_mnist(folder):
    """The training split as [N, 1, 28, 28] floats in [0, 1] and int64 labels."""
    folder = Path(folder)
    images = next(p for p in folder.iterdir() if p.name.startswith("train-images"))
    labels = next(p for p in folder.iterdir() if p.name.startswith("train-labels"))
    return idx(images).unsqueeze(1).float() / 255.0, idx(labels).long()


def synthetic(shape, classes, count, seed):
    """Seeded random images and labels: enough to compare runs, not to learn anything."""
    generator = torch.Generator().manual_seed(seed)
    return torch.randn([count] + shape, generator=generator), torch.randint(classes, (count,), generator=generator)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="the .py file 'netdsl export pytorch' wrote")
    parser.add_argument("--network", required=True, help="the network's class in it")
    parser.add_argument("--init", help="initial weights (a .pt NetDsl saved); default: the module's own initialisation, seeded")
    parser.add_argument("--data", nargs="+", default=["synthetic"], help="'fashion-mnist FOLDER' or 'synthetic' (seeded noise)")
    parser.add_argument("--input", type=int, nargs="+", default=[1, 28, 28], help="the sample shape of synthetic data")
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--batch", type=int, default=64, help="the global batch: all processes together")
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a collective may wait for the other processes")
    parser.add_argument("--out", required=True, help="where process 0 saves the trained state_dict")
    args = parser.parse_args()

    distributed = "WORLD_SIZE" in os.environ
    if distributed:
        dist.init_process_group("nccl" if args.device == "cuda" else "gloo", timeout=datetime.timedelta(seconds=args.timeout))
    rank, world = (dist.get_rank(), dist.get_world_size()) if distributed else (0, 1)
    if args.batch % world:
        raise SystemExit(f"--batch {args.batch} does not split into {world} equal shares")
    device = torch.device(f"cuda:{int(os.environ.get('LOCAL_RANK', 0))}" if args.device == "cuda" else args.device)

    torch.manual_seed(args.seed)
    model = load_network(args.model, args.network)
    if args.init:
        model.load_state_dict(torch.load(args.init), strict=True)
    model.to(device).train()
    trained = DistributedDataParallel(model) if distributed else model
    optimizer = torch.optim.SGD(trained.parameters(), lr=args.lr)

    if args.data[0] == "fashion-mnist":
        images, labels = fashion_mnist(args.data[1])
    else:
        images, labels = synthetic(args.input, args.classes, args.steps * args.batch, args.seed)
    order = torch.Generator().manual_seed(args.seed)
    for step in range(args.steps):
        batch = torch.randint(len(images), (args.batch,), generator=order) if args.data[0] != "synthetic" else torch.arange(step * args.batch, (step + 1) * args.batch)
        share = batch[rank::world]
        x, y = images[share].to(device), labels[share].to(device)
        optimizer.zero_grad()
        loss = F.cross_entropy(trained(x), y)
        loss.backward()
        optimizer.step()
        if rank == 0 and (step + 1) % max(1, args.steps // 10) == 0:
            print(f"step {step + 1}/{args.steps}: loss {loss.item():.4f} (process 0's share)", flush=True)

    if rank == 0:
        torch.save({k: v.cpu() for k, v in model.state_dict().items()}, args.out)
        print(f"saved {args.out}", flush=True)
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
