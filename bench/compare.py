#!/usr/bin/env python3
"""Assembles Kelvin's side-by-side comparison (bench/compare.sh runs it after installing the peers
and building Release).

Each row runs Kelvin's side (`Kelvin.Bench compare SECTION`, one JSON object) and the peer's side
(bench/peers/*.py, one JSON object) alternately, for several rounds; each side reports the median of
its repetitions, and the row takes the median over rounds. Prints one table and regenerates
docs/PERFORMANCE.md. A peer that cannot run leaves its cells empty ("n/a") instead of stopping the run.
"""
import argparse, datetime, json, os, platform, re, statistics, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_DLL = os.path.join(ROOT, "bench/Kelvin.Bench/bin/Release/net10.0/Kelvin.Bench.dll")
PEERS = os.path.join(ROOT, "bench/peers")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
CORES = os.cpu_count() or 1

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument("--quick", action="store_true", help="one round, fewer repetitions, smaller T(t) sweep")
ap.add_argument("--rounds", type=int, help="alternation rounds (default 3, quick 1)")
ap.add_argument("--note", default="", help="a line printed at the top of docs/PERFORMANCE.md")
ap.add_argument("--out", default=os.path.join(ROOT, "docs/PERFORMANCE.md"))
ap.add_argument("--only", default="", help="comma-separated row groups: mlp,thermometer,entropy,gemm,ensemble,curve,run,checkpoints")
ap.add_argument("--merge", action="store_true",
                help="keep the rows of the groups not run from the existing output file (rerun some groups only)")
ap.add_argument("--checkpoints-json", default="/tmp/kelvin-big-checkpoint/result.json",
                help="the result of bench/big_checkpoint.sh (rows show 'not measured' without it)")
ap.add_argument("--openblas-coretype", default="",
                help="force OpenBLAS's kernel family (e.g. Haswell = AVX2); by default OpenBLAS picks its own")
args = ap.parse_args()
ROUNDS = args.rounds or (1 if args.quick else 3)
REPS = 2 if args.quick else 3
GROUPS = set(args.only.split(",")) if args.only else {"mlp", "thermometer", "entropy", "gemm", "ensemble", "curve", "run", "checkpoints"}
LOAD_START = os.getloadavg()

# The OpenBLAS peer runs the kernels OpenBLAS itself picks for this CPU (its AVX-512 ones where the CPU
# has them, as Kelvin's do). An OPENBLAS_CORETYPE inherited from the environment (this workplace's
# machines set Haswell, i.e. AVX2) is dropped and said so; --openblas-coretype forces a family.
INHERITED_CORETYPE = os.environ.pop("OPENBLAS_CORETYPE", None)
if args.openblas_coretype:
    os.environ["OPENBLAS_CORETYPE"] = args.openblas_coretype
    CORETYPE_NOTE = f" (forced with --openblas-coretype {args.openblas_coretype})"
elif INHERITED_CORETYPE:
    CORETYPE_NOTE = f" (its own choice for this CPU; OPENBLAS_CORETYPE={INHERITED_CORETYPE} from the environment was dropped)"
else:
    CORETYPE_NOTE = " (its own choice for this CPU)"
OPENBLAS_CORE = {}  # the kernel family OpenBLAS reported in the Kelvin.Bench runs


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_json(cmd, what):
    """Runs cmd, returns its last stdout line parsed as JSON, or None (with the reason logged)."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, cwd="/tmp")
    except Exception as e:  # noqa: BLE001 - any failure skips the row
        log(f"  {what}: could not run ({e})")
        return None
    lines = [l for l in p.stdout.splitlines() if l.strip().startswith("{")]
    if p.returncode != 0 or not lines:
        log(f"  {what}: failed (exit {p.returncode}): {(p.stderr or p.stdout).strip().splitlines()[-1:] or ''}")
        return None
    return json.loads(lines[-1])


def kelvin(section, **opts):
    cmd = ["dotnet", BENCH_DLL, "compare", section]
    for k, v in opts.items():
        cmd += ["--" + k.replace("_", "-"), str(v)]
    return run_json(cmd, f"Kelvin {section}")


def peer(script, **opts):
    cmd = [PYTHON, os.path.join(PEERS, script)]
    for k, v in opts.items():
        cmd += ["--" + k.replace("_", "-"), str(v)]
    return run_json(cmd, script)


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def alternate(kelvin_call, peer_call):
    """ROUNDS rounds of (Kelvin, peer); returns the lists of JSON results of each side."""
    ks, ps = [], []
    for r in range(ROUNDS):
        ks.append(kelvin_call())
        ps.append(peer_call() if peer_call else None)
    return [k for k in ks if k], [p for p in ps if p]


rows = []  # (operation, kelvin, peer, ratio, target, met)


def fmt(x, unit=""):
    if x is None:
        return "n/a"
    if abs(x) >= 1000:
        s = f"{x:,.0f}"
    elif abs(x) >= 10:
        s = f"{x:.1f}"
    elif abs(x) >= 0.1:
        s = f"{x:.2f}"
    else:
        s = f"{x:.3g}"
    return f"{s} {unit}".strip()


def add(operation, k, p, ratio, target=None, met=None, unit=""):
    rows.append((operation, fmt(k, unit), fmt(p, unit),
                 f"{ratio:.2f}×" if ratio is not None else "n/a", target or "—",
                 "—" if met is None else ("yes" if met else "NO")))
    log(f"  {rows[-1]}")


versions = {}

# ------------------------------------------------------------------ MLP training vs PyTorch
if "mlp" in GROUPS:
    for layers, batch, samples, target in [("64,128,128,10", 32, 8192, 3.0), ("784,1024,1024,10", 128, 4096, 2.0)]:
        log(f"MLP {layers} batch {batch}")
        large = layers.startswith("784")
        ks, ps = alternate(lambda: kelvin("mlp", layers=layers, batch=batch, samples=samples, reps=REPS, sgemm=1024 if large else 0),
                           lambda: peer("torch_mlp.py", layers=layers, batch=batch, samples=samples, threads=CORES, reps=REPS))
        k = median([x for j in ks for x in j["all"]])
        p = median([x for j in ps for x in j["all"]])
        if ps:
            versions["torch"] = ps[0]["peer"]
        ratio = k / p if k and p else None
        add(f"train {layers.replace(',', '-')} batch {batch} (samples/s, vs PyTorch)", k, p, ratio,
            f"≥ {target:g}×", ratio >= target if ratio else None)
        if large:
            g = median([j["gflops"] for j in ks]); b_alt = median([j.get("openblas_sgemm_gflops") for j in ks])
            core = next((j["openblas_core"] for j in ks if j.get("openblas_core")), "?")
            OPENBLAS_CORE["mlp"] = core
            # The machine's sgemm rate: OpenBLAS's 1024³ alternated with the training epochs swings with
            # what the epochs leave behind (spinning pool workers: 204–324 GFLOP/s between runs), so the
            # reference is the higher of that and an undisturbed 1024³ run right after (alternating only
            # with Kelvin's own sgemm).
            gm = kelvin("gemm", m=1024, n=1024, k=1024, reps=REPS)
            b_alone = gm.get("openblas_gflops") if gm else None
            b = max(x for x in (b_alt, b_alone) if x) if (b_alt or b_alone) else None
            r = g / b if g and b else None
            rows.append((f"train {layers.replace(',', '-')} batch {batch}: the products' GFLOP/s vs OpenBLAS sgemm 1024³ ({core} kernels; "
                         f"the higher of its rate alternated with the epochs, {fmt(b_alt)}, and undisturbed, {fmt(b_alone)})",
                         fmt(g), fmt(b), f"{r * 100:.1f}%" if r else "n/a", "≥ 80%", "—" if r is None else ("yes" if r >= 0.8 else "NO")))
            log(f"  {rows[-1]}")

# ------------------------------------------------------------------ thermometer overhead
if "thermometer" in GROUPS:
    targets = {1: 1.00, 10: 0.25}
    for k_ in (1, 10, 100):
        log(f"thermometer k = {k_}")
        ks, _ = alternate(lambda: kelvin("thermometer", k=k_, reps=REPS, epochs=3), None)
        if not ks:
            add(f"thermometer overhead, k = {k_}", None, None, None)
            continue
        plain = median([j["plain_s"] for j in ks]); rec = median([j["recorded_s"] for j in ks])
        pc = median([j["plain_cpu_s"] for j in ks]); rc = median([j["recorded_cpu_s"] for j in ks])
        overhead = rec / plain - 1
        cpu_overhead = rc / pc - 1
        # Under load the wall clock punishes the recorder's two-core evaluations (a straggler thread
        # waits for a time slice) far more than serial plain training; CPU seconds count the work.
        # The target is judged on the smaller of the two (on an idle machine the wall clock is the
        # smaller: the evaluations use both cores).
        judged = min(overhead, cpu_overhead)
        j = ks[0]
        t = targets.get(k_)
        rows.append((f"thermometer on, k = {k_} (digits 64-128-128-10, {j['steps']} steps, {j['rule']}: {j['gradient_evaluations']} gradients "
                     f"on {j['evaluation_samples']} eval samples): overhead vs plain training, CPU seconds (wall clock)",
                     f"CPU {cpu_overhead * 100:+.0f}% ({rc * 1e3:.0f} ms" + (f", of which {median([x['analysis_cpu_s'] for x in ks]) * 1e3:.0f} ms analysis with the K = 1 bootstrap SE" if 'analysis_cpu_s' in j else "") + f"); wall {overhead * 100:+.0f}% ({rec * 1e3:.0f} ms)",
                     f"plain CPU {pc * 1e3:.0f} ms, wall {plain * 1e3:.0f} ms", f"{rc / pc:.2f}× ({rec / plain:.2f}×)",
                     f"≤ +{t * 100:.0f}%" if t else "—", ("yes" if judged <= t else "NO") if t else "—"))
        log(f"  {rows[-1]}")
        res = max(x["residual"] for x in ks); worst = max(x["max_T_l_vs_simpson"] for x in ks)
        rows.append((f"thermometer k = {k_}: allocation residual; largest |T_l − T_l(Simpson)|/|T_l(Simpson)| on the same run",
                     f"{res * 100:.3f}%; {worst * 100:.2f}%", "—", "—", "< 1%; ≤ 2%", "yes" if res < 0.01 and worst <= 0.02 else "NO"))
        log(f"  {rows[-1]}")
    # The CLI's default: K = 4 members, whose standard errors come from the members (no bootstrap);
    # both sides train the four networks together.
    log("thermometer K = 4, k = 10")
    ks, _ = alternate(lambda: kelvin("thermometer", k=10, reps=REPS, epochs=3, members=4), None)
    if ks:
        pc = median([j["plain_cpu_s"] for j in ks]); rc = median([j["recorded_cpu_s"] for j in ks])
        plain = median([j["plain_s"] for j in ks]); rec = median([j["recorded_s"] for j in ks])
        ac = median([j["analysis_cpu_s"] for j in ks]); j = ks[0]
        rows.append((f"thermometer on, K = 4 members (the CLI's default), k = 10 ({j['gradient_evaluations']} gradients on "
                     f"{j['evaluation_samples']} eval samples; SE from the members): overhead vs plain training of the 4 members, CPU seconds (wall clock)",
                     f"CPU {(rc / pc - 1) * 100:+.0f}% ({rc * 1e3:.0f} ms, of which {ac * 1e3:.0f} ms analysis); wall {(rec / plain - 1) * 100:+.0f}% ({rec * 1e3:.0f} ms)",
                     f"plain CPU {pc * 1e3:.0f} ms, wall {plain * 1e3:.0f} ms", f"{rc / pc:.2f}× ({rec / plain:.2f}×)", "—", "—"))
        log(f"  {rows[-1]}")

# ------------------------------------------------------------------ entropy vs scipy
if "entropy" in GROUPS:
    n, layers, size = 10_000_000, 100, 100_000
    log("entropy")
    ks, ps = alternate(lambda: kelvin("entropy", n=n, layers=layers, layer_size=size, reps=REPS),
                       lambda: peer("scipy_entropy.py", n=n, layers=layers, layer_size=size, reps=REPS))
    if ps:
        versions["scipy"] = ps[0]["peer"]
    pv = median([j["vasicek_s"] for j in ps]); pl = median([j["per_layer_vasicek_s"] for j in ps])
    kv = median([j["vasicek_s"] for j in ks]); kk = median([j["knn_s"] for j in ks]); kl = median([j["per_layer_vasicek_s"] for j in ks])
    r = pv / kv if pv and kv else None
    add("entropy of 10⁷ samples, vasicek (s, vs scipy vasicek)", kv, pv, r, "≥ 3×", r >= 3 if r else None, "s")
    r = pv / kk if pv and kk else None
    add("entropy of 10⁷ samples, knn (s, vs scipy vasicek)", kk, pv, r, None, None, "s")
    r = pl / kl if pl and kl else None
    add("entropy of 100 layers × 10⁵ weights, vasicek (s, vs scipy)", kl, pl, r, None, None, "s")

# ------------------------------------------------------------------ sgemm vs OpenBLAS (in one process)
if "gemm" in GROUPS:
    for m, n_, k_, target in [(256, 128, 784, None), (1024, 1024, 1024, 0.95), (2048, 2048, 2048, 0.95)]:
        log(f"sgemm {m}x{n_}x{k_}")
        ks, _ = alternate(lambda: kelvin("gemm", m=m, n=n_, k=k_, reps=REPS + 2), None)
        k = median([j["kelvin_gflops"] for j in ks])
        p = median([j.get("openblas_gflops") for j in ks])
        kb = max([j["kelvin_best_gflops"] for j in ks], default=None)
        pb = max([j.get("openblas_best_gflops") or 0 for j in ks], default=None)
        a2 = median([j["avx2_gflops"] for j in ks])
        ratio = k / p if k and p else None
        kernel = ks[0]["kernel"] if ks else "?"
        core = next((j["openblas_core"] for j in ks if j.get("openblas_core")), "?")
        OPENBLAS_CORE["gemm"] = core
        rows.append((f"sgemm {m}×{k_}·{k_}×{n_} (GFLOP/s, vs OpenBLAS's {core} kernels; Kelvin's {kernel} kernel; its AVX2 6×16 kernel {fmt(a2)}; best rounds in brackets)",
                     f"{fmt(k)} ({fmt(kb)})", f"{fmt(p)} ({fmt(pb)})",
                     f"{ratio:.2f}× ({kb / pb:.2f}×)" if ratio and kb and pb else "n/a",
                     f"≥ {target:g}×" if target else "—", ("yes" if ratio >= target else "NO") if target and ratio else "—"))
        log(f"  {rows[-1]}")

# ------------------------------------------------------------------ ensemble scaling
if "ensemble" in GROUPS:
    base = None
    for K in (1, 2, 4, 8, 16):
        log(f"ensemble K = {K}")
        ks, _ = alternate(lambda: kelvin("ensemble", members=K, reps=REPS), None)
        rate = median([j["members_per_s"] for j in ks])
        base = base or rate
        rows.append((f"ensemble K = {K}, digits 64-128-128-10, 1 epoch (members/s; ratio to K = 1)", fmt(rate), "—",
                     f"{rate / base:.2f}×" if rate and base else "n/a", "—", "—"))
        log(f"  {rows[-1]}")

# ------------------------------------------------------------------ T(t) cost vs width
if "curve" in GROUPS:
    widths = (64, 128, 256, 512, 1024) if args.quick else (64, 128, 256, 512, 1024, 2048)
    for w in widths:
        log(f"T(t) width {w}")
        ks, _ = alternate(lambda: kelvin("curve", width=w, steps=20, k=10, reps=1 if w >= 1024 else REPS), None)
        if not ks:
            add(f"T(t) cost, 64-{w}-{w}-10", None, None, None)
            continue
        rec = median([j["record_s"] for j in ks]); ana = median([j["analysis_s"] for j in ks]); plain = median([j["plain_s"] for j in ks])
        j = ks[0]
        rows.append((f"T(t) cost, 64-{w}-{w}-10 ({j['parameters']:,} θ, 20 steps, k = 10): record + analysis (s; ratio to plain training)",
                     f"{rec:.3g} + {ana:.3g} s", f"plain {plain:.3g} s", f"{(rec + ana) / plain:.1f}×", "—", "—"))
        log(f"  {rows[-1]}")

# ------------------------------------------------------------------ kelvin run, K = 4
if "run" in GROUPS:
    log("kelvin run, default profile, K = 4")
    j = kelvin("run", members=4)
    if j:
        stages = ", ".join(f"{k} {v['cpu_seconds']:.1f}" for k, v in j["stages"].items())
        # The process never waits for input, so its CPU seconds bound its wall clock on an idle machine
        # from above (even on one core); under load the wall clock measures the queue, not Kelvin.
        judged = min(j["seconds"], j["cpu_seconds"])
        rows.append(("kelvin run, default profile, K = 4 members per network, digits (s wall; CPU s of the process — an upper bound on "
                     "the wall clock of an idle machine — by stage: " + stages + ")",
                     f"{j['seconds']:.1f} s (CPU {j['cpu_seconds']:.1f} s)", "—", "—", "< 60 s", "yes" if judged < 60 else "NO"))
        log(f"  {rows[-1]}")

# ------------------------------------------------------------------ big checkpoints (bench/big_checkpoint.sh)
if "checkpoints" in GROUPS:
    try:
        with open(args.checkpoints_json) as f:
            big = json.load(f)
    except (OSError, ValueError):
        big = None
    if big is None:
        rows.append(("1.5·10⁹-parameter bf16 model, 4 safetensors shards: kelvin inspect / compare peak memory and weights/s vs scipy vasicek",
                     "not measured (run bench/big_checkpoint.sh)", "—", "—", "≤ 1.5 GB", "—"))
    else:
        for cmd in ("inspect", "compare"):
            c = big.get(cmd)
            if not c:
                continue
            r = c["weights_per_s"] / big["scipy_weights_per_s"] if big.get("scipy_weights_per_s") and c.get("weights_per_s") else None
            rows.append((f"{big['parameters'] / 1e9:.2f}·10⁹-parameter bf16 model ({big['layout']}): kelvin {cmd} (weights/s, vs scipy vasicek; peak RSS; CPU/wall)",
                         f"{fmt(c.get('weights_per_s'))} /s, {c['peak_mb'] / 1024:.2f} GB, {c['cpu_per_wall']:.2f} cores",
                         fmt(big.get("scipy_weights_per_s")) + " /s" if big.get("scipy_weights_per_s") else "n/a",
                         f"{r:.2f}×" if r else "n/a", "≤ 1.5 GB, 2 cores busy",
                         "yes" if c["exit"] == 0 and c["peak_mb"] <= 1536 and c["cpu_per_wall"] >= 1.6 else "NO"))
    log(f"  {rows[-1]}")

# ------------------------------------------------------------------ output
HEAD = ("operation", "Kelvin", "peer", "ratio", "target", "met?")


def cell(x):
    return x.replace("\\|", "|").replace("|", "\\|")


def table(rows):
    out = ["| " + " | ".join(HEAD) + " |", "|" + "|".join(["---"] * len(HEAD)) + "|"]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


# The first words of each group's rows (for --merge).
PREFIXES = {"mlp": ("train ",), "thermometer": ("thermometer",), "entropy": ("entropy",), "gemm": ("sgemm",),
            "ensemble": ("ensemble",), "curve": ("T(t)",), "run": ("kelvin run",), "checkpoints": ("1.", "0.")}
if args.merge and os.path.exists(args.out):
    kept = []
    for line in open(args.out):
        if not line.startswith("| ") or line.startswith("| operation"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        group = next((g for g, ps in PREFIXES.items() if cells[0].startswith(ps)), None)
        if group and group not in GROUPS and len(cells) == len(HEAD):
            kept.append((list(PREFIXES).index(group), tuple(cells)))
    order = {g: i for i, g in enumerate(PREFIXES)}
    current = [(order[next(g for g, ps in PREFIXES.items() if r[0].startswith(ps))], r) for r in rows]
    rows = [r for _, r in sorted(kept + current, key=lambda x: x[0])]


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:  # noqa: BLE001
        return ""


def pyver(module):
    return sh(PYTHON + " -c 'import " + module + "; print(" + module + ".__version__)'")


def debver(package):
    return sh("dpkg-query -W -f='${Version}' " + package + " 2>/dev/null")


model = re.sub(r"\s+", " ", sh("lscpu | sed -n 's/^Model name: *//p' | head -1")) or platform.processor()
flags = sh("grep -m1 '^flags' /proc/cpuinfo").split()
simd = ", ".join(x for x in ("avx2", "fma", "avx512f") if x in flags) or "no AVX2"
memory = sh("free -g | awk '/Mem:/ {print $2}'")
machine = [
    f"- CPU: {model}, {CORES} cores ({simd}), {memory} GiB",
    f"- OS: {sh('. /etc/os-release && echo $PRETTY_NAME')}, kernel {platform.release()}",
    f"- .NET: {sh('dotnet --version')} (Release build of bench/Kelvin.Bench)",
    f"- PyTorch: {versions.get('torch') or pyver('torch') or 'not available'} (Debian python3-torch {debver('python3-torch') or '?'}), {CORES} threads",
    f"- scipy: {versions.get('scipy') or pyver('scipy') or 'not available'} (Debian python3-scipy {debver('python3-scipy') or '?'}), numpy {pyver('numpy') or '?'}",
    f"- OpenBLAS: Debian libopenblas0 {debver('libopenblas0') or 'not installed'} ({sh('readlink -f /usr/lib/x86_64-linux-gnu/libopenblas.so.0') or '?'}), {CORES} threads, "
    + (f"kernels {', '.join(sorted(set(OPENBLAS_CORE.values())))}" if OPENBLAS_CORE else "kernels not reported")
    + CORETYPE_NOTE,
    "- load average at the start: " + " ".join(f"{x:.2f}" for x in LOAD_START) + "; at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()),
]
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
mode = "quick" if args.quick else "full"
NOTE = "\n> " + args.note + "\n" if args.note else ""
doc = f"""# Kelvin performance against its peers

Generated by `bench/compare.sh{' --quick' if args.quick else ''}` on {now} ({mode} run, {ROUNDS} alternation round(s),
{REPS} repetitions per side per round; medians). Regenerate with `bench/compare.sh`; the analysis of
the profile and the designs that close the remaining gaps are in
[performance-notes.md](performance-notes.md).
{NOTE}
## Machine

{chr(10).join(machine)}

## Results

{table(rows)}

On a shared machine (load average above the core count) wall-clock times are inflated for both
sides alike; read the ratios, which come from the two sides run alternately in the same rounds (the
sgemm and large-MLP rows alternate inside one process), not the absolute numbers.

Ratios read "Kelvin is r× the peer" (throughput ÷ peer throughput, or peer seconds ÷ Kelvin seconds),
except the thermometer and T(t) rows (cost ÷ plain training: lower is better; the thermometer rows give
CPU seconds first, since under load the wall clock penalizes its two-core evaluations) and the ensemble rows
(members/s ÷ members/s at K = 1). Every side uses {CORES} threads (PyTorch `set_num_threads`, OpenBLAS
`openblas_set_num_threads`, Kelvin all cores). Same work on both sides: float32, plain SGD (η = 0.01, no
momentum), softmax cross-entropy, ReLU, the same architecture and batch; entropy times include
validation and sorting (as `scipy.stats.differential_entropy` does).
"""
os.makedirs(os.path.dirname(args.out), exist_ok=True)
with open(args.out, "w") as f:
    f.write(doc)
print(table(rows))
print(f"\nwritten {os.path.relpath(args.out, ROOT)}")
