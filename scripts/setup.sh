#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and run Unlearn, or says what is missing.
# Sourced by scripts/test.sh and scripts/demo.sh.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: the Swift toolchain (6.0 or newer) is not on PATH; install it from swift.org first." >&2
    exit 1
fi

# zlib's headers: the zlib membership-inference score links the system zlib (as Python's zlib does).
if [ ! -f /usr/include/zlib.h ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing zlib headers (zlib1g-dev) from Debian…"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zlib1g-dev >/dev/null
    else
        echo "setup: zlib headers are missing (Debian/Ubuntu: sudo apt-get install zlib1g-dev)." >&2
        exit 1
    fi
fi

# OpenBLAS gives ~10x faster matrix products; without it Unlearn still runs on its portable GEMM.
if ! ldconfig -p 2>/dev/null | grep -q 'libopenblas\.so\.0'; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing OpenBLAS (libopenblas0-pthread) from Debian…"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread >/dev/null
    else
        echo "setup: OpenBLAS is missing; install it for fast GEMM (Debian/Ubuntu: sudo apt-get install libopenblas0-pthread)." >&2
        echo "setup: continuing with the portable Swift GEMM." >&2
    fi
fi
