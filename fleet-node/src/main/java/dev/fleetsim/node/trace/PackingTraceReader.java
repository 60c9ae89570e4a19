package dev.fleetsim.node.trace;

import dev.fleetsim.node.study.StudyException;
import dev.fleetsim.node.study.TraceReading;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The Azure Trace for Packing 2020, an SQLite file: table {@code vm} (vmId, tenantId, vmTypeId, priority,
 * starttime, endtime; times in fractional days, a negative start for VMs alive when collection began, a NULL end
 * for VMs alive past the trace's 90-day cap) and table {@code vmType} (id, vmTypeId, machineId, core, memory, hdd,
 * ssd, nic; resources as fractions of that machine). A VM type has a row per machine it runs on; the study names
 * the machine ({@code arrival.machine.id}, or each type's lowest id) and its cores and memory, which turn the
 * fractions into vCPUs and guest memory. Rows come in order of start time (SQLite sorts them), so the file is read
 * as the run advances. Priority is not read: an evicted low-priority VM's recorded life is the one it had.
 */
final class PackingTraceReader implements TraceReader {

    static final String VM_COLUMNS = "vmId,tenantId,vmTypeId,priority,starttime,endtime";
    private static final double DAY = 86_400;

    /** A VM type on the study's machine, as guest size. */
    private record Size(long memoryBytes, int vcpus) {
    }

    private final String file;
    private final Connection db;
    private final Statement statement;
    private final ResultSet rows;
    private final Map<Long, Size> types;

    PackingTraceReader(Path path, TraceReading reading) {
        this.file = path.toString();
        this.db = open(path);
        try {
            this.types = types(reading);
            this.statement = db.createStatement();
            this.rows = statement.executeQuery("SELECT vmId, tenantId, vmTypeId, starttime, endtime FROM vm "
                    + "ORDER BY starttime, vmId");
        } catch (SQLException | RuntimeException e) {
            // a refused trace must not keep its file open: a node loads many studies
            try {
                db.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e instanceof SQLException sql ? notAPackingTrace(sql) : (RuntimeException) e;
        }
    }

    private Connection open(Path path) {
        try {
            // read-only and never created: a missing or foreign file must not turn into an empty database
            return DriverManager.getConnection("jdbc:sqlite:file:" + path.toAbsolutePath() + "?mode=ro");
        } catch (SQLException e) {
            throw notAPackingTrace(e);
        }
    }

    private StudyException notAPackingTrace(SQLException e) {
        return new StudyException(file, "arrival.file", "not an Azure packing trace (tables vm(" + VM_COLUMNS
                + ") and vmType(id,vmTypeId,machineId,core,memory,...)): " + e.getMessage());
    }

    private Map<Long, Size> types(TraceReading reading) throws SQLException {
        Map<Long, Size> sizes = new HashMap<>();
        String query = "SELECT vmTypeId, machineId, core, memory FROM vmType"
                + (reading.machineId() >= 0 ? " WHERE machineId = ?" : "") + " ORDER BY vmTypeId, machineId";
        try (PreparedStatement select = db.prepareStatement(query)) {
            if (reading.machineId() >= 0) {
                select.setLong(1, reading.machineId());
            }
            try (ResultSet types = select.executeQuery()) {
                while (types.next()) {
                    String row = file + ": vmType";
                    long type = whole(row, types, 1, "vmTypeId");
                    if (sizes.containsKey(type)) {
                        continue;
                    }
                    String where = row + " vmTypeId " + type + " machineId " + whole(row, types, 2, "machineId");
                    double core = fraction(where, "core", number(where, types, 3, "core"));
                    double memory = fraction(where, "memory", number(where, types, 4, "memory"));
                    try {
                        sizes.put(type, new Size(TraceSizes.guest(memory * reading.machineMemoryBytes()),
                                (int) Math.max(1, Math.round(core * reading.machineCores()))));
                    } catch (IllegalArgumentException e) {
                        throw new StudyException(where, "arrival.machine.memory", e.getMessage());
                    }
                }
            }
        }
        return sizes;
    }

    private static double fraction(String where, String column, Double value) {
        if (value == null || !(value > 0 && value <= 1)) {
            throw new StudyException(where, "arrival.file", column + " " + (value == null ? "NULL" : value)
                    + " is not a fraction of the machine: allowed > 0 and <= 1");
        }
        return value;
    }

    @Override
    public TraceRow next() {
        try {
            if (!rows.next()) {
                return null;
            }
            String where = file + ": vm vmId " + whole(file + ": vm", rows, 1, "vmId");
            long tenant = whole(where, rows, 2, "tenantId");
            long type = whole(where, rows, 3, "vmTypeId");
            Double start = number(where, rows, 4, "starttime");
            if (start == null || !Double.isFinite(start)) {
                throw new StudyException(where, "arrival.file", "starttime must be a number of days");
            }
            Double end = number(where, rows, 5, "endtime");
            double deleted = end == null ? Double.POSITIVE_INFINITY : end * DAY;
            if (!(deleted > start * DAY)) {
                throw new StudyException(where, "arrival.file", "endtime " + end + " is not after starttime "
                        + start + " (NULL for a VM still alive)");
            }
            Size size = types.get(type);
            if (size == null) {
                throw new StudyException(where, "arrival.file", "vmTypeId " + type + " has no vmType row"
                        + " on the machine arrival.machine.id names");
            }
            return new TraceRow(where, tenant, start * DAY, deleted, size.memoryBytes(), size.vcpus());
        } catch (SQLException e) {
            throw new StudyException(file, "arrival.file", "reading table vm(" + VM_COLUMNS + "): "
                    + e.getMessage());
        }
    }

    /**
     * A column that must hold a whole number. SQLite keeps what a row was given whatever the column's declared type,
     * and the driver's getLong reads text or a fraction as some number (0 for 'abc', 0 for 0.5), so the stored value
     * is checked as it is.
     */
    private static long whole(String where, ResultSet rows, int column, String name) throws SQLException {
        Object value = rows.getObject(column);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new StudyException(where, "arrival.file", name + " " + shown(value) + " is not a whole number");
    }

    /** A column that must hold a number (whole or not), or NULL, which is returned as null. */
    private static Double number(String where, ResultSet rows, int column, String name) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null || value instanceof Number) {
            return value == null ? null : ((Number) value).doubleValue();
        }
        throw new StudyException(where, "arrival.file", name + " " + shown(value) + " is not a number");
    }

    private static String shown(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return value instanceof String text ? "'" + text + "'" : "(a blob)";
    }

    @Override
    public void close() {
        try (db; statement; rows) {
            // closed in reverse order by try-with-resources
        } catch (SQLException e) {
            throw new IllegalStateException("closing " + file, e);
        }
    }
}
