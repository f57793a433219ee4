"""Writes the key manifests of the zoo's newer mirrors (vit_b_16.txt, convnext_tiny.txt, gpt2.txt) from the references.

Each manifest is the reference's state_dict, one "key [shape]" per line in PyTorch's order, under a header naming
its source and its parameter count (torch's own sum over parameters(), a tied weight counted once). The older
manifests of this folder were written by hand from torchvision's source; these two are too long for that.

Run with Debian's PyTorch 1.13 and torchvision 0.14 (python3-torch, python3-torchvision), from this folder:

    git -C <a nanoGPT clone> show f08abb45bd2285627d17da16daea14dda7e7253e:model.py > /tmp/nanogpt_model.py
    /usr/bin/python3 make_manifests.py /tmp/nanogpt_model.py

Nothing is downloaded: the networks are built with random weights, which do not change keys or shapes.
"""

import importlib.util
import os
import sys

import torch
import torchvision
from torchvision.models import convnext_tiny, vit_b_16

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, header, state):
    with open(os.path.join(HERE, name + ".txt"), "w") as out:
        for line in header:
            out.write("# " + line + "\n")
        for key, tensor in state.items():
            out.write(f"{key} [{', '.join(str(n) for n in tensor.shape)}]\n")


def write_torchvision(name, builder, source):
    model = builder()
    count = sum(p.numel() for p in model.parameters())
    write(name, [
        f"state_dict of torchvision.models.{name}(): one \"key [shape]\" per line, in PyTorch's order",
        "(each module's parameters, then its buffers, then its children, in registration order).",
        f"Source: torchvision {torchvision.__version__}, torchvision/models/{source} (Debian's python3-torchvision),",
        f"written by make_manifests.py. Parameters: {count:,}.",
    ], model.state_dict())


def main(nanogpt_path):
    write_torchvision("vit_b_16", vit_b_16, "vision_transformer.py")
    write_torchvision("convnext_tiny", convnext_tiny, "convnext.py")

    spec = importlib.util.spec_from_file_location("nanogpt_model", nanogpt_path)
    nanogpt = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(nanogpt)
    # GPT-2 small as nanoGPT's from_pretrained('gpt2') configures it.
    config = nanogpt.GPTConfig(n_layer=12, n_head=12, n_embd=768, block_size=1024, vocab_size=50257, dropout=0.0, bias=True)
    gpt = nanogpt.GPT(config)
    assert gpt.lm_head.weight is gpt.transformer.wte.weight
    count = sum(p.numel() for p in gpt.parameters())
    assert count == gpt.get_num_params(non_embedding=False)
    # The causal masks ('attn.bias', registered by PyTorch builds without flash attention) are constants, not weights:
    # nanoGPT's from_pretrained leaves them out, and PyTorch 2 builds do not register them.
    masks = {k for k, _ in gpt.named_buffers()}
    state = {k: v for k, v in gpt.state_dict().items() if k not in masks}
    write("gpt2", [
        "state_dict of nanoGPT's GPT at GPT-2 small (n_layer 12, n_head 12, n_embd 768, block_size 1024,",
        "vocab_size 50257, bias): one \"key [shape]\" per line, in PyTorch's order. lm_head.weight is the tied",
        "transformer.wte.weight, listed under both keys as PyTorch's state_dict lists it; the causal-mask buffers",
        "(attn.bias) are left out, as nanoGPT's from_pretrained leaves them out.",
        "Source: karpathy/nanoGPT model.py at commit f08abb45bd22, written by make_manifests.py.",
        f"Parameters: {count:,} (the tied weight once, wpe included; get_num_params() alone subtracts wpe:",
        f"{gpt.get_num_params():,}).",
    ], state)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
