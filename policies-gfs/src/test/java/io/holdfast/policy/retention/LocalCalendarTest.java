package io.holdfast.policy.retention;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast bucket walk gives exactly the buckets of {@link Tier#id(ZonedDateTime)}, in zones with and without DST. */
class LocalCalendarTest {

    private static final Tier[] ALL = Tier.values();
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
            "Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago", "Africa/Casablanca");

    @Test
    void everyInstantFallsInTheBucketsOfItsZonedDateTime() {
        Random random = new Random(20261130);
        for (String name : ZONES) {
            ZoneId zone = ZoneId.of(name);
            List<Instant> instants = new ArrayList<>();
            Instant start = Instant.parse("2023-01-01T00:00:00Z");
            for (int i = 0; i < 10_000; i++) {
                instants.add(start.plusSeconds(random.nextLong(4L * 365 * 86_400)));
            }
            // every transition of those years, and the seconds around it
            for (var t : zone.getRules().getTransitions()) {
                if (t.getInstant().isAfter(start)) {
                    for (int d = -2; d <= 2; d++) {
                        instants.add(t.getInstant().plusSeconds(d));
                    }
                }
            }
            for (Instant t = start; t.isBefore(start.plusSeconds(4L * 365 * 86_400)); t = t.plusSeconds(3 * 3600 + 1)) {
                instants.add(t);
            }
            check(zone, instants);                                          // any order
            instants.sort(Comparator.reverseOrder());
            check(zone, instants);                                          // newest first, as retention walks
        }
    }

    private static void check(ZoneId zone, List<Instant> instants) {
        LocalCalendar calendar = new LocalCalendar(zone);
        for (Instant i : instants) {
            long[] fast = calendar.buckets(i, ALL);
            ZonedDateTime at = i.atZone(zone);
            for (int t = 0; t < ALL.length; t++) {
                assertThat(fast[t]).as("%s %s at %s (%s)", ALL[t], zone, i, at).isEqualTo(ALL[t].id(at));
            }
        }
    }
}
