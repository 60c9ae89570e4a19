package dev.fleetsim.node.results;

import dev.fleetsim.host.BadInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A result folder held by one run or sweep: checked before the first run starts (a folder, writable, holding
 * nothing fleetsim did not write and no run beyond the study's) and locked ({@code .lock}, an OS file lock that a
 * killed process gives up) so two sweeps never write into one folder.
 */
public final class ResultFolder implements AutoCloseable {

    /** What fleetsim writes at a result folder's top level. */
    static final Set<String> OWN_FILES = Set.of("runs", "summary.json", "summary.csv", "cells.csv", "vms.csv",
            "hosts.csv", "report.html", "study.json", ".lock", ResultWriter.ASIDE);
    private static final Pattern RUN = Pattern.compile("(\\d{4,9})(\\.partial|\\.damaged)?");

    private final FileChannel channel;
    private final FileLock lock;

    private ResultFolder(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes {@code dir} for a study of {@code runs} runs, creating it if need be. */
    public static ResultFolder take(Path dir, int runs) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("--out " + dir + ": is a file; expected a result folder (new or of this study)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException("--out " + dir + ": cannot create the folder (" + e + ")");
        }
        checkContents(dir, runs);
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BadInputException("--out " + dir + ": cannot write there (" + e + ")");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new BadInputException("--out " + dir + ": another fleetsim run or sweep is writing there "
                    + "(it holds " + dir.resolve(".lock") + "); wait for it or choose another --out");
        }
        return new ResultFolder(channel, lock);
    }

    private static void checkContents(Path dir, int runs) {
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString())
                    .filter(n -> !OWN_FILES.contains(n)).sorted().toList();
            if (!foreign.isEmpty()) {
                throw new BadInputException("--out " + dir + ": holds files fleetsim did not write ("
                        + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                        + (foreign.size() > 3 ? ", ..." : "") + "); choose a new folder or one of this study");
            }
            Path runsDir = dir.resolve("runs");
            if (!Files.isDirectory(runsDir)) {
                return;
            }
            try (Stream<Path> stored = Files.list(runsDir)) {
                for (String name : stored.map(p -> p.getFileName().toString()).sorted().toList()) {
                    Matcher m = RUN.matcher(name);
                    if (!m.matches()) {
                        throw new BadInputException("--out " + dir + ": runs/" + name + " is not a run fleetsim "
                                + "wrote; choose a new folder or one of this study");
                    }
                    if (m.group(2) == null && Integer.parseInt(m.group(1)) >= runs) {
                        throw new BadInputException("--out " + dir + ": holds results of another study (run "
                                + name + ", this study has " + runs + " runs); choose another --out");
                    }
                }
            }
        } catch (IOException e) {
            throw new BadInputException("--out " + dir + ": cannot read the folder (" + e + ")");
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to keep: the lock goes with the channel
        }
    }
}
