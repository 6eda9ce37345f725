#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian or Ubuntu machine, then the npm packages.
# Safe to run again: apt is skipped entirely when every package is already installed.
#
# Packages, and why each is needed:
#   gnome-keyring  the Secret Service the keychain tests run against (its dependencies bring gcr
#                  and a D-Bus session bus implementation)
#   dbus           dbus-run-session, which scripts/test.sh uses to give the tests a private bus.
#                  dbus-x11 (dbus-launch) is not needed, and neither is libsecret: @napi-rs/keyring
#                  speaks D-Bus itself, with libdbus linked into its binary.
#   chromium       the browser for the UI tests (Ubuntu ships it as chromium-browser)
set -euo pipefail

cd "$(dirname "$(dirname "$(realpath "${BASH_SOURCE[0]}")")")"

is_installed() {
  [[ "$(dpkg-query --show --showformat='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
for package in gnome-keyring dbus; do
  is_installed "$package" || missing+=("$package")
done
chromium_missing=false
is_installed chromium || is_installed chromium-browser || chromium_missing=true

if [[ ${#missing[@]} -eq 0 && "$chromium_missing" == false ]]; then
  echo "install-test-deps.sh: system packages already installed"
else
  sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null; then
      echo "install-test-deps.sh: need root or sudo to install system packages" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update
  # Only known after the update: a fresh image has empty package lists.
  if [[ "$chromium_missing" == true ]]; then
    if apt-cache show chromium >/dev/null 2>&1; then missing+=(chromium); else missing+=(chromium-browser); fi
  fi
  echo "install-test-deps.sh: installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install --yes "${missing[@]}"
fi

npm ci
