"""Writes the PyTorch references of the sequence ops (tests/Runtime.Tests/Layers/SequenceOpTests.cs).

For each case: <case>.pt, the reference module's state_dict (none for GELU; attention_causal uses attention.pt) as torch.save writes it (keys, shapes and order are
PyTorch's), and <case>.io.pt, {"input": ..., "output": ...} (a second input, "memory", for cross-attention), the
reference's output in evaluation mode on a seeded input. Small sizes keep every file a few kilobytes.

Run with Debian's PyTorch 1.13 and torchvision 0.14 (python3-torch, python3-torchvision), from this folder:

    git -C <a nanoGPT clone> show f08abb45bd2285627d17da16daea14dda7e7253e:model.py > /tmp/nanogpt_model.py
    /usr/bin/python3 make_references.py /tmp/nanogpt_model.py

nanoGPT's model.py (karpathy/nanoGPT, last changed in that commit) is the reference of its layouts; with PyTorch 1.13
it has no scaled_dot_product_attention and computes attention itself, masking with its causal 'bias' buffer. That
buffer is a constant mask that PyTorch 2 builds no longer register, so it is left out of the saved state_dicts, as
nanoGPT's own from_pretrained leaves it out. Every tensor is seeded: rerunning the script rewrites the same files.
"""

import collections
import importlib.util
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.convnext import CNBlock, LayerNorm2d
from torchvision.models.swin_transformer import PatchMerging, SwinTransformer
from torchvision.models.vision_transformer import EncoderBlock, VisionTransformer

HERE = os.path.dirname(os.path.abspath(__file__))


def randomize(module, seed):
    """Every parameter random (a layer norm's ones and zeros, a zero class token would hide mistakes)."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for parameter in module.parameters():
            parameter.copy_(torch.randn(parameter.shape, generator=generator) * 0.5)
    return module


def save(name, module, inputs, output, masks=False):
    """
    Writes name.pt (the state_dict, when the module has one) and name.io.pt; module None writes only name.io.pt. With
    masks, nanoGPT's causal-mask buffers (named 'bias') are left out.
    """
    buffers = {k for k, _ in module.named_buffers()} if module and masks else set()
    state = collections.OrderedDict((k, v.detach().clone().contiguous()) for k, v in (module.state_dict() if module else {}).items()
                                    if k not in buffers)
    if state:
        torch.save(state, os.path.join(HERE, name + ".pt"))
    io = collections.OrderedDict((k, v.detach().clone().contiguous()) for k, v in inputs.items())
    io["output"] = output.detach().clone().contiguous()
    torch.save(io, os.path.join(HERE, name + ".io.pt"))


def floats(seed, *shape):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


def ids(seed, high, *shape):
    return torch.randint(0, high, shape, generator=torch.Generator().manual_seed(seed))


def causal_mask(length):
    """nn.MultiheadAttention's boolean attn_mask: True where a query may not look (a later token)."""
    return torch.triu(torch.ones(length, length, dtype=torch.bool), diagonal=1)


class NoBiasLayerNorm(nn.Module):
    """A layer norm with a weight and no bias, as nanoGPT's LayerNorm(ndim, bias=False) (PyTorch 1.13 has no bias=False)."""

    def __init__(self, size):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))

    def forward(self, x):
        return F.layer_norm(x, self.weight.shape, self.weight, None, 1e-5)


class LearnedTensors(nn.Module):
    """A module's own parameter and persistent buffer, as Networks/Sequence.net's block Learned declares them."""

    def __init__(self, size):
        super().__init__()
        self.scale = nn.Parameter(torch.empty(size))
        self.register_buffer("offset", torch.empty(1, size))

    def forward(self, x):
        return x * self.scale + self.offset


def main(nanogpt_path):
    spec = importlib.util.spec_from_file_location("nanogpt_model", nanogpt_path)
    nanogpt = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(nanogpt)
    torch.manual_seed(0)

    # Layer norms: the last axis, the last two, without bias, and torchvision's LayerNorm2d.
    m = randomize(nn.LayerNorm(16), 1).eval()
    x = floats(101, 2, 5, 16)
    save("layer_norm", m, {"input": x}, m(x))

    m = randomize(nn.LayerNorm((4, 16), eps=1e-6), 2).eval()
    x = floats(102, 2, 3, 4, 16)
    save("layer_norm_two_axes", m, {"input": x}, m(x))

    m = randomize(NoBiasLayerNorm(16), 3).eval()
    x = floats(103, 2, 5, 16)
    save("layer_norm_no_bias", m, {"input": x}, m(x))

    m = randomize(LayerNorm2d(8, eps=1e-6), 4).eval()
    x = floats(104, 2, 8, 5, 6)
    save("layer_norm2d", m, {"input": x}, m(x))

    # Embedding of token ids.
    m = nn.Embedding(11, 16).eval()
    randomize(m, 5)
    x = ids(105, 11, 2, 7)
    save("embedding", m, {"input": x}, m(x))

    # GELU, exact and with the tanh approximation.
    x = floats(106, 2, 5, 16) * 3
    save("gelu", None, {"input": x}, nn.GELU()(x))
    save("gelu_tanh", None, {"input": x}, nn.GELU(approximate="tanh")(x))

    # nn.MultiheadAttention, batch first, as torchvision's ViT calls it (need_weights=False).
    m = randomize(nn.MultiheadAttention(16, 4, batch_first=True), 7).eval()
    x = floats(107, 2, 5, 16)
    save("attention", m, {"input": x}, m(x, x, x, need_weights=False)[0])
    save("attention_causal", None, {"input": x}, m(x, x, x, need_weights=False, attn_mask=causal_mask(5))[0])  # attention.pt's weights

    m = randomize(nn.MultiheadAttention(16, 2, bias=False, batch_first=True), 8).eval()
    save("attention_no_bias", m, {"input": x}, m(x, x, x, need_weights=False)[0])

    m = randomize(nn.MultiheadAttention(16, 4, batch_first=True), 9).eval()
    q, memory = floats(109, 2, 5, 16), floats(110, 2, 7, 16)
    save("cross_attention", m, {"input": q, "memory": memory}, m(q, memory, memory, need_weights=False)[0])

    m = randomize(nn.MultiheadAttention(16, 4, kdim=12, vdim=12, batch_first=True), 10).eval()
    memory = floats(111, 2, 7, 12)
    save("cross_attention_other_width", m, {"input": q, "memory": memory}, m(q, memory, memory, need_weights=False)[0])

    # nanoGPT's CausalSelfAttention.
    config = nanogpt.GPTConfig(block_size=8, vocab_size=13, n_layer=2, n_head=4, n_embd=16, dropout=0.0, bias=True)
    m = randomize(nanogpt.CausalSelfAttention(config), 12).eval()
    x = floats(112, 2, 6, 16)
    save("gpt_attention", m, {"input": x}, m(x), masks=True)

    # A module's own learned tensors: a parameter, then a persistent buffer (PyTorch stores the buffer's batch axis).
    m = randomize(LearnedTensors(4), 18).eval()
    with torch.no_grad():
        m.offset.copy_(floats(118, 1, 4))
    x = floats(119, 2, 3, 4)
    save("learned_tensors", m, {"input": x}, m(x))

    # Blocks of the targets: ViT's EncoderBlock, a small ViT, nanoGPT's GPT (tied embedding), ConvNeXt's CNBlock, Swin's PatchMerging.
    m = randomize(EncoderBlock(4, 16, 32, 0.0, 0.0), 13).eval()
    x = floats(113, 2, 5, 16)
    save("vit_encoder_block", m, {"input": x}, m(x))

    m = randomize(VisionTransformer(image_size=8, patch_size=4, num_layers=2, num_heads=2, hidden_dim=16, mlp_dim=32, num_classes=5), 14).eval()
    x = floats(114, 2, 3, 8, 8)
    save("vit_tiny", m, {"input": x}, m(x))

    for name, bias in (("gpt_tiny", True), ("gpt_tiny_no_bias", False)):
        config = nanogpt.GPTConfig(block_size=8, vocab_size=13, n_layer=2, n_head=2, n_embd=16, dropout=0.0, bias=bias)
        m = randomize(nanogpt.GPT(config), 15).eval()
        assert m.lm_head.weight is m.transformer.wte.weight
        x = ids(115, 13, 2, 6)
        logits, _ = m(x, targets=torch.zeros_like(x))
        save(name, m, {"input": x}, logits, masks=True)

    m = CNBlock(8, 1e-6, 0.0).eval()
    randomize(m, 16)
    x = floats(116, 2, 8, 7, 7)
    save("convnext_block", m, {"input": x}, m(x))

    m = randomize(PatchMerging(8), 17).eval()
    x = floats(117, 2, 4, 6, 8)
    save("swin_patch_merging", m, {"input": x}, m(x))

    # swin_t's layout at width 2 with 2x2 windows on a 32x32 image: maps 8, 4, 2 and 1 (shifted in the first two
    # stages, padded to the window in the last).
    m = randomize(SwinTransformer(patch_size=[4, 4], embed_dim=2, depths=[2, 2, 6, 2], num_heads=[1, 2, 4, 8], window_size=[2, 2],
                                  stochastic_depth_prob=0.2, num_classes=5), 19).eval()
    x = floats(120, 2, 3, 32, 32)
    save("swin_tiny", m, {"input": x}, m(x))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    # With gradients enabled nn.MultiheadAttention takes its reference path (in 1.13 the no-grad fast path fails without bias).
    main(sys.argv[1])
