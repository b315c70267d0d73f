#!/usr/bin/env python3
"""PyTorch peer of `advcam train --task fashion-mnist` on a device: the same network, data, batch size and optimizer.

The network is AdvCam's ResNetCam (advcam_peer.py) built from a model file's metadata (the shipped
models/fashion-mnist: widths 16,32,64), freshly initialised. Data: the first --images Fashion-MNIST training images
(the gzip'd IDX files in --data), as AdvCam's trainer prepares them: RandomCrop(padding 2) and a random horizontal flip
per image, then Normalize(0.2860, 0.3530), batches drawn in a shuffled order and copied to the device (from pinned
memory, non-blocking, on a GPU). Step: cross-entropy, backward, SGD (lr 0.1, momentum 0.9, Nesterov, weight decay 5e-4).
Prints one JSON line per epoch with images/s (loading, augmentation, forward, backward and step; the device
synchronised at the end of the epoch); ../gpu.sh takes the last epoch, after the first has warmed the kernels up.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from advcam_peer import ResNetCam, add_device_arguments, device_from, load_safetensors  # noqa: E402

MEAN, STD = 0.2860, 0.3530


def read_idx(path, n):
    data = gzip.open(path).read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    count = min(n, shape[0])
    item = 1
    for s in shape[1:]:
        item *= s
    body = data[4 + 4 * dims:4 + 4 * dims + count * item]
    return torch.frombuffer(bytearray(body), dtype=torch.uint8).reshape((count,) + tuple(shape[1:]))


def augment(x, generator):
    """RandomCrop(28, padding 2) and RandomHorizontalFlip(0.5), per image, on x's device."""
    b = x.shape[0]
    padded = F.pad(x, (2, 2, 2, 2))
    oy = torch.randint(0, 5, (b,), generator=generator).to(x.device)
    ox = torch.randint(0, 5, (b,), generator=generator).to(x.device)
    rows = (oy[:, None] + torch.arange(28, device=x.device))[:, :, None]
    cols = (ox[:, None] + torch.arange(28, device=x.device))[:, None, :]
    out = padded[torch.arange(b, device=x.device)[:, None, None], 0, rows, cols][:, None]
    flip = (torch.rand(b, generator=generator) < 0.5).to(x.device)[:, None, None, None]
    return torch.where(flip, out.flip(-1), out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="a model.safetensors whose metadata gives the architecture")
    parser.add_argument("--data", required=True, help="folder with train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz")
    parser.add_argument("--images", type=int, default=4096)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=128)
    add_device_arguments(parser)
    args = parser.parse_args()
    device = device_from(args)
    cuda = device.type == "cuda"
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    _, meta = load_safetensors(args.model)
    model = ResNetCam(meta).to(device)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)
    images = read_idx(os.path.join(args.data, "train-images-idx3-ubyte.gz"), args.images)
    labels = read_idx(os.path.join(args.data, "train-labels-idx1-ubyte.gz"), args.images).long()
    n = images.shape[0]
    for epoch in range(1, args.epochs + 1):
        if cuda:
            torch.cuda.synchronize(device)
        start = time.perf_counter()
        order = torch.randperm(n, generator=generator)
        total = 0.0
        for b in range(0, n, args.batch_size):
            index = order[b:b + args.batch_size]
            x = images[index][:, None].float().div_(255)
            y = labels[index]
            if cuda:
                x, y = x.pin_memory().to(device, non_blocking=True), y.pin_memory().to(device, non_blocking=True)
            x = (augment(x, generator) - MEAN) / STD
            logits = model.fc(model.features(x).mean((2, 3)))
            loss = F.cross_entropy(logits, y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            total += float(loss.detach()) * len(index)
        if cuda:
            torch.cuda.synchronize(device)
        seconds = time.perf_counter() - start
        print(json.dumps({"side": "pytorch", "device": str(device), "threads": torch.get_num_threads(), "epoch": epoch,
                          "images": n, "batch_size": args.batch_size, "loss": total / n, "seconds": seconds,
                          "images_per_second": n / seconds, "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
