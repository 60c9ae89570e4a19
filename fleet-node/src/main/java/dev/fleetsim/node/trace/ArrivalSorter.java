package dev.fleetsim.node.trace;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Puts the VMs of a trace whose rows are not in order of creation into arrival order without holding the trace:
 * it sorts a chunk of VMs ({@value #CHUNK} in a run) at a time in memory, writes each sorted chunk to a temporary file of
 * fixed-size records, and merges the files as the run reads them (an external merge sort). A trace that fits in
 * one chunk stays in memory. Ties go to the earlier row, as in a trace read in order.
 */
final class ArrivalSorter implements AutoCloseable {

    static final int CHUNK = 1 << 18;
    private static final Comparator<TraceTimeline.Arrival> ORDER = Comparator
            .comparingLong(TraceTimeline.Arrival::arrivalNanos).thenComparingLong(TraceTimeline.Arrival::ordinal);

    private final List<Path> runFiles = new ArrayList<>();
    private final PriorityQueue<Run> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));
    private Iterator<TraceTimeline.Arrival> inMemory;

    /** Sorts everything {@code arrivals} yields (null ends it), {@code chunk} VMs to a file. */
    ArrivalSorter(java.util.function.Supplier<TraceTimeline.Arrival> arrivals, int chunk) {
        List<TraceTimeline.Arrival> pending = new ArrayList<>();
        try {
            for (TraceTimeline.Arrival a = arrivals.get(); a != null; a = arrivals.get()) {
                pending.add(a);
                if (pending.size() == chunk) {
                    spill(pending);
                }
            }
            pending.sort(ORDER);
            if (runFiles.isEmpty()) {
                inMemory = pending.iterator();
                return;
            }
            spill(pending);
            for (Path file : runFiles) {
                Run run = new Run(new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)));
                if (run.advance()) {
                    heads.add(run);
                }
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("sorting a trace in temporary files", e);
        }
    }

    private void spill(List<TraceTimeline.Arrival> chunk) throws IOException {
        chunk.sort(ORDER);
        Path file = Files.createTempFile("fleetsim-trace-run-", ".bin");
        runFiles.add(file);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                1 << 16))) {
            for (TraceTimeline.Arrival a : chunk) {
                out.writeLong(a.arrivalNanos());
                out.writeLong(a.lifetimeNanos());
                out.writeLong(a.memoryBytes());
                out.writeInt(a.vcpus());
                out.writeLong(a.ordinal());
            }
        }
        chunk.clear();
    }

    /** The next VM in arrival order, or null after the last. */
    TraceTimeline.Arrival next() {
        if (inMemory != null) {
            return inMemory.hasNext() ? inMemory.next() : null;
        }
        Run run = heads.poll();
        if (run == null) {
            return null;
        }
        TraceTimeline.Arrival a = run.head;
        try {
            if (run.advance()) {
                heads.add(run);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a sorted trace run", e);
        }
        return a;
    }

    @Override
    public void close() {
        for (Run run : heads) {
            run.close();
        }
        heads.clear();
        for (Path file : runFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is the operating system's to clean; the run's results are whole
            }
        }
    }

    /** One sorted file and the record at its head. */
    private static final class Run {
        final DataInputStream in;
        TraceTimeline.Arrival head;

        Run(DataInputStream in) {
            this.in = in;
        }

        boolean advance() throws IOException {
            try {
                head = new TraceTimeline.Arrival(in.readLong(), in.readLong(), in.readLong(), in.readInt(),
                        in.readLong());
                return true;
            } catch (EOFException e) {
                close();
                return false;
            }
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                // nothing is lost: the file is deleted next
            }
        }
    }
}
