package io.connectops.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

import io.connectops.secrets.Sealing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Make a key pair for sealed values: the public key seals (commit it), the private key opens (keep it out of Git).",
            "Writes NAME.pub and NAME.key (readable by the owner only)."})
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where to write the keys (default: current directory).")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "connectops-seal", description = "File name stem (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--force", description = "Overwrite existing key files (values sealed for the old key can no longer be opened).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path publicFile = dir.resolve(name + ".pub");
        Path privateFile = dir.resolve(name + ".key");
        if (!force && (Files.exists(publicFile) || Files.exists(privateFile))) {
            throw new IllegalStateException(privateFile + " or " + publicFile + " exists already: values sealed for it would be lost; "
                    + "use another --name, or --force");
        }
        Files.createDirectories(dir);
        Sealing.KeyPairPem pair = Sealing.generate();
        Files.deleteIfExists(privateFile);
        try {
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(privateFile);
        }
        Files.writeString(privateFile, pair.privatePem());
        Files.writeString(publicFile, pair.publicPem());
        String keyId = Sealing.keyId(Sealing.readPublicKey(pair.publicPem()));
        out.println("key id " + keyId);
        out.println("public key (seal with it, commit it): " + publicFile);
        out.println("private key (opens sealed values; keep it out of Git): " + privateFile);
        out.println("next: connectops seal --public-key " + publicFile + " --name db.password < value.txt");
        out.flush();
        return ExitCodes.OK;
    }
}
