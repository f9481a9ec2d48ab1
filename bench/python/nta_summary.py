"""A peer reader for bench/cli-startup.bench.ts: NanoSight NTA 3.x ExperimentSummary.csv exports read with
Python's csv module, as a scientist's script would (issue 9 item 17). Every Graph Data table (Size Data and
Diffusion Coefficient Data, every weighting) is parsed to floats; for the number-weighted size distribution
each video's mean, mode and D10/D50/D90 are computed from the 1 nm bins and printed next to the instrument's
values. Standard library only.

Run: python3 bench/python/nta_summary.py FILE...
"""

import csv
import sys


def quantile(centres, weights, q):
    total = sum(weights)
    if total <= 0:
        return float("nan")
    target = q * total
    acc = 0.0
    for c, w in zip(centres, weights):
        acc += w
        if acc >= target:
            return c
    return centres[-1]


def read(path):
    with open(path, newline="", encoding="latin-1") as f:
        rows = list(csv.reader(f))
    section = None
    weighting = None
    tables = []  # (section, weighting, centres, per-video columns)
    stats = {}
    i = 0
    while i < len(rows):
        row = rows[i]
        first = row[0].strip() if row else ""
        if first.startswith("[") and first.endswith("]"):
            section = first[1:-1]
        elif first == "Weighting":
            weighting = row[1].strip()
        elif section == "Size Data" and weighting == "Number" and first in ("Mean", "Mode", "D10", "D50", "D90"):
            stats[first] = [float(x) for x in row[1:] if x.strip()]
        elif first == "Graph Data":
            header = [c.strip() for c in rows[i + 1]]
            videos = [k for k, c in enumerate(header) if k > 0 and c and "average" not in c.lower()
                      and "standard error" not in c.lower()]
            centres = []
            columns = [[] for _ in videos]
            i += 2
            while i < len(rows) and rows[i] and rows[i][0].strip():
                try:
                    centre = float(rows[i][0])
                except ValueError:
                    break
                centres.append(centre)
                cells = rows[i]
                for v, k in enumerate(videos):
                    columns[v].append(float(cells[k]))
                i += 1
            tables.append((section, weighting, centres, columns))
            continue
        i += 1
    return stats, tables


def main(paths):
    for path in paths:
        stats, tables = read(path)
        size = next(t for t in tables if t[0] == "Size Data" and t[1] == "Number")
        centres, columns = size[2], size[3]
        print(path)
        for v, conc in enumerate(columns):
            total = sum(conc)
            mean = sum(c * w for c, w in zip(centres, conc)) / total if total else float("nan")
            mode = centres[max(range(len(conc)), key=conc.__getitem__)]
            d10, d50, d90 = (quantile(centres, conc, q) for q in (0.1, 0.5, 0.9))
            nta = [stats.get(k, [float("nan")] * (v + 1))[v] for k in ("Mean", "Mode", "D10", "D50", "D90")]
            print(
                f"  video {v + 1}: mean {mean:.1f} (NTA {nta[0]}), mode {mode:.1f} (NTA {nta[1]}), "
                f"D10/D50/D90 {d10:.1f}/{d50:.1f}/{d90:.1f} (NTA {nta[2]}/{nta[3]}/{nta[4]}), "
                f"{total:.3e} particles/mL"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
