package io.connectops.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.connectops.controller.ControllerOptions;
import io.connectops.controller.DesiredSource;
import io.connectops.load.InputFiles;
import io.connectops.model.Diagnostic;
import io.connectops.model.InvalidInputException;
import io.connectops.model.SourceLocation;
import io.connectops.model.Targets;
import io.connectops.pipeline.Pipeline;
import io.connectops.render.VariableFiles;
import io.connectops.secrets.Redactor;

/**
 * Loads a snapshot one namespace at a time, so that namespaces are tenants: a namespace's resources see only its own
 * labelled Secrets as variables and reach only the clusters it declares itself, its secrets are registered with a
 * redactor of its own, and its bad input refuses only it. A refused namespace keeps the declarations it last loaded (so
 * nothing of it is pruned, and the others go on); one that never loaded contributes nothing, and nothing of its clusters
 * is reconciled. Cluster names are shared by all the namespaces one operator watches: a name stays with the namespace
 * that declared it first, and another namespace declaring it is refused until one of them renames it.
 */
final class NamespacedLoader {
    private final Map<String, Targets> lastGood = new ConcurrentHashMap<>();
    private final Map<String, Redactor> tenants = new ConcurrentHashMap<>();
    /** Which namespace a Connect or Kafka cluster name belongs to ("connect:NAME", "kafka:NAME"). */
    private final Map<String, String> clusterNamespace = new ConcurrentHashMap<>();

    DesiredSource.Loaded load(KubernetesSource.Snapshot snapshot, ControllerOptions options, Redactor redactor) {
        Map<String, List<InputFiles.Input>> documents = new TreeMap<>();
        snapshot.documents().forEach(d -> documents.computeIfAbsent(namespaceOf(d.name()), n -> new ArrayList<>()).add(d));
        Map<String, List<io.fabric8.kubernetes.api.model.Secret>> secrets = new LinkedHashMap<>();
        snapshot.variableSecrets().forEach(s -> secrets.computeIfAbsent(s.getMetadata().getNamespace(), n -> new ArrayList<>()).add(s));
        lastGood.keySet().retainAll(documents.keySet());
        clusterNamespace.values().retainAll(documents.keySet());
        List<Targets.ClusterTarget> clusters = new ArrayList<>();
        List<Targets.KafkaTarget> kafka = new ArrayList<>();
        List<Diagnostic> warnings = new ArrayList<>();
        List<io.connectops.model.PolicySpec> policies = new ArrayList<>();
        for (var entry : documents.entrySet()) {
            String namespace = entry.getKey();
            Redactor tenant = tenants.computeIfAbsent(namespace, n -> redactor.tenant());
            Targets targets;
            try {
                Pipeline.Result result = Pipeline.run(entry.getValue(), request(options).inNamespace(namespace), SecretVariables.of(secrets.getOrDefault(namespace, List.of())),
                        tenant);
                targets = result.targets();
                claimNames(namespace, targets);
                lastGood.put(namespace, targets);
                warnings.addAll(result.warnings());
            } catch (InvalidInputException e) {
                String message = tenant.redact(e.getMessage());
                snapshot.rejections().put(namespace, message);
                Targets kept = lastGood.get(namespace);
                warnings.add(new Diagnostic(new SourceLocation(namespace, 0, 0), "namespace " + namespace + " is refused, "
                        + (kept == null ? "nothing of it is applied" : "it keeps what it declared before") + ": " + message));
                targets = kept == null ? new Targets(List.of()) : kept;
            }
            clusters.addAll(targets.clusters());
            kafka.addAll(targets.kafka());
            // Every namespace is checked against the operator's policies (--policy): the same list, kept once.
            if (policies.isEmpty()) {
                policies.addAll(targets.policies());
            }
        }
        return new DesiredSource.Loaded(new Targets(clusters, kafka, policies), warnings);
    }

    /** The cluster names {@code namespace} declares become its own; one another namespace has is an error. */
    private void claimNames(String namespace, Targets targets) {
        List<String> names = new ArrayList<>();
        targets.clusters().forEach(t -> names.add("connect:" + t.name()));
        targets.kafka().forEach(t -> names.add("kafka:" + t.name()));
        List<Diagnostic> taken = new ArrayList<>();
        for (String name : names) {
            String holder = clusterNamespace.get(name);
            if (holder != null && !holder.equals(namespace)) {
                taken.add(new Diagnostic(new SourceLocation(namespace, 0, 0), (name.startsWith("kafka:") ? "KafkaCluster '" : "ConnectCluster '")
                        + name.substring(name.indexOf(':') + 1) + "' is declared in namespace " + holder + " already: cluster names are "
                        + "shared by every namespace this operator watches; rename one"));
            }
        }
        if (!taken.isEmpty()) {
            throw new InvalidInputException(taken);
        }
        clusterNamespace.values().removeIf(namespace::equals);
        names.forEach(name -> clusterNamespace.put(name, namespace));
    }

    private static Pipeline.Request request(ControllerOptions options) {
        VariableFiles.Sources sources = new VariableFiles.Sources(
                options.valuesFiles().stream().map(java.nio.file.Path::of).toList(),
                options.varsDirs().stream().map(java.nio.file.Path::of).toList(),
                options.secretsDirs().stream().map(java.nio.file.Path::of).toList(),
                options.privateKeyPem(), options.environment(), options.secretEnvPatterns());
        return new Pipeline.Request(List.of(), null, sources, options.connectUrl(), true).withPolicies(options.policyPaths());
    }

    /** Documents are named namespace/Kind/name ({@link ResourceDocuments#key}). */
    static String namespaceOf(String key) {
        return key.substring(0, key.indexOf('/'));
    }
}
