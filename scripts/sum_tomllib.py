#!/usr/bin/env python3
"""Sum the cells of many nianbao report files with Python's standard tomllib.

The plain baseline for `nianbao merge` in the benchmark (benches/merge.rs):
read every file, add up every table cell (TOML path table.row.column; counts
are integers, the 万元 amount a decimal string) and print the sums as JSON.
It does no validation at all.

    python3 scripts/sum_tomllib.py FILE...
"""

import json
import sys
import tomllib
from decimal import Decimal


def main(paths):
    sums = {}
    for path in paths:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
        for table, rows in doc.items():
            if not isinstance(rows, dict):
                continue
            for row, cells in rows.items():
                if not isinstance(cells, dict):
                    continue  # a text field, not a table row
                for column, value in cells.items():
                    key = f"{table}.{row}.{column}"
                    number = Decimal(value) if isinstance(value, str) else value
                    sums[key] = sums.get(key, 0) + number
    json.dump({k: str(v) for k, v in sums.items()}, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
