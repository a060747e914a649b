package io.connectops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;

import io.connectops.secrets.Sealing;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Encrypt a value, or every value of a properties file, so it can be committed to Git.",
            "A sealed value is bound to its variable name: it opens only under that name, only with the private key.",
            "Examples:",
            "  printf %%s \"$DB_PASSWORD\" | connectops seal --public-key connectops-seal.pub --name db.password",
            "  connectops seal --public-key connectops-seal.pub --file secrets.properties > secrets/db.properties"})
final class SealCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--public-key", paramLabel = "FILE", required = true, description = "The public key from 'connectops keygen'.")
    Path publicKey;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--name", paramLabel = "NAME", description = "Seal one value (read from standard input) for the variable NAME.")
        String name;

        @Option(names = "--file", paramLabel = "FILE", description = "Seal every value of a key=value properties file; prints the sealed file.")
        Path file;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PublicKey key = Sealing.readPublicKey(Files.readString(publicKey));
        if (what.name != null) {
            String value = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            // "echo secret |" adds a newline nobody means to seal.
            if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("nothing to seal: pipe the value into standard input");
            }
            out.println(Sealing.seal(key, what.name, value));
        } else {
            out.print(sealProperties(key, what.file));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The file with each value sealed under its key; comments and blank lines stay, sealed values stay as they are. */
    static String sealProperties(PublicKey key, Path file) throws IOException {
        StringBuilder sealed = new StringBuilder();
        int lineNumber = 0;
        for (String line : Files.readString(file).split("\r?\n", -1)) {
            lineNumber++;
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                sealed.append(line);
            } else if (equals <= 0) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": expected 'key=value'");
            } else {
                String name = trimmed.substring(0, equals).strip();
                String value = trimmed.substring(equals + 1).strip();
                sealed.append(name).append('=').append(Sealing.isSealed(value) ? value : Sealing.seal(key, name, value));
            }
            sealed.append('\n');
        }
        return sealed.toString().replaceAll("\n+$", "\n");
    }
}
