package dev.fleetsim.node.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The per-VM and per-host series of one stored run that the report's charts draw, read from its CSV files. */
record RunSeries(double[] bootSeconds, double[] hours, double[] fleetCommittedGib) {

    private static final double GIB = 1L << 30;

    static RunSeries read(Path runDir) throws IOException {
        double[][] commit = fleetCommit(runDir.resolve("hosts.csv"));
        return new RunSeries(bootSeconds(runDir.resolve("vms.csv")), commit[0], commit[1]);
    }

    /** Hours since the start and the fleet's committed GiB then: the hosts' samples summed per instant. */
    private static double[][] fleetCommit(Path hostsCsv) throws IOException {
        Map<Double, Double> byTime = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(hostsCsv)) {
            for (CSVRecord r : csv().parse(in)) {
                byTime.merge(Double.parseDouble(r.get("time_s")) / 3600,
                        Double.parseDouble(r.get("committed_bytes")) / GIB, Double::sum);
            }
        }
        return new double[][] {byTime.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
            byTime.values().stream().mapToDouble(Double::doubleValue).toArray()};
    }

    private static double[] bootSeconds(Path vmsCsv) throws IOException {
        try (Reader in = Files.newBufferedReader(vmsCsv)) {
            double[] boots = csv().parse(in).stream().map(r -> r.get("boot_to_shell_s"))
                    .filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
            Arrays.sort(boots);
            return boots;
        }
    }

    private static CSVFormat csv() {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    }
}
