"""Build a notebook (no outputs, course kernel) from a plain-text source.

usage: /usr/bin/python3 scripts/notebook-from-text.py SOURCE.txt notebooks/NN_name.ipynb

Cells are separated by lines '# %% [markdown]' (a markdown cell) or '# %%' (a code cell).
A convenience for authors: the .ipynb files are what is committed and what learners edit.
"""
import sys, nbformat
src, dst = sys.argv[1], sys.argv[2]
text = open(src).read()
cells = []
kind, buf = None, []
def flush():
    if kind is None: return
    body = "\n".join(buf).strip("\n")
    if kind == "md":
        cells.append(nbformat.v4.new_markdown_cell(body))
    else:
        cells.append(nbformat.v4.new_code_cell(body))
for line in text.splitlines():
    if line.startswith("# %% [markdown]"):
        flush(); kind, buf = "md", []
    elif line.startswith("# %%"):
        flush(); kind, buf = "code", []
    else:
        buf.append(line)
flush()
nb = nbformat.v4.new_notebook(cells=cells)
nb.metadata = {"kernelspec": {"name": "tslab", "display_name": "TypeScript (course)", "language": "typescript"},
               "language_info": {"name": "typescript", "file_extension": ".ts", "mimetype": "text/typescript"}}
nbformat.write(nb, dst)
