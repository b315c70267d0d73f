#!/usr/bin/env python3
"""PyTorch peer of benchmarks/Blur.Benchmarks on a device: the same kernels on the same images with F.conv2d.

Reads the file the C# benchmark wrote (images [N, 3, 64, 64]; per family and severity the kernels AdvCam used, one
[k, k] per image, and AdvCam's outputs for the first 8 images). For each severity, as a PyTorch user would write it on
the device: each kernel cut to its support (the smallest odd square around the centre holding every non-zero weight,
as blur_scipy.py does) and flipped (a convolution, as AdvCam's and SciPy's), reflect padding, one depthwise F.conv2d
over the batch (groups = 3 with one kernel shared by the batch, groups = 3N with one kernel per image), clamped to
[0, 1]. Median of --repeats runs after a warm-up run, the device synchronised before each time is read. Prints one JSON
line per severity with images/s and the largest difference from AdvCam's outputs (../gpu.sh).
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from advcam_peer import add_device_arguments, device_from, load_safetensors  # noqa: E402


def support(canvases):
    """Half the side of the smallest odd square around the centre that holds every non-zero weight of every kernel."""
    c = canvases.shape[-1] // 2
    nz = torch.nonzero(canvases)
    return int(max((nz[:, 1] - c).abs().max(), (nz[:, 2] - c).abs().max())) if len(nz) else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    add_device_arguments(parser)
    args = parser.parse_args()
    device = device_from(args)
    sync = (lambda: torch.cuda.synchronize(device)) if device.type == "cuda" else (lambda: None)
    data, _ = load_safetensors(args.data)
    images = data["images"].to(device)
    n, channels, h, w = images.shape
    for key in [k for k in data if k.startswith("kernels/")]:
        name = key[len("kernels/"):]
        canvases = data[key]
        c, half = canvases.shape[-1] // 2, support(canvases)
        kernels = canvases[:, c - half:c + half + 1, c - half:c + half + 1].flip(-2, -1).contiguous()
        shared = bool((kernels == kernels[0]).all())
        if shared:
            weight = kernels[0].expand(channels, 1, 2 * half + 1, 2 * half + 1).contiguous().to(device)

            def blur():
                x = F.pad(images, (half, half, half, half), mode="reflect") if half else images
                return F.conv2d(x, weight, groups=channels).clamp_(0, 1)
        else:
            weight = kernels.repeat_interleave(channels, 0)[:, None].contiguous().to(device)

            def blur():
                x = images.reshape(1, n * channels, h, w)
                x = F.pad(x, (half, half, half, half), mode="reflect") if half else x
                return F.conv2d(x, weight, groups=n * channels).clamp_(0, 1).reshape(n, channels, h, w)

        with torch.no_grad():
            blur()
            sync()
            times = []
            for _ in range(args.repeats):
                start = time.perf_counter()
                out = blur()
                sync()
                times.append(time.perf_counter() - start)
        median = sorted(times)[len(times) // 2]
        theirs = data["out/" + name]
        diff = float((out[:theirs.shape[0]].cpu() - theirs).abs().max())
        family, level = name.split("/")
        print(json.dumps({"side": "pytorch", "device": str(device), "threads": torch.get_num_threads(), "family": family,
                          "level": int(level), "images": n, "kernel": 2 * half + 1, "shared_kernel": shared,
                          "seconds": median, "images_per_second": n / median, "max_abs_diff_vs_advcam": diff,
                          "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
