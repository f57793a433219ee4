# Writes the key manifest of a torchvision model (its state_dict: one "key [shape]" line each, in PyTorch's order)
# from torchvision itself, for the manifests that were not transliterated by hand.
# Run with Debian's python3-torch / python3-torchvision (torchvision 0.14):
#   /usr/bin/python3 torchvision_manifest.py googlenet_aux > googlenet_aux.txt
#   /usr/bin/python3 torchvision_manifest.py inception_v3_aux > inception_v3_aux.txt
#   /usr/bin/python3 torchvision_manifest.py vit_b_16 > vit_b_16.txt
#   /usr/bin/python3 torchvision_manifest.py convnext_tiny > convnext_tiny.txt
#   /usr/bin/python3 torchvision_manifest.py mobilenet_v3_large > mobilenet_v3_large.txt
#   /usr/bin/python3 torchvision_manifest.py mobilenet_v3_small > mobilenet_v3_small.txt
#   /usr/bin/python3 torchvision_manifest.py efficientnet_b0 > efficientnet_b0.txt (likewise b1, b3)
#   /usr/bin/python3 torchvision_manifest.py swin_t > swin_t.txt
#   /usr/bin/python3 torchvision_manifest.py shufflenet_v2_x1_0 > shufflenet_v2_x1_0.txt
#   /usr/bin/python3 torchvision_manifest.py regnet_x_400mf > regnet_x_400mf.txt (likewise regnet_y_400mf)
#   /usr/bin/python3 torchvision_manifest.py mnasnet0_5 > mnasnet0_5.txt (likewise mnasnet1_0)
import sys

import torchvision

BUILDERS = {
    "googlenet_aux": ("googlenet(aux_logits=True)", lambda: torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=False)),
    "inception_v3_aux": ("inception_v3(aux_logits=True)", lambda: torchvision.models.inception_v3(weights=None, aux_logits=True, init_weights=False)),
    "vit_b_16": ("vit_b_16()", lambda: torchvision.models.vit_b_16(weights=None)),
    "convnext_tiny": ("convnext_tiny()", lambda: torchvision.models.convnext_tiny(weights=None)),
    "mobilenet_v3_large": ("mobilenet_v3_large()", lambda: torchvision.models.mobilenet_v3_large(weights=None)),
    "mobilenet_v3_small": ("mobilenet_v3_small()", lambda: torchvision.models.mobilenet_v3_small(weights=None)),
    "efficientnet_b0": ("efficientnet_b0()", lambda: torchvision.models.efficientnet_b0(weights=None)),
    "efficientnet_b1": ("efficientnet_b1()", lambda: torchvision.models.efficientnet_b1(weights=None)),
    "efficientnet_b3": ("efficientnet_b3()", lambda: torchvision.models.efficientnet_b3(weights=None)),
    "swin_t": ("swin_t()", lambda: torchvision.models.swin_t(weights=None)),
    "shufflenet_v2_x1_0": ("shufflenet_v2_x1_0()", lambda: torchvision.models.shufflenet_v2_x1_0(weights=None)),
    "regnet_x_400mf": ("regnet_x_400mf()", lambda: torchvision.models.regnet_x_400mf(weights=None)),
    "regnet_y_400mf": ("regnet_y_400mf()", lambda: torchvision.models.regnet_y_400mf(weights=None)),
    "mnasnet0_5": ("mnasnet0_5()", lambda: torchvision.models.mnasnet0_5(weights=None)),
    "mnasnet1_0": ("mnasnet1_0()", lambda: torchvision.models.mnasnet1_0(weights=None)),
}

name = sys.argv[1]
call, build = BUILDERS[name]
model = build()
state = model.state_dict()
trainable = sum(p.numel() for p in model.parameters())
print(f"# state_dict of torchvision.models.{call}: one \"key [shape]\" per line, in PyTorch's order")
print("# (each module's parameters, then its buffers, then its children, in registration order).")
print(f"# Written by torchvision_manifest.py from torchvision {torchvision.__version__} itself; not from NetDsl's output.")
print(f"# {len(state)} keys, {trainable:,} trainable parameters.")
for key, value in state.items():
    print(f"{key} [{', '.join(str(d) for d in value.shape)}]")
