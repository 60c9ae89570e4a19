package dev.fleetsim.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test drives from Debian's packages (chromium, prometheus). {@code .ci/run} installs them, so under CI
 * ({@code CI} set) a missing one fails the test; on a developer's machine without it the test is skipped and says
 * which package would run it.
 */
final class ExternalTool {

    private ExternalTool() {
    }

    /** The first of {@code names} on PATH; otherwise the test is skipped, or fails under CI. */
    static Path require(String debianPackage, String... names) {
        Optional<Path> found = onPath(names);
        if (found.isPresent()) {
            return found.get();
        }
        String missing = String.join(" or ", names) + " is not on PATH (Debian package " + debianPackage + ")";
        if (System.getenv("CI") != null) {
            throw new AssertionError("CI without " + missing + ": .ci/run should have installed it");
        }
        Assumptions.abort(missing + "; skipped (CI is not set)");
        throw new AssertionError("unreachable: abort throws");
    }

    static Optional<Path> onPath(String... names) {
        for (String name : List.of(names)) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
