package dev.fleetsim.guest.calibration;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.GuestMemoryLayout;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.host.InputValues;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.Names;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.Sizes;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads measurements from CSV (Apache Commons CSV), one per row, {@code #} lines as comments:
 *
 * <pre>id,kind,platform,memory,vcpus,policy,baseline,host_mapping,value,source,assumptions[,workers][,settings]</pre>
 *
 * The {@code workers} column is optional (drain and exit measurements need it), and so is {@code settings}: the
 * study keys the measured set-up differs in, {@code key = value} separated by {@code ;}. A value may be a bound
 * or a range ({@code <15}, {@code >90}, {@code 40-50}).
 * A bad cell is an error naming the file, the row's line and the column, and what the column allows.
 */
public final class MeasurementFile {

    static final String[] COLUMNS = {
        "id", "kind", "platform", "memory", "vcpus", "policy", "baseline", "host_mapping", "value", "source",
        "assumptions",
    };
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setCommentMarker('#').setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private MeasurementFile() {
    }

    public static List<Measurement> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(file.toString(), reader);
        }
    }

    public static List<Measurement> parse(String source, Reader reader) throws IOException {
        try {
            return parseRows(source, reader);
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            // an unclosed quote, or a header with an empty or repeated name
            throw new BadInputException(source + ": cannot read it as CSV: "
                    + InputValues.reason(e));
        }
    }

    private static List<Measurement> parseRows(String source, Reader reader) throws IOException {
        List<Measurement> result = new ArrayList<>();
        var parser = FORMAT.parse(reader);
        List<String> header = parser.getHeaderNames();
        for (String column : COLUMNS) {
            if (!header.contains(column)) {
                throw new BadInputException(source + ": header lacks column '" + column + "' (expected "
                        + String.join(",", COLUMNS) + "[,workers][,settings])");
            }
        }
        for (CSVRecord row : parser) {
            result.add(measurement(source, row, header));
        }
        if (result.isEmpty()) {
            throw new BadInputException(source + ": no measurements (expected a header line "
                    + String.join(",", COLUMNS) + " and rows)");
        }
        return result;
    }

    private static Measurement measurement(String source, CSVRecord row, List<String> header) {
        if (row.size() != header.size()) {
            throw new BadInputException(source + ":" + row.getParser().getCurrentLineNumber() + ": expected "
                    + header.size() + " columns (" + String.join(",", header) + "), got " + row.size());
        }
        Cell cell = new Cell(source, row);
        MeasurementKind kind = cell.parse("kind", MeasurementKind::parse);
        Platform platform = cell.parse("platform", Names.of(Platform.class)::parse);
        GuestSpec guest = kind.needsGuest()
                ? new GuestSpec(cell.parse("memory", MeasurementFile::guestMemory),
                        cell.wholeNumber("vcpus", 1, 1024), platform,
                        cell.parse("policy", AcceptancePolicy::parse))
                : null;
        AcceptancePolicy baseline = kind == MeasurementKind.BOOT_RATIO
                ? cell.parse("baseline", AcceptancePolicy::parse) : null;
        int workers = header.contains("workers") && !row.get("workers").isEmpty()
                ? cell.wholeNumber("workers", 1, 1_000_000) : 0;
        String settings = header.contains("settings") ? row.get("settings") : "";
        PageSize mapping = cell.parse("host_mapping", PageSize::parse);
        Target target = cell.parse("value", Target::parse);
        try {
            return new Measurement(row.get("id"), kind, guest, baseline, mapping, target, row.get("source"),
                    row.get("assumptions"), workers, settings);
        } catch (BadInputException | IllegalArgumentException e) {
            throw new BadInputException(source + ":" + row.getParser().getCurrentLineNumber() + ": "
                    + e.getMessage());
        }
    }

    private static long guestMemory(String text) {
        long bytes = Sizes.parse(text);
        if (!GuestMemoryLayout.validSize(bytes)) {
            throw new BadInputException("'" + text + "': must be " + GuestMemoryLayout.SIZE_RULE);
        }
        return bytes;
    }

    /** Parses one named cell, turning any failure into a message that says where. */
    private record Cell(String source, CSVRecord row) {
        int wholeNumber(String column, int min, int max) {
            try {
                return InputValues.wholeNumber(column, row.get(column), min, max);
            } catch (BadInputException e) {
                throw new BadInputException(source + ":" + row.getParser().getCurrentLineNumber() + ": column "
                        + e.getMessage());
            }
        }

        <T> T parse(String column, java.util.function.Function<String, T> parser) {
            String text = row.get(column);
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                String why = e instanceof NumberFormatException ? "'" + text + "' is not a number" : e.getMessage();
                throw new BadInputException(source + ":" + row.getParser().getCurrentLineNumber()
                        + ": column " + column + ": " + why);
            }
        }
    }
}
