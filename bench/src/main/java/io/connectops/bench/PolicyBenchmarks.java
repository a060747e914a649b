package io.connectops.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.Declarations;
import io.connectops.model.Targets;
import io.connectops.policy.Policies;
import io.connectops.policy.PolicyObjects;
import io.connectops.policy.PolicyOutcome;
import io.connectops.validate.OfflineValidator;

/**
 * Policy evaluation: N resources (half topics, half connectors) against 20 rules in four policies, the shapes
 * docs/policies.md and examples/policies use (comparisons, regular expressions, comprehensions over a config, match
 * conditions). Prints compile time and check time (5 runs after 2 warm-ups). No cluster is needed. Run:
 * {@code ./mvnw -q -pl bench exec:java -Dbench.main=io.connectops.bench.PolicyBenchmarks} (args: [10000])
 */
public final class PolicyBenchmarks {
    private PolicyBenchmarks() {
    }

    static final String POLICIES = """
            apiVersion: connectops.io/v1alpha1
            kind: Policy
            metadata: {name: topics}
            spec:
              match: {kinds: [Topic]}
              validations:
                - {expression: "object.spec.partitions <= 12", message: "at most 12 partitions"}
                - {expression: "object.spec.partitions >= 1", message: "at least one partition"}
                - {expression: "!has(object.spec.replicationFactor) || object.spec.replicationFactor >= 3", message: "rf 3"}
                - expression: "object.metadata.name.matches('^[a-z]+[.][a-z0-9.-]+$')"
                  messageExpression: "'topic ' + object.metadata.name + ' is not <domain>.<name>'"
                - {expression: "!('retention.ms' in object.spec.config) || int(object.spec.config['retention.ms']) >= 3600000"}
                - {expression: "!('cleanup.policy' in object.spec.config) || object.spec.config['cleanup.policy'] in ['delete', 'compact', 'compact,delete']"}
                - {expression: "object.spec.config.all(k, k.matches('^[a-z.]+$'))"}
                - {expression: "object.metadata.name.size() <= 120"}
            ---
            apiVersion: connectops.io/v1alpha1
            kind: Policy
            metadata: {name: connectors}
            spec:
              match: {kinds: [Connector]}
              validations:
                - {expression: "!has(object.spec.tasksMax) || object.spec.tasksMax <= 8"}
                - {expression: "object.spec.class.startsWith('org.apache.kafka.') || object.spec.class.startsWith('io.debezium.')"}
                - {expression: "object.spec.config.all(k, !k.contains('password') || object.spec.config[k] == '(sensitive)' || object.spec.config[k].startsWith('${'))"}
                - {expression: "object.metadata.name.matches('^[a-z0-9-]+$')"}
                - {expression: "object.spec.state in ['running', 'paused', 'stopped']"}
                - {expression: "object.metadata.labels.size() <= 10"}
            ---
            apiVersion: connectops.io/v1alpha1
            kind: Policy
            metadata: {name: sinks}
            spec:
              match: {kinds: [Connector]}
              matchConditions:
                - {name: sinks, expression: "object.spec.class.endsWith('SinkConnector')"}
              validations:
                - {expression: "object.spec.config['errors.tolerance'] == 'all'"}
                - {expression: "'errors.deadletterqueue.topic.name' in object.spec.config"}
                - {expression: "object.spec.config['errors.deadletterqueue.topic.name'].startsWith('dlq.')"}
            ---
            apiVersion: connectops.io/v1alpha1
            kind: Policy
            metadata: {name: everything}
            spec:
              validations:
                - {expression: "object.metadata.name != ''"}
                - {expression: "object.apiVersion == 'connectops.io/v1alpha1'"}
                - {expression: "object.kind != 'Acl'"}
            """;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        StringBuilder files = new StringBuilder("""
                apiVersion: connectops.io/v1alpha1
                kind: KafkaCluster
                metadata: {name: main}
                spec: {bootstrapServers: "localhost:9092"}
                ---
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: prod}
                spec: {url: "http://localhost:8083"}
                """);
        for (int i = 0; i < n / 2; i++) {
            files.append("---\napiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: orders.t").append(i)
                    .append("}\nspec: {partitions: 6, replicationFactor: 3, config: {retention.ms: '86400000', cleanup.policy: delete}}\n");
            files.append("---\napiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: sink-").append(i)
                    .append(", labels: {team: orders}}\nspec:\n  class: org.apache.kafka.connect.file.FileStreamSinkConnector\n  tasksMax: 2\n")
                    .append("  config: {topics: orders.t").append(i).append(", file: /tmp/x, errors.tolerance: all, ")
                    .append("errors.deadletterqueue.topic.name: dlq.orders, connection.password: '${file:/s:p}'}\n");
        }
        Declarations declarations = DeclarationLoader.load(List.of(new InputFiles.Input("bench.yaml", files.toString()),
                new InputFiles.Input("policies.yaml", POLICIES))).declarations();
        Targets targets = OfflineValidator.resolve(declarations, null, true, null, Map.of());
        List<PolicyObjects.PolicyObject> objects = PolicyObjects.of(targets);
        int rules = declarations.policies().stream().mapToInt(p -> p.validations().size()).sum();

        Map<String, List<Long>> times = new LinkedHashMap<>();
        PolicyOutcome outcome = null;
        for (int run = 0; run < 7; run++) {
            long start = System.nanoTime();
            Policies policies = Policies.compile(declarations.policies());
            long compiled = System.nanoTime();
            List<PolicyObjects.PolicyObject> fresh = PolicyObjects.of(targets);
            long built = System.nanoTime();
            outcome = policies.check(fresh);
            long checked = System.nanoTime();
            if (run >= 2) {
                times.computeIfAbsent("compile " + rules + " rules", k -> new ArrayList<>()).add((compiled - start) / 1_000_000);
                times.computeIfAbsent("objects of " + objects.size() + " resources", k -> new ArrayList<>()).add((built - compiled) / 1_000_000);
                times.computeIfAbsent("check " + objects.size() + " resources x " + rules + " rules", k -> new ArrayList<>())
                        .add((checked - built) / 1_000_000);
            }
        }
        System.out.println("# connectops policy benchmark (" + Runtime.getRuntime().availableProcessors() + " cores)\n");
        System.out.println("| step | min (ms) | median (ms) | max (ms) |");
        System.out.println("|---|---|---|---|");
        times.forEach((step, list) -> {
            List<Long> sorted = list.stream().sorted().toList();
            System.out.println("| " + step + " | " + sorted.get(0) + " | " + sorted.get(sorted.size() / 2) + " | " + sorted.get(sorted.size() - 1) + " |");
        });
        System.out.println("\nviolations: " + outcome.violations().size() + " (expected 0: every resource passes every rule)");
    }
}
