package dev.fleetsim.guest.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.host.PageSize;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementFileTest {

    private static final String HEADER = "id,kind,platform,memory,vcpus,policy,baseline,host_mapping,value,source,assumptions\n";

    private static List<Measurement> prepare(String rows) throws Exception {
        return MeasurementFile.parse("m.csv", new StringReader("# comment\n" + HEADER + rows));
    }

    @Test
    void rowsParseIntoGuestsAndPolicies() throws Exception {
        List<Measurement> ms = prepare("a,boot_ratio,tdx,4G,2,lazy,eager-firmware,2M,2.5,paper,none\n"
                + "b,accept_4k_us,tdx,,,,,4K,8,docs,\"host, 2025\"\n");
        assertEquals(2, ms.size());
        assertEquals(4L << 30, ms.get(0).guest().memoryBytes());
        assertEquals(new AcceptancePolicy.EagerFirmware(), ms.get(0).baseline());
        assertEquals(PageSize.SIZE_2M, ms.get(0).hostMapping());
        assertEquals("host, 2025", ms.get(1).assumptions());
    }

    @Test
    void badCellNamesFileLineColumnAndAllowedValues() {
        var e = assertThrows(dev.fleetsim.host.BadInputException.class,
                () -> prepare("a,boot_ratio,tdx,4G,2,lazy,eager-firmware,2M,2.5,paper,none\n"
                        + "b,boot_ratio,tdx,4G,2,slow,eager,4K,2.5,paper,none\n"));
        assertEquals("m.csv:4: column policy: policy 'slow': allowed " + AcceptancePolicy.ALLOWED, e.getMessage());
    }

    @Test
    void nonNumericValueIsNamed() {
        var e = assertThrows(dev.fleetsim.host.BadInputException.class,
                () -> prepare("a,boot_seconds,tdx,4G,2,lazy,,4K,fast,paper,none\n"));
        assertEquals("m.csv:3: column value: 'fast' is not a number (allowed: x, <x, >x, a-b, x+-r)", e.getMessage());
    }

    @Test
    void wrongColumnCountIsNamed() {
        var e = assertThrows(dev.fleetsim.host.BadInputException.class, () -> prepare("a,boot_seconds,tdx\n"));
        assertEquals("m.csv:3: expected 11 columns (" + String.join(",", MeasurementFile.COLUMNS) + "), got 3",
                e.getMessage());
    }
}
