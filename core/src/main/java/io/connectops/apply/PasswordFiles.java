package io.connectops.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import io.connectops.files.BoundedFiles;
import io.connectops.files.PrivateFiles;
import io.connectops.load.PasswordLocations;

/**
 * Generated passwords as files under one directory, the one the person running connectops chose ({@code --passwords-dir}):
 * a location is a relative path inside it, never an absolute one, {@code ..}, or a path through a link (a committed file
 * is not trusted with files outside it). The password alone on one line; the file and its new directories private to
 * the user running connectops.
 */
final class PasswordFiles implements PasswordStore {
    private final Path dir;

    PasswordFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public String refusal(String location) {
        try {
            file(location);
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public Optional<String> read(String location) throws IOException {
        Path file = file(location);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String kept = BoundedFiles.read(file).strip();
        return kept.isEmpty() ? Optional.empty() : Optional.of(kept);
    }

    @Override
    public void write(String location, String user, String password) throws IOException {
        Path file = file(location);
        PrivateFiles.createDirectories(file.getParent());
        file(location); // again, now that the directories exist: none of them may have become a link meanwhile
        PrivateFiles.writeString(file, password + "\n");
    }

    /** The file a location stands for, checked: inside the directory, and no link on the way (the directory itself aside). */
    private Path file(String location) throws IOException {
        if (location.startsWith(SECRET_PREFIX)) {
            throw new IOException("'" + location + "' is a Kubernetes Secret, which only 'connectops operator' writes: give a file path here");
        }
        String problem = PasswordLocations.problem(location);
        if (problem != null) {
            throw new IOException(problem);
        }
        Path file = dir.resolve(location).normalize();
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw new IOException("'" + location + "' is not a file inside the passwords directory " + dir);
        }
        for (Path at = file; !at.equals(dir); at = at.getParent()) {
            if (Files.isSymbolicLink(at)) {
                throw new IOException("'" + location + "' goes through the link " + at + ": passwords are kept in " + dir
                        + " itself, never where a link points");
            }
        }
        return file;
    }
}
