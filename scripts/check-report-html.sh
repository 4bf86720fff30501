#!/usr/bin/env bash
# Acceptance check of `kelvin run`'s report.html (issue 6): renders it in headless Chromium (Debian's
# `chromium` package, installed here if missing) to a screenshot PNG and checks that
#   1. report.html carries every figure as an inlined <img src="data:image/png;base64,…"> (no file links),
#   2. the screenshot is not blank: a sizeable share of its pixels are neither white nor one flat colour,
#      which only happens when the figures are drawn (the text alone covers a few percent).
# Usage: scripts/check-report-html.sh [REPORT_DIR]   (default: runs `kelvin run --quick` into a temp folder)
# Exit 0 when both checks pass. Needs python3 (for the pixel count; python3-pil is installed if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
report="${1:-}"
if [[ -z "$report" ]]; then
  report="$(mktemp -d)/kelvin-report"
  dotnet run --project "$here/src/Kelvin.Cli" -c Release -- run --quick --out "$report" >/dev/null
fi
html="$report/report.html"
[[ -f "$html" ]] || { echo "no $html" >&2; exit 1; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
/usr/bin/python3 -c 'import PIL' 2>/dev/null || need+=(python3-pil)
if (( ${#need[@]} )); then
  echo "installing ${need[*]} (apt-get)…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

images=$(grep -o '<img [^>]*src="data:image/png;base64,' "$html" | wc -l)
linked=$(grep -Eo '<img [^>]*src="[^d][^"]*"' "$html" | wc -l || true)
echo "inlined images: $images, linked images: $linked"
(( images >= 5 )) || { echo "FAIL: expected at least 5 inlined PNG figures" >&2; exit 1; }
(( linked == 0 )) || { echo "FAIL: report.html links images instead of inlining them" >&2; exit 1; }

shot="$report/../report-screenshot.png"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,6000 \
  --screenshot="$shot" "file://$(realpath "$html")" >/dev/null 2>&1
[[ -s "$shot" ]] || { echo "FAIL: chromium wrote no screenshot" >&2; exit 1; }

/usr/bin/python3 - "$shot" <<'PY'
import sys
from PIL import Image
img = Image.open(sys.argv[1]).convert("RGB")
w, h = img.size
px = img.load()
step = 4
total = inked = 0
colours = set()
for y in range(0, h, step):
    for x in range(0, w, step):
        r, g, b = px[x, y]
        total += 1
        if r + g + b < 720:          # not (near) white
            inked += 1
            colours.add((r // 16, g // 16, b // 16))
share = inked / total
print(f"screenshot {w}x{h}: {share:.1%} non-white pixels, {len(colours)} distinct colours")
if share < 0.05 or len(colours) < 20:
    print("FAIL: the screenshot looks blank (figures not visible)", file=sys.stderr)
    sys.exit(1)
print("OK: report.html renders with its figures visible")
PY
echo "screenshot: $(realpath "$shot")"
