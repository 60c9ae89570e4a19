package dev.fleetsim.node.trace;

import dev.fleetsim.node.fleet.Seeds;
import dev.fleetsim.node.study.Lifetimes;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * A synthetic trace in a published schema, for benchmarks and shipped samples: {@code vms} VMs arriving as a
 * Poisson process over {@code days} (exactly that many, spread as sorted uniform times), sizes from the Azure 2019
 * buckets' published shares (FACTS.md 5) and lifetimes from {@link Lifetimes.Azure2019}. A VM's core and memory
 * buckets come from one uniform draw, so that VMs big in one are big in the other and each share is the published
 * one. Subscriptions hold about as many VMs each as in V2 (2.7 M VMs in 6,687 subscriptions), or, in a
 * small trace, its square root, so that sampling subscriptions has some to choose from. Times are on the
 * 5-minute grid of the real table; a VM still alive at the end is deleted at the end, as in the real table.
 */
public final class SyntheticTrace {

    static final String[] CORE_BUCKETS = {"2", "4", "8", "24", ">24"};
    static final double[] CORE_SHARES = {0.58, 0.23, 0.12, 0.06, 0.01};
    static final String[] MEMORY_BUCKETS = {"2", "4", "8", "32", "64", ">64"};
    static final double[] MEMORY_SHARES = {0.12, 0.17, 0.32, 0.29, 0.07, 0.03};
    private static final String[] CATEGORIES = {"Delay-insensitive", "Interactive", "Unknown"};
    private static final int VMS_PER_SUBSCRIPTION = 400;
    private static final long GRID = 300;
    private static final double DAY = 86_400;

    private final int vms;
    private final double days;
    private final long seed;

    public SyntheticTrace(int vms, double days, long seed) {
        if (vms < 1 || !(days > 0)) {
            throw new dev.fleetsim.host.BadInputException("a synthetic trace needs --vms >= 1 and --days > 0");
        }
        this.vms = vms;
        this.days = days;
        this.seed = seed;
    }

    /** One synthetic VM: times in seconds, the index of its core and memory buckets. */
    private record Vm(long id, long subscription, double created, double life, int coreBucket, int memoryBucket,
                      SplittableRandom own) {
    }

    /** Walks the VMs in arrival order; the arrival times take two passes over one seeded stream of gaps. */
    private void forEach(java.util.function.Consumer<Vm> sink) {
        double total = 0;
        SplittableRandom gaps = new SplittableRandom(seed);
        for (int i = 0; i <= vms; i++) {
            total += -Math.log(1 - gaps.nextDouble());
        }
        gaps = new SplittableRandom(seed);
        double sum = 0;
        Lifetimes lifetimes = new Lifetimes.Azure2019();
        int subscriptions = Math.max(vms / VMS_PER_SUBSCRIPTION, (int) Math.ceil(Math.sqrt(vms)));
        for (long id = 0; id < vms; id++) {
            sum += -Math.log(1 - gaps.nextDouble());
            SplittableRandom own = new SplittableRandom(Seeds.of(seed, id));
            double size = own.nextDouble();
            sink.accept(new Vm(id, own.nextInt(subscriptions), sum / total * days * DAY,
                    lifetimes.sampleNanos(own) / 1e9, bucket(CORE_SHARES, size), bucket(MEMORY_SHARES, size), own));
        }
    }

    private static int bucket(double[] shares, double u) {
        double cumulative = 0;
        for (int i = 0; i < shares.length - 1; i++) {
            cumulative += shares[i];
            if (u < cumulative) {
                return i;
            }
        }
        return shares.length - 1;
    }

    /** Writes the V2 VM table (gzipped if the name ends in .gz). */
    public void writeVmTable(Path file) throws IOException {
        long end = (long) (days * DAY);
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
             Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            forEach(vm -> {
                long created = (long) (vm.created() / GRID) * GRID;
                long deleted = Math.min(end, Math.max(created + GRID,
                        (long) Math.ceil((created + vm.life()) / GRID) * GRID));
                double avg = vm.own().nextDouble() * 40;
                double max = avg + vm.own().nextDouble() * (100 - avg);
                double p95 = avg + vm.own().nextDouble() * (max - avg);
                String row = String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.6f,%.6f,%.6f,%s,%s,%s%n",
                        id("vm", vm.id()), id("sub", vm.subscription()), id("dep", vm.subscription()),
                        created, deleted, max, avg, p95, CATEGORIES[vm.own().nextInt(CATEGORIES.length)],
                        CORE_BUCKETS[vm.coreBucket()], MEMORY_BUCKETS[vm.memoryBucket()]);
                try {
                    w.write(row);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Writes the packing trace's two tables: VM types are the bucket pairs, as fractions of two machines (48
     * cores and 384G, 64 cores and 512G, the study's {@code arrival.machine} defaults for the first); a tenth of
     * the VMs are alive when collection starts (negative start), a fifth are low priority, and lives past the
     * 90-day cap end in NULL.
     */
    public void writePackingTrace(Path file) throws IOException {
        Files.deleteIfExists(file);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE vm (vmId INTEGER, tenantId INTEGER, vmTypeId INTEGER, priority INTEGER, "
                        + "starttime REAL, endtime REAL)");
                s.execute("CREATE TABLE vmType (id INTEGER PRIMARY KEY, vmTypeId INTEGER, machineId INTEGER, "
                        + "core REAL, memory REAL, hdd REAL, ssd REAL, nic REAL)");
            }
            writeTypes(db);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO vm VALUES (?, ?, ?, ?, ?, ?)")) {
                SQLException[] failed = {null};
                forEach(vm -> {
                    try {
                        double start = vm.own().nextDouble() < 0.1 ? -vm.own().nextDouble() * days
                                : vm.created() / DAY;
                        double end = start + vm.life() / DAY;
                        insert.setLong(1, vm.id());
                        insert.setLong(2, vm.subscription());
                        insert.setLong(3, vm.coreBucket() * MEMORY_BUCKETS.length + vm.memoryBucket());
                        insert.setInt(4, vm.own().nextDouble() < 0.2 ? 1 : 0);
                        insert.setDouble(5, start);
                        if (end > 90) {
                            insert.setNull(6, java.sql.Types.REAL);
                        } else {
                            insert.setDouble(6, end);
                        }
                        insert.addBatch();
                    } catch (SQLException e) {
                        failed[0] = e;
                    }
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
                insert.executeBatch();
            }
            db.commit();
        } catch (SQLException e) {
            throw new IOException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeTypes(Connection db) throws SQLException {
        int[] cores = {2, 4, 8, 24, 32};
        double[] memoryGib = {2, 4, 8, 32, 64, 128};
        int[][] machines = {{0, 48, 384}, {1, 64, 512}};
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO vmType VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            long row = 0;
            for (int c = 0; c < cores.length; c++) {
                for (int m = 0; m < memoryGib.length; m++) {
                    for (int[] machine : machines) {
                        insert.setLong(1, row++);
                        insert.setLong(2, (long) c * memoryGib.length + m);
                        insert.setLong(3, machine[0]);
                        insert.setDouble(4, (double) cores[c] / machine[1]);
                        insert.setDouble(5, memoryGib[m] / machine[2]);
                        insert.setDouble(6, 0.01);
                        insert.setDouble(7, 0.01);
                        insert.setDouble(8, 0.01);
                        insert.addBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }

    /** An id that looks like the trace's encrypted ones: fixed-length text from a hash. */
    private String id(String kind, long n) {
        return kind + Long.toUnsignedString(Seeds.of(seed ^ kind.hashCode(), n), 36);
    }
}
