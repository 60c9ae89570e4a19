package dev.fleetsim.node.trace;

import dev.fleetsim.host.InputValues;
import dev.fleetsim.node.study.StudyException;
import dev.fleetsim.node.study.TraceReading;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The VM table of the Azure Public Dataset V1 and V2 ({@code vmtable.csv}, or {@code .csv.gz}), which has no
 * header row: vmid, subscriptionid, deploymentid, vmcreated, vmdeleted (seconds from the trace's start), maxcpu,
 * avgcpu, p95maxcpu, vmcategory, vmcorecountbucket, vmmemorybucket (GB). V2 gives cores and memory as buckets
 * named by their upper bound ({@code 2, 4, 8, 24} cores; {@code 2, 4, 8, 32, 64} GB) and an open top bucket
 * ({@code >24}, {@code >64}); a closed bucket becomes its bound, an open one the study's {@code
 * arrival.open-bucket} value, which must exceed it. V1's exact counts read the same way. The CPU columns and the
 * category say nothing the model uses and are not read.
 */
final class VmTableReader implements TraceReader {

    static final String COLUMNS = "vmid,subscriptionid,deploymentid,vmcreated,vmdeleted,maxcpu,avgcpu,p95maxcpu,"
            + "vmcategory,vmcorecountbucket,vmmemorybucket";
    private static final int COLUMN_COUNT = 11;

    private final String file;
    private final TraceReading reading;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;

    VmTableReader(Path path, TraceReading reading) {
        this.file = path.toString();
        this.reading = reading;
        try {
            this.parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get()
                    .parse(new BufferedReader(new InputStreamReader(open(path), StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException e) {
            throw new StudyException(file, "arrival.file", "cannot read: " + e.getMessage()
                    + (file.endsWith(".gz") ? " (a .gz table must be gzip-compressed)" : ""));
        }
        this.rows = parser.iterator();
    }

    /** The file's bytes, uncompressed if it is a .gz; a .gz that is not gzip is closed again before it is refused. */
    private InputStream open(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        if (!file.endsWith(".gz")) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public TraceRow next() {
        CSVRecord row;
        try {
            if (!rows.hasNext()) {
                return null;
            }
            row = rows.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            // an unclosed quote or a cut .gz: the parser is at the file's end by then, so its line number would
            // mislead; the reason names the line the quoted field starts on
            throw new StudyException(file, "arrival.file", "cannot read it as CSV: " + InputValues.reason(e)
                    + (e.getCause() instanceof CSVException ? " (a field that opens with a quote must close with "
                    + "one)" : ""));
        }
        String where = file + ":" + parser.getCurrentLineNumber();
        try {
            if (row.size() != COLUMN_COUNT) {
                throw new IllegalArgumentException(row.size() + " columns, expected " + COLUMN_COUNT);
            }
            double created = seconds(row.get(3), "vmcreated");
            double deleted = seconds(row.get(4), "vmdeleted");
            if (deleted <= created) {
                throw new IllegalArgumentException("vmdeleted " + row.get(4) + " is not after vmcreated "
                        + row.get(3));
            }
            return new TraceRow(where, row.get(1).hashCode(), created, deleted, memory(where, row.get(10)),
                    vcpus(where, row.get(9)));
        } catch (dev.fleetsim.host.BadInputException | IllegalArgumentException e) {
            if (e instanceof StudyException s) {
                throw s;
            }
            throw new StudyException(where, "arrival.file", "bad vmtable row (" + COLUMNS + "): " + e.getMessage());
        }
    }

    private static double seconds(String text, String column) {
        double value = number(text, column);
        if (value < 0) {
            throw new IllegalArgumentException(column + " '" + text + "' is negative: seconds from the trace's "
                    + "start are >= 0");
        }
        return value;
    }

    private static double number(String text, String column) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the column
        }
        throw new IllegalArgumentException(column + " '" + text + "' is not a number");
    }

    private int vcpus(String where, String bucket) {
        if (bucket.startsWith(">")) {
            double bound = number(bucket.substring(1), "vmcorecountbucket");
            if (reading.openVcpus() <= bound) {
                throw new StudyException(where, "arrival.open-bucket.vcpus", reading.openVcpus()
                        + " stands for bucket " + bucket + ": it must be more than " + bucket.substring(1));
            }
            return reading.openVcpus();
        }
        double cores = number(bucket, "vmcorecountbucket");
        if (cores < 1 || cores > 1024 || cores != Math.rint(cores)) {
            throw new IllegalArgumentException("vmcorecountbucket '" + bucket + "': allowed a whole number "
                    + "1..1024 or an open bucket such as >24");
        }
        return (int) cores;
    }

    private long memory(String where, String bucket) {
        if (bucket.startsWith(">")) {
            double bound = number(bucket.substring(1), "vmmemorybucket");
            if (reading.openMemoryBytes() <= bound * TraceSizes.GIB) {
                throw new StudyException(where, "arrival.open-bucket.memory", reading.openMemoryBytes()
                        + " bytes stand for bucket " + bucket + " GB: it must be more than " + bucket.substring(1)
                        + "G");
            }
            return reading.openMemoryBytes();
        }
        double gb = number(bucket, "vmmemorybucket");
        if (gb <= 0) {
            throw new IllegalArgumentException("vmmemorybucket '" + bucket + "': allowed GB > 0 or an open "
                    + "bucket such as >64");
        }
        return TraceSizes.guest(gb * TraceSizes.GIB);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
