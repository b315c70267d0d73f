#!/usr/bin/python3
"""PyTorch peer of `advcam explain --plugin advcam`: the official AdvCAM per-class loop on the same weights.

Reads the model file (safetensors, with its ResNetCam configuration in the metadata) and the file that
`advcam explain --out` wrote (the normalised input images, their labels and AdvCam's maps), runs the official
loop -- one image and one class at a time, the image and its mirror as a batch of two, `loss.backward()` on the
model as the official code does (parameter gradients included) or, with --grad input, `torch.autograd.grad` with
respect to the images only -- and prints the time per image and per map and the largest difference from AdvCam's
maps. Same definitions as AdvCam's plugin (Plugins/Attribution/AdversarialClimbing): T + 1 maps for T steps, the
step xi * (max - min of the clean image) / 4.42 (xi in ImageNet-normalised units scaled to the image's range),
clamp to the clean image's [min, max], every scale climbed alike.
"""
import argparse
import json
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8,
          "BOOL": torch.bool, "F16": torch.float16, "BF16": torch.bfloat16, "I8": torch.int8, "I16": torch.int16}
IMAGENET_NORMALISED_RANGE = 1 / 0.226


def load_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", {}) or {}
    base = 8 + n
    tensors = {}
    for key, entry in header.items():
        start, end = entry["data_offsets"]
        dtype = DTYPES[entry["dtype"]]
        if end == start:
            tensors[key] = torch.zeros(entry["shape"], dtype=dtype)
        else:
            tensors[key] = torch.frombuffer(bytearray(data[base + start:base + end]), dtype=dtype).reshape(entry["shape"]).clone()
    return tensors, meta


class BasicBlock(nn.Module):
    """torchvision's BasicBlock (same parameter names)."""

    def __init__(self, inplanes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = x if self.downsample is None else self.downsample(x)
        return F.relu(out + identity)


class ResNetCam(nn.Module):
    """AdvCam's ResNetCam (Harness/Core/Models/ResNetCam.cs), built from its metadata."""

    def __init__(self, meta):
        super().__init__()
        get = lambda k: meta["ResNetCam." + k]
        widths = [int(v) for v in get("Widths").split(",")]
        blocks = [int(v) for v in get("Blocks").split(",")]
        strides = [int(v) for v in get("Strides").split(",")]
        stem, kernel = int(get("StemChannels")), int(get("StemKernel"))
        self.conv1 = nn.Conv2d(int(get("InChannels")), stem, kernel, int(get("StemStride")), kernel // 2, bias=False)
        self.bn1 = nn.BatchNorm2d(stem)
        self.maxpool = nn.MaxPool2d(3, 2, 1) if get("StemMaxPool") == "true" else None
        inplanes = stem
        self.stage_names = []
        for i, (w, b, s) in enumerate(zip(widths, blocks, strides)):
            layers = []
            for j in range(b):
                layers.append(BasicBlock(inplanes, w, s if j == 0 else 1))
                inplanes = w
            setattr(self, f"layer{i + 1}", nn.Sequential(*layers))
            self.stage_names.append(f"layer{i + 1}")
        self.fc = nn.Linear(inplanes, int(get("NumClasses")), bias=False)

    def features(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        if self.maxpool is not None:
            x = self.maxpool(x)
        for name in self.stage_names:
            x = getattr(self, name)(x)
        return x


def advcam_one_class(model, x_scaled, c, steps, step, lam, tau, flip, grad_mode):
    """The official loop for one image (at one scale) and one class; returns the accumulated map [h, w]."""
    low, high = x_scaled.min(), x_scaled.max()
    x = torch.cat([x_scaled, x_scaled.flip(-1)]) if flip else x_scaled
    weight = model.fc.weight[:, :, None, None]
    accumulated, initial = None, None
    for t in range(steps + 1):
        climbing = t < steps
        x = x.detach().requires_grad_(climbing)
        with torch.set_grad_enabled(climbing):
            scores = F.conv2d(model.features(x), weight)
            regions = F.relu(scores[:, c])
            regions = regions[0] + regions[1].flip(-1) if flip else regions[0]
            if initial is None:
                initial = regions.detach()
            accumulated = regions.detach().clone() if accumulated is None else accumulated + regions.detach()
            if not climbing:
                break
            logit = F.relu(scores).mean((2, 3))
            logit_loss = -2 * logit[:, c].sum() + logit.sum()
            mask = (regions.detach() > tau * regions.detach().max()).float()
            restriction = (torch.abs(regions - initial) * mask).sum()
            loss = -logit_loss - lam * restriction
        if grad_mode == "official":
            model.zero_grad()
            loss.backward()
            gradient = x.grad
        else:
            gradient, = torch.autograd.grad(loss, x)
        x = (x + step * gradient / (gradient.abs().max() + 1e-12)).clamp(low, high)
    return accumulated


def add_device_arguments(parser):
    """--device (cpu or cuda[:N]) and --threads (intra-op threads, 0: PyTorch's default), as the GPU benchmark's peers
    (blur_torch.py, train_peer.py) take them."""
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads (0: PyTorch's default)")


def device_from(args):
    """Applies --threads (when above 0) and returns the torch.device of --device (add_device_arguments)."""
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    return torch.device(args.device)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="model.safetensors")
    parser.add_argument("--maps", required=True, help="the file `advcam explain --out` wrote")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--grad", choices=["official", "input"], default="official")
    parser.add_argument("--steps", type=int, default=27)
    parser.add_argument("--xi", type=float, default=0.08)
    parser.add_argument("--lam", type=float, default=7.0)
    parser.add_argument("--tau", type=float, default=0.5)
    parser.add_argument("--scales", default="1,0.5,1.5,2")
    parser.add_argument("--no-flip", action="store_true")
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float32",
                        help="float64: model and images converted (compare with `advcam explain --dtype float64`)")
    parser.add_argument("--reference", help="another `advcam explain --out` file (e.g. float64 maps) to measure both sides' maps against")
    parser.add_argument("--no-warmup", action="store_true", help="time the first image's set-up too")
    parser.add_argument("--device", default="cpu", help="cpu or cuda[:N] (../gpu.sh); the maps are compared on the CPU")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    weights, meta = load_safetensors(args.model)
    model = ResNetCam(meta)
    state = {k: v for k, v in weights.items()}
    model.load_state_dict(state, strict=True)
    model.eval()
    dtype = torch.float64 if args.dtype == "float64" else torch.float32
    model.to(device=device, dtype=dtype)
    data, _ = load_safetensors(args.maps)
    images, labels, theirs = data["images"].to(device=device, dtype=dtype), data["labels"], data["maps"]
    scales = [float(s) for s in args.scales.split(",")]
    flip = not args.no_flip
    n, _, height, width = images.shape
    ours = torch.zeros_like(theirs)
    maps = 0

    def explain(i):
        classes = torch.nonzero(labels[i] > 0.5)[:, 0].tolist()
        totals = {c: torch.zeros(height, width, dtype=images.dtype, device=device) for c in classes}
        for s in scales:
            img = images[i:i + 1]
            if s != 1:
                img = F.interpolate(img, (round(height * s), round(width * s)), mode="bilinear", align_corners=False)
            step = args.xi * float(img.max() - img.min()) / IMAGENET_NORMALISED_RANGE
            for c in classes:
                acc = advcam_one_class(model, img, c, args.steps, step, args.lam, args.tau, flip, args.grad)
                totals[c] += F.interpolate(acc[None, None], (height, width), mode="bilinear", align_corners=False)[0, 0]
        return classes, totals

    if not args.no_warmup:
        explain(0)  # one-time kernel set-up, untimed (as `advcam explain` does by default)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    for i in range(n):
        classes, totals = explain(i)
        for c in classes:
            ours[i, c] = (totals[c] / (totals[c].max() + 1e-5)).cpu()
        maps += len(classes)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    seconds = time.perf_counter() - start
    diff = float((ours.to(theirs.dtype) - theirs).abs().max())
    against = {}
    if args.reference:
        reference = load_safetensors(args.reference)[0]["maps"].to(torch.float64)
        against = {"max_abs_diff_pytorch_vs_reference": float((ours.to(torch.float64) - reference).abs().max()),
                   "max_abs_diff_advcam_vs_reference": float((theirs.to(torch.float64) - reference).abs().max())}
    print(json.dumps({**against, "side": "pytorch", "grad": args.grad, "threads": torch.get_num_threads(), "images": n, "maps": maps,
                      "ms_per_image": 1000 * seconds / n, "ms_per_map": 1000 * seconds / max(1, maps),
                      "max_abs_diff_vs_advcam": diff, "dtype": args.dtype, "device": str(device), "torch": torch.__version__}))


if __name__ == "__main__":
    sys.exit(main())
