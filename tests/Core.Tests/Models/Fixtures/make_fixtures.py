#!/usr/bin/python3
"""Regenerates the fixtures of AdvCam.Core.Tests.Models from torchvision.

Run with Debian's interpreter (python3-torch 1.13, python3-torchvision 0.14):

    /usr/bin/python3 tests/Core.Tests/Models/Fixtures/make_fixtures.py

Writes, next to this script:
- resnet_state_dicts.json: (name, shape) of every state-dict entry, in order, of torchvision's
  resnet18(num_classes=10) and resnet50(num_classes=10);
- resnet_basic_narrow.safetensors, resnet_bottleneck_dilated.safetensors: a torchvision ResNet with narrowed
  channel counts (torchvision's own ResNet, BasicBlock/Bottleneck and forward code; only the widths 64/128/256/512
  are replaced, so the file stays small), in eval mode with random parameters and random BN running statistics,
  plus an input ("__input") and torchvision's logits for it ("__logits"). Written by hand in the safetensors
  format (the safetensors package is not installed): u64 LE header length, compact JSON header (__metadata__ first,
  then tensors by dtype descending and name), space-padded to a multiple of 8, then raw little-endian data.
"""
import json
import os
import struct

import torch
import torchvision
from torch import nn
from torchvision.models import resnet as tvr

HERE = os.path.dirname(os.path.abspath(__file__))


class NarrowResNet(tvr.ResNet):
    """torchvision's ResNet with the stage widths 64/128/256/512 replaced by `widths` (the stem takes widths[0])."""

    def __init__(self, block, layers, widths, num_classes, replace_stride_with_dilation=None):
        self._plane_map = dict(zip((64, 128, 256, 512), widths))
        self._first_layer = True
        super().__init__(block, layers, num_classes=num_classes,
                         replace_stride_with_dilation=replace_stride_with_dilation)
        # torchvision builds the stem and head with the fixed widths; rebuild them with the narrow ones.
        self.conv1 = nn.Conv2d(3, widths[0], kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.fc = nn.Linear(widths[3] * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1, dilate=False):
        if self._first_layer:
            self.inplanes = self._plane_map[64]
            self._first_layer = False
        return super()._make_layer(block, self._plane_map[planes], blocks, stride=stride, dilate=dilate)


# safetensors' Dtype enum order (Rust); files list tensors by dtype descending, then by name.
DTYPE_RANK = {"BOOL": 0, "U8": 1, "I8": 2, "I16": 5, "F16": 7, "BF16": 8, "I32": 9, "F32": 11, "F64": 12, "I64": 13}
DTYPE_NAME = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64", torch.int32: "I32"}


def save_safetensors(path, tensors, metadata):
    items = sorted(tensors.items(), key=lambda kv: (-DTYPE_RANK[DTYPE_NAME[kv[1].dtype]], kv[0].encode("utf-8")))
    header = {"__metadata__": metadata}
    blobs = []
    offset = 0
    for name, t in items:
        data = t.detach().cpu().contiguous().numpy().tobytes()  # little-endian host, as libtorch assumes
        header[name] = {"dtype": DTYPE_NAME[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def randomise(model, seed):
    """Random parameters and non-trivial BN running statistics, so every entry of the state dict matters."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.copy_(torch.rand(m.weight.shape, generator=g) + 0.5)
                m.bias.copy_((torch.rand(m.bias.shape, generator=g) - 0.5) * 0.4)
                m.running_mean.copy_(torch.randn(m.running_mean.shape, generator=g) * 0.2)
                m.running_var.copy_(torch.rand(m.running_var.shape, generator=g) * 1.5 + 0.5)
                m.num_batches_tracked.fill_(int(torch.randint(1, 1000, (1,), generator=g)))
            elif isinstance(m, nn.Linear):
                m.bias.copy_((torch.rand(m.bias.shape, generator=g) - 0.5) * 0.2)


def export(name, model, input_shape, seed, metadata):
    randomise(model, seed)
    model.eval()
    x = torch.randn(input_shape, generator=torch.Generator().manual_seed(seed + 1))
    with torch.no_grad():
        logits = model(x)
    tensors = dict(model.state_dict())
    tensors["__input"] = x
    tensors["__logits"] = logits
    metadata = dict(metadata, torch=torch.__version__, torchvision=torchvision.__version__)
    save_safetensors(os.path.join(HERE, name), tensors, metadata)


def main():
    torch.manual_seed(0)
    names = {}
    for arch in ("resnet18", "resnet50"):
        model = getattr(torchvision.models, arch)(num_classes=10)
        names[arch] = [[k, list(v.shape)] for k, v in model.state_dict().items()]
    names["generator"] = "make_fixtures.py, torch %s, torchvision %s" % (torch.__version__, torchvision.__version__)
    with open(os.path.join(HERE, "resnet_state_dicts.json"), "w") as f:
        json.dump(names, f, indent=1)
        f.write("\n")

    torch.manual_seed(1)
    export("resnet_basic_narrow.safetensors",
           NarrowResNet(tvr.BasicBlock, [1, 1, 1, 1], [8, 16, 32, 64], num_classes=10),
           (2, 3, 36, 36), 11,
           {"block": "basic", "layers": "1,1,1,1", "widths": "8,16,32,64", "replace_stride_with_dilation": "none"})
    torch.manual_seed(2)
    export("resnet_bottleneck_dilated.safetensors",
           NarrowResNet(tvr.Bottleneck, [1, 1, 1, 2], [4, 8, 16, 32], num_classes=10,
                        replace_stride_with_dilation=[False, False, True]),
           (2, 3, 36, 36), 22,
           {"block": "bottleneck", "layers": "1,1,1,2", "widths": "4,8,16,32", "replace_stride_with_dilation": "layer4"})


if __name__ == "__main__":
    main()
