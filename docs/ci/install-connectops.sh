#!/usr/bin/env bash
# Installs connectops at a pinned release into DIR (docs/ci.md): the tag CONNECTOPS_VERSION, which must be the commit
# CONNECTOPS_COMMIT. A moved tag, or a repository that serves something else, fails the job before any credential is used.
#   ci/install-connectops.sh DIR
set -euo pipefail
dir=${1:?usage: install-connectops.sh DIR}
: "${CONNECTOPS_VERSION:?set CONNECTOPS_VERSION to a release tag (v0.1.0), never a branch}"
: "${CONNECTOPS_COMMIT:?set CONNECTOPS_COMMIT to the commit of that tag (git ls-remote --tags)}"
repo=${CONNECTOPS_REPOSITORY:-https://github.com/connectops/connectops.git}
git -c advice.detachedHead=false clone --quiet --depth 1 --branch "$CONNECTOPS_VERSION" "$repo" "$dir"
actual=$(git -C "$dir" rev-parse HEAD)
if [ "$actual" != "$CONNECTOPS_COMMIT" ]; then
  echo "connectops $CONNECTOPS_VERSION is commit $actual, not the pinned $CONNECTOPS_COMMIT: refusing to run it" >&2
  exit 1
fi
