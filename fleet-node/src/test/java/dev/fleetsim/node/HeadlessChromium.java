package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, for checking that a report renders. {@code .ci/run} installs it; on a machine without
 * it the check is skipped, except under CI, where its absence fails the test.
 */
final class HeadlessChromium {

    private final String executable;
    private final Path profile;

    private HeadlessChromium(String executable, Path profile) {
        this.executable = executable;
        this.profile = profile;
    }

    /** Chromium with its profile under {@code scratch}. */
    static HeadlessChromium find(Path scratch) {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv("PATH").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return new HeadlessChromium(Path.of(dir, name).toString(), scratch.resolve("chromium-profile"));
                }
            }
        }
        Assumptions.assumeTrue(System.getenv("CI") == null, "no chromium on PATH");
        throw new AssertionError("CI without chromium: .ci/run should have installed it");
    }

    /**
     * The DOM of {@code page} after loading it, checked for images that failed to decode (a report marks its page
     * through each image's onerror attribute).
     */
    String renderedDom(Path page) throws Exception {
        String dom = run("--dump-dom", page.toUri().toString());
        assertTrue(dom.contains("</figure>"), "the page rendered its figures");
        assertTrue(!dom.contains("data-broken-images=\"yes\""), "an image failed to decode: " + page);
        return dom;
    }

    void screenshot(Path page, Path png) throws Exception {
        run("--screenshot=" + png, "--window-size=1280,3000", page.toUri().toString());
    }

    private String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(executable, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), "chromium exit status");
        return out;
    }
}
