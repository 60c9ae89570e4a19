package dev.fleetsim.host;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names a study (or a flag) gives the values of a key, and the one way they are looked up: trimmed and
 * regardless of case. An enum's constants are named in kebab case ({@code SEV_SNP} is {@code sev-snp}), in their
 * declared order, which is the order a refusal lists them in.
 */
public final class Names<T> {

    private final Map<String, T> byName;

    private Names(Map<String, T> byName) {
        this.byName = byName;
    }

    public static <E extends Enum<E>> Names<E> of(Class<E> type) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            byName.put(kebab(constant), constant);
        }
        return new Names<>(byName);
    }

    /** Choices that are only names: what a key picks between (a distribution, a workload's kind). */
    public static Names<String> of(String... names) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String name : names) {
            byName.put(name, name);
        }
        return new Names<>(byName);
    }

    /** The name a study gives {@code constant}. */
    public static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value {@code text} names; a name that is none of them is bad input listing those allowed. */
    public T parse(String text) {
        T value = byName.get(text.trim().toLowerCase(Locale.ROOT));
        if (value == null) {
            throw new BadInputException("'" + text + "': allowed " + String.join(", ", byName.keySet()));
        }
        return value;
    }
}
