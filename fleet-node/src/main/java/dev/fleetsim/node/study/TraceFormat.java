package dev.fleetsim.node.study;

/** The formats a trace of VM arrivals can be read in, by the names a study gives them. */
public enum TraceFormat {
    /** fleetsim's own four columns, {@code arrival_s,memory,vcpus,lifetime_s}, with a header row. */
    CSV("csv"),
    /** The VM table of the Azure Public Dataset V1 (2017) and V2 (2019): {@code vmtable.csv[.gz]}, no header. */
    AZURE_VMTABLE("azure-vmtable"),
    /** The Azure Trace for Packing 2020: an SQLite file with tables {@code vm} and {@code vmType}. */
    AZURE_PACKING_2020("azure-packing-2020");

    private final String key;

    TraceFormat(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** A published format, read with the {@link TraceReading} settings (the CSV has its own columns for all). */
    public boolean published() {
        return this != CSV;
    }
}
