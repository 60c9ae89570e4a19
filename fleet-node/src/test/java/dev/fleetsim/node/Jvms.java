package dev.fleetsim.node;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Processes an integration test starts (fleetsim JVMs from the shaded jar, Prometheus), each with its output in
 * the test's folder, all ended by {@link #stopAll} however the test went.
 */
final class Jvms implements AutoCloseable {

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
        return start(name, command, Map.of());
    }

    /** {@code command} with {@code env} added to this JVM's environment, less any FLEETSIM_ variable of its own. */
    Process start(String name, List<String> command, Map<String, String> env) throws IOException {
        return start(name, withEnvironment(new ProcessBuilder(command), env));
    }

    /** {@code command} run in {@code directory}. */
    Process startIn(Path directory, String name, List<String> command) throws IOException {
        return start(name, new ProcessBuilder(command).directory(directory.toFile()));
    }

    /** {@code command} run in {@code directory}, with {@code env} as in {@link #start(String, List, Map)}. */
    Process startIn(Path directory, String name, List<String> command, Map<String, String> env) throws IOException {
        return start(name, withEnvironment(new ProcessBuilder(command).directory(directory.toFile()), env));
    }

    private static ProcessBuilder withEnvironment(ProcessBuilder builder, Map<String, String> env) {
        builder.environment().keySet().removeIf(k -> k.startsWith("FLEETSIM_"));
        builder.environment().putAll(env);
        return builder;
    }

    private Process start(String name, ProcessBuilder builder) throws IOException {
        Process p = builder.redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
        started.add(p);
        return p;
    }

    String err(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".err"));
    }

    /** Waits (at most 60 s) until {@code url} answers 200, failing early if {@code process} dies. */
    void awaitOk(String url, Process process, String name) throws Exception {
        awaitOk(url, process, name, 60);
    }

    void awaitOk(String url, Process process, String name, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
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
        String log = err(name);
        throw new AssertionError(url + " not OK in " + seconds + " s; " + name + " logged, last:\n"
                + log.substring(Math.max(0, log.length() - 3000)));
    }

    @Override
    public void close() throws InterruptedException {
        stopAll();
    }

    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Below Linux's default ephemeral range (32768 up), the source ports of connections the nodes open. */
    private static final int FIRST_PORT = 20_000;
    private static final int PORTS = 12_000;
    private static final AtomicInteger NEXT = new AtomicInteger(new SplittableRandom().nextInt(PORTS));

    /**
     * A port free now, and one a connection cannot take before the node binds it: a port from the kernel's
     * ephemeral range (what {@code new ServerSocket(0)} gives) may become the source port of one node's connection
     * to another in the seconds until the next node starts.
     */
    static int freePort() throws IOException {
        for (int tries = 0; tries < PORTS; tries++) {
            int port = FIRST_PORT + Math.floorMod(NEXT.getAndIncrement(), PORTS);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // the next one
            }
        }
        throw new IOException("no free port in " + FIRST_PORT + ".." + (FIRST_PORT + PORTS - 1));
    }
}
