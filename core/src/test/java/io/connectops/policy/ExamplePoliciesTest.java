package io.connectops.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.connectops.load.InputFiles;
import io.connectops.model.InvalidInputException;
import io.connectops.pipeline.Pipeline;
import io.connectops.render.Variable;
import io.connectops.render.VariableFiles;
import io.connectops.secrets.Redactor;
import org.junit.jupiter.api.Test;

/** The library in examples/policies: the examples pass it, and each policy refuses what it is written against. */
class ExamplePoliciesTest {
    static final String LIBRARY = "../examples/policies";

    static Pipeline.Result run(String yaml, Map<String, Variable> secrets) {
        List<InputFiles.Input> inputs = new ArrayList<>(InputFiles.read(List.of(LIBRARY), InputStream.nullInputStream()));
        inputs.add(new InputFiles.Input("resources.yaml", PoliciesTest.CLUSTERS + "---\n" + yaml));
        return Pipeline.run(inputs, new Pipeline.Request(List.of(), InputStream.nullInputStream(),
                VariableFiles.Sources.environmentOnly(Map.of()), null, false), secrets, new Redactor());
    }

    static String refused(String yaml) {
        return assertThrows(InvalidInputException.class, () -> run(yaml, Map.of())).getMessage();
    }

    /** {@code config} starts with "connector.class: X" (as a streaming-ops file would write it): X becomes spec.class. */
    static String connector(String name, String config) {
        String[] first = config.split(",", 2);
        String connectorClass = first[0].substring(first[0].indexOf(':') + 1).strip();
        return "apiVersion: connectops.io/v1alpha1\nkind: Connector\nmetadata: {name: " + name + "}\nspec:\n  class: " + connectorClass
                + "\n  config: {" + (first.length > 1 ? first[1] : "") + "}\n";
    }

    @Test
    void theExamplesPassTheLibrary() {
        Pipeline.Result result = Pipeline.run(new Pipeline.Request(List.of("../examples"), InputStream.nullInputStream(),
                VariableFiles.Sources.environmentOnly(Map.of()), null, false), new Redactor());
        assertEquals(8, result.declarations().policies().size(), "every policy of the library is read with -f examples");
        assertTrue(result.warnings().stream().noneMatch(w -> w.message().contains("violates")), result.warnings().toString());
    }

    @Test
    void eachPolicyRefusesWhatItIsWrittenAgainst() {
        assertTrue(refused("apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: Orders_Raw}\nspec: {partitions: 3}\n")
                .contains("Topic name Orders_Raw is not lowercase words joined by . or -"));
        assertTrue(refused("apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: orders}\nspec: {partitions: 48}\n")
                .contains("topic orders asks for 48 partitions: at most 12"));
        assertTrue(refused("apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: orders}\n"
                + "spec: {partitions: 3, replicationFactor: 3, config: {min.insync.replicas: 3}}\n").contains("min.insync.replicas must be below"));
        assertTrue(refused("apiVersion: connectops.io/v1alpha1\nkind: Topic\nmetadata: {name: orders}\nspec: {config: {retention.ms: '-1'}}\n")
                .contains("retention.ms is at least an hour"));
        String sink = refused(connector("jdbc-sink", "connector.class: io.confluent.connect.jdbc.JdbcSinkConnector, topics: orders"));
        assertTrue(sink.contains("sink jdbc-sink stops at the first bad record") && sink.contains("without a dead-letter queue"), sink);
        assertTrue(refused(connector("odd", "connector.class: com.example.UnreviewedSourceConnector"))
                .contains("connector class com.example.UnreviewedSourceConnector is not on the reviewed list"));
        assertTrue(refused(connector("src", "connector.class: org.apache.kafka.connect.file.FileStreamSourceConnector, file: /x")
                .replace("  class:", "  tasksMax: 32\n  class:")).contains("tasks.max is at most 8"));
        String plain = refused(connector("db", "connector.class: io.debezium.connector.postgresql.PostgresConnector, "
                + "database.password: hunter2-in-git, database.user: app"));
        assertTrue(plain.contains("connector db writes database.password in the file") && !plain.contains("hunter2"), plain);
    }

    @Test
    void aPasswordFromASecretOrAConfigProviderPasses() {
        Map<String, Variable> secrets = Map.of("db.password", new Variable("db.password", "s3cr3t-value", true,
                new io.connectops.model.SourceLocation("secrets", 1, 1)));
        run(connector("db", "connector.class: io.debezium.connector.postgresql.PostgresConnector, database.password: '{{ db.password }}', "
                + "database.user: app") + "---\n" + connector("db2", "connector.class: io.debezium.connector.postgresql.PostgresConnector, "
                + "database.password: '${file:/etc/secrets/db.properties:password}'"), secrets);
    }
}
