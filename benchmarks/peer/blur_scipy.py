#!/usr/bin/python3
"""SciPy peer of benchmarks/Blur.Benchmarks: the same kernels on the same images with scipy.ndimage.convolve.

Reads the file the C# benchmark wrote (images [N, 3, 64, 64]; per family and severity the kernels AdvCam used, one
[k, k] per image, and AdvCam's outputs for the first 8 images). For each severity: crops each kernel to its
support (the smallest odd square around the centre holding every non-zero weight), then times, as a NumPy user would
write it, `scipy.ndimage.convolve` with mode='mirror' (= libtorch's reflect padding) over the whole batch in one call
when every image has the same kernel, else one call per image, then clips to [0, 1]. Median of --repeats runs after a
warm-up run. When the shared kernel is separable (rank 1 by the SVD: the Gaussian), it also times what a SciPy user
would write for it, `scipy.ndimage.convolve1d` along the columns then the rows with the two factors (side
"scipy-separable"), since AdvCam runs the Gaussian as two one-dimensional passes too. Prints one JSON line per severity
and variant with images/s and the largest difference from AdvCam's outputs. SciPy's ndimage is single-threaded.
"""
import argparse
import json
import struct
import time

import numpy as np
from scipy import ndimage


def load_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    base = 8 + n
    out = {}
    for key, entry in header.items():
        assert entry["dtype"] == "F32", (key, entry["dtype"])
        start, end = entry["data_offsets"]
        out[key] = np.frombuffer(data[base + start:base + end], dtype=np.float32).reshape(entry["shape"])
    return out


def crop(canvas):
    """The kernel cut to the smallest odd square around the centre with all its non-zeros."""
    c = canvas.shape[-1] // 2
    ys, xs = np.nonzero(canvas)
    half = int(max(np.abs(ys - c).max(), np.abs(xs - c).max())) if len(ys) else 0
    return np.ascontiguousarray(canvas[c - half:c + half + 1, c - half:c + half + 1])


def blur(images, kernels, shared):
    if shared:
        out = ndimage.convolve(images, kernels[0][None, None], mode="mirror")
    else:
        out = np.empty_like(images)
        for i in range(images.shape[0]):
            out[i] = ndimage.convolve(images[i], kernels[i][None], mode="mirror")
    return np.clip(out, 0, 1, out=out)


def separable(kernel):
    """The factors (vertical, horizontal) of a rank-1 kernel, or None: by the SVD, rank 1 when the second singular
    value is below 1e-6 of the first."""
    u, s, vt = np.linalg.svd(kernel.astype(np.float64))
    if len(s) > 1 and s[1] > 1e-6 * s[0]:
        return None
    sign = 1.0 if u[:, 0].sum() >= 0 else -1.0
    return ((sign * np.sqrt(s[0]) * u[:, 0]).astype(np.float32), (sign * np.sqrt(s[0]) * vt[0]).astype(np.float32))


def blur_separable(images, factors):
    vertical, horizontal = factors
    out = ndimage.convolve1d(images, vertical, axis=-2, mode="mirror")
    out = ndimage.convolve1d(out, horizontal, axis=-1, mode="mirror")
    return np.clip(out, 0, 1, out=out)


def timed(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2], out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    data = load_safetensors(args.data)
    images = np.ascontiguousarray(data["images"])
    n = images.shape[0]
    for key in [k for k in data if k.startswith("kernels/")]:
        name = key[len("kernels/"):]
        canvases = data[key]
        kernels = [crop(canvases[i]) for i in range(n)]
        shared = all(k.shape == kernels[0].shape and np.array_equal(k, kernels[0]) for k in kernels)
        theirs = data["out/" + name]
        family, level = name.split("/")
        variants = [("scipy", lambda: blur(images, kernels, shared))]
        factors = separable(kernels[0]) if shared else None
        if factors is not None:
            variants.append(("scipy-separable", lambda: blur_separable(images, factors)))
        for side, fn in variants:
            median, out = timed(fn, args.repeats)
            diff = float(np.abs(out[:theirs.shape[0]] - theirs).max())
            print(json.dumps({"side": side, "threads": 1, "family": family, "level": int(level), "images": n,
                              "kernel": int(kernels[0].shape[0]), "shared_kernel": shared, "seconds": median,
                              "images_per_second": n / median, "max_abs_diff_vs_advcam": diff}), flush=True)


if __name__ == "__main__":
    main()
