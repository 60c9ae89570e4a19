package dev.fleetsim.node.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a result folder's report says about how it was made: the study's question and what to look at (its
 * {@code .conf}'s opening comment, split at "Look at:"), the command line, the fleetsim version, and the VM count
 * when {@code --vms} replaced the study's own (the answer depends on it: another fleet size fills another
 * number of hosts, with other contention). Kept as {@code study.json} beside the runs, so {@code fleetsim report} can write the page again.
 *
 * @param studyVms    the study's own VMs per run
 * @param vmsOverride the VMs {@code --vms} gave every run instead, null if it did not
 */
public record StudyHeader(String source, String question, String lookAt, String commandLine, String version,
                          int studyVms, Integer vmsOverride) {

    static final String FILE = "study.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The header of {@code studyFile}, or of the built-in default study when it is null. */
    public static StudyHeader of(Path studyFile, String commandLine, String version, int studyVms,
                                 Integer vmsOverride) throws IOException {
        if (studyFile == null) {
            return new StudyHeader("default study (reference.conf)", "Across an Azure-2019-like fleet, how much "
                    + "host memory and boot time does lazy acceptance save against the non-lazy firmware "
                    + "accepting everything?", "the speed-up and saved figures; boot time per VM class; the fleet "
                    + "commit chart.", commandLine, version, studyVms, vmsOverride);
        }
        List<String> comment = new ArrayList<>();
        for (String line : Files.readAllLines(studyFile)) {
            if (!line.startsWith("#")) {
                break;
            }
            comment.add(line.replaceFirst("^#+\\s?", "").strip());
        }
        String text = String.join(" ", comment).strip();
        int look = text.indexOf("Look at:");
        String question = look < 0 ? text : text.substring(0, look).strip();
        String lookAt = look < 0 ? "" : text.substring(look + "Look at:".length()).strip();
        return new StudyHeader(studyFile.toString(), question, lookAt, commandLine, version, studyVms, vmsOverride);
    }

    public void write(Path resultDir) throws IOException {
        Files.createDirectories(resultDir);
        JSON.writeValue(resultDir.resolve(FILE).toFile(), this);
    }

    /** The header stored in {@code resultDir}, null for a folder written before there was one. */
    static StudyHeader read(Path resultDir) throws IOException {
        Path file = resultDir.resolve(FILE);
        return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), StudyHeader.class) : null;
    }

    /** The sentence the run table and the report add when {@code --vms} replaced the study's VMs; empty if not. */
    public String vmsNote() {
        return vmsOverride == null || vmsOverride == studyVms ? ""
                : "--vms " + vmsOverride + " replaced the study's " + studyVms + " VMs per run: another fleet size "
                + "fills another number of hosts, with other contention between the guests booting on each, so "
                + "boot times and savings differ from the study's own.";
    }
}
