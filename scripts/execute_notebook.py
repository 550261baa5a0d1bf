"""Execute one notebook headless through the course's tslab kernel (used by run-notebooks.mjs).

usage: execute_notebook.py IN.ipynb OUT.ipynb [--timeout SECONDS] [--kernel NAME]

Runs every cell in a fresh kernel whose working directory is the notebook's folder, stops
at the first cell error, and writes the executed copy to OUT (also when a cell failed, so
the error can be read). Exit status: 0 ok, 1 a cell failed, 2 the kernel could not run.
"""
import argparse
import json
import os
import re
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError


ERROR_LINE = re.compile(r"^(\w*Error|\w*Exception)\b.*|^\d+:\d+ - .*")


def error_line(cell, exc):
    """The line that says what went wrong: tslab prints errors on the cell's stderr."""
    text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stderr")
    text += "".join("\n".join(o.get("traceback", [])) for o in cell.get("outputs", []) if o.get("output_type") == "error")
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    for line in lines:
        if ERROR_LINE.match(line):
            return line
    if isinstance(exc, CellTimeoutError):
        return "timed out"
    return lines[-1] if lines else (str(exc).strip().splitlines() or [type(exc).__name__])[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    ap.add_argument("--kernel", default="tslab")
    args = ap.parse_args()

    nb = nbformat.read(args.src, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        allow_errors=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.src))}},
    )
    status = 0
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                try:
                    client.execute_cell(cell, index)
                except (CellExecutionError, CellTimeoutError) as e:
                    print(f"cell {index + 1}: {error_line(cell, e)}"[:500], file=sys.stderr)
                    status = 1
                    break
    except Exception as e:  # kernel missing, died, or would not start
        print(f"kernel error: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}", file=sys.stderr)
        status = 2
    os.makedirs(os.path.dirname(os.path.abspath(args.dst)), exist_ok=True)
    tmp = args.dst + ".tmp"
    nbformat.write(nb, tmp)
    os.replace(tmp, args.dst)
    sys.exit(status)


if __name__ == "__main__":
    main()
