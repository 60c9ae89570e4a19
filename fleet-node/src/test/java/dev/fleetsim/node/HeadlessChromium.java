package dev.fleetsim.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, for checking that a report renders. {@code .ci/run} installs it; on a machine without
 * it the check is skipped, except under CI, where its absence fails the test.
 */
final class HeadlessChromium {

    /** The window width pages are drawn at: a laptop's. */
    private static final int WIDTH = 1280;

    private final String executable;
    private final Path profile;

    private HeadlessChromium(String executable, Path profile) {
        this.executable = executable;
        this.profile = profile;
    }

    /** Chromium with its profile under {@code scratch}. */
    static HeadlessChromium find(Path scratch) {
        Path executable = ExternalTool.require("chromium", "chromium", "chromium-browser", "google-chrome");
        return new HeadlessChromium(executable.toString(), scratch.resolve("chromium-profile"));
    }

    /**
     * The DOM of {@code page} after its scripts ran, checked for charts that were not drawn (a report marks its
     * page with how many it drew, or the first error).
     */
    String renderedDom(Path page) throws Exception {
        String dom = run("--window-size=" + WIDTH + ",1000", "--dump-dom", page.toUri().toString());
        String html = Files.readString(page);
        int charts = html.split("<div class=\"chart\" data-chart=\"", -1).length - 1;
        assertEquals(null, attribute(dom, "data-chart-error"), "a chart failed");
        assertEquals(String.valueOf(charts), attribute(dom, "data-charts-drawn"), "charts drawn of " + page);
        return dom;
    }

    /** A screenshot of the whole page, as tall as the page is once drawn. */
    void fullPageScreenshot(Path page, Path png) throws Exception {
        String height = attribute(renderedDom(page), "data-page-height");
        run("--screenshot=" + png, "--window-size=" + WIDTH + "," + height, page.toUri().toString());
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : null;
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
