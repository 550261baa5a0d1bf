"""Execute one notebook headless through the course's tslab kernel (used by run-notebooks.mjs).

usage: execute_notebook.py IN.ipynb OUT.ipynb [--timeout SECONDS] [--kernel NAME]

Runs every cell in a fresh kernel whose working directory is the notebook's folder, stops
at the first cell error, and writes the executed copy to OUT (also when a cell failed, so
the error can be read). Exit status: 0 ok, 1 a cell failed, 2 the kernel could not run.

Just before the kernel shuts down, prints its peak resident memory on stderr as
`peak-memory-mb: N`: the sum of VmHWM (the high-water mark of resident memory) in
/proc/PID/status over the kernel process and its descendants; a single kernel process, as
tslab's, gives its exact peak. `peak-memory-mb: n/a` where /proc is unavailable (not Linux)
or the kernel is gone. The executed copy's metadata.course_run holds the mode (fast or
full, from COURSE_FAST) and that peak.
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


def kernel_pid(client):
    """The kernel's process id: jupyter_client 7 keeps it in the provisioner, older ones in km.kernel."""
    km = getattr(client, "km", None)
    pid = getattr(getattr(km, "provisioner", None), "pid", None)
    if pid is None:
        pid = getattr(getattr(km, "kernel", None), "pid", None)
    return pid


def descendants(pid):
    """pid and every process below it, from the parent ids in /proc/*/stat."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # ended meanwhile
        # The command name, in parentheses, may hold spaces: the parent id follows the last ')'.
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def peak_memory_mb(pid):
    """Peak resident memory of the process tree at pid, in MB (2^20 bytes), or None if unknown."""
    if pid is None or not os.path.isfile("/proc/self/status"):
        return None
    try:
        tree = descendants(pid)
    except (OSError, ValueError):
        return None
    total_kb, seen = 0, False
    for p in tree:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        total_kb += int(line.split()[1])
                        seen = True
        except (OSError, ValueError):
            continue
    return round(total_kb / 1024) if seen else None  # a zombie (dead kernel) has no VmHWM


def merge_streams(nb):
    """Join consecutive stream outputs of the same name (stdout, stderr) in each code cell.

    nbclient stores each stream message the kernel sent as an output of its own; a live
    Jupyter session joins them as they arrive and saves one. JupyterLab 4.6 joins them on
    load too, and "Trust Notebook" on such a notebook (which re-creates the outputs and saves)
    wrote the last line of a joined output twice (tests/browser/jupyterlab-app). The printed
    text is the same either way.
    """
    for cell in nb.cells:
        merged = []
        for out in cell.get("outputs", []):
            prev = merged[-1] if merged else None
            if (out.get("output_type") == "stream" and prev is not None
                    and prev.get("output_type") == "stream" and prev.get("name") == out.get("name")):
                prev["text"] = prev["text"] + out["text"]
            else:
                merged.append(out)
        if "outputs" in cell:
            cell["outputs"] = merged


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
    peak = None
    try:
        with client.setup_kernel():
            try:
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    try:
                        client.execute_cell(cell, index)
                    except (CellExecutionError, CellTimeoutError) as e:
                        print(f"cell {index + 1}: {error_line(cell, e)}"[:500], file=sys.stderr)
                        status = 1
                        break
            finally:
                peak = peak_memory_mb(kernel_pid(client))  # before the kernel shuts down
    except Exception as e:  # kernel missing, died, or would not start
        print(f"kernel error: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}", file=sys.stderr)
        status = 2
    print(f"peak-memory-mb: {'n/a' if peak is None else peak}", file=sys.stderr)
    # How the copy was made, for the reproducibility check (a second run must use the same mode).
    fast = os.environ.get("COURSE_FAST", "").strip().lower() not in ("", "0", "false", "no")
    nb.metadata["course_run"] = {"mode": "fast" if fast else "full", "peak_memory_mb": peak}
    merge_streams(nb)
    os.makedirs(os.path.dirname(os.path.abspath(args.dst)), exist_ok=True)
    tmp = args.dst + ".tmp"
    nbformat.write(nb, tmp)
    os.replace(tmp, args.dst)
    sys.exit(status)


if __name__ == "__main__":
    main()
