package dev.fleetsim.node.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What one of a run's files held when the run was stored: its rows (lines after the header) and SHA-256. A file
 * cut or changed since (a disk that filled, a copy that stopped) no longer matches, so the run counts as damaged
 * rather than finished.
 */
public record RunFileCheck(String name, long rows, String sha256) {

    static RunFileCheck of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new RunFileCheck(file.getFileName().toString(), Math.max(0, lines - 1),
                HexFormat.of().formatHex(digest.digest()));
    }

    /** What is wrong with this file in {@code runDir} now, if anything. */
    Optional<String> problemIn(Path runDir) {
        Path file = runDir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.of(name + " is missing");
        }
        try {
            RunFileCheck now = of(file);
            if (now.rows != rows) {
                return Optional.of(name + " has " + now.rows + " rows, run.json says " + rows);
            }
            return now.sha256.equals(sha256) ? Optional.empty()
                    : Optional.of(name + " differs from what was written (SHA-256)");
        } catch (IOException e) {
            return Optional.of(name + " cannot be read: " + e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        MessageDigest digest = newDigest();
        return HexFormat.of().formatHex(digest.digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
