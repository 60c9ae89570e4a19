package dev.fleetsim.node;

import dev.fleetsim.guest.calibration.BootCalibration;
import dev.fleetsim.guest.calibration.Measurement;
import dev.fleetsim.guest.calibration.MeasurementFile;
import dev.fleetsim.host.BadInputException;
import dev.fleetsim.host.Sizes;
import dev.fleetsim.node.study.TextFiles;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Measurement files for {@code calibrate} and {@code validate}, and the residual table both print. */
final class Measurements {

    /** The calibration set shipped in the jar (config/calibration/calibration.csv in the repository). */
    static final String BUNDLED = "calibration/calibration.csv";

    private Measurements() {
    }

    /**
     * {@code file}, or the bundled calibration set when it is null. A file that is there but cannot be read as text
     * (not UTF-8, a folder) is the user's to fix: bad input, not an I/O failure; a missing one stays the command
     * line's "no such file".
     */
    static List<Measurement> read(Path file) throws IOException {
        if (file != null) {
            try {
                return MeasurementFile.read(file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                throw new BadInputException(file + ": cannot read it: " + TextFiles.readFailure(e));
            }
        }
        try (Reader reader = new InputStreamReader(Objects.requireNonNull(
                Measurements.class.getClassLoader().getResourceAsStream(BUNDLED), BUNDLED + " is not in the jar"),
                StandardCharsets.UTF_8)) {
            return MeasurementFile.parse(BUNDLED, reader);
        }
    }

    static void printResiduals(PrintWriter out, List<BootCalibration.Residual> residuals) {
        // "vs reading" is blank for a measurement without a reading resolution; no row ends in blanks
        String row = "%-24s %-20s %-30s %10s %10s %8s %10s";
        out.println(String.format(row, "measurement", "kind", "set-up", "measured", "predicted", "error", "vs reading"));
        for (BootCalibration.Residual r : residuals) {
            Measurement m = r.measurement();
            boolean never = Double.isInfinite(r.predicted());
            boolean reading = m.target().resolution() > 0;
            out.println(String.format(row, m.id(), m.kind().csvName(), setup(m), m.target(),
                    never ? "never" : String.format("%.4g", r.predicted()), never ? "-" : percent(r.relativeError()),
                    never || !reading ? "" : percent(r.errorAgainstReading())).stripTrailing());
        }
    }

    private static String percent(double error) {
        return String.format("%.1f%%", 100 * error);
    }

    private static String setup(Measurement m) {
        if (m.guest() == null) {
            return "host " + m.hostMapping();
        }
        return String.format("%s %s %dvCPU %s%s", m.guest().platform(), Sizes.format(m.guest().memoryBytes()),
                m.guest().vcpus(), m.guest().policy().configName(), m.workers() > 0 ? " w" + m.workers() : "");
    }
}
