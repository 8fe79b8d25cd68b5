#!/usr/bin/env bash
# Installs tmux when it is missing: the drill's interactive test (test/drill/terminal.test.ts)
# drives `crisis-sim drill` in a real pseudo-terminal through tmux send-keys/capture-pane.
set -euo pipefail
if command -v tmux >/dev/null 2>&1; then
  echo "tmux present: $(tmux -V)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq tmux
  echo "tmux installed: $(tmux -V)"
else
  echo "tmux is missing and apt-get is not available: the drill's terminal test will be skipped" >&2
fi
