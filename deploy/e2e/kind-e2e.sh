#!/usr/bin/env bash
# The operator's checks on a real cluster: what the mock server with the API server's rules in front of it stands in
# for (docs/operator.md, "What only a real cluster shows"). Needs kind, kubectl and a Docker daemon; runs in a fresh kind
# cluster of its own and deletes it at the end (KEEP=1 keeps it).
#
#   deploy/e2e/kind-e2e.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
CLUSTER=${CLUSTER:-connectops-e2e}
NS=connectops-dev
SA=system:serviceaccount:$NS:connectops-operator
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

step "a kind cluster and the operator's image"
kind create cluster --name "$CLUSTER" --wait 120s
trap '[ "${KEEP:-0}" = 1 ] || kind delete cluster --name "$CLUSTER"' EXIT
./mvnw -q -pl cli -am install -DskipTests
./mvnw -q -pl cli com.google.cloud.tools:jib-maven-plugin:3.5.2:buildTar
kind load image-archive cli/target/jib-image.tar --name "$CLUSTER"

step "kubectl apply -k on a fresh cluster (the Namespace comes with it)"
kubectl apply -k deploy/overlays/dev
kubectl -n "$NS" rollout status deployment/connectops-operator --timeout=180s

step "RBAC as the API server sees it"
for check in "patch leases" "create leases" "update connectclusters/finalizers" "update connectors/status" "patch connectors" \
             "list kafkaconnectors.kafka.strimzi.io"; do
  kubectl auth can-i $check -n "$NS" --as="$SA" | grep -qx yes || fail "the Role does not grant: $check"
done
for never in "delete secrets" "update connectors" "patch secrets"; do
  kubectl auth can-i $never -n "$NS" --as="$SA" | grep -qx no || fail "the Role grants more than needed: $never"
done

step "every documented and example custom resource against the CRDs (server-side dry run, strict field validation)"
kubectl apply --dry-run=server --validate=strict -n "$NS" -f deploy/examples/connect-cluster/connectcluster.yaml \
  -f deploy/examples/connect-cluster/connector.yaml

step "leadership held past the renew deadline (renewals are PATCHes)"
sleep 30
holder=$(kubectl -n "$NS" get lease connectops-operator -o jsonpath='{.spec.holderIdentity}')
[ -n "$holder" ] || fail "nobody holds the Lease"
restarts=$(kubectl -n "$NS" get pods -l app.kubernetes.io/name=connectops-operator -o jsonpath='{.items[0].status.containerStatuses[0].restartCount}')
[ "$restarts" = 0 ] || fail "the operator restarted $restarts time(s) while it should lead"

step "worker pods admitted under PodSecurity restricted"
kubectl label namespace "$NS" pod-security.kubernetes.io/enforce=restricted --overwrite
kubectl apply -n "$NS" -f deploy/examples/connect-cluster/connectcluster.yaml
for _ in $(seq 60); do
  kubectl -n "$NS" get deployment orders-connect >/dev/null 2>&1 && break
  sleep 2
done
kubectl -n "$NS" get deployment orders-connect >/dev/null || fail "the operator made no worker Deployment"
sleep 10
if kubectl -n "$NS" get events --field-selector reason=FailedCreate -o name | grep -q .; then
  kubectl -n "$NS" get events --field-selector reason=FailedCreate
  fail "PodSecurity refused the worker pods"
fi

step "leadership lost: renewals refused, the operator exits and is restarted"
kubectl -n "$NS" patch role connectops-operator --type=json \
  -p='[{"op":"replace","path":"/rules/'"$(kubectl -n "$NS" get role connectops-operator -o json | python3 -c 'import json,sys; r=json.load(sys.stdin)["rules"]; print([i for i,x in enumerate(r) if "leases" in x["resources"]][0])')"'/verbs","value":["get","create"]}]'
for _ in $(seq 60); do
  restarts=$(kubectl -n "$NS" get pods -l app.kubernetes.io/name=connectops-operator -o jsonpath='{.items[0].status.containerStatuses[0].restartCount}')
  [ "$restarts" != 0 ] && break
  sleep 2
done
[ "$restarts" != 0 ] || fail "the operator kept running without its Lease"
kubectl apply -k deploy/overlays/dev   # the Role as it should be

step "uninstall: nothing hangs in Terminating"
kubectl delete -n "$NS" -f deploy/examples/connect-cluster/connectcluster.yaml --timeout=120s
kubectl delete -k deploy/overlays/dev --timeout=180s
echo; echo "all checks passed"
