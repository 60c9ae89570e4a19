package dev.fleetsim.node;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The command a mistyped word most likely meant: the nearest name by edit distance, if it is within two edits
 * (picocli's own suggestions miss short words such as {@code rn}).
 */
final class CommandSuggestion {

    private static final int MAX_EDITS = 2;

    private CommandSuggestion() {
    }

    static Optional<String> closest(String word, Collection<String> names) {
        return names.stream().filter(n -> distance(word, n) <= MAX_EDITS)
                .min(Comparator.comparingInt((String n) -> distance(word, n)).thenComparing(n -> n));
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
