#!/usr/bin/env bash
# The manifest's rust-version must be true: no package in the locked dependency graph may
# declare a newer rust-version than newsq's own. Fails (exit 1) naming the offenders, or
# when Cargo.toml declares no rust-version at all. Needs only cargo and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

check=$(cat <<'PY'
import json, sys

meta = json.load(sys.stdin)
root_id = (meta.get("resolve") or {}).get("root") or meta["workspace_members"][0]
packages = {p["id"]: p for p in meta["packages"]}
root = packages[root_id]
name, declared = root["name"], root.get("rust_version")

def version(text):
    """'1.90' -> (1, 90, 0), so that versions compare as numbers."""
    parts = [int(x) for x in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))

if not declared:
    print(f"msrv: {name} declares no rust-version in Cargo.toml")
    sys.exit(1)
ours = version(declared)
offenders = sorted(
    (p["name"], p["version"], p["rust_version"])
    for p in packages.values()
    if p["id"] != root_id and p.get("rust_version") and version(p["rust_version"]) > ours
)
for dep, ver, needs in offenders:
    print(f"msrv: {dep} {ver} needs Rust {needs}, newer than {name}'s rust-version {declared}")
if offenders:
    sys.exit(1)
count = sum(1 for p in packages.values() if p.get("rust_version"))
print(f"msrv: rust-version {declared} covers the {count} locked packages that declare one")
PY
)
cargo metadata --format-version 1 --locked --quiet | python3 -c "$check"
