package dev.fleetsim.node.study;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.guest.Workload;
import dev.fleetsim.host.InputValues;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads a touch curve ({@code time_s,touched}: seconds after the shell, bytes or a size such as 4G). */
final class TouchTraceFile {

    /** The latest point a touch curve may give: a thousand years after the shell. */
    private static final double MAX_SECONDS = 3.2e10;

    private TouchTraceFile() {
    }

    static Workload.Trace read(Path file, String study) {
        if (!Files.isRegularFile(file)) {
            throw new StudyException(study, "workload.file", "no such touch trace: " + file);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                .setIgnoreSurroundingSpaces(true).get();
        List<Workload.Trace.Point> points = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (CSVRecord row : format.parse(reader)) {
                try {
                    points.add(new Workload.Trace.Point(
                            InputValues.seconds("time_s", row.get("time_s"), 0, MAX_SECONDS),
                            InputValues.size("touched", row.get("touched"))));
                } catch (BadInputException | IllegalArgumentException e) {
                    throw new StudyException(file + ":" + row.getParser().getCurrentLineNumber(), "workload.file",
                            "bad row (time_s,touched): " + e.getMessage());
                }
            }
            if (points.isEmpty()) {
                throw new StudyException(file.toString(), "workload.file", "no points (expected a header "
                        + "time_s,touched and a row per point)");
            }
            return new Workload.Trace(points);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StudyException(file.toString(), "workload.file", "cannot read it as CSV: "
                    + TextFiles.readFailure(e));
        } catch (BadInputException | IllegalArgumentException e) {
            throw e instanceof StudyException s ? s : new StudyException(file.toString(), "workload.file",
                    e.getMessage());
        }
    }
}
