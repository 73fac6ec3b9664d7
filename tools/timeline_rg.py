#!/usr/bin/env python3
"""Independent check of `newsq timeline QUERY --by month --copies all`.

Counts, month by month, the article files of a folder that hold every word of a query,
using ripgrep (`rg`) over the raw files instead of newsq's index: no cleaner, no stemmer,
no folding of copies (each file is one article). The date is taken from the file name
(the first `-YYYYMMDD-` in it, as in `rtrs-20100503-<slug>.txt`).

Each WORD is a regex alternative list chosen by the caller, matched case-insensitively as
a whole word: pass the inflections the English stemmer folds together yourself, e.g.
`'zones?'`, `'bernanke'`, `'subprimes?'` -- the script hides no stemming. A file matches
when it holds every WORD anywhere (newsq's default: all words required, not a phrase);
with --phrase the words must follow one another (separated by non-word characters,
line breaks included).

    python3 tools/timeline_rg.py DIR 'euro' 'zones?'            # YYYY-MM count, zeros included
    python3 tools/timeline_rg.py --json DIR 'bernanke'          # {"label":"2010-05","articles":N}
    python3 tools/timeline_rg.py --phrase DIR 'euro' 'zones?'
    python3 tools/timeline_rg.py -l DIR 'subprimes?'            # the matching paths instead

Every month from the first to the last matching one is printed; files whose name has no
date are counted on stderr. Needs `rg` on PATH. Exit 0 if something matched, else 1.
"""
import argparse, collections, json, re, subprocess, sys

def rg_files(folder, pattern, glob, multiline=False):
    cmd = ["rg", "-l", "-i", "-w", "--no-ignore", "--no-messages", "-g", glob]
    cmd += ["-U"] if multiline else []
    out = subprocess.run(cmd + ["-e", pattern, "--", folder], capture_output=True, check=False)
    if out.returncode > 1:
        sys.exit("rg failed: " + out.stderr.decode(errors="replace"))
    return set(out.stdout.decode(errors="surrogateescape").splitlines())

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("words", nargs="+", help="one regex alternative list per query word")
    ap.add_argument("--phrase", action="store_true", help="the words in order, adjacent")
    ap.add_argument("--json", action="store_true", help="one JSON object per month")
    ap.add_argument("-l", "--list", action="store_true", help="print matching paths")
    ap.add_argument("--glob", default="*.txt", help="files to read (default *.txt)")
    a = ap.parse_args()
    if a.phrase:
        files = rg_files(a.folder, r"\W+".join(f"(?:{w})" for w in a.words), a.glob, True)
    else:
        files = None
        for w in a.words:
            found = rg_files(a.folder, f"(?:{w})", a.glob)
            files = found if files is None else files & found
    if a.list:
        print("\n".join(sorted(files)))
        return 0 if files else 1
    months, undated = collections.Counter(), 0
    for f in files:
        m = re.search(r"-((?:19|20)\d\d)(0[1-9]|1[0-2])\d\d-", f.rsplit("/", 1)[-1])
        if m:
            months[(int(m[1]), int(m[2]))] += 1
        else:
            undated += 1
    if months:
        (y, mo), last = min(months), max(months)
        while (y, mo) <= last:
            label, n = f"{y:04d}-{mo:02d}", months[(y, mo)]
            print(json.dumps({"label": label, "articles": n}, separators=(",", ":")) if a.json else f"{label} {n}")
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    print(f"{len(files)} articles, {undated} undated", file=sys.stderr)
    return 0 if files else 1

if __name__ == "__main__":
    sys.exit(main())
