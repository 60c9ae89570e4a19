package dev.fleetsim.node;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Processes an integration test starts (fleetsim JVMs from the shaded jar, Prometheus), each with its output in
 * the test's folder, all ended by {@link #stopAll} however the test went.
 */
final class Jvms {

    static final Path JAR = Path.of("target", "fleetsim.jar");

    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    Jvms(Path dir) {
        this.dir = dir;
    }

    /** {@code java [jvmOptions] -jar fleetsim.jar args...}, output in {@code name}.out and {@code name}.err. */
    Process fleetsim(String name, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        return start(name, command);
    }

    Process start(String name, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
        started.add(p);
        return p;
    }

    String err(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".err"));
    }

    /** Waits (at most 60 s) until {@code url} answers 200, failing early if {@code process} dies. */
    void awaitOk(String url, Process process, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " died: " + err(name));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(500);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " not OK in 60 s");
    }

    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
