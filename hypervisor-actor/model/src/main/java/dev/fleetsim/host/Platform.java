package dev.fleetsim.host;

/** The kind of VM a guest is, named in studies and flags as {@link Names} names it. */
public enum Platform {
    TDX,
    SEV_SNP,
    PLAIN;

    /** Kept: results and metrics name the platform of every VM. */
    private final String configName = Names.kebab(this);

    public String configName() {
        return configName;
    }

    @Override
    public String toString() {
        return configName;
    }
}
