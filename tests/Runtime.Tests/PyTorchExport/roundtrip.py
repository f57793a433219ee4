"""The Python half of PyTorchRoundTripTests, run with a python3 that has torch.

usage: roundtrip.py FOLDER

FOLDER holds model.py (NetDsl's PyTorch export), job.json ({"class": name, "tolerance": t}), netdsl.pt (the state_dict
NetDsl saved from the TorchSharp module) and io.pt (input.0, ... and output.0, ... of that module in evaluation;
an output that exists only while training is absent). This script
  1. loads netdsl.pt into the exported module with load_state_dict(strict=True), after checking its keys and shapes
     equal the module's own state_dict, in the same order within parameters and within buffers (TorchSharp lists
     every parameter, then every buffer),
  2. runs it in evaluation on the same inputs and compares every output (|a - b| <= tolerance * max(1, max |b|)),
  3. saves other values for the module's state_dict with torch.save to torch.pt, for the C# side to load and
     compare value by value (outputs of equal weights were compared in 2).
It prints one JSON line of measurements; any mismatch is an exception (exit code 1) naming it.
"""
import importlib.util
import json
import sys
from pathlib import Path

import torch


def load_class(folder, name):
    spec = importlib.util.spec_from_file_location("netdsl_export", folder / "model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def outputs_of(model, inputs):
    with torch.no_grad():
        result = model(*inputs)
    return list(result) if isinstance(result, tuple) else [result]


def changed(state):
    """Other values than NetDsl saved, cheaply and deterministically (-x / 2 + 1/4 for floats; integers kept)."""
    return {key: value.mul(-0.5).add(0.25) if value.is_floating_point() else value.clone() for key, value in state.items()}


def main():
    folder = Path(sys.argv[1])
    job = json.loads((folder / "job.json").read_text())
    network = load_class(folder, job["class"])
    tolerance = job["tolerance"]
    io = torch.load(folder / "io.pt")
    inputs = [io[f"input.{i}"] for i in range(sum(1 for k in io if k.startswith("input.")))]

    model = network()
    state = torch.load(folder / "netdsl.pt")
    own = model.state_dict()
    # TorchSharp's state_dict lists every parameter, then every buffer; PyTorch's goes module by module. The same order
    # within each kind is what "the same order" can mean across the two.
    buffers = {name for name, _ in model.named_buffers()}
    ordered = [k for k in own if k not in buffers] + [k for k in own if k in buffers]
    if ordered != list(state.keys()):
        first = next(i for i, (a, b) in enumerate(zip(ordered + [None], list(state.keys()) + [None])) if a != b)
        raise AssertionError(f"keys differ from the {first}th: NetDsl {list(state.keys())[first:first + 4]}, export {ordered[first:first + 4]}; "
                             f"only NetDsl: {sorted(set(state) - set(own))[:8]}, only export: {sorted(set(own) - set(state))[:8]}")
    for key, value in own.items():
        if tuple(value.shape) != tuple(state[key].shape):
            raise AssertionError(f"{key}: NetDsl {tuple(state[key].shape)}, export {tuple(value.shape)}")
    model.load_state_dict(state, strict=True)
    model.eval()
    largest = 0.0
    for i, output in enumerate(outputs_of(model, inputs)):
        expected = io.get(f"output.{i}")
        if expected is None:
            if output is not None:
                raise AssertionError(f"output {i} exists in evaluation here, not in NetDsl's module")
            continue
        if output is None or tuple(output.shape) != tuple(expected.shape):
            raise AssertionError(f"output {i}: NetDsl {tuple(expected.shape)}, export {None if output is None else tuple(output.shape)}")
        scale = max(1.0, expected.abs().max().item())
        difference = (output - expected).abs().max().item()
        largest = max(largest, difference / scale)
        if difference > tolerance * scale:
            raise AssertionError(f"output {i} differs by {difference} (scale {scale}, tolerance {tolerance})")

    torch.save(changed(model.state_dict()), folder / "torch.pt")
    print(json.dumps({"largest_relative_difference": largest, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
