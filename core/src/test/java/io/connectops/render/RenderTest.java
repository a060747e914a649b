package io.connectops.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.InvalidInputException;
import io.connectops.model.ConnectorSpec;
import io.connectops.secrets.Sealing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderTest {
    @TempDir
    Path dir;

    static ConnectorSpec load(String yaml, Variables variables) {
        return DeclarationLoader.load(List.of(new InputFiles.Input("c.yaml", yaml)), variables).declarations().connectors().get(0);
    }

    static final String CONNECTOR = """
            apiVersion: connectops.io/v1alpha1
            kind: Connector
            metadata: {name: "{{ prefix }}-orders"}
            spec:
              class: org.example.Sink
              tasksMax: "{{ tasks }}"
              config:
                topics: "{{ prefix }}.orders"
                connection.url: "jdbc:postgresql://{{ db.host }}/app"
                connection.user: "{{ env.DB_USER }}"
                connection.password: "${file:/etc/kafka/secrets.properties:db.password}"
                literal.braces: "\\\\{{ not a variable }}"
            """;

    @Test
    void templatesFillAnyStringAndLeaveConfigProviderPlaceholdersAlone() throws Exception {
        Files.writeString(dir.resolve("values.yaml"), "prefix: shop\ntasks: 3\ndb:\n  host: db.internal:5432\n");
        Variables variables = VariableFiles.load(new VariableFiles.Sources(List.of(dir.resolve("values.yaml")), List.of(), List.of(),
                null, Map.of("DB_USER", "app_user")));
        ConnectorSpec spec = load(CONNECTOR, variables);
        assertEquals("shop-orders", spec.name());
        assertEquals(3, spec.tasksMax());
        assertEquals("shop.orders", spec.config().get("topics"));
        assertEquals("jdbc:postgresql://db.internal:5432/app", spec.config().get("connection.url"));
        assertEquals("app_user", spec.config().get("connection.user"));
        assertEquals("${file:/etc/kafka/secrets.properties:db.password}", spec.config().get("connection.password"));
        assertEquals("{{ not a variable }}", spec.config().get("literal.braces"));
        assertEquals(Set.of(), spec.sensitiveKeys(), "an ordinary environment variable is not secret (DB_USER matches no secret pattern)");
    }

    @Test
    void aMissingVariableNamesFileLineKeyAndVariable() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(CONNECTOR, Variables.none()));
        String all = e.getMessage();
        assertTrue(all.contains("c.yaml:8:5: in 'spec.config.topics': variable 'prefix' is not defined"), all);
        assertTrue(all.contains("c.yaml:10:5: in 'spec.config.connection.user': variable 'env.DB_USER' is not defined: no environment variable DB_USER is visible (only those allowed are: --allow-env DB_USER"), all);
        assertTrue(e.diagnostics().size() >= 4, all);
    }

    @Test
    void propertiesDirectoriesSplitAtTheFirstEqualsAndGiveJqNames() throws Exception {
        Path vars = Files.createDirectories(dir.resolve("vars"));
        Files.writeString(vars.resolve("a.properties"), "# comment\nschema.registry.url=https://sr:8081\n\nsasl.jaas.config=a=b c=d;\n");
        Files.writeString(vars.resolve("ignored.txt"), "not=read\n");
        Variables variables = VariableFiles.load(new VariableFiles.Sources(List.of(), List.of(vars), List.of(), null, Map.of()));
        assertEquals("https://sr:8081", variables.lookup("schema.registry.url").orElseThrow().value());
        assertEquals("https://sr:8081", variables.lookup("SCHEMA_REGISTRY_URL").orElseThrow().value());
        assertEquals("a=b c=d;", variables.lookup("SASL_JAAS_CONFIG").orElseThrow().value());
        assertTrue(variables.lookup("not").isEmpty());
        Files.writeString(vars.resolve("b.properties"), "good=1\nno separator here\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> VariableFiles.load(new VariableFiles.Sources(List.of(), List.of(vars), List.of(), null, Map.of())));
        assertTrue(e.getMessage().contains("b.properties:2:1: expected 'key=value'"), e.getMessage());
    }

    @Test
    void sealedValuesOpenWithThePrivateKeyAndAreSecretWhereverTheyAre() throws Exception {
        Sealing.KeyPairPem keys = Sealing.generate();
        String sealed = Sealing.seal(Sealing.readPublicKey(keys.publicPem()), "db.password", "pa55word!");
        Files.writeString(dir.resolve("values.yaml"), "db:\n  password: " + sealed + "\n  user: app\n");
        VariableFiles.Sources sources = new VariableFiles.Sources(List.of(dir.resolve("values.yaml")), List.of(), List.of(),
                keys.privatePem(), Map.of());
        Variables variables = VariableFiles.load(sources);
        assertEquals("pa55word!", variables.lookup("db.password").orElseThrow().value());
        assertTrue(variables.lookup("db.password").orElseThrow().secret());
        assertTrue(!variables.lookup("db.user").orElseThrow().secret());

        InvalidInputException noKey = assertThrows(InvalidInputException.class, () -> VariableFiles.load(
                new VariableFiles.Sources(List.of(dir.resolve("values.yaml")), List.of(), List.of(), null, Map.of())));
        assertTrue(noKey.getMessage().contains("values.yaml:2:3: 'db.password' is sealed but no private key was given"), noKey.getMessage());
        InvalidInputException wrongKey = assertThrows(InvalidInputException.class, () -> VariableFiles.load(
                new VariableFiles.Sources(List.of(dir.resolve("values.yaml")), List.of(), List.of(), Sealing.generate().privatePem(), Map.of())));
        assertTrue(wrongKey.getMessage().contains("sealed for another key"), wrongKey.getMessage());
        assertTrue(!wrongKey.getMessage().contains("pa55word"), "never the value");
    }

    @Test
    void secretsDirectoryValuesMarkTheKeysThatUseThem() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("db.properties"), "db.password=hunter2hunter2\n");
        Variables variables = VariableFiles.load(new VariableFiles.Sources(List.of(), List.of(), List.of(secrets), null, Map.of()));
        ConnectorSpec spec = load("""
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: c}
                spec:
                  class: org.example.Sink
                  config:
                    jdbc.url: "jdbc:x://db/app?pw={{ db.password }}"
                    plain: "x"
                """, variables);
        assertEquals(Set.of("jdbc.url"), spec.sensitiveKeys());
        assertEquals("jdbc:x://db/app?pw=hunter2hunter2", spec.config().get("jdbc.url"));
    }
}
