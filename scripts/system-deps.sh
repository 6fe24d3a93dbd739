#!/usr/bin/env bash
# Install the Debian packages pismo needs, only those missing; fast when all are there.
# Tesseract with Polish and orientation data, poppler (PDF rasterising and text layers),
# fonts for the sample generator, qpdf for the encrypted-PDF tests, chromium for the
# report's browser tests (driven by Playwright, which never downloads a browser), python3-venv.
set -euo pipefail

packages=(tesseract-ocr tesseract-ocr-pol tesseract-ocr-osd tesseract-ocr-eng poppler-utils
          fonts-dejavu-core fonts-liberation qpdf chromium)
# A distribution Python needs python3-venv for `python3 -m venv`; a pyenv/uv Python has it.
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing Debian packages: ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "Not root and no sudo: run as root: apt-get install -y ${missing[*]}" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
