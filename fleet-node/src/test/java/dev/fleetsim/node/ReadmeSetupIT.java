package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two set-up commands, read from its first code block. The first runs as written, with bash, in a
 * clean clone of this repository's committed state: it must build the jar and run the default study to its
 * results. The second must be the command {@code .ci/run} runs on its clean clone, so CI is that command's literal
 * run (running it here again would run this test inside itself).
 */
class ReadmeSetupIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theTestCommandIsWhatCiRuns() throws IOException {
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci").resolve("run"));
        assertEquals(setUpCommands().get(1), ci.get(ci.size() - 1).strip());
    }

    @Test
    void theRunCommandBuildsAndRunsTheDefaultStudyInACleanClone() throws Exception {
        ExternalTool.require("git", "git");
        ExternalTool.require("maven", "mvn");
        if (!Files.exists(ROOT.resolve(".git"))) {
            String why = ROOT + " is not a git clone";
            if (System.getenv("CI") != null) {
                throw new AssertionError("CI in a folder that " + why.substring(ROOT.toString().length() + 1));
            }
            Assumptions.abort(why + "; skipped (CI is not set)");
        }
        Path clone = dir.resolve("clone");
        try (Jvms processes = new Jvms(dir)) {
            Process git = processes.start("git", List.of("git", "clone", "--quiet", ROOT.toString(), clone.toString()));
            assertTrue(git.waitFor(120, TimeUnit.SECONDS), "git clone did not finish in 2 min");
            assertEquals(0, git.exitValue(), processes.err("git"));
            // this test's JDK first on PATH: the command's own `java` and `mvn` then use the JDK the build uses
            String path = Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH");
            Process run = processes.startIn(clone, "setup", List.of("bash", "-c", setUpCommands().get(0)),
                    Map.of("PATH", path, "JAVA_HOME", System.getProperty("java.home")));
            assertTrue(run.waitFor(15, TimeUnit.MINUTES), "the set-up command did not finish in 15 min");
            assertEquals(0, run.exitValue(), processes.err("setup"));
        }
        String table = Files.readString(dir.resolve("setup.out"));
        assertTrue(table.lines().anyMatch(l -> l.contains("scenario ") && l.contains("speedup")), table);
        assertEquals(2, table.lines().filter(l -> l.matches("(eager|lazy)\\s+(eager-firmware|lazy)\\s+10000\\s.*"))
                .count(), "the default study's two scenarios of 10,000 VMs each:\n" + table);
        try (Stream<Path> results = Files.list(clone.resolve("results"))) {
            Path study = results.findFirst().orElseThrow(() -> new AssertionError("no results folder"));
            assertTrue(Files.size(study.resolve("summary.json")) > 0);
        }
    }

    /** The lines of the README's first code block. */
    private static List<String> setUpCommands() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int open = readme.indexOf("```\n") + 4;
        List<String> commands = readme.substring(open, readme.indexOf("```", open)).strip().lines().toList();
        assertEquals(2, commands.size(), "two set-up commands: " + commands);
        return commands;
    }
}
