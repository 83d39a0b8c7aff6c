package io.holdfast.bridge.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a mirror did, by datastore snapshot id.
 *
 * @param refused        snapshots not mirrored, with the reason in a sentence (e.g. which chunk is corrupt)
 * @param sentBySnapshot bytes written to the destination for each snapshot mirrored or repaired
 * @param chunksFound    chunks the destination already had (neither read from the source nor sent)
 */
public record MirrorOutcome(List<String> mirrored, List<String> alreadyThere, List<String> repaired, Map<String, String> refused,
                            Map<String, Long> sentBySnapshot, long chunksSent, long bytesSent, long chunksFound, boolean rekeyed,
                            Duration duration) {

    public MirrorOutcome {
        mirrored = List.copyOf(mirrored);
        alreadyThere = List.copyOf(alreadyThere);
        repaired = List.copyOf(repaired);
        refused = Map.copyOf(refused);
        sentBySnapshot = Map.copyOf(sentBySnapshot);
    }
}
