package dev.fleetsim.host;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kind of VM a guest is. */
public enum Platform {
    TDX("tdx"),
    SEV_SNP("sev-snp"),
    PLAIN("plain");

    private final String configName;

    Platform(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Platform parse(String text) {
        for (Platform p : values()) {
            if (p.configName.equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new BadInputException("platform '" + text + "': allowed "
                + Arrays.stream(values()).map(Platform::configName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return configName;
    }
}
