#!/usr/bin/env python3
"""TraceLabel benchmarks, side by side with the tools a factory would otherwise use, in one run.

Each workload runs our command and the peer's in the same session, alternating, after one warm-up each, and
reports medians, the ratio (peer / ours: above 1 means we are faster) and the run count. Every run's output is
checked (a sample decoded with zxing-cpp, counts verified) so a fast broken run cannot win. Results go to stdout
as a table and to bench-out/results.json. Absolute times on these shared machines drift; read the ratios.
"""
import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench-out")
PY = os.path.join(ROOT, ".venv", "bin", "python")
# BENCH_BIN: another tracelabel binary to measure (a before/after comparison); default the release build.
BIN = os.environ.get("BENCH_BIN") or os.path.join(ROOT, ".build-release", "release", "tracelabel")
PRODUCT = os.path.join(ROOT, "examples", "ebike-battery.yaml")
GTIN, LOT, DAY = "09520123456795", "20261127A", "261127"


def serial(i):
    return f"{i:010d}"


def dl(i):
    return f"https://id.gs1.org/01/{GTIN}/10/{LOT}/21/{serial(i)}?{11}={DAY}"


def bracketed(i):
    return f"[01]{GTIN}[11]{DAY}[10]{LOT}[21]{serial(i)}"


def work_directory():
    """Outputs of both sides go to the same fresh filesystem: a tmpfs when we are root (ext4 inode allocation after
    many deletes otherwise dominates file-per-label runs and varies run to run), else bench-out/work."""
    path = os.path.join(OUT, "work")
    os.makedirs(path, exist_ok=True)
    if os.geteuid() == 0 and not os.path.ismount(path):
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6g", "tmpfs", path]).returncode == 0:
            return path, "tmpfs"
    return path, "disk"


WORK = None


def run_timed(cmd, cwd=None, env=None):
    """Runs a command; returns (seconds, peak RSS in MB of that process tree's largest member)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])}… exited {code}: {err[-800:]}")
    return elapsed, usage.ru_maxrss / 1024.0


def decode(paths):
    out = subprocess.run([PY, os.path.join(ROOT, "tools", "decode.py"), *paths], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines()]


class Workload:
    def __init__(self, name, ours, peer, peer_name, runs, peer_runs=None, note=""):
        self.name, self.ours, self.peer, self.peer_name = name, ours, peer, peer_name
        self.runs, self.peer_runs, self.note = runs, peer_runs or runs, note

    def measure(self):
        """ours/peer are callables taking a fresh temp dir and returning (cmd, validate) or (cmd, validate, output):
        `output` is the path of a file whose size the table reports (a PDF)."""
        results = {"workload": self.name, "peer": self.peer_name, "note": self.note}
        times = {"ours": [], "peer": []}
        rss = {"ours": [], "peer": []}
        sizes = {"ours": [], "peer": []}
        total = max(self.runs, self.peer_runs)
        for i in range(total + 1):  # run 0 is the warm-up, not counted
            for side, factory, limit in (("ours", self.ours, self.runs), ("peer", self.peer, self.peer_runs)):
                if factory is None or i > limit or (i == 0 and limit < 3):
                    continue
                with tempfile.TemporaryDirectory(dir=WORK) as tmp:
                    cmd, validate, *output = factory(tmp)
                    seconds, peak = run_timed(cmd, cwd=ROOT)
                    validate(tmp)
                    if output:
                        sizes[side].append(os.path.getsize(output[0]))
                if i > 0:
                    times[side].append(seconds)
                    rss[side].append(peak)
        for side in ("ours", "peer"):
            if times[side]:
                results[f"{side}_median_s"] = statistics.median(times[side])
                results[f"{side}_runs"] = len(times[side])
                results[f"{side}_peak_rss_mb"] = max(rss[side])
            if sizes[side]:
                results[f"{side}_output_kb"] = statistics.median(sizes[side]) / 1000
        if times["ours"] and times["peer"]:
            results["ratio"] = results["peer_median_s"] / results["ours_median_s"]
        return results


def issue_cmd(tmp, count, pdf=False, spool=False, template=None, sheet=None):
    cmd = [BIN, "issue", "--product", PRODUCT, "--mode", "item", "--count", str(count), "--line", "B1",
           "--shift", "bench", "--registry", f"{tmp}/registry.jsonl"]
    if pdf:
        cmd += ["--pdf", f"{tmp}/labels.pdf"]
    if spool:
        cmd += ["--spool", f"{tmp}/spool", "--dpi", "300"]
    if template:
        cmd += ["--template", template]
    if sheet:
        cmd += ["--sheet", sheet]
    return cmd


def registry_links(tmp):
    links = []
    with open(f"{tmp}/registry.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("kind") == "issue":
                links.append(r["dl"])
    return links


def check_spool(tmp, count):
    files = sorted(p for p in os.listdir(f"{tmp}/spool") if p.endswith(".png"))
    assert len(files) == count, f"{len(files)} PNGs, expected {count}"
    links = registry_links(tmp)
    sample = sorted(random.sample(range(count), 10))
    decoded = decode([f"{tmp}/spool/{files[i]}" for i in sample])
    for i, d in zip(sample, decoded):
        assert [s["text"] for s in d["symbols"]] == [links[i]], f"label {i + 1} decodes to {d['symbols']}"


def check_pdf(tmp, path, count, per_page, expected_first_page):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    pages = int(next(l for l in info.splitlines() if l.startswith("Pages:")).split()[1])
    assert pages == -(-count // per_page), f"{pages} pages for {count} labels"
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", "1", "-l", "1", path, f"{tmp}/page"], check=True)
    page = [f"{tmp}/{p}" for p in os.listdir(tmp) if p.startswith("page")]
    texts = [s["text"] for s in decode(page)[0]["symbols"]]
    assert sorted(texts) == sorted(expected_first_page), f"page 1 decodes to {len(texts)} symbols"


def glabels_document(tmp, count):
    """The same 70 x 37 mm label on A4 (3 x 8) as a gLabels 3 document merging a CSV of the same codes."""
    with open(f"{tmp}/codes.csv", "w", encoding="utf-8") as f:
        f.write("dl,hri\n")
        for i in range(1, count + 1):
            f.write(f"{dl(i)},(01){GTIN}(11){DAY}(10){LOT}(21){serial(i)}\n")
    texts = [(24, 2, 44.5, 7, 8, "Bold", "电动自行车用锂离子蓄电池"), (24, 9.5, 44.5, 3.2, 6.5, "Regular", "型号：TL-4820-LFP 48V 20Ah"),
             (24, 12.9, 44.5, 3.2, 6.5, "Regular", "生产日期：2026-11-27  批号：20261127A"),
             (24, 16.3, 44.5, 3.2, 6.5, "Regular", "执行标准：GB 43854-2024"), (24, 19.7, 44.5, 3.2, 6.5, "Regular", "CCC：2025011101234567"),
             (24, 23.1, 44.5, 6.5, 6, "Regular", "杭州示例新能源电池有限公司")]
    objs = ['<Object-barcode x="1mm" y="1mm" w="18.6mm" h="18.6mm" lock_aspect_ratio="True" backend="libqrencode" '
            'style="IEC18004" text="False" checksum="True" color="0x000000ff" field="dl" a0="1" a1="0" a2="0" a3="1" a4="0" a5="0"/>']
    for x, y, w, h, size, weight, text in texts + [(2, 31, 66, 5, 6.5, "Regular", None)]:
        body = text if text else '<Field name="hri"/>'
        objs.append(f'<Object-text x="{x}mm" y="{y}mm" w="{w}mm" h="{h}mm" lock_aspect_ratio="False" justify="Left" valign="Top" '
                    f'auto_shrink="False" a0="1" a1="0" a2="0" a3="1" a4="0" a5="0" shadow="False"><Span color="0x000000ff" '
                    f'font_family="Noto Sans CJK SC" font_size="{size}" font_weight="{weight}" font_italic="False" line_spacing="1">{body}</Span></Object-text>')
    doc = f"""<?xml version="1.0"?>
<Glabels-document xmlns="http://glabels.org/xmlns/3.0/">
  <Template brand="TraceLabel" part="A4-70x37" size="A4" description="70 x 37 mm, 3 x 8">
    <Meta category="label"/>
    <Label-rectangle id="0" width="70mm" height="37mm" round="0mm" x_waste="0mm" y_waste="0mm">
      <Markup-margin size="1mm"/>
      <Layout nx="3" ny="8" x0="0mm" y0="0.5mm" dx="70mm" dy="37mm"/>
    </Label-rectangle>
  </Template>
  <Objects id="0" rotate="False">{''.join(objs)}</Objects>
  <Merge type="Text/Comma/Line1Keys" src="{tmp}/codes.csv"/>
</Glabels-document>
"""
    with open(f"{tmp}/labels.glabels", "w", encoding="utf-8") as f:
        f.write(doc)
    return f"{tmp}/labels.glabels"


def png_workloads(count, quick):
    def ours(tmp):
        return issue_cmd(tmp, count, spool=True, template="battery-60x40"), lambda t: check_spool(t, count)

    def zint(tmp):
        os.makedirs(f"{tmp}/z")
        with open(f"{tmp}/batch.txt", "w") as f:
            f.write("".join(bracketed(i) + "\n" for i in range(1, count + 1)))

        def validate(t):
            files = sorted(os.listdir(f"{t}/z"))
            assert len(files) == count, f"zint wrote {len(files)} files"
            d = decode([f"{t}/z/{files[0]}", f"{t}/z/{files[-1]}"])
            assert all(x["symbols"] and x["symbols"][0]["gs1"] and x["symbols"][0]["symbology_identifier"] == "]Q3" for x in d), d
        return ["zint", "--barcode=58", "--gs1", "--secure=2", "--scale=2.5", "--batch", "--filetype=PNG",
                "-i", f"{tmp}/batch.txt", "-o", f"{tmp}/z/~~~~~~.png"], validate

    def segno(tmp):
        os.makedirs(f"{tmp}/s")
        with open(f"{tmp}/uris.txt", "w") as f:
            f.write("".join(dl(i) + "\n" for i in range(1, count + 1)))

        def validate(t):
            files = sorted(os.listdir(f"{t}/s"))
            assert len(files) == count
            assert decode([f"{t}/s/{files[-1]}"])[0]["symbols"][0]["text"] == dl(count)
        return [PY, os.path.join(ROOT, "Benchmarks", "peers", "segno_batch.py"), f"{tmp}/uris.txt", f"{tmp}/s"], validate

    runs = 3 if quick else 5
    return [
        Workload(f"{count:,} labels → 1-bit PNG, 300 dpi", ours, zint, "zint --batch (GS1 QR PNG, symbol only)", runs,
                 note="our labels carry text, registry records and fsynced atomic spool delivery; zint draws the symbol only"),
        Workload(f"{count:,} labels → 1-bit PNG, 300 dpi", ours, segno, "segno (QR PNG, symbol only)", runs, peer_runs=1 if quick else 2,
                 note="segno takes ~45 s per 10,000 here: 2 runs, no warm-up"),
    ]


def ecode(i):
    return f"1009620261128{i:012d}"


def ecode_png_workload(count, quick):
    """Ecode labels (examples/gas-stove.yaml on a pool of `count` platform codes) beside zint drawing plain QR codes
    of the same Ecode URLs."""
    def ours(tmp):
        with open(f"{tmp}/pool.txt", "w") as f:
            f.write("".join(ecode(i) + "\n" for i in range(1, count + 1)))
        with open(os.path.join(ROOT, "examples", "gas-stove.yaml"), encoding="utf-8") as f:
            product = f.read().replace("pool: gas-stove-ecodes.csv", "pool: pool.txt")
        with open(f"{tmp}/product.yaml", "w", encoding="utf-8") as f:
            f.write(product)
        cmd = [BIN, "issue", "--product", f"{tmp}/product.yaml", "--mode", "item", "--count", str(count), "--line", "B1",
               "--shift", "bench", "--registry", f"{tmp}/registry.jsonl", "--spool", f"{tmp}/spool", "--dpi", "300",
               "--template", "battery-60x40"]
        return cmd, lambda t: check_spool(t, count)

    def zint(tmp):
        os.makedirs(f"{tmp}/z")
        with open(f"{tmp}/batch.txt", "w") as f:
            f.write("".join(f"https://www.iotroot.com/E={ecode(i)}\n" for i in range(1, count + 1)))

        def validate(t):
            files = sorted(os.listdir(f"{t}/z"))
            assert len(files) == count, f"zint wrote {len(files)} files"
            d = decode([f"{t}/z/{files[-1]}"])
            assert d[0]["symbols"][0]["text"] == f"https://www.iotroot.com/E={ecode(count)}", d
        return ["zint", "--barcode=58", "--secure=2", "--scale=2.5", "--batch", "--filetype=PNG",
                "-i", f"{tmp}/batch.txt", "-o", f"{tmp}/z/~~~~~~.png"], validate

    return Workload(f"{count:,} Ecode labels → 1-bit PNG, 300 dpi", ours, zint, "zint --batch (QR PNG of the Ecode URL, symbol only)",
                    3 if quick else 5, note="a 10,000-code Ecode pool imported by the job; zint draws the symbol only")


def pdf_workload(count, runs, peer_runs):
    def first_page():
        return [dl(i) for i in range(1, min(24, count) + 1)]

    def ours(tmp):
        return issue_cmd(tmp, count, pdf=True, template="battery-70x37", sheet="a4-70x37"), \
            lambda t: check_pdf(t, f"{t}/labels.pdf", count, 24, first_page()), f"{tmp}/labels.pdf"

    def glabels(tmp):
        doc = glabels_document(tmp, count)
        return ["glabels-3-batch", "-o", f"{tmp}/gl.pdf", doc], lambda t: check_pdf(t, f"{t}/gl.pdf", count, 24, first_page()), \
            f"{tmp}/gl.pdf"

    return Workload(f"{count:,} label{'s' if count > 1 else ''} → A4 PDF", ours, glabels, "glabels-3-batch (same design, CSV merge)", runs, peer_runs=peer_runs,
                    note="70 x 37 mm labels, 3 x 8 on A4, QR + 6 text fields + HRI on both sides" +
                    ("; glabels needs ~14 ms/label at 10,000: 1 run, no warm-up" if peer_runs == 1 else ""))


def registry_workload(count, runs):
    def ours(tmp):
        def validate(t):
            n = sum(1 for line in open(f"{t}/registry.jsonl", "rb") if b'"kind":"issue"' in line)
            assert n == count, f"{n} issue records"
        return issue_cmd(tmp, count), validate

    def sqlite(tmp):
        def validate(t):
            n = subprocess.run(["sqlite3", f"{t}/r.db", "SELECT count(*) FROM issue"], capture_output=True, text=True, check=True).stdout
            assert int(n) == count, f"SQLite holds {n.strip()} rows"
        return [PY, os.path.join(ROOT, "Benchmarks", "registry", "sqlite_peer.py"), f"{tmp}/r.db", str(count), "1000"], validate

    return Workload(f"{count:,} codes issued into the registry (no labels)", ours, sqlite,
                    "SQLite WAL, synchronous=FULL, 1,000-row transactions", runs,
                    note="ours: a whole `tracelabel issue` job, group commit (write + fdatasync) per 1,000 codes")


def memory_workload(count):
    """Peak RSS of one long PDF job: the PDF is streamed page by page, so memory must not grow with the count."""
    def ours(tmp):
        return issue_cmd(tmp, count, pdf=True, template="battery-70x37", sheet="a4-70x37"), \
            lambda t: check_pdf(t, f"{t}/labels.pdf", count, 24, [dl(i) for i in range(1, 25)])

    return Workload(f"{count:,} labels → A4 PDF (peak RSS)", ours, None, "—", 1, peer_runs=0,
                    note="one run, no warm-up: the figure that matters is peak RSS (target ≤ 200 MB)")


def verify_workload(count, runs):
    """verify of a registry of `count` codes vs sha256sum of the same file (made once, outside the timing)."""
    registry = os.path.join(WORK, "verify-registry.jsonl")
    if not os.path.exists(registry):
        with tempfile.TemporaryDirectory(dir=WORK) as tmp:
            subprocess.run(issue_cmd(tmp, count), check=True, stdout=subprocess.DEVNULL)
            shutil.move(f"{tmp}/registry.jsonl", registry)

    def ours(tmp):
        return [BIN, "verify", "--registry", registry], lambda t: None

    def sha(tmp):
        return ["sha256sum", registry], lambda t: None

    return Workload(f"verify a {count:,}-code registry ({os.path.getsize(registry) / 1e6:.0f} MB)", ours, sha,
                    "sha256sum of the same file", runs,
                    note="verify checks the chain, record format, duplicates, reservations, gaps and job counts")


class ParallelLinesWorkload:
    """Two lines start PDF jobs (with a spool, so a label's arrival can be seen) at once on one registry file: the time
    to line B's first spooled label and the total, against the same two jobs run one after the other (alternating,
    medians). A job holds the registry lock only per chunk, so B must not wait for the whole of A."""

    def __init__(self, count, runs):
        self.count, self.runs = count, runs
        self.name = f"two lines at once, {count:,}-label PDF + spool jobs, one registry"
        self.peer_name = "the same two jobs one after the other"

    def cmd(self, tmp, line):
        return [BIN, "issue", "--product", PRODUCT, "--mode", "item", "--count", str(self.count), "--line", line,
                "--shift", "bench", "--registry", f"{tmp}/registry.jsonl", "--pdf", f"{tmp}/{line}.pdf",
                "--spool", f"{tmp}/spool-{line}", "--dpi", "300", "--template", "battery-70x37", "--sheet", "a4-70x37"]

    def validate(self, tmp):
        for line in ("A", "B"):
            files = [p for p in os.listdir(f"{tmp}/spool-{line}") if p.endswith(".png")]
            assert len(files) == self.count, f"line {line}: {len(files)} PNGs"
        links = registry_links(tmp)
        assert len(links) == 2 * self.count and len(set(links)) == len(links), "a code repeated or missing"
        out = subprocess.run([BIN, "verify", "--registry", f"{tmp}/registry.jsonl"], capture_output=True, text=True)
        assert out.returncode == 0, f"verify: {out.stdout[-300:]} {out.stderr[-300:]}"

    def parallel(self, tmp):
        """(seconds from the start to the first PNG in the spool of the line that opened its job second, seconds until
        both jobs ended). Both start at once; "line B" is whichever reached the registry second."""
        start = time.perf_counter()
        procs = [subprocess.Popen(self.cmd(tmp, line), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for line in ("A", "B")]
        first = {}
        while any(p.poll() is None for p in procs):
            for line in ("A", "B"):
                spool = f"{tmp}/spool-{line}"
                if line not in first and os.path.isdir(spool) and any(n.endswith(".png") for n in os.listdir(spool)):
                    first[line] = time.perf_counter() - start
            time.sleep(0.005)
        total = time.perf_counter() - start
        for p in procs:
            err = p.stderr.read().decode(errors="replace")
            p.stderr.close()
            if p.returncode != 0:
                raise RuntimeError(f"a line exited {p.returncode}: {err[-800:]}")
        with open(f"{tmp}/registry.jsonl", encoding="utf-8") as f:
            opened = [r["line"] for r in map(json.loads, f) if r.get("kind") == "job-open"]
        return first.get(opened[1], total), total

    def sequential(self, tmp):
        start = time.perf_counter()
        for line in ("A", "B"):
            run_timed(self.cmd(tmp, line), cwd=ROOT)
        return time.perf_counter() - start

    def measure(self):
        firsts, totals, sequential = [], [], []
        for i in range(self.runs + 1):  # run 0 is the warm-up
            with tempfile.TemporaryDirectory(dir=WORK) as tmp:
                first, total = self.parallel(tmp)
                self.validate(tmp)
            with tempfile.TemporaryDirectory(dir=WORK) as tmp:
                seq = self.sequential(tmp)
                self.validate(tmp)
            if i > 0:
                firsts.append(first)
                totals.append(total)
                sequential.append(seq)
        ours, peer = statistics.median(totals), statistics.median(sequential)
        return {"workload": self.name, "peer": self.peer_name, "ours_median_s": ours, "peer_median_s": peer,
                "ratio": peer / ours, "ours_runs": self.runs, "peer_runs": self.runs,
                "b_first_label_s": statistics.median(firsts),
                "note": f"the second line's first spooled label after {statistics.median(firsts):.2f} s (median); ours = both lines at once"}


class RateWorkload:
    """Both sides print their own codes/s (different counts: the peer is far slower); ratio = ours / peer."""

    def __init__(self, name, ours, peer, peer_name, runs, note=""):
        self.name, self.ours, self.peer, self.peer_name, self.runs, self.note = name, ours, peer, peer_name, runs, note

    def measure(self):
        rates = {"ours": [], "peer": []}
        for i in range(self.runs + 1):
            for side, (cmd, parse) in (("ours", self.ours), ("peer", self.peer)):
                out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
                if i > 0:
                    rates[side].append(parse(out))
        ours, peer = statistics.median(rates["ours"]), statistics.median(rates["peer"])
        return {"workload": self.name, "peer": self.peer_name, "note": self.note, "ours_codes_per_s": ours,
                "peer_codes_per_s": peer, "ratio": ours / peer, "ours_runs": self.runs, "peer_runs": self.runs}


def identifier_workload(runs):
    bench = os.path.join(ROOT, ".build-release", "release", "tracecore-bench")

    def parse_ours(out):
        # First line: "N codes: R codes/s per CPU-second …, W codes/s wall clock …" (general path).
        first = out.splitlines()[0]
        return float(first.split(",")[1].split("codes/s")[0])

    return RateWorkload("GS1 element string + HRI + Digital Link, build and validate", ([bench, "1000000"], parse_ours),
                        ([PY, os.path.join(ROOT, "Benchmarks", "peers", "biip_codes.py"), "20000"], lambda out: json.loads(out)["codes_per_second"]),
                        "biip 5.2 (parse, HRI, canonical DL)", runs,
                        note="ours: 1,000,000 codes through the general path (every linter and association rule), one core; biip: 20,000")


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    return {"cores": os.cpu_count(), "cpu": model, "kernel": platform.release()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer labels and runs, for a smoke test")
    parser.add_argument("--skip-million-pdf", action="store_true", help="skip the 1,000,000-label PDF memory job (~5 min)")
    parser.add_argument("--only", action="append", metavar="TEXT",
                        help="run only the workloads whose name contains TEXT (repeatable), e.g. --only PDF --only PNG")
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    global WORK
    WORK, fs = work_directory()
    random.seed(1)
    quick = args.quick
    workloads = []
    workloads += png_workloads(1000 if quick else 10000, quick)
    workloads.append(ecode_png_workload(1000 if quick else 10000, quick))
    # One label: a job's fixed cost (start-up, fonts, PDF finish), the figure a reprint or a preview waits for.
    workloads.append(pdf_workload(1, 5 if quick else 9, 5 if quick else 9))
    workloads.append(pdf_workload(1000, 3 if quick else 5, 3 if quick else 5))
    if not quick:
        workloads.append(pdf_workload(10000, 5, 1))
    workloads.append(ParallelLinesWorkload(1000 if quick else 10000, 1 if quick else 3))
    workloads.append(registry_workload(100000 if quick else 1000000, 3 if quick else 5))
    # Building the verify workload issues its registry first (a minute at 1,000,000 codes): only when wanted.
    if not args.only or any(text in "verify a registry" for text in args.only):
        workloads.append(verify_workload(100000 if quick else 1000000, 3 if quick else 5))
    workloads.append(identifier_workload(3 if quick else 5))
    if not args.skip_million_pdf:
        workloads.append(memory_workload(100000 if quick else 1000000))
    if args.only:
        workloads = [w for w in workloads if any(text in w.name for text in args.only)]
    results = []
    for w in workloads:
        print(f"… {w.name} vs {w.peer_name}", file=sys.stderr, flush=True)
        try:
            results.append(w.measure())
        except Exception as e:  # a failed workload is reported, never silently dropped
            results.append({"workload": w.name, "peer": w.peer_name, "error": str(e)})
            print(f"   FAILED: {e}", file=sys.stderr)
    report = {"machine": machine(), "outputs_on": fs, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "results": results}
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    m = report["machine"]
    print(f"\nmachine: {m['cores']} cores, {m['cpu']}, {report['time']}, outputs on {fs}")
    print(f"| workload | peer | ours median | peer median | ratio (peer/ours) | runs ours/peer | peak RSS ours/peer | output ours/peer |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        if "error" in r:
            print(f"| {r['workload']} | {r['peer']} | failed: {r['error'][:80]} | | | | | |")
            continue
        if "ours_codes_per_s" in r:
            print(f"| {r['workload']} | {r['peer']} | {r['ours_codes_per_s']:,.0f} codes/s | {r['peer_codes_per_s']:,.0f} codes/s | "
                  f"{r['ratio']:.0f}× | {r['ours_runs']}/{r['peer_runs']} | | |")
            continue
        peer = f"{r['peer_median_s']:.2f} s" if "peer_median_s" in r else "—"
        ratio = f"{r['ratio']:.2f}×" if "ratio" in r else "—"
        peer_rss = f"{r['peer_peak_rss_mb']:.0f}" if "peer_peak_rss_mb" in r else "—"
        output = f"{r['ours_output_kb']:,.0f}/{r['peer_output_kb']:,.0f} KB" if "ours_output_kb" in r and "peer_output_kb" in r else \
            (f"{r['ours_output_kb']:,.0f} KB" if "ours_output_kb" in r else "")
        if "b_first_label_s" in r:
            output = f"second line's first label {r['b_first_label_s']:.2f} s"
        print(f"| {r['workload']} | {r['peer']} | {r.get('ours_median_s', 0):.3f} s | {peer} | {ratio} | "
              f"{r.get('ours_runs', 0)}/{r.get('peer_runs', 0)} | {r.get('ours_peak_rss_mb', 0):.0f}/{peer_rss} MB | {output} |")
    if fs == "tmpfs":
        subprocess.run(["umount", WORK])
    print("| resolver lookups/s and p99 with 1,000,000 codes | — | not measured: the resolver service does not exist yet | | | | | |")
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
