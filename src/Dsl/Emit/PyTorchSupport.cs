using System.Collections.Generic;

namespace NetDsl.Emit;

/// <summary>
/// The helper classes an exported Python file may need, by name (an op's emission asks for one with
/// <see cref="Catalog.PyTorchCall.Use"/>): each keeps the state_dict keys of the TorchSharp module NetDsl generates, and
/// uses only what PyTorch 1.13 has.
/// </summary>
internal static class PyTorchSupport
{
    /// <summary>The helpers in the order the file defines them (a helper that uses another comes after it).</summary>
    public static readonly IReadOnlyList<(string Name, string Code)> All = new[]
    {
        ("PaddedConv2d", """
class PaddedConv2d(nn.Module):
    "nn.Conv2d after explicit zero padding (left, right, top, bottom): TensorFlow's asymmetric 'same'; nn.Conv2d's keys."

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, pad=(0, 0, 0, 0), dilation=1, groups=1, bias=True):
        super().__init__()
        conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride=stride, dilation=dilation, groups=groups, bias=bias)
        self.weight = conv.weight
        self.bias = conv.bias
        self.stride, self.dilation, self.groups, self.pad = conv.stride, conv.dilation, groups, pad

    def forward(self, x):
        return F.conv2d(F.pad(x, self.pad), self.weight, self.bias, self.stride, 0, self.dilation, self.groups)
"""),
        ("PaddedPool2d", """
class PaddedPool2d(nn.Module):
    "A pool after explicit padding; with count_padding=False an average over the pixels inside the input only (TensorFlow's 'same')."

    def __init__(self, pool, pad, value, count_padding):
        super().__init__()
        self.pool, self.pad, self.value, self.count_padding = pool, pad, value, count_padding

    def forward(self, x):
        pooled = self.pool(F.pad(x, self.pad, value=self.value))
        if self.count_padding:
            return pooled
        inside = torch.ones(1, 1, x.shape[2], x.shape[3], dtype=x.dtype, device=x.device)
        return pooled / self.pool(F.pad(inside, self.pad))
"""),
        ("GlobalPool", """
class GlobalPool(nn.Module):
    "The average (or maximum) of each channel over the whole map: [N, C, H, W] to [N, C]."

    def __init__(self, max=False):
        super().__init__()
        self.max = max

    def forward(self, x):
        return x.amax((2, 3)) if self.max else x.mean((2, 3))
"""),
        ("UnscaledBatchNorm", """
class UnscaledBatchNorm(nn.Module):
    "Batch norm without a weight (gamma), as Keras' BatchNormalization(scale=False)."

    def __init__(self, channels, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.bias = nn.Parameter(torch.zeros(channels))
        self.register_buffer("running_mean", torch.zeros(channels))
        self.register_buffer("running_var", torch.ones(channels))
        self.register_buffer("num_batches_tracked", torch.tensor(0, dtype=torch.long))

    def forward(self, x):
        if self.training:
            self.num_batches_tracked += 1
        return F.batch_norm(x, self.running_mean, self.running_var, None, self.bias, self.training, self.momentum, self.eps)
"""),
        ("StochasticDepth", """
class StochasticDepth(nn.Module):
    "torchvision.ops.StochasticDepth: while training, drops each sample ('row') or the whole batch ('batch') with probability p."

    def __init__(self, p, mode):
        super().__init__()
        self.p, self.mode = p, mode

    def forward(self, x):
        if not self.training or self.p == 0.0:
            return x
        survival = 1.0 - self.p
        size = [x.shape[0]] + [1] * (x.dim() - 1) if self.mode == "row" else [1] * x.dim()
        noise = torch.empty(size, dtype=x.dtype, device=x.device).bernoulli_(survival)
        if survival > 0.0:
            noise.div_(survival)
        return x * noise
"""),
        ("Reshape", """
class Reshape(nn.Module):
    def __init__(self, dims):
        super().__init__()
        self.dims = dims

    def forward(self, x):
        return x.reshape(x.shape[0], *self.dims)
"""),
        ("Permute", """
class Permute(nn.Module):
    def __init__(self, dims):
        super().__init__()
        self.dims = dims

    def forward(self, x):
        return x.permute(*self.dims)
"""),
        ("Transpose", """
class Transpose(nn.Module):
    def __init__(self, dim0, dim1):
        super().__init__()
        self.dim0, self.dim1 = dim0, dim1

    def forward(self, x):
        return x.transpose(self.dim0, self.dim1)
"""),
        ("Select", """
class Select(nn.Module):
    def __init__(self, dim, index):
        super().__init__()
        self.dim, self.index = dim, index

    def forward(self, x):
        return x.select(self.dim, self.index)
"""),
        ("Slice", """
class Slice(nn.Module):
    def __init__(self, dim, start, stop, step):
        super().__init__()
        self.dim, self.slice = dim, slice(start, stop, step)

    def forward(self, x):
        return x[(slice(None),) * self.dim + (self.slice,)]
"""),
        ("Chunk", """
class Chunk(nn.Module):
    def __init__(self, chunks, dim):
        super().__init__()
        self.chunks, self.dim = chunks, dim

    def forward(self, x):
        return x.chunk(self.chunks, self.dim)
"""),
        ("Split", """
class Split(nn.Module):
    def __init__(self, sizes, dim):
        super().__init__()
        self.sizes, self.dim = sizes, dim

    def forward(self, x):
        return x.split(self.sizes, self.dim)
"""),
        ("Roll", """
class Roll(nn.Module):
    def __init__(self, shifts, dims):
        super().__init__()
        self.shifts, self.dims = shifts, dims

    def forward(self, x):
        return x.roll(self.shifts, self.dims)
"""),
        ("ChannelShuffle", """
class ChannelShuffle(nn.Module):
    "ShuffleNet's channel shuffle: [N, g * c, H, W] viewed as [N, g, c, H, W], the two axes swapped, flattened back."

    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, x):
        n, c, h, w = x.shape
        return x.view(n, self.groups, c // self.groups, h, w).transpose(1, 2).reshape(n, c, h, w)
"""),
        ("Positions", """
class Positions(nn.Module):
    "The positions 0..n-1 of an axis as token ids, one row per sample."

    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, x):
        return torch.arange(x.shape[self.dim], device=x.device).expand(x.shape[0], -1)
"""),
        ("LayerNormWithoutBias", """
class LayerNormWithoutBias(nn.Module):
    "nn.LayerNorm with a weight and no bias (nn.LayerNorm's bias=False needs PyTorch 2.1)."

    def __init__(self, shape, eps=1e-5):
        super().__init__()
        self.shape, self.eps = shape, eps
        self.weight = nn.Parameter(torch.ones(shape))

    def forward(self, x):
        return F.layer_norm(x, self.shape, self.weight, None, self.eps)
"""),
        ("LayerNorm2d", """
class LayerNorm2d(nn.Module):
    "Layer norm over the channels of a [N, C, H, W] map, as torchvision's ConvNeXt."

    def __init__(self, channels, eps=1e-5, bias=True):
        super().__init__()
        self.shape, self.eps = (channels,), eps
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels)) if bias else None

    def forward(self, x):
        return F.layer_norm(x.permute(0, 2, 3, 1), self.shape, self.weight, self.bias, self.eps).permute(0, 3, 1, 2)
"""),
        ("attend", """
def attend(q, k, v, heads, dropout, causal):
    "Scaled dot-product attention of [N, t, d] queries on [N, s, d] keys and values split into heads (top-left causal mask)."
    batch, length, width = q.shape
    memory = k.shape[1]
    q = q.reshape(batch, length, heads, width // heads).transpose(1, 2)
    k = k.reshape(batch, memory, heads, width // heads).transpose(1, 2)
    v = v.reshape(batch, memory, heads, width // heads).transpose(1, 2)
    scores = q @ k.transpose(-2, -1) * (width // heads) ** -0.5
    if causal:
        allowed = torch.ones(length, memory, dtype=torch.bool, device=q.device).tril()
        scores = scores.masked_fill(~allowed, float("-inf"))
    weights = torch.softmax(scores, -1)
    if dropout > 0.0:
        weights = F.dropout(weights, dropout)
    return (weights @ v).transpose(1, 2).reshape(batch, length, width)
"""),
        ("Attention", """
class Attention(nn.MultiheadAttention):
    "nn.MultiheadAttention, batch first, on a sequence (self-attention) or queries and a memory; its keys."

    def __init__(self, width, heads, dropout=0.0, bias=True, causal=False, memory_width=None):
        super().__init__(width, heads, dropout=dropout, bias=bias, batch_first=True, kdim=memory_width, vdim=memory_width)
        self.causal = causal

    def forward(self, x, memory=None):
        memory = x if memory is None else memory
        weights = self.in_proj_weight if self._qkv_same_embed_dim else None
        q_weight, k_weight, v_weight = (None, None, None) if weights is not None else (self.q_proj_weight, self.k_proj_weight, self.v_proj_weight)
        if weights is not None:
            q_weight, k_weight, v_weight = weights.chunk(3)
        biases = self.in_proj_bias.chunk(3) if self.in_proj_bias is not None else (None, None, None)
        q = F.linear(x, q_weight, biases[0])
        k = F.linear(memory, k_weight, biases[1])
        v = F.linear(memory, v_weight, biases[2])
        attended = attend(q, k, v, self.num_heads, self.dropout if self.training else 0.0, self.causal)
        return self.out_proj(attended)
"""),
        ("CausalSelfAttention", """
class CausalSelfAttention(nn.Module):
    "nanoGPT's attention: c_attn projects to queries, keys and values, c_proj back; dropout on the weights and the output."

    def __init__(self, width, heads, dropout=0.0, bias=True, causal=True):
        super().__init__()
        self.c_attn = nn.Linear(width, 3 * width, bias=bias)
        self.c_proj = nn.Linear(width, width, bias=bias)
        self.width, self.heads, self.dropout, self.causal = width, heads, dropout, causal

    def forward(self, x):
        p = self.dropout if self.training else 0.0
        q, k, v = self.c_attn(x).split(self.width, 2)
        output = self.c_proj(attend(q, k, v, self.heads, p, self.causal))
        return F.dropout(output, p) if p > 0.0 else output
"""),
        ("ShiftedWindowAttention", """
class ShiftedWindowAttention(nn.Module):
    "Swin's attention within windows of a [N, H, W, C] map, shifted cyclically (torchvision's v1 keys and behaviour)."

    def __init__(self, channels, heads, window, shift, qkv_bias=True, proj_bias=True, attention_dropout=0.0, dropout=0.0):
        super().__init__()
        self.heads, self.window, self.shift = heads, window, shift
        self.attention_dropout, self.dropout = attention_dropout, dropout
        (wh, ww) = window
        self.relative_position_bias_table = nn.Parameter(torch.zeros((2 * wh - 1) * (2 * ww - 1), heads))
        nn.init.trunc_normal_(self.relative_position_bias_table, std=0.02)
        rows = torch.arange(wh).repeat_interleave(ww)
        columns = torch.arange(ww).repeat(wh)
        offsets = (rows[:, None] - rows[None, :] + wh - 1) * (2 * ww - 1) + columns[:, None] - columns[None, :] + ww - 1
        self.register_buffer("relative_position_index", offsets.flatten())
        self.qkv = nn.Linear(channels, channels * 3, bias=qkv_bias)
        self.proj = nn.Linear(channels, channels, bias=proj_bias)

    def forward(self, x):
        batch, height, width, channels = x.shape
        (wh, ww), heads = self.window, self.heads
        x = F.pad(x, (0, 0, 0, (ww - width % ww) % ww, 0, (wh - height % wh) % wh))
        padded_h, padded_w = x.shape[1], x.shape[2]
        shift_h = 0 if wh >= padded_h else self.shift[0]
        shift_w = 0 if ww >= padded_w else self.shift[1]
        shifted = shift_h + shift_w > 0
        if shifted:
            x = x.roll((-shift_h, -shift_w), (1, 2))
        rows, columns, tokens = padded_h // wh, padded_w // ww, wh * ww
        windows = rows * columns
        x = x.view(batch, rows, wh, columns, ww, channels).permute(0, 1, 3, 2, 4, 5).reshape(batch * windows, tokens, channels)
        q, k, v = self.qkv(x).reshape(batch * windows, tokens, 3, heads, channels // heads).permute(2, 0, 3, 1, 4)
        bias = self.relative_position_bias_table[self.relative_position_index].view(tokens, tokens, -1).permute(2, 0, 1).unsqueeze(0)
        attention = (q * (channels // heads) ** -0.5) @ k.transpose(-2, -1) + bias
        if shifted:
            attention = attention.view(batch, windows, heads, tokens, tokens) + self.shift_mask(padded_h, padded_w, shift_h, shift_w, x).unsqueeze(1).unsqueeze(0)
            attention = attention.view(-1, heads, tokens, tokens)
        attention = F.dropout(torch.softmax(attention, -1), self.attention_dropout, self.training)
        x = (attention @ v).transpose(1, 2).reshape(batch * windows, tokens, channels)
        x = F.dropout(self.proj(x), self.dropout, self.training)
        x = x.view(batch, rows, columns, wh, ww, channels).permute(0, 1, 3, 2, 4, 5).reshape(batch, padded_h, padded_w, channels)
        if shifted:
            x = x.roll((shift_h, shift_w), (1, 2))
        return x[:, :height, :width, :].contiguous()

    def shift_mask(self, padded_h, padded_w, shift_h, shift_w, like):
        "[windows, tokens, tokens]: 0 for two tokens of the same region of the shifted map, -100 for two of different ones."
        (wh, ww) = self.window
        regions = torch.zeros(padded_h, padded_w, dtype=like.dtype, device=like.device)
        count = 0
        for top, bottom in ((0, -wh), (-wh, -shift_h), (-shift_h, None)):
            for left, right in ((0, -ww), (-ww, -shift_w), (-shift_w, None)):
                regions[top:bottom, left:right] = count
                count += 1
        regions = regions.view(padded_h // wh, wh, padded_w // ww, ww).permute(0, 2, 1, 3).reshape(-1, wh * ww)
        difference = regions.unsqueeze(1) - regions.unsqueeze(2)
        return difference.masked_fill(difference != 0, -100.0).masked_fill(difference == 0, 0.0)
"""),
    };

    /// <summary>Helpers another helper calls: asking for the first brings the second.</summary>
    public static IEnumerable<string> Needs(string helper) => helper switch
    {
        "Attention" or "CausalSelfAttention" => new[] { "attend" },
        _ => System.Array.Empty<string>(),
    };
}
