#!/usr/bin/python3
"""PyTorch's side of the AdvCam benchmark (../Torch.Benchmarks is AdvCam's side): same arguments, same loops,
same JSON lines on stdout.

Run it with Debian's interpreter and python3-torch (the same libtorch 1.13 that AdvCam's shim links):
    /usr/bin/python3 benchmarks/peer/torch_peer.py --threads 1
The malloc setting is whatever the process started with: glibc reads MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_
and MALLOC_TOP_PAD_ at start-up (benchmarks/run.sh sets them to AdvCam's values for the "tuned" rows).
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time

import torch
import torch.nn.functional as F


def emit(kind, threads, **fields):
    malloc = "tuned" if os.environ.get("MALLOC_MMAP_THRESHOLD_") else "default"
    record = {"kind": kind, "side": "pytorch", "threads": threads, "malloc": malloc}
    record.update(fields)
    print(json.dumps(record), flush=True)


def result(threads, workload, variant, unit, samples, check=None, cpu=None):
    fields = dict(workload=workload, variant=variant, unit=unit, median=statistics.median(samples),
                  min=min(samples), max=max(samples), samples=samples)
    if cpu is not None:
        fields.update(cpu_median=statistics.median(cpu), cpu_min=min(cpu), cpu_samples=cpu)
    if check is not None:
        fields["check"] = check
    emit("result", threads, **fields)


def per_call(args, loop):
    """ns per call of loop(n) / n: warm-up for --warmup-seconds, then --add-repeats timed loops of --add-iters.
    Wall time, and this thread's CPU time (leaves out time the thread was descheduled)."""
    start = time.perf_counter()
    while time.perf_counter() - start < args.warmup_seconds:
        loop(10_000)
    wall, cpu = [], []
    for _ in range(args.add_repeats):
        c = time.thread_time_ns()
        t = time.perf_counter_ns()
        loop(args.add_iters)
        wall.append((time.perf_counter_ns() - t) / args.add_iters)
        cpu.append((time.thread_time_ns() - c) / args.add_iters)
    return wall, cpu


def per_iteration(args, iteration):
    """ms of each of --conv-iters iterations after --conv-warmup."""
    for _ in range(args.conv_warmup):
        iteration()
    samples = []
    for _ in range(args.conv_iters):
        t = time.perf_counter_ns()
        iteration()
        samples.append((time.perf_counter_ns() - t) / 1e6)
    return samples


def check_threads(args):
    if torch.get_num_threads() != args.threads:
        raise SystemExit(f"asked for {args.threads} intra-op threads, libtorch runs {torch.get_num_threads()}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--workload", choices=["add", "conv", "all"], default="all")
    p.add_argument("--add-iters", type=int, default=200_000)
    p.add_argument("--add-repeats", type=int, default=7)
    p.add_argument("--conv-iters", type=int, default=15)
    p.add_argument("--conv-warmup", type=int, default=3)
    p.add_argument("--warmup-seconds", type=float, default=0.5)
    p.add_argument("--profile", action="store_true", help="accepted for symmetry with the C# side; no extra rows")
    args = p.parse_args()
    if args.threads < 1:
        p.error("--threads must be at least 1")

    torch.set_num_threads(args.threads)
    check_threads(args)
    emit("info", args.threads, libtorch=torch.__version__,
         runtime=f"Python {platform.python_version()} ({sys.executable})")

    if args.workload in ("add", "all"):
        a = torch.ones(1)
        b = torch.ones(1)

        def loop(n):
            for _ in range(n):
                c = a + b  # noqa: F841 -- the previous result is freed when c is rebound

        wall, cpu = per_call(args, loop)
        check_threads(args)
        result(args.threads, "add", "api", "ns/call", wall, cpu=cpu)

    if args.workload in ("conv", "all"):
        torch.manual_seed(0)
        x = torch.randn(32, 64, 56, 56).requires_grad_()
        w = torch.randn(64, 64, 3, 3).requires_grad_()

        def iteration():
            x.grad = None
            w.grad = None
            y = F.conv2d(x, w, padding=[1, 1])
            s = y.sum()
            s.backward()
            del y, s

        samples = per_iteration(args, iteration)
        check_threads(args)
        # Same seed, same generator, same libtorch: both sides must report the same checksum.
        result(args.threads, "conv2d_fwd_bwd", "api", "ms/iter", samples, check=w.grad.sum().item())


if __name__ == "__main__":
    main()
