#!/usr/bin/python3
"""Regenerates the segmentation fixtures of AdvCam.Core.Tests.Models from torchvision.

Run with Debian's interpreter (python3-torch 1.13, python3-torchvision 0.14):

    /usr/bin/python3 tests/Core.Tests/Models/Fixtures/make_segmentation_fixtures.py

Writes, next to this script:
- segmentation_state_dicts.json: (name, shape) of every state-dict entry, in order, of torchvision's
  deeplabv3_resnet50(weights=None, weights_backbone=None, num_classes=21, aux_loss=False);
- deeplabv3_narrow_os8.safetensors, deeplabv3_narrow_os16.safetensors: torchvision's own DeepLabV3 (its
  IntermediateLayerGetter over a ResNet of Bottleneck blocks with narrowed widths, and its ASPP with 8 channels and
  rates 1, 2, 3; the head laid out as torchvision's DeepLabHead, whose widths and rates are otherwise fixed), in eval
  mode with random parameters and BN running statistics, plus an input ("__input", 2x3x50x46: odd, non-square) and
  torchvision's logits for it ("__logits"). Written by make_fixtures.save_safetensors.
"""
import json
import os
import sys

import torch
import torchvision
from torch import nn
from torchvision.models import resnet as tvr
from torchvision.models._utils import IntermediateLayerGetter
from torchvision.models.segmentation.deeplabv3 import ASPP, DeepLabV3

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_fixtures import NarrowResNet, randomise, save_safetensors  # noqa: E402

NUM_CLASSES = 5
WIDTHS = [4, 8, 12, 16]
ASPP_CHANNELS = 8
RATES = [1, 2, 3]


def narrow_deeplab(replace_stride_with_dilation):
    backbone = NarrowResNet(tvr.Bottleneck, [1, 1, 1, 1], WIDTHS, num_classes=10,
                            replace_stride_with_dilation=replace_stride_with_dilation)
    backbone = IntermediateLayerGetter(backbone, return_layers={"layer4": "out"})
    head = nn.Sequential(
        ASPP(WIDTHS[3] * tvr.Bottleneck.expansion, RATES, out_channels=ASPP_CHANNELS),
        nn.Conv2d(ASPP_CHANNELS, ASPP_CHANNELS, 3, padding=1, bias=False),
        nn.BatchNorm2d(ASPP_CHANNELS),
        nn.ReLU(),
        nn.Conv2d(ASPP_CHANNELS, NUM_CLASSES, 1),
    )
    return DeepLabV3(backbone, head, None)


def export(name, model, seed, metadata):
    randomise(model, seed)
    model.eval()
    x = torch.randn((2, 3, 50, 46), generator=torch.Generator().manual_seed(seed + 1))
    with torch.no_grad():
        logits = model(x)["out"]
    tensors = dict(model.state_dict())
    tensors["__input"] = x
    tensors["__logits"] = logits
    metadata = dict(metadata, torch=torch.__version__, torchvision=torchvision.__version__)
    save_safetensors(os.path.join(HERE, name), tensors, metadata)


def main():
    torch.manual_seed(0)
    model = torchvision.models.segmentation.deeplabv3_resnet50(weights=None, weights_backbone=None, num_classes=21,
                                                               aux_loss=False)
    entries = [[k, list(v.shape)] for k, v in model.state_dict().items()]
    with open(os.path.join(HERE, "segmentation_state_dicts.json"), "w") as f:
        f.write('{\n "generator": %s,\n "deeplabv3_resnet50": [\n' % json.dumps(
            "make_segmentation_fixtures.py, torch %s, torchvision %s" % (torch.__version__, torchvision.__version__)))
        f.write(",\n".join("  " + json.dumps(e) for e in entries))
        f.write("\n ]\n}\n")

    common = {"block": "bottleneck", "layers": "1,1,1,1", "widths": ",".join(map(str, WIDTHS)),
              "aspp_channels": str(ASPP_CHANNELS), "rates": ",".join(map(str, RATES)), "num_classes": str(NUM_CLASSES)}
    torch.manual_seed(3)
    export("deeplabv3_narrow_os8.safetensors", narrow_deeplab([False, True, True]), 33,
           dict(common, replace_stride_with_dilation="layer3,layer4"))
    torch.manual_seed(4)
    export("deeplabv3_narrow_os16.safetensors", narrow_deeplab([False, False, True]), 44,
           dict(common, replace_stride_with_dilation="layer4"))


if __name__ == "__main__":
    main()
