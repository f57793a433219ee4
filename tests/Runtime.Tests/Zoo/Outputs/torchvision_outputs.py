# Writes torchvision's outputs for zoo networks (ZooOutputTests compares NetDsl's with them): those with auxiliary heads,
# and full-size mirrors whose weight files would be too large to commit.
# Weights and input are a formula both sides compute (in float64, then float32), so no weight file is needed:
#   a weight of rank 2 or more: sin(0.1 j + len(key)) * sqrt(4 / fan_in), j its flat index;
#   a batch norm's weight and running_var: 1 + 0.1 sin(...); a bias and running_mean: 0.1 sin(...);
#   the input: sin(0.01 j). Each network has 10 classes. In evaluation mode: the main output of the network, and each
#   auxiliary head applied to the features it reads (captured by a hook on the module before it).
# Run with Debian's python3-torch / python3-torchvision (torchvision 0.14):
#   /usr/bin/python3 torchvision_outputs.py > torchvision_outputs.txt
import math

import torch
import torchvision


def fill(model):
    with torch.no_grad():
        for key, value in model.state_dict().items():
            if key.endswith("num_batches_tracked"):
                continue
            wave = (torch.arange(value.numel(), dtype=torch.float64) * 0.1 + len(key)).sin()
            if value.dim() >= 2:
                wave = wave * math.sqrt(4.0 / (value.numel() // value.shape[0]))
            elif key.endswith("running_var") or key.endswith(".weight"):
                wave = 1 + 0.1 * wave
            else:
                wave = 0.1 * wave
            value.copy_(wave.reshape(value.shape).to(torch.float32))


def run(name, model, size, heads):
    fill(model)
    model.eval()
    features = {}
    for head, source in heads:
        getattr(model, source).register_forward_hook(lambda _m, _i, out, head=head: features.__setitem__(head, out))
    count = 3 * size * size
    x = (torch.arange(count, dtype=torch.float64) * 0.01).sin().to(torch.float32).reshape(1, 3, size, size)
    with torch.no_grad():
        rows = [("logits", model(x))]
        rows += [(head, getattr(model, head)(features[head])) for head, _ in heads]
    for output, tensor in rows:
        print(name, output, " ".join(f"{v:.9g}" for v in tensor.flatten().tolist()))


print(f"# Written by torchvision_outputs.py with torch {torch.__version__}, torchvision {torchvision.__version__}.")
run("GoogLeNetAux", torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=False, num_classes=10), 224,
    [("aux1", "inception4a"), ("aux2", "inception4d")])
run("InceptionV3Aux", torchvision.models.inception_v3(weights=None, aux_logits=True, init_weights=False, num_classes=10), 299,
    [("AuxLogits", "Mixed_6e")])
run("ShuffleNetV2", torchvision.models.shufflenet_v2_x1_0(weights=None, num_classes=10), 224, [])
run("RegNetX400MF", torchvision.models.regnet_x_400mf(weights=None, num_classes=10), 224, [])
run("RegNetY400MF", torchvision.models.regnet_y_400mf(weights=None, num_classes=10), 224, [])
run("MnasNet", torchvision.models.mnasnet0_5(weights=None, num_classes=10), 224, [])
run("MobileNetV3Large", torchvision.models.mobilenet_v3_large(weights=None, num_classes=10), 224, [])
run("MobileNetV3Small", torchvision.models.mobilenet_v3_small(weights=None, num_classes=10), 224, [])
run("EfficientNet", torchvision.models.efficientnet_b0(weights=None, num_classes=10), 224, [])
