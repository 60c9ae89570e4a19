package dev.fleetsim.node.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The index answers exactly what a scan of the hosts in order would. */
class HostRoomTest {

    private static int scanFirstFit(long[] room, long bytes) {
        for (int h = 0; h < room.length; h++) {
            if (room[h] >= bytes) {
                return h;
            }
        }
        return -1;
    }

    private static int scanBestFit(long[] room, long bytes) {
        int best = -1;
        for (int h = 0; h < room.length; h++) {
            if (room[h] >= bytes && (best < 0 || room[h] < room[best])) {
                best = h;
            }
        }
        return best;
    }

    private static int scanMostRoom(long[] room) {
        int best = 0;
        for (int h = 1; h < room.length; h++) {
            if (room[h] > room[best]) {
                best = h;
            }
        }
        return best;
    }

    @Test
    void answersAsAScanInHostOrderWould() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int hosts = 1 + random.nextInt(70);
            long[] room = new long[hosts];
            for (int h = 0; h < hosts; h++) {
                room[h] = random.nextInt(-4, 40);
            }
            HostRoom index = new HostRoom(hosts, true);
            index.setAll(room);
            for (int step = 0; step < 100; step++) {
                long bytes = random.nextInt(1, 12);
                assertEquals(scanFirstFit(room, bytes), index.firstFit(bytes), "first fit");
                assertEquals(scanBestFit(room, bytes), index.bestFit(bytes), "best fit");
                assertEquals(scanMostRoom(room), index.mostRoom(), "most room");
                int host = random.nextInt(hosts);
                room[host] -= bytes;
                index.take(host, bytes);
                assertEquals(room[host], index.room(host));
            }
        }
    }
}
