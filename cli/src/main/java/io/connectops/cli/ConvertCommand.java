package io.connectops.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.connectops.load.DeclarationLoader;
import io.connectops.model.Diagnostic;
import io.connectops.load.InputFiles;
import io.connectops.model.ConnectorSpec;
import io.connectops.output.NativeYaml;
import io.connectops.plan.Sensitivity;
import io.connectops.render.Templates;
import io.connectops.render.Variables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Print the connectops equivalent of streaming-ops ConfigMaps (connect and ccloud), CFK Connectors and KafkaTopics, "
                + "Strimzi KafkaConnectors, KafkaTopics and KafkaUsers: the migration aid.",
            "Variables stay variables: a jq $SCHEMA_REGISTRY_URL becomes {{ SCHEMA_REGISTRY_URL }} and env.X becomes {{ env.X }}, "
                + "so no value (secret or not) is needed or printed."})
final class ConvertCommand implements Callable<Integer> {
    @ParentCommand
    ConnectopsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--filename"}, paramLabel = "PATH", required = true,
            description = "A file, a directory (recursive) or - for standard input. Repeatable.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR", description = "Write one file per connector here (default: standard output).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DeclarationLoader.Result result = DeclarationLoader.load(InputFiles.read(paths, System.in), Variables.symbolic(),
                io.connectops.kinds.Kinds.readers());
        for (Diagnostic warning : result.warnings()) {
            err.println("warning: " + warning);
        }
        if (!result.declarations().clusters().isEmpty()) {
            err.println("note: " + result.declarations().clusters().size() + " ConnectCluster document(s) are connectops' own already: not repeated");
        }
        List<String> documents = new ArrayList<>();
        Sensitivity sensitivity = Sensitivity.byName();
        int[] masked = {0};
        java.util.Set<String> written = new java.util.HashSet<>();
        for (ConnectorSpec connector : result.declarations().connectors()) {
            String yaml = "# from " + connector.source() + "\n" + NativeYaml.connector(connector, (key, value) -> {
                // A secret written in clear in the old format is not copied: it belongs in --secrets-dir or a sealed value.
                if (Templates.hasTemplate(value) || sensitivity.display(key, value).equals(value)) {
                    return value;
                }
                masked[0]++;
                return ExportCommand.SECRET_PLACEHOLDER;
            });
            if (dir != null) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(FileNames.unique(connector.name(), written)), yaml);
            } else {
                documents.add(yaml);
            }
        }
        io.connectops.model.Declarations declared = result.declarations();
        java.util.Set<String> userPrincipals = new java.util.HashSet<>();
        declared.users().forEach(u -> userPrincipals.add(u.principal()));
        List<String[]> kafkaDocs = new ArrayList<>();
        declared.topics().forEach(t -> kafkaDocs.add(new String[] {"topic-" + t.name(), "# from " + t.source() + "\n" + NativeYaml.topic(t)}));
        // Kinds added as plug-ins (client quotas, from a Strimzi KafkaUser's spec.quotas) write their own native form.
        declared.kafkaResources().forEach(r -> io.connectops.kinds.Kinds.KAFKA.stream().filter(k -> k.kind().equals(r.kind())).findFirst()
                .ifPresent(kind -> kafkaDocs.add(new String[] {r.kind().toLowerCase(java.util.Locale.ROOT) + "-" + r.name().replaceAll("[^A-Za-z0-9.-]+", "-"),
                        "# from " + r.source() + "\n" + kind.toNative(r)})));
        declared.acls().stream().filter(a -> !userPrincipals.contains(a.principal())).forEach(a -> kafkaDocs.add(new String[] {
                "acl-" + a.principal().replace(':', '-'), "# from " + a.source() + "\n" + NativeYaml.acl(a)}));
        for (io.connectops.model.UserSpec user : declared.users()) {
            // A user's ACLs go with it, as Strimzi keeps them.
            String yaml = "# from " + user.source() + "\n" + NativeYaml.user(user);
            for (io.connectops.model.AclSpec acl : declared.acls()) {
                if (acl.principal().equals(user.principal())) {
                    yaml += "---\n" + NativeYaml.acl(acl);
                }
            }
            kafkaDocs.add(new String[] {"user-" + user.name(), yaml});
        }
        for (String[] doc : kafkaDocs) {
            if (dir != null) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(FileNames.unique(doc[0], written)), doc[1]);
            } else {
                documents.add(doc[1]);
            }
        }
        if (masked[0] > 0) {
            err.println("warning: " + masked[0] + " secret value(s) written in clear were not copied; each reads '"
                    + ExportCommand.SECRET_PLACEHOLDER + "': use a ConfigProvider placeholder, or {{ NAME }} with --secrets-dir or a sealed value");
        }
        if (dir == null) {
            out.print(NativeYaml.documents(documents));
        } else {
            out.println("converted " + result.declarations().connectors().size() + " connector(s) into " + dir);
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }
}
