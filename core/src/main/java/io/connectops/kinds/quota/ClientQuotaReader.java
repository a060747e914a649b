package io.connectops.kinds.quota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectops.load.DocumentReader;
import io.connectops.load.Fields;
import io.connectops.load.NativeReader;
import io.connectops.load.StrimziReader;
import io.connectops.model.Diagnostic;
import io.connectops.model.KafkaResource;

/**
 * Reads client quotas: the native {@code ClientQuota} kind, and a Strimzi {@code KafkaUser}'s {@code spec.quotas}
 * (quotas of that user). Confluent for Kubernetes has no quota resource. Values are checked here (file:line): known
 * quota names only, numbers of at least 0.
 */
final class ClientQuotaReader {
    /** Kafka's quota names, and the Strimzi field of each. */
    static final Map<String, String> QUOTAS = Map.of(
            "producer_byte_rate", "producerByteRate",
            "consumer_byte_rate", "consumerByteRate",
            "request_percentage", "requestPercentage",
            "controller_mutation_rate", "controllerMutationRate");

    private ClientQuotaReader() {
    }

    /** {@code connectops.io/v1alpha1 ClientQuota}. */
    static final class Native implements DocumentReader {
        @Override
        public boolean reads(String apiVersion, String kind) {
            return apiVersion.equals(NativeReader.API_VERSION) && kind.equals(ClientQuotas.KIND);
        }

        @Override
        public List<String> nativeKinds() {
            return List.of(ClientQuotas.KIND);
        }

        @Override
        public List<KafkaResource> read(Fields doc, List<Diagnostic> warnings) {
            doc.allowOnly("apiVersion", "kind", "metadata", "spec", "status");
            NativeReader.Metadata metadata = NativeReader.metadata(doc);
            Fields spec = doc.object("spec");
            if (spec == null) {
                doc.problem(null, "missing required field 'spec' (with 'user' and/or 'clientId', and 'quotas')");
                return List.of();
            }
            spec.allowOnly("cluster", "user", "clientId", "quotas");
            Map<String, String> entity = new LinkedHashMap<>();
            String user = spec.string("user");
            String clientId = spec.string("clientId");
            if (user != null) {
                entity.put("user", user.equals(ClientQuotaSpec.DEFAULT) ? null : user);
            }
            if (clientId != null) {
                entity.put("client-id", clientId.equals(ClientQuotaSpec.DEFAULT) ? null : clientId);
            }
            if (entity.isEmpty()) {
                spec.problem(null, "a ClientQuota is for 'user', 'clientId' or both (a name, or \"" + ClientQuotaSpec.DEFAULT
                        + "\" for the default of all users or client ids)");
            }
            Fields quotas = spec.object("quotas");
            Map<String, Double> values = quotas == null ? Map.of() : quotas(quotas, QUOTAS.keySet().stream().sorted().toList());
            if (quotas == null) {
                spec.problem(null, "missing required field 'spec.quotas' (any of " + String.join(", ", QUOTAS.keySet().stream().sorted().toList())
                        + ")");
            }
            if (metadata == null || entity.isEmpty() || values == null) {
                return List.of();
            }
            return List.of(new ClientQuotaSpec(entity, values, spec.string("cluster"), false, metadata.location()));
        }
    }

    /** A Strimzi {@code KafkaUser}'s {@code spec.quotas}: quotas of that user, on the cluster its label names. */
    static final class StrimziUser implements DocumentReader {
        @Override
        public boolean reads(String apiVersion, String kind) {
            return StrimziReader.API_VERSIONS.contains(apiVersion) && kind.equals("KafkaUser");
        }

        @Override
        public List<KafkaResource> read(Fields doc, List<Diagnostic> warnings) {
            Fields spec = doc.objectOrEmpty("spec");
            Fields quotas = spec.object("quotas");
            Fields metadata = doc.object("metadata");
            String user = metadata == null ? null : metadata.string("name");
            if (quotas == null || user == null) {
                return List.of();
            }
            Map<String, String> strimziNames = new LinkedHashMap<>();
            QUOTAS.forEach((kafka, strimzi) -> strimziNames.put(strimzi, kafka));
            Map<String, Double> values = quotas(quotas, strimziNames.keySet().stream().sorted().toList());
            if (values == null) {
                return List.of();
            }
            Map<String, Double> renamed = new LinkedHashMap<>();
            values.forEach((field, value) -> renamed.put(strimziNames.get(field), value));
            Fields labels = metadata.object("labels");
            String cluster = labels == null ? null : labels.string("strimzi.io/cluster");
            return List.of(new ClientQuotaSpec(Map.of("user", user), renamed, cluster, true, quotas.location()));
        }
    }

    /** The quotas of one object, checked: known names only, numbers of at least 0. */
    private static Map<String, Double> quotas(Fields quotas, List<String> names) {
        quotas.allowOnly(names.toArray(String[]::new));
        Map<String, Double> values = new LinkedHashMap<>();
        boolean ok = true;
        for (String name : names) {
            if (!quotas.has(name)) {
                continue;
            }
            Double value = quotas.number(name, 0);
            if (value == null) {
                ok = false;
            } else {
                values.put(name, value);
            }
        }
        if (ok && values.isEmpty()) {
            quotas.problem(null, "no quota given: set any of " + String.join(", ", names.stream().sorted().toList()));
            return null;
        }
        return ok ? values : null;
    }
}
