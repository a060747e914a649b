#!/usr/bin/env sh
# connectops in a CI pipeline (docs/ci.md): what the GitHub Actions and GitLab CI pipelines beside this file run.
#   validate  every pull request: offline, no cluster needed
#   plan      against the target environment: plan.md (Markdown for the pull-request comment) and the plan file
#   apply     on merge: applies the plan file that was reviewed; refused (exit 1) when live or the files moved since
#   drift     scheduled: fails (exit 2) when live differs from the branch; drift.md says how
# Settings: CONNECTOPS (the command), CONNECTOPS_DIR (the declarations, default connect), CONNECTOPS_PLAN_FILE,
# CONNECTOPS_FLAGS (e.g. --secrets-dir /run/secrets/connect), CONNECTOPS_APPLY_FLAGS (e.g. --prune).
set -eu
connectops=${CONNECTOPS:-connectops}
dir=${CONNECTOPS_DIR:-connect}
plan_file=${CONNECTOPS_PLAN_FILE:-connectops-plan.json}
flags=${CONNECTOPS_FLAGS:-}
marker='<!-- connectops-plan -->'

case "${1:-}" in
  validate)
    $connectops validate -f "$dir" $flags
    ;;
  plan)
    # Exit 2 means "changes pending": a plan to review, not a failure.
    set +e
    $connectops plan -f "$dir" $flags -o markdown --out "$plan_file" > plan.body.md
    code=$?
    set -e
    if [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; then exit "$code"; fi
    { echo "$marker"; cat plan.body.md; } > plan.md
    rm -f plan.body.md
    ;;
  apply)
    $connectops apply -f "$dir" $flags --plan "$plan_file" ${CONNECTOPS_APPLY_FLAGS:-}
    ;;
  drift)
    set +e
    $connectops plan -f "$dir" $flags -o markdown > drift.md
    code=$?
    set -e
    if [ "$code" -eq 2 ]; then echo "live differs from $dir: see drift.md" >&2; fi
    exit "$code"
    ;;
  *)
    echo "usage: $0 validate|plan|apply|drift" >&2
    exit 64
    ;;
esac
