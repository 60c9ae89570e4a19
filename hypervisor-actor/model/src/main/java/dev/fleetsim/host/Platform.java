package dev.fleetsim.host;

/** The kind of VM a guest is, named in studies and flags as {@link Names} names it. */
public enum Platform {
    TDX,
    SEV_SNP,
    PLAIN;

    public String configName() {
        return Names.kebab(this);
    }

    @Override
    public String toString() {
        return configName();
    }
}
