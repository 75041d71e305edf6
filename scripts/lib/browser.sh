#!/usr/bin/env bash
# The browser tests' needs (tests/Readouts.Api.Tests/Browser). Source it, then call
# readouts_browser_up: afterwards READOUTS_CHROMIUM and READOUTS_CHROMEDRIVER are exported (the
# tests read them) and tests/Browser/node_modules holds axe-core at the locked version.
#
# - Chromium and chromedriver: READOUTS_CHROMIUM / READOUTS_CHROMEDRIVER when set; otherwise
#   /usr/bin/chromium and /usr/bin/chromedriver, or chromium, chromium-browser, google-chrome and
#   chromedriver on PATH (a browser whose major version matches the driver's is preferred). None
#   found and apt-get present: Debian's chromium and chromium-driver are installed (as root, or
#   with sudo). Still none: stops, saying what to install.
# - axe-core: npm ci in tests/Browser when node_modules is missing or was installed from another
#   package-lock.json.

READOUTS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

_browser_say() { printf '==> %s\n' "$*" >&2; }

# The first argument that is an executable file, or the first name found on PATH.
_browser_first() {
  local candidate found
  for candidate in "$@"; do
    if [[ $candidate == */* ]]; then
      [[ -x $candidate ]] && { printf '%s\n' "$candidate"; return 0; }
    elif found=$(command -v "$candidate" 2>/dev/null); then
      printf '%s\n' "$found"
      return 0
    fi
  done
  return 1
}

# "156" from "Chromium 156.0.8078.114 built on Debian" or "ChromeDriver 156.0.8078.114 (...)".
_browser_major() {
  { "$1" --version 2>/dev/null || true; } | grep -o '[0-9]\+\.[0-9.]\+' | head -n 1 | cut -d. -f1 || true
}

# Sets _BROWSER and _DRIVER to what is found (empty when nothing is).
_browser_find() {
  _DRIVER=${READOUTS_CHROMEDRIVER:-}
  [[ -n $_DRIVER ]] || _DRIVER=$(_browser_first /usr/bin/chromedriver chromedriver) || _DRIVER=""
  _BROWSER=${READOUTS_CHROMIUM:-}
  [[ -z $_BROWSER ]] || return 0

  local candidates=(/usr/bin/chromium chromium chromium-browser google-chrome google-chrome-stable)
  local candidate path major=""
  [[ -z $_DRIVER ]] || major=$(_browser_major "$_DRIVER")
  for candidate in "${candidates[@]}"; do
    path=$(_browser_first "$candidate") || continue
    # A driver drives its own major version only (e.g. a runner with Google Chrome and Chromium).
    if [[ -z $major || $(_browser_major "$path") == "$major" ]]; then
      _BROWSER=$path
      return 0
    fi
    [[ -n $_BROWSER ]] || _BROWSER=$path
  done
  [[ -z $_BROWSER || -z $major ]] || _browser_say "No browser of chromedriver's version $major found; trying $_BROWSER"
}

_browser_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || return 1
    sudo=(sudo)
  fi
  _browser_say "Chromium or chromedriver not found; installing Debian's chromium and chromium-driver"
  # Through env, because sudo drops the variable. apt-get update only when the lists are too old.
  local log
  if ! log=$("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver 2>&1); then
    "${sudo[@]}" apt-get update -qq >&2 || return 1
    if ! log=$("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver 2>&1); then
      printf '%s\n' "$log" >&2
      return 1
    fi
  fi
}

# Installs axe-core (tests/Browser/package-lock.json) unless node_modules already holds that lock's.
_browser_axe_up() {
  local dir="$READOUTS_ROOT/tests/Browser" stamp wanted
  stamp="$dir/node_modules/.readouts-lock.sha256"
  wanted=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ -f $dir/node_modules/axe-core/axe.min.js && -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    _browser_say "npm not found: install Node.js with npm (e.g. apt-get install nodejs npm); the accessibility tests need axe-core from tests/Browser/package.json"
    return 1
  fi
  _browser_say "npm ci in tests/Browser (axe-core)"
  local log
  if ! log=$(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error 2>&1); then
    printf '%s\n' "$log" >&2
    _browser_say "npm ci failed in tests/Browser"
    return 1
  fi
  printf '%s\n' "$wanted" >"$stamp"
}

readouts_browser_up() {
  _browser_find
  if [[ -z $_BROWSER || -z $_DRIVER ]]; then
    _browser_install || true
    _browser_find
  fi
  if [[ -z $_BROWSER || -z $_DRIVER ]]; then
    _browser_say "The browser tests need Chromium (or Google Chrome) and a chromedriver of the same version:" \
      "on Debian/Ubuntu 'apt-get install chromium chromium-driver';" \
      "elsewhere put chromium/google-chrome and chromedriver on PATH or export READOUTS_CHROMIUM and READOUTS_CHROMEDRIVER" \
      "(found browser: ${_BROWSER:-none}, driver: ${_DRIVER:-none})"
    return 1
  fi
  local given
  for given in "$_BROWSER" "$_DRIVER"; do
    if [[ ! -x $given ]]; then
      _browser_say "$given (READOUTS_CHROMIUM / READOUTS_CHROMEDRIVER) is not an executable file"
      return 1
    fi
  done
  export READOUTS_CHROMIUM=$_BROWSER READOUTS_CHROMEDRIVER=$_DRIVER
  _browser_say "Browser tests: $READOUTS_CHROMIUM with $READOUTS_CHROMEDRIVER"
  _browser_axe_up
}
