package io.connectops.operator.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The checks of Kubernetes' Pod Security Standard {@code restricted} (v1.25 and later) on a pod template, as the
 * PodSecurity admission controller makes them: no host namespaces, ports or paths, no privileged containers, volumes of
 * the allowed types, non-root with a non-zero user, no privilege escalation, every capability dropped (only
 * NET_BIND_SERVICE added back), and a RuntimeDefault or Localhost seccomp profile.
 */
public final class PodSecurityRestricted {
    private static final Set<String> VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");

    private PodSecurityRestricted() {
    }

    /** What the admission controller would refuse in {@code podSpec} (empty: admitted). */
    public static List<String> violations(JsonNode podSpec) {
        List<String> problems = new ArrayList<>();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (podSpec.path(host).asBoolean()) {
                problems.add(host);
            }
        }
        for (JsonNode volume : podSpec.path("volumes")) {
            volume.properties().stream().map(java.util.Map.Entry::getKey).filter(k -> !k.equals("name") && !VOLUMES.contains(k))
                    .forEach(k -> problems.add("volume " + volume.path("name").asText() + " is " + k));
        }
        JsonNode pod = podSpec.path("securityContext");
        List<JsonNode> containers = new ArrayList<>();
        podSpec.path("initContainers").forEach(containers::add);
        podSpec.path("containers").forEach(containers::add);
        for (JsonNode container : containers) {
            String name = container.path("name").asText();
            JsonNode context = container.path("securityContext");
            if (context.path("privileged").asBoolean()) {
                problems.add(name + ": privileged");
            }
            if (!context.path("allowPrivilegeEscalation").isBoolean() || context.path("allowPrivilegeEscalation").asBoolean()) {
                problems.add(name + ": allowPrivilegeEscalation must be false");
            }
            boolean nonRoot = context.path("runAsNonRoot").isBoolean() ? context.path("runAsNonRoot").asBoolean()
                    : pod.path("runAsNonRoot").asBoolean();
            if (!nonRoot) {
                problems.add(name + ": runAsNonRoot must be true");
            }
            JsonNode user = context.has("runAsUser") ? context.path("runAsUser") : pod.path("runAsUser");
            if (user.isNumber() && user.asLong() == 0) {
                problems.add(name + ": runAsUser 0");
            }
            List<String> drop = new ArrayList<>();
            context.at("/capabilities/drop").forEach(c -> drop.add(c.asText()));
            if (!drop.contains("ALL")) {
                problems.add(name + ": capabilities must drop ALL");
            }
            context.at("/capabilities/add").forEach(c -> {
                if (!c.asText().equals("NET_BIND_SERVICE")) {
                    problems.add(name + ": adds capability " + c.asText());
                }
            });
            String seccomp = context.at("/seccompProfile/type").asText(pod.at("/seccompProfile/type").asText(""));
            if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                problems.add(name + ": seccompProfile must be RuntimeDefault or Localhost");
            }
            container.path("ports").forEach(p -> {
                if (p.has("hostPort") && p.path("hostPort").asInt() != 0) {
                    problems.add(name + ": hostPort");
                }
            });
        }
        return problems;
    }
}
