"""A peer reader for bench/pk-table-read.bench.ts: a concentration-time CSV (subject, time, concentration,
dose) read with Python's csv module into typed columns (float(); "BLQ" as 0), grouped by subject, as a
scientist's script would. Prints the in-process wall and CPU time (time.process_time) so interpreter start-up is not counted.

Run: python3 bench/python/pk_table_read.py FILE
"""

import csv
import sys
import time


def main(path):
    start = time.perf_counter()
    cpu_start = time.process_time()
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        profiles = {}
        n = 0
        for subject, t, c, dose in rows:
            p = profiles.get(subject)
            if p is None:
                p = profiles[subject] = ([], [], float(dose))
            p[0].append(float(t))
            p[1].append(0.0 if c == "BLQ" else float(c))
            n += 1
    ms = (time.perf_counter() - start) * 1000
    cpu_ms = (time.process_time() - cpu_start) * 1000
    print(f"ms={ms:.3f} cpu_ms={cpu_ms:.3f} rows={n} subjects={len(profiles)}")


if __name__ == "__main__":
    main(sys.argv[1])
