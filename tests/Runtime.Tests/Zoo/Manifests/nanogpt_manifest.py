"""Writes gpt2.txt, the key manifest of nanoGPT's GPT at GPT-2 small, from nanoGPT's model.py itself.

The manifest is the state_dict, one "key [shape]" per line in PyTorch's order, under a header naming its source and
its parameter count (torch's own sum over parameters(), the tied weight counted once). torchvision's manifests are
written by torchvision_manifest.py.

Run with Debian's PyTorch 1.13 (python3-torch), from this folder:

    git -C <a nanoGPT clone> show f08abb45bd2285627d17da16daea14dda7e7253e:model.py > /tmp/nanogpt_model.py
    /usr/bin/python3 nanogpt_manifest.py /tmp/nanogpt_model.py

Nothing is downloaded: the network is built with random weights, which do not change keys or shapes.
"""

import importlib.util
import os
import sys


HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, header, state):
    with open(os.path.join(HERE, name + ".txt"), "w") as out:
        for line in header:
            out.write("# " + line + "\n")
        for key, tensor in state.items():
            out.write(f"{key} [{', '.join(str(n) for n in tensor.shape)}]\n")


def main(nanogpt_path):
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
        "Source: karpathy/nanoGPT model.py at commit f08abb45bd22, written by nanogpt_manifest.py.",
        f"Parameters: {count:,} (the tied weight once, wpe included; get_num_params() alone subtracts wpe:",
        f"{gpt.get_num_params():,}).",
    ], state)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
