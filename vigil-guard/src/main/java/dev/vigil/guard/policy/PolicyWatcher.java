package dev.vigil.guard.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reloads a policy file when its content changes. {@link #reloadIfChanged()} is called on a schedule
 * by the server (and directly by tests). An invalid new file leaves the current policy in force and
 * its problems are kept in {@link #lastProblems()}.
 */
public final class PolicyWatcher {
    private final Path file;
    private final Consumer<Policy> apply;
    private byte[] lastContent;
    private volatile List<String> lastProblems = List.of();

    public PolicyWatcher(Path file, Consumer<Policy> apply) throws IOException {
        this.file = file;
        this.apply = apply;
        this.lastContent = Files.readAllBytes(file);
    }

    /** Returns true when a new valid policy was applied. */
    public synchronized boolean reloadIfChanged() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            lastProblems = List.of("cannot read " + file + ": " + e.getClass().getSimpleName());
            return false;
        }
        if (Arrays.equals(content, lastContent)) {
            return false;
        }
        lastContent = content;
        try {
            Policy p = PolicyFile.parse(new String(content, java.nio.charset.StandardCharsets.UTF_8), file.toString());
            apply.accept(p);
            lastProblems = List.of();
            return true;
        } catch (PolicyException e) {
            lastProblems = e.problems();
            return false;
        }
    }

    public List<String> lastProblems() {
        return lastProblems;
    }
}
