package io.connectops.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real distributed Connect worker in a child JVM started from this JVM's classpath, so fault tests
 * can {@link #kill()} it with SIGKILL like a crashed machine.
 */
public final class ChildConnectWorker implements ConnectWorker {
    private final Process process;
    private final URI restUrl;
    private final Path logFile;

    private ChildConnectWorker(Process process, URI restUrl, Path logFile) {
        this.process = process;
        this.restUrl = restUrl;
        this.logFile = logFile;
    }

    /** Starts the worker; returns once the process runs (use {@link Readiness} to wait for its REST API). */
    public static ChildConnectWorker start(Map<String, String> workerProperties, int restPort, Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path propsFile = workDir.resolve("worker-" + restPort + ".properties");
            Properties props = new Properties();
            props.putAll(workerProperties);
            try (OutputStream out = Files.newOutputStream(propsFile)) {
                props.store(out, "connectops child worker");
            }
            Path logFile = workDir.resolve("worker-" + restPort + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    "org.apache.kafka.connect.cli.ConnectDistributed", propsFile.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            return new ChildConnectWorker(builder.start(), URI.create("http://127.0.0.1:" + restPort + "/"), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child Connect worker", e);
        }
    }

    @Override
    public URI restUrl() {
        return restUrl;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGKILL: the worker gets no chance to leave its group cleanly. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: Connect's shutdown hook stops the worker cleanly. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private void waitFor() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
