#!/usr/bin/env bash
# Runs the test suite: every test/**/*.test.ts, or only the files given as arguments. Arguments
# starting with "-" go to the Node test runner, e.g. --test-name-pattern=keychain.
#
# The keychain tests talk to a real Secret Service, so the suite runs inside its own D-Bus session
# with a freshly unlocked gnome-keyring, and with HOME and the XDG folders pointed at a throwaway
# directory: tests never see the developer's real keyring, config or data, and leave nothing behind.
# OMNIROUTE_TEST_SESSION=1 marks that session, so a caller that prepared one itself is reused.
set -euo pipefail

script="$(realpath "${BASH_SOURCE[0]}")"
repository="$(dirname "$(dirname "$script")")"

if [[ "${OMNIROUTE_TEST_SESSION:-}" != 1 ]]; then
  for command in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$command" >/dev/null; then
      echo "test.sh: $command is missing; run scripts/install-test-deps.sh first" >&2
      exit 1
    fi
  done

  # Relative paths are resolved now, because the session runs from the repository root.
  arguments=()
  for argument in "$@"; do
    if [[ "$argument" == -* ]]; then arguments+=("$argument"); else arguments+=("$(realpath "$argument")"); fi
  done

  session="$(mktemp -d "${TMPDIR:-/tmp}/omniroute-test.XXXXXX")"
  trap 'rm -rf "$session"' EXIT
  mkdir -p "$session/home" "$session/data" "$session/config" "$session/cache" "$session/runtime"
  # The XDG spec requires the runtime directory to be owner-only; gnome-keyring puts its sockets there.
  chmod 700 "$session/runtime"

  # gnome-keyring-daemon has been seen to die mid-suite (a GLib fatal error: "trap int3 ... in
  # libglib" in the kernel log), after which D-Bus started the next one on demand from the system's
  # activation file: locked, so every keychain call asked for a password prompt nobody can answer.
  # The session's own activation file (its data folder comes first on the bus's search path) starts
  # one that unlocks the same keyring with the same password instead.
  mkdir -p "$session/data/dbus-1/services"
  printf '#!/bin/sh\nprintf %%s test-keyring-password | exec gnome-keyring-daemon --foreground --unlock --components=secrets\n' >"$session/keyring-daemon.sh"
  chmod +x "$session/keyring-daemon.sh"
  printf '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=%s\n' "$session/keyring-daemon.sh" >"$session/data/dbus-1/services/org.freedesktop.secrets.service"

  # Inside the new bus: gnome-keyring creates the default "login" keyring with this password and
  # unlocks it. The variables it prints are not needed, since clients find it by its well-known
  # name on the session bus. Then this script runs again, now inside the session.
  set +e
  HOME="$session/home" \
    XDG_DATA_HOME="$session/data" \
    XDG_CONFIG_HOME="$session/config" \
    XDG_CACHE_HOME="$session/cache" \
    XDG_RUNTIME_DIR="$session/runtime" \
    OMNIROUTE_TEST_SESSION=1 \
    dbus-run-session -- sh -c '
      printf %s test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
      exec bash "$@"
    ' sh "$script" "${arguments[@]}"
  status=$?
  set -e
  exit "$status"
fi

cd "$repository"

# Seen once in CI: the daemon that was to unlock the keyring died ("couldn't connect to control
# socket"), D-Bus started a locked one instead, and every keychain test failed. So the keychain is
# checked before the suite; a keyring that does not answer unlocked is started afresh (the session's
# data folder is throwaway), up to three times.
for attempt in 1 2 3; do
  if timeout 20 node scripts/check-keyring.mjs; then break; fi
  if [[ $attempt -eq 3 ]]; then
    echo "test.sh: the Secret Service did not come up unlocked after $attempt attempts" >&2
    exit 1
  fi
  echo "test.sh: starting gnome-keyring again (attempt $((attempt + 1)))" >&2
  rm -rf "${XDG_DATA_HOME:?}/keyrings"
  printf %s test-keyring-password | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null || true
  sleep 1
done

options=()
files=()
for argument in "$@"; do
  if [[ "$argument" == -* ]]; then options+=("$argument"); else files+=("$argument"); fi
done
if [[ ${#files[@]} -eq 0 ]]; then
  # Node 20 does not expand globs given to --test, so the files are listed here.
  mapfile -t files < <(find test -name '*.test.ts' -type f | sort)
fi
if [[ ${#files[@]} -eq 0 ]]; then
  echo "test.sh: no test files found under test/" >&2
  exit 1
fi

exec node --import tsx --test --test-concurrency=2 "${options[@]}" "${files[@]}"
