#!/usr/bin/env bash
# Prove a change behaviour-preserving: run pismo of a base revision and of the work tree on
# the same inputs and compare every output byte.
#
#   scripts/same_outputs.sh [BASE_REV]      (default: origin/main, else HEAD)
#
# Compared, per tree: `pismo run samples/` (.json, .ocr.json, .txt and .alto.xml of every
# sample), `pismo extract` over ../shared/dev-letters/*.txt, and, when ../shared/real-scans
# exists, `pismo extract` over the real scans' stored OCR (read once, by the base tree, so
# that the comparison costs one OCR pass). Timings (index, journal, log) are not compared.
# Exits 0 when every output is byte-identical, 1 otherwise (the diff is printed).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-$(git -C "$root" rev-parse --verify -q origin/main || git -C "$root" rev-parse HEAD)}
python=${PYTHON:-$root/.venv/bin/python}
shared=$root/../shared
work=$(mktemp -d "${TMPDIR:-/tmp}/pismo-same.XXXXXX")
trap 'git -C "$root" worktree remove --force "$work/base-tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$root" worktree add --detach -q "$work/base-tree" "$base"
echo "base $(git -C "$root" rev-parse --short "$base") against the work tree of $root" >&2

# Runs a tree's pipeline.py; its own directory comes first on sys.path, so its packages load.
pismo() { local tree=$1; shift; "$python" "$tree/pipeline.py" "$@"; }

if [[ -d $shared/real-scans ]]; then
  pismo "$work/base-tree" run "$shared/real-scans" -o "$work/real-ocr" -q || true
fi

for side in base work; do
  tree=$root
  [[ $side == base ]] && tree=$work/base-tree
  out=$work/$side
  pismo "$tree" run "$root/samples" -o "$out/samples" --formats json,txt,alto -q --force
  rm -rf "$out/samples/.pismo" "$out/samples/index.jsonl" "$out/samples/index.csv" \
    "$out/samples/pismo.log"
  if [[ -d $shared/dev-letters ]]; then
    pismo "$tree" extract "$shared"/dev-letters/*.txt -o "$out/dev-letters" -q
  fi
  if [[ -d $work/real-ocr ]]; then
    pismo "$tree" extract "$work"/real-ocr/*.ocr.json -o "$out/real-scans" -q
  fi
done

count=$(find "$work/work" -type f | wc -l)
if diff -r "$work/base" "$work/work"; then
  echo "identical: $count output files" >&2
else
  echo "DIFFERENT (see above)" >&2
  exit 1
fi
