#!/usr/bin/env bash
# The VS Code extension inside a real VS Code: code-server 4.100.3 (VS Code
# 1.100.3, the newest code-server that runs on Node 20) in Debian's headless
# Chromium, driven by playwright-core (editors/vscode/e2e/e2e.test.mjs).
#
# Usage: .ci/vscode-e2e.sh VSIX STUDYLOG_BINARY [SCREENSHOT_DIR]
#
# Installs everything it needs on a fresh machine, downloading nothing but
# packages: Debian's chromium, ripgrep and the headers to build native
# add-ons (when missing); code-server and playwright-core from the npm
# lockfile with install scripts off (code-server's would download ripgrep);
# code-server's native add-ons built with npm's node-gyp against the system
# Node's own headers; Debian's rg linked where code-server looks for its own.
# A second run reuses what the first one built.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ $# -lt 2 ]; then
    echo "usage: $0 VSIX STUDYLOG_BINARY [SCREENSHOT_DIR]" >&2
    exit 2
fi
vsix="$(realpath "$1")"
binary="$(realpath "$2")"
shots="${3:-${TMPDIR:-/tmp}/studylog-vscode-e2e}"

# ---- Debian packages ----
packages=(chromium ripgrep libkrb5-dev python3 make g++)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "vscode-e2e: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- npm packages and code-server's own dependencies ----
e2e="editors/vscode/e2e"
stamp="$e2e/node_modules/.studylog-e2e-ready"
lock_hash="$(sha256sum "$e2e/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
    started=$SECONDS
    (cd "$e2e" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    code_server="$e2e/node_modules/code-server"
    vscode_dir="$code_server/lib/vscode"
    # What code-server's postinstall does, minus its downloads.
    # (npm install, as code-server does: its shrinkwrap is not in sync for `npm ci`.)
    (cd "$vscode_dir" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
    ln -sfn node_modules "$vscode_dir/node_modules.asar"
    mkdir -p "$vscode_dir/node_modules/@vscode/ripgrep/bin"
    ln -sf "$(command -v rg)" "$vscode_dir/node_modules/@vscode/ripgrep/bin/rg"

    # Native add-ons, against the headers of the Node that runs code-server.
    node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
    if [ ! -f "$node_prefix/include/node/node.h" ]; then
        echo "vscode-e2e: no Node headers under $node_prefix/include/node" >&2
        exit 1
    fi
    npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
    node_gyp="$npm_dir/node_modules/node-gyp/bin/node-gyp.js"
    build() {
        local dir="$1"
        shift
        if ! (cd "$dir" && node "$node_gyp" rebuild --nodedir="$node_prefix" -j 2 "$@" >build.log 2>&1); then
            echo "vscode-e2e: building $dir failed:" >&2
            tail -n 30 "$dir/build.log" >&2
            exit 1
        fi
    }
    argon2="$e2e/node_modules/argon2"
    build "$argon2" --module_name=argon2 --module_path="$(realpath "$argon2")/lib/binding/napi-v3" --napi_build_version=3
    for addon in kerberos @vscode/spdlog native-watchdog node-pty @vscode/deviceid; do
        build "$vscode_dir/node_modules/$addon"
    done
    echo "$lock_hash" >"$stamp"
    echo "vscode-e2e: code-server installed in $((SECONDS - started))s"
fi

rm -rf "$shots"
mkdir -p "$shots"
echo "vscode-e2e: screenshots in $shots"
export STUDYLOG_E2E_VSIX="$vsix"
export STUDYLOG_E2E_BINARY="$binary"
export STUDYLOG_E2E_SHOTS="$shots"
export STUDYLOG_E2E_CHROMIUM="${STUDYLOG_E2E_CHROMIUM:-/usr/bin/chromium}"
(cd "$e2e" && node --test --test-reporter=spec e2e.test.mjs)
