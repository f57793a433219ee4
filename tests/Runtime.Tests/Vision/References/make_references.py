"""Writes the PyTorch references of the vision ops' run-time tests (tests/Runtime.Tests/Vision).

For each case: <case>.pt, the state_dict of PyTorch's own module (torchvision 0.14 where it has one), saved with
torch.save as any user would; and <case>.io.pt, a dict of the input and what PyTorch computes from it (outputs,
gradients, updated statistics). The C# tests load the first through NetDsl's weight loader into the generated twin
network (tests/Runtime.Tests/Networks/Vision.net) and compare with the second.

Run with Debian's PyTorch (python3-torch 1.13, python3-torchvision 0.14), from the repository root:

    /usr/bin/python3 tests/Runtime.Tests/Vision/References/make_references.py

Every tensor comes from a fixed seed, so running it again writes the same values.
"""

import os

import torch
import torch.nn.functional as F
import torchvision
from torch import nn
from torchvision.models.shufflenetv2 import InvertedResidual, channel_shuffle
from torchvision.models.swin_transformer import ShiftedWindowAttention, SwinTransformerBlock
from torchvision.ops import SqueezeExcitation

HERE = os.path.dirname(os.path.abspath(__file__))


def save(case, module, io):
    if module is not None:
        torch.save(module.state_dict(), os.path.join(HERE, case + ".pt"))
    torch.save({k: v.detach().contiguous().clone() for k, v in io.items()}, os.path.join(HERE, case + ".io.pt"))


def randomize(module, scale=0.5):
    """Every float parameter and buffer drawn afresh (batch-norm variances positive), so no weight is left at its init."""
    with torch.no_grad():
        for name, tensor in list(module.named_parameters()) + list(module.named_buffers()):
            if not tensor.is_floating_point():
                continue
            if name.endswith("running_var"):
                tensor.copy_(torch.rand_like(tensor) + 0.5)
            else:
                tensor.copy_(torch.randn_like(tensor) * scale)


class ChannelsLast(nn.Module):
    """A [N, C, H, W] input made channels-last, then one child: the twin of NetDsl's input.permute(1, 2, 0) |> attn: ..."""

    def __init__(self, name, child):
        super().__init__()
        self.name = name
        self.add_module(name, child)

    def forward(self, x):
        return getattr(self, self.name)(x.permute(0, 2, 3, 1))


def window_attention(case, dim, window, shift, heads, size, qkv_bias=True, proj_bias=True):
    torch.manual_seed(len(case))
    module = ChannelsLast("attn", ShiftedWindowAttention(dim, window, shift, heads, qkv_bias=qkv_bias, proj_bias=proj_bias))
    randomize(module)
    module.eval()
    x = torch.randn(2, dim, *size, requires_grad=True)
    output = module(x)
    upstream = torch.randn_like(output)
    (output * upstream).sum().backward()
    attn = module.attn
    save(case, module, {
        "input": x,
        "output": output,
        "upstream": upstream,
        "input_grad": x.grad,
        "table_grad": attn.relative_position_bias_table.grad,
        "qkv_weight_grad": attn.qkv.weight.grad,
    })


def swin_block():
    # torchvision's SwinTransformerBlock with identity norms (layer_norm is another branch's op): attention, MLP,
    # stochastic depth and both residual sums, in evaluation.
    torch.manual_seed(7)
    block = SwinTransformerBlock(8, 2, [3, 3], [1, 1], stochastic_depth_prob=0.1, norm_layer=nn.Identity)
    module = ChannelsLast("block", block)
    randomize(block)
    block.eval()
    x = torch.randn(2, 8, 6, 6)
    save("swin_block", block, {"input": x, "output": module(x)})


def shuffle():
    torch.manual_seed(11)
    x = torch.randn(2, 12, 3, 4)
    save("channel_shuffle", None, {"input": x, "output": channel_shuffle(x, 3)})

    torch.manual_seed(12)
    units = nn.Sequential(InvertedResidual(24, 48, 2), InvertedResidual(48, 48, 1))
    randomize(units)
    units.eval()
    x = torch.randn(2, 24, 8, 8)
    save("shufflenet_units", units, {"input": x, "output": units(x)})


def hardsigmoid():
    x = torch.linspace(-4, 4, 17).reshape(1, 17)
    save("hardsigmoid", None, {"input": x, "output": F.hardsigmoid(x)})

    torch.manual_seed(13)
    se = SqueezeExcitation(16, 8, scale_activation=nn.Hardsigmoid)
    randomize(se)
    x = torch.randn(2, 16, 5, 5)
    save("squeeze_excitation", se, {"input": x, "output": se(x)})


def roll():
    torch.manual_seed(14)
    x = torch.randn(2, 5, 6, 3)
    y = torch.roll(torch.roll(x, shifts=(-2, 3), dims=(1, 2)), shifts=(1, 2), dims=(-1, -1))
    save("roll", None, {"input": x, "output": y})


class UnscaledBatchNorm(nn.Module):
    """Keras' BatchNormalization(scale=False) as a PyTorch state_dict: nn.BatchNorm2d's entries without 'weight'."""

    def __init__(self, channels):
        super().__init__()
        self.bias = nn.Parameter(torch.randn(channels))
        self.register_buffer("running_mean", torch.randn(channels))
        self.register_buffer("running_var", torch.rand(channels) + 0.5)
        self.register_buffer("num_batches_tracked", torch.tensor(7))


def unscaled_batch_norm(case, shape, eps, momentum):
    torch.manual_seed(len(case) + 20)
    module = nn.Sequential(UnscaledBatchNorm(shape[1]))
    bn = module[0]
    x = torch.randn(*shape) * 2 + 1
    evaluated = F.batch_norm(x, bn.running_mean, bn.running_var, None, bn.bias, False, momentum, eps)
    mean, var = bn.running_mean.clone(), bn.running_var.clone()
    trained = F.batch_norm(x, mean, var, None, bn.bias, True, momentum, eps)
    save(case, module, {"input": x, "eval_output": evaluated, "train_output": trained, "running_mean": mean, "running_var": var})


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13") and torchvision.__version__.startswith("0.14"), (torch.__version__, torchvision.__version__)
    # Shifted, padded (7 x 5 to 9 x 6) windows; a window covering the padded map (no shift, torchvision's rule); a shift
    # along one axis only (the other's window covers it); a rectangular window without biases.
    window_attention("window_attention_shifted", 8, [3, 3], [1, 1], 2, (7, 5))
    window_attention("window_attention_covering", 8, [4, 4], [2, 2], 4, (3, 4))
    window_attention("window_attention_one_axis", 8, [3, 3], [1, 1], 2, (3, 7))
    window_attention("window_attention_rectangular", 6, [2, 3], [1, 1], 2, (5, 7), qkv_bias=False, proj_bias=False)
    # A shift given for one axis only, (0, 1), on a map the window does not cover.
    window_attention("window_attention_zero_shift", 8, [3, 3], [0, 1], 2, (6, 6))
    swin_block()
    shuffle()
    hardsigmoid()
    roll()
    unscaled_batch_norm("bn_unscaled_2d", (4, 6, 5, 5), 1e-3, 0.01)
    unscaled_batch_norm("bn_unscaled_1d", (8, 6), 1e-5, 0.1)
