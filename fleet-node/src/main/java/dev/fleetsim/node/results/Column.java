package dev.fleetsim.node.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVPrinter;

/**
 * A column of a result file: its header and how a row gives its value. A file's columns are declared once, as a
 * list, and its header and rows both come from that list, so a figure is added in one place.
 */
record Column<T>(String name, Function<? super T, ?> value) {

    static <T> Column<T> of(String name, Function<? super T, ?> value) {
        return new Column<>(name, value);
    }

    /** Writes {@code rows} to {@code file} as CSV under the columns' names. */
    static <T> void write(Path file, List<Column<T>> columns, Iterable<? extends T> rows) throws IOException {
        try (CSVPrinter csv = RunFiles.printer(file, columns.stream().map(Column::name).toList())) {
            for (T row : rows) {
                csv.printRecord(columns.stream().map(c -> c.value().apply(row)).toList());
            }
        }
    }
}
