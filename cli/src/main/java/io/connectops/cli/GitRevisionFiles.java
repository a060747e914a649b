package io.connectops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.connectops.files.BoundedFiles;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The declaration files of a Git revision ({@code git:REF} or {@code git:REF:PATH}), written to a directory so the
 * loader reads them as it reads any files: only *.yaml, *.yml and *.json, each as bounded as a file on disk, at most
 * {@link #MAX_FILES} of them; links are not followed (they are not files in a tree).
 */
final class GitRevisionFiles {
    static final int MAX_FILES = 10_000;

    private GitRevisionFiles() {
    }

    /** Writes the revision's files under {@code path} into {@code into}; the commit's id. */
    static String extract(Path repository, String ref, String path, Path into) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().findGitDir(repository.toAbsolutePath().toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(ref);
            if (id == null) {
                throw new IllegalArgumentException("git:" + ref + ": no such revision in " + repo.getDirectory().getParent());
            }
            RevCommit commit = walk.parseCommit(id);
            try (TreeWalk tree = new TreeWalk(repo)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                String prefix = path == null || path.isBlank() || path.equals(".") ? null : path.replaceAll("/+$", "");
                if (prefix != null) {
                    tree.setFilter(PathFilter.create(prefix));
                }
                int files = 0;
                while (tree.next()) {
                    String name = tree.getPathString();
                    if (!(name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
                            || !tree.getFileMode(0).equals(org.eclipse.jgit.lib.FileMode.REGULAR_FILE)
                            && !tree.getFileMode(0).equals(org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE)) {
                        continue;
                    }
                    if (++files > MAX_FILES) {
                        throw new IllegalArgumentException("git:" + ref + ": more than " + MAX_FILES + " declaration files: name a path");
                    }
                    ObjectLoader blob = repo.open(tree.getObjectId(0));
                    if (blob.getSize() > BoundedFiles.MAX_FILE_BYTES) {
                        throw new IllegalArgumentException("git:" + ref + ":" + name + " is larger than " + (BoundedFiles.MAX_FILE_BYTES >> 20)
                                + " MiB: refused");
                    }
                    Path target = into.resolve(name).normalize();
                    if (!target.startsWith(into)) {
                        continue; // a tree entry never escapes, but a path is checked all the same
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, blob.getBytes());
                }
                if (files == 0) {
                    throw new IllegalArgumentException("git:" + ref + (prefix == null ? "" : ":" + prefix) + ": no *.yaml, *.yml or *.json file there");
                }
            }
            return commit.getName();
        }
    }
}
