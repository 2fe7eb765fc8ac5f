#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests; install it if we can.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -n "${NEXTROUND_CHROMIUM:-}" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The browser tests need Chromium. Install your system's Chromium package and set" >&2
  echo "NEXTROUND_CHROMIUM=/path/to/chromium if it is not on PATH as 'chromium'." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "The browser tests need Chromium: run 'apt-get install chromium' as root." >&2
    exit 1
  fi
fi
echo "Installing Debian's Chromium for the browser tests (apt-get install chromium)..."
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q chromium
